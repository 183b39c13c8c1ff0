// A thin RAII layer over libpq's C API, used by PgStore, its change feed and its tests only.
//
// Conn owns one PGconn. Every statement PgStore runs is a Query, a named constant
// (pg_queries.h) that Conn prepares on first use and remembers by the constant's address, so a
// connection prepares each statement once and the hot path sends only the statement's name
// and parameters. A statement assembled at run time is sent with RunText instead. Parameters and
// results are in text format; a text parameter may not contain a NUL byte (PostgreSQL text cannot
// hold one), which is kInvalidArgument before anything is sent.
//
// Thread-safety: none. A Conn is used by one thread at a time (the pool hands it to one caller).
//
// Failures are Status values, never exceptions. ToStatus() maps a failed call:
// - kUnavailable when the connection is lost or cannot be opened, the server is shutting down,
//   starting up, out of connections or resources, read-only (a standby), or a transaction hit a
//   serialization failure, deadlock or lock timeout: the caller may retry later;
// - kInvalidArgument for data PostgreSQL refuses (invalid UTF-8, NUL byte);
// - kInternal otherwise.
// The SQLSTATE of the last failure is kept (last_sqlstate()) so that callers can tell a
// foreign-key or unique violation apart. Messages carry the statement's name and PostgreSQL's
// primary message, never bound values or the DETAIL field (they may hold comment text or
// e-mails, which must not reach logs).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"

struct pg_conn;
struct pg_result;

namespace palabre::store::pg {

// One SQL statement, prepared once per connection under `name`. Parameters are $1, $2 ...
struct Query {
  const char* name;  // unique among the queries, [a-z0-9_]+
  const char* sql;
};

// Well-known SQLSTATE values.
inline constexpr char kForeignKeyViolation[] = "23503";
inline constexpr char kUniqueViolation[] = "23505";

// Bound parameters, in order ($1, $2 ...), as text.
class Params {
 public:
  Params& Int(std::int64_t value);
  Params& Text(std::string_view value);
  Params& Bool(bool value);
  Params& Null();
  Params& OptionalInt(const std::optional<std::int64_t>& value);

  int size() const { return static_cast<int>(values_.size()); }
  // The value pointers libpq takes (nullptr for NULL); valid while this object is unchanged.
  std::vector<const char*> Pointers() const;
  bool has_nul() const { return has_nul_; }

 private:
  std::vector<std::optional<std::string>> values_;
  bool has_nul_ = false;
};

// {"a","b\"c"}: a text[] literal; every element quoted, '"' and '\' escaped.
std::string TextArray(std::span<const std::string> values);

// The rows of a successful statement. Owns its PGresult. Move-only.
class Rows {
 public:
  explicit Rows(pg_result* result);
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  ~Rows();

  int size() const;
  bool empty() const { return size() == 0; }
  // Rows an INSERT, UPDATE or DELETE changed (0 for other statements).
  std::int64_t affected() const;

  // Rows and columns are 0-based. Precondition: in range. An integer column that does not
  // parse (never for the columns palabre reads) reads as 0.
  bool IsNull(int row, int col) const;
  std::int64_t Int(int row, int col) const;
  std::optional<std::int64_t> OptionalInt(int row, int col) const;
  bool Bool(int row, int col) const;
  std::string Text(int row, int col) const;
  std::string_view View(int row, int col) const;

 private:
  pg_result* result_;
};

class Conn {
 public:
  // Connects with a libpq connection string or URI (blocking, bounded by its connect_timeout).
  // kUnavailable if the server cannot be reached or refuses the connection.
  static Result<std::unique_ptr<Conn>> Connect(const std::string& conninfo);

  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn();

  // Runs `query` (prepared on this connection at first use) with `params`.
  Result<Rows> Run(const Query& query, const Params& params = {});
  // Runs `sql`, built at run time (the moderation queue's filters), with `params`, unprepared:
  // PostgreSQL plans it for these values. `what` names it in failures.
  Result<Rows> RunText(std::string_view what, const std::string& sql, const Params& params);
  // Runs SQL text without parameters through the simple-query protocol: BEGIN, COMMIT, DDL,
  // several statements separated by ';'. Returns the last statement's rows.
  Result<Rows> Exec(const char* sql);
  Status ExecOk(const char* sql) {
    Result<Rows> rows = Exec(sql);
    return rows.ok() ? Status::Ok() : rows.status();
  }

  // Runs `copy_sql` (COPY ... FROM STDIN, text format) and streams the data `next_chunk`
  // appends to its buffer (whole lines), one chunk per call, until it returns false. A failure
  // of `next_chunk` aborts the COPY and is returned.
  Status CopyIn(const char* copy_sql, const std::function<Result<bool>(std::string&)>& next_chunk);

  // Every later call waits at most `timeout` for the server (0: no limit, the default): past it
  // the call fails kUnavailable and the connection is broken (a server that stopped answering,
  // SIGSTOP or a network cut, cannot enforce its own statement_timeout).
  void set_call_timeout(std::chrono::milliseconds timeout) { call_timeout_ = timeout; }
  std::chrono::milliseconds call_timeout() const { return call_timeout_; }

  // Reads whatever the server sent while the connection was idle (a shutdown notice, EOF) and
  // returns false if the connection is gone. Never blocks.
  bool Alive();
  // True once the connection is lost; it is then useless and must be dropped.
  bool broken() const;
  // True once a call gave up waiting for the server (then broken() too): the server is
  // stalled, so trying again on another connection would only wait again.
  bool timed_out() const { return timed_out_; }
  // True while a transaction block is open (or failed and not yet rolled back).
  bool InTransaction() const;
  // The SQLSTATE of the last failed call ("" for none or a lost connection).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // `name` quoted as an SQL identifier ("my schema" -> "\"my schema\"").
  std::string QuoteIdentifier(std::string_view name) const;

  pg_conn* handle() const { return conn_; }

  // Maps a failed call to a Status (see the header comment) and records its SQLSTATE. `result`
  // may be null (libpq could not even build one: out of memory or a lost connection).
  Status ToStatus(const pg_result* result, std::string_view what);

 private:
  explicit Conn(pg_conn* conn) : conn_(conn) {}

  // After a PQsend* call: flushes, then waits (within call_timeout_) for the results and
  // returns the first failed one, else the last one; null if libpq has none (see
  // PQerrorMessage) or on timeout (`timed_out` set, the connection then broken).
  pg_result* Collect(bool& timed_out);
  // Waits for `events` on the socket until `deadline` (none: forever); false on timeout.
  bool WaitSocket(short events, const std::chrono::steady_clock::time_point* deadline) const;
  Status TimedOut(std::string_view what) const;

  pg_conn* conn_;
  std::chrono::milliseconds call_timeout_{0};
  bool timed_out_ = false;
  std::unordered_set<const Query*> prepared_;
  std::string last_sqlstate_;
};

// For long work on one connection (migrations, copies, a migration lock another node holds):
// lifts the call timeout and the session's statement_timeout while it lives, then puts both
// back. Failures to lift or restore break nothing here: the next call reports them.
class UnlimitedCalls {
 public:
  explicit UnlimitedCalls(Conn& conn);
  ~UnlimitedCalls();
  UnlimitedCalls(const UnlimitedCalls&) = delete;
  UnlimitedCalls& operator=(const UnlimitedCalls&) = delete;

 private:
  Conn& conn_;
  std::chrono::milliseconds saved_;
};

// Appends `value` to `out` escaped for COPY's text format (backslash, tab, newline, CR).
void AppendCopyText(std::string& out, std::string_view value);

}  // namespace palabre::store::pg
