// A thin RAII layer over the SQLite C API, used by SqliteStore and its tests only.
//
// Db owns one sqlite3 connection and a cache of its prepared statements, keyed by the address
// of the SQL text: every query is a named constant (sqlite_queries.h), so a pointer identifies
// it and the hot path never hashes or compares strings. A query assembled at run time from a
// fixed set of clauses (the moderation queue's filters) is cached by its text instead
// (PrepareText); there are few such texts, so that cache stays small. Prepare() hands out a
// Stmt, a borrowed
// statement that is reset (bindings cleared, read transaction released) when it goes out of
// scope, so a connection never keeps a stale snapshot open.
//
// Thread-safety: none. A Db and its Stmts are used by one thread at a time; SqliteStore
// guarantees that with its writer mutex and its reader pool. Connections are opened in SQLite's
// multi-thread mode (SQLITE_OPEN_NOMUTEX) for that reason.
//
// Failures are Status values (no exceptions): ToStatus() maps SQLite result codes to
// kUnavailable (busy, locked, I/O, disk full, cannot open: retry later) or kInternal. Messages
// name the statement and SQLite's message, never bound values (they may hold comment text or
// e-mails, which must not reach logs).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace palabre::store::sqlite {

// Maps a SQLite result code (extended codes included) to a Status; `what` says which operation
// failed. Precondition: rc is an error code.
Status ToStatus(int rc, sqlite3* db, std::string_view what);

class Db;

// A prepared statement borrowed from a Db's cache for one execution. Bind* record the first
// binding failure, which Step()/Run() then return. Move-only.
class Stmt {
 public:
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();  // sqlite3_reset + sqlite3_clear_bindings

  // Parameters are 1-based (?1, ?2 ...). Text is copied (SQLITE_TRANSIENT); an empty view binds
  // '' (never NULL).
  Stmt& BindInt(int index, std::int64_t value);
  Stmt& BindText(int index, std::string_view value);
  Stmt& BindNull(int index);
  Stmt& BindOptionalInt(int index, const std::optional<std::int64_t>& value);

  // Advances: true when a row is available, false when done. Errors as ToStatus.
  Result<bool> Step();
  // Steps until done, for statements whose rows (if any) do not matter.
  Status Run();
  // Rewinds the statement so it can be bound and run again; bindings are kept.
  void Reset();

  // Columns are 0-based, valid after Step() returned true.
  std::int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;
  std::optional<std::int64_t> ColumnOptionalInt(int col) const;

 private:
  friend class Db;
  Stmt(sqlite3_stmt* stmt, bool* in_use) : stmt_(stmt), in_use_(in_use) {}
  void NoteBind(int rc);

  sqlite3_stmt* stmt_;  // null once moved from
  bool* in_use_;        // the cache entry's flag, cleared on destruction
  int bind_rc_ = 0;     // SQLITE_OK
};

class Db {
 public:
  // Opens (and with `create`, creates) the database file at `path` in multi-thread mode with
  // extended result codes. kUnavailable if it cannot be opened.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create);

  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();  // finalizes the cached statements, then closes the connection

  // Runs one or more SQL statements that return no rows (pragmas, migrations, BEGIN/COMMIT).
  Status Exec(const char* sql);
  // Run a one-off statement (not cached) and return the first column of its first row
  // (PRAGMA user_version, PRAGMA journal_mode ...). kInternal if it returns no row.
  Result<std::int64_t> QueryInt(const char* sql);
  Result<std::string> QueryText(const char* sql);

  // The cached statement for `sql`, prepared on first use. `sql` must outlive the Db (a named
  // constant): it is the cache key. At most one Stmt per SQL text may be live at a time.
  Result<Stmt> Prepare(const char* sql);
  // The cached statement for the SQL text `sql`, keyed by the text itself: for queries built
  // from a bounded set of clauses. At most one Stmt per text may be live at a time.
  Result<Stmt> PrepareText(const std::string& sql);

  // Rows changed by the last INSERT, UPDATE or DELETE on this connection (not counting rows a
  // foreign key cascade changed).
  std::int64_t Changes() const;
  // Rowid of the last row this connection inserted.
  std::int64_t LastInsertRowId() const;
  // True while a transaction is open on this connection.
  bool InTransaction() const;

  sqlite3* handle() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  sqlite3* db_;
  // Node-based: a Stmt keeps a pointer to its entry's in_use flag across rehashes.
  std::unordered_map<const char*, Cached> cache_;
  std::unordered_map<std::string, Cached> text_cache_;  // PrepareText's, node-based too
};

}  // namespace palabre::store::sqlite
