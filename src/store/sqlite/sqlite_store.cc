#include "store/sqlite/sqlite_store.h"

#include <memory>
#include <string>
#include <utility>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_internal.h"

namespace palabre::store::sqlite {

namespace {

// A pragma line with an integer value; pragmas take no bound parameters.
std::string Pragma(std::string_view name, std::int64_t value) {
  return "PRAGMA " + std::string(name) + " = " + std::to_string(value);
}

Status Configure(Db& db, const SqliteOptions& opts, bool writer) {
  // busy_timeout first: setting WAL mode needs a lock another process may hold.
  PALABRE_RETURN_IF_ERROR(db.Exec(Pragma("busy_timeout", opts.busy_timeout_ms).c_str()));
  PALABRE_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  PALABRE_RETURN_IF_ERROR(db.Exec(Pragma("cache_size", -opts.cache_size_kib).c_str()));
  PALABRE_RETURN_IF_ERROR(db.Exec("PRAGMA temp_store = MEMORY"));
  PALABRE_RETURN_IF_ERROR(db.Exec(opts.synchronous == SqliteOptions::Synchronous::kFull
                                      ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL"));
  if (writer) {
    // WAL mode is a property of the file; the writer sets it once for every connection.
    Result<std::string> mode = db.QueryText("PRAGMA journal_mode = WAL");
    if (!mode.ok()) return mode.status();
    if (*mode != "wal") {
      return Status(Error::kInternal, "could not switch to WAL mode (journal_mode " + *mode + ")");
    }
    // Truncate the WAL back to 64 MiB after checkpoints, so one burst does not keep it large.
    PALABRE_RETURN_IF_ERROR(db.Exec("PRAGMA journal_size_limit = 67108864"));
  } else {
    PALABRE_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = ON"));
  }
  return Status::Ok();
}

}  // namespace

SqliteStore::ReaderLease SqliteStore::Read() {
  MutexLock lock(readers_mu_);
  reader_freed_.wait(readers_mu_,
                     [this]() REQUIRES(readers_mu_) { return !free_readers_.empty(); });
  Db* db = free_readers_.back();
  free_readers_.pop_back();
  return ReaderLease(this, db);
}

SqliteStore::SqliteStore(std::unique_ptr<Db> writer, std::vector<std::unique_ptr<Db>> readers,
                         std::chrono::milliseconds write_wait)
    : write_wait_(write_wait), writer_(std::move(writer)), readers_(std::move(readers)) {
  for (auto& reader : readers_) free_readers_.push_back(reader.get());
}

// Readers close before the writer (members are destroyed in reverse order); the writer, last
// connection out, checkpoints the WAL into the database file.
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       SqliteOptions opts) {
  if (path.empty() || path == ":memory:") {
    return Status(Error::kInvalidArgument,
                  "SqliteStore needs a file: readers cannot share an in-memory database");
  }
  if (opts.readers < 1 || opts.busy_timeout_ms < 0 || opts.cache_size_kib < 0) {
    return Status(Error::kInvalidArgument, "SqliteOptions: readers >= 1, timeouts and cache >= 0");
  }
  Result<std::unique_ptr<Db>> writer = Db::Open(path, /*create=*/true);
  if (!writer.ok()) return writer.status();
  PALABRE_RETURN_IF_ERROR(Configure(**writer, opts, /*writer=*/true));
  PALABRE_RETURN_IF_ERROR(Migrate(**writer));

  std::vector<std::unique_ptr<Db>> readers;
  for (int i = 0; i < opts.readers; ++i) {
    Result<std::unique_ptr<Db>> reader = Db::Open(path, /*create=*/false);
    if (!reader.ok()) return reader.status();
    PALABRE_RETURN_IF_ERROR(Configure(**reader, opts, /*writer=*/false));
    readers.push_back(std::move(reader).value());
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(writer).value(), std::move(readers),
                      std::chrono::milliseconds(opts.busy_timeout_ms)));
}

Status SqliteStore::Ping() {
  ReaderLease lease = Read();
  return lease.db().Exec("SELECT 1");
}

std::unique_ptr<ChangeFeed> SqliteStore::NewChangeFeed() { return NewSilentChangeFeed(); }

Status SqliteStore::Batch(const std::function<Status()>& body) {
  if (batch_thread_.load() == std::this_thread::get_id()) return body();  // already in one
  if (!write_mu_.try_lock_for(write_wait_)) {
    return Status(Error::kUnavailable, "SQLite: another write held the writer for " +
                                           std::to_string(write_wait_.count()) + " ms");
  }
  TimedMutexLock lock(write_mu_, std::adopt_lock);
  Db& db = *writer_;
  struct Guard {
    Db& db;
    std::atomic<std::thread::id>& owner;
    ~Guard() {
      owner.store(std::thread::id());
      RollbackIfOpen(db);
    }
  } guard{db, batch_thread_};
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginWrite));
  batch_thread_.store(std::this_thread::get_id());
  PALABRE_RETURN_IF_ERROR(body());
  batch_thread_.store(std::thread::id());
  return RunCached(db, sql::kCommit);
}

}  // namespace palabre::store::sqlite
