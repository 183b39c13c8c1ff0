// Pool: a bounded set of PostgreSQL connections shared by PgStore's callers.
//
// Acquire() hands out an idle connection, or opens a new one while fewer than `size` are open,
// or waits (up to `acquire_timeout`) for one to come back. A connection is checked before it
// is handed out (Conn::Alive: reads what the server sent while it was idle, without blocking):
// one that died while idle (the server restarted, a proxy closed it) is dropped and replaced
// by a fresh one, so after an outage the pool reconnects by itself on the next Acquire().
// Every new connection runs `setup` (search_path, session settings) before first use.
//
// A Lease gives its connection back when it goes out of scope. A connection that comes back
// broken is dropped; one that comes back inside a transaction (a caller returned early) is
// rolled back first, and dropped if that fails. Connections are opened lazily; none is kept
// open beyond `size`.
//
// Thread-safety: thread-safe. A Lease and its connection are used by one thread.
// Failures (Acquire): kUnavailable when no connection frees up within acquire_timeout, or when
// a new connection cannot be opened or set up (the server is down: retry later).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/thread_annotations.h"
#include "store/postgres/pg_connection.h"

namespace palabre::store::pg {

struct PoolOptions {
  int size = 8;  // connections at most (>= 1)
  std::chrono::milliseconds acquire_timeout{2500};
  // Each call on a connection waits at most this for the server (Conn::set_call_timeout), and
  // the server cancels statements running longer (statement_timeout); 0: no limit.
  std::chrono::milliseconds statement_timeout{2500};
};

class Pool {
 public:
  using Setup = std::function<Status(Conn&)>;

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}

    Pool* pool_;
    std::unique_ptr<Conn> conn_;  // null once moved from
  };

  // Opens nothing yet. `conninfo` is a libpq connection string or URI.
  Pool(std::string conninfo, PoolOptions options, Setup setup);
  ~Pool();  // Precondition: every Lease has been returned.
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  Result<Lease> Acquire();

  // Connections currently open (idle or leased).
  int open_connections() const;
  // Connections opened since the pool was made (the first ones and every reconnection).
  int connects() const;

 private:
  Result<std::unique_ptr<Conn>> OpenOne();
  void Release(std::unique_ptr<Conn> conn);
  // Forgets a connection slot (the connection was dropped or never opened).
  void FreeSlot();

  const std::string conninfo_;
  const PoolOptions options_;
  const Setup setup_;

  mutable Mutex mu_;
  std::condition_variable_any returned_;  // waits on mu_
  std::vector<std::unique_ptr<Conn>> idle_ GUARDED_BY(mu_);
  int open_ GUARDED_BY(mu_) = 0;  // idle + leased + being opened
  int connects_ GUARDED_BY(mu_) = 0;
};

}  // namespace palabre::store::pg
