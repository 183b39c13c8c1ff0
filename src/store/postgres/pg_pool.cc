#include "store/postgres/pg_pool.h"

#include <utility>

namespace palabre::store::pg {

Pool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}

Pool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_));
}

Pool::Pool(std::string conninfo, PoolOptions options, Setup setup)
    : conninfo_(std::move(conninfo)), options_(options), setup_(std::move(setup)) {}

Pool::~Pool() = default;

int Pool::open_connections() const {
  MutexLock lock(mu_);
  return open_;
}

int Pool::connects() const {
  MutexLock lock(mu_);
  return connects_;
}

Result<std::unique_ptr<Conn>> Pool::OpenOne() {
  Result<std::unique_ptr<Conn>> conn = Conn::Connect(conninfo_);
  if (!conn.ok()) return conn.status();
  if (options_.statement_timeout.count() > 0) {
    (*conn)->set_call_timeout(options_.statement_timeout);
    const std::string set =
        "SET statement_timeout = " + std::to_string(options_.statement_timeout.count());
    Status limited = (*conn)->ExecOk(set.c_str());
    if (!limited.ok()) return Status(Error::kUnavailable, limited.message());
  }
  if (setup_) {
    Status ready = setup_(**conn);
    if (!ready.ok()) {
      // A setup that fails on a live connection is a configuration error, not an outage.
      return (*conn)->broken() ? Status(Error::kUnavailable, ready.message()) : ready;
    }
  }
  MutexLock lock(mu_);
  ++connects_;
  return conn;
}

void Pool::FreeSlot() {
  {
    MutexLock lock(mu_);
    --open_;
  }
  returned_.notify_one();
}

Result<Pool::Lease> Pool::Acquire() {
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  std::unique_ptr<Conn> conn;
  {
    MutexLock lock(mu_);
    bool ready = returned_.wait_until(
        mu_, deadline, [this]() REQUIRES(mu_) { return !idle_.empty() || open_ < options_.size; });
    if (!ready) {
      return Status(Error::kUnavailable, "PostgreSQL: no free connection within " +
                                             std::to_string(options_.acquire_timeout.count()) +
                                             " ms");
    }
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // the slot is ours while we connect, outside the lock
    }
  }
  if (conn != nullptr) {
    if (conn->Alive()) return Lease(this, std::move(conn));
    conn.reset();  // died while idle: its slot goes to a fresh connection
  }
  Result<std::unique_ptr<Conn>> opened = OpenOne();
  if (!opened.ok()) {
    FreeSlot();
    return opened.status();
  }
  return Lease(this, std::move(opened).value());
}

void Pool::Release(std::unique_ptr<Conn> conn) {
  if (!conn->broken() && conn->InTransaction()) {
    // A caller returned in the middle of a transaction: end it before anyone else gets it.
    if (!conn->ExecOk("ROLLBACK").ok()) conn.reset();
  }
  if (conn != nullptr && conn->broken()) conn.reset();
  if (conn == nullptr) {
    FreeSlot();
    return;
  }
  {
    MutexLock lock(mu_);
    idle_.push_back(std::move(conn));
  }
  returned_.notify_one();
}

}  // namespace palabre::store::pg
