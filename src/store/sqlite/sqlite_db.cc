#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <cassert>
#include <utility>

namespace palabre::store::sqlite {

Status ToStatus(int rc, sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += sqlite3_errstr(rc);
  if (db != nullptr) {
    const char* detail = sqlite3_errmsg(db);
    if (detail != nullptr && sqlite3_errcode(db) == rc) {
      message += " (";
      message += detail;
      message += ")";
    }
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
      return Status(Error::kUnavailable, std::move(message));
    default:
      return Status(Error::kInternal, std::move(message));
  }
}

// --- Stmt -------------------------------------------------------------------------------------

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_rc_(other.bind_rc_) {}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  // reset's return value repeats the last step's error, which the caller already saw.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void Stmt::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

Stmt& Stmt::BindInt(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Stmt& Stmt::BindText(int index, std::string_view value) {
  // A null data pointer would bind NULL, not ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  NoteBind(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Stmt& Stmt::BindOptionalInt(int index, const std::optional<std::int64_t>& value) {
  return value.has_value() ? BindInt(index, *value) : BindNull(index);
}

Result<bool> Stmt::Step() {
  sqlite3* db = sqlite3_db_handle(stmt_);
  if (bind_rc_ != SQLITE_OK) return ToStatus(bind_rc_, db, "bind");
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Name the statement by its first words only: enough to find it, and no bound values.
  std::string_view sql = sqlite3_sql(stmt_);
  return ToStatus(rc, db, sql.substr(0, 48));
}

Status Stmt::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

void Stmt::Reset() {
  // The return value repeats the last step's error, which the caller already saw.
  sqlite3_reset(stmt_);
}

std::int64_t Stmt::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Stmt::ColumnText(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return std::string();
  int size = sqlite3_column_bytes(stmt_, col);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool Stmt::ColumnIsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::optional<std::int64_t> Stmt::ColumnOptionalInt(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnInt(col);
}

// --- Db ---------------------------------------------------------------------------------------

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = ToStatus(rc, handle, "open " + path);
    sqlite3_close(handle);  // a handle is returned even on failure (or null: a no-op)
    return status;
  }
  sqlite3_extended_result_codes(handle, 1);
  return std::unique_ptr<Db>(new Db(handle));
}

Db::~Db() {
  for (auto& [sql, cached] : cache_) {
    assert(!cached.in_use && "a Stmt outlives its Db");
    sqlite3_finalize(cached.stmt);
  }
  cache_.clear();
  for (auto& [sql, cached] : text_cache_) {
    assert(!cached.in_use && "a Stmt outlives its Db");
    sqlite3_finalize(cached.stmt);
  }
  text_cache_.clear();
  // Every statement is finalized above, so close cannot be refused for busy statements.
  sqlite3_close(db_);
}

Status Db::Exec(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string what = "exec";
  if (error != nullptr) {
    what += " (";
    what += error;
    what += ")";
    sqlite3_free(error);
  }
  return ToStatus(rc, nullptr, what);
}

namespace {

// Prepares `sql` without caching it, steps once and hands the statement to `read`.
template <typename T, typename Read>
Result<T> QueryOne(sqlite3* db, const char* sql, Read read) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return ToStatus(rc, db, "prepare");
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(stmt, &sqlite3_finalize);
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return read(stmt);
  if (rc == SQLITE_DONE) return Status(Error::kInternal, "query returned no row");
  return ToStatus(rc, db, "query");
}

}  // namespace

Result<std::int64_t> Db::QueryInt(const char* sql) {
  return QueryOne<std::int64_t>(
      db_, sql, [](sqlite3_stmt* stmt) -> std::int64_t { return sqlite3_column_int64(stmt, 0); });
}

Result<std::string> Db::QueryText(const char* sql) {
  return QueryOne<std::string>(db_, sql, [](sqlite3_stmt* stmt) -> std::string {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
  });
}

Result<Stmt> Db::Prepare(const char* sql) {
  auto [it, inserted] = cache_.try_emplace(sql);
  Cached& cached = it->second;
  if (inserted) {
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &cached.stmt, nullptr);
    if (rc != SQLITE_OK) {
      cache_.erase(it);
      return ToStatus(rc, db_, "prepare");
    }
  }
  assert(!cached.in_use && "the same statement is borrowed twice at once");
  cached.in_use = true;
  return Stmt(cached.stmt, &cached.in_use);
}

Result<Stmt> Db::PrepareText(const std::string& sql) {
  auto [it, inserted] = text_cache_.try_emplace(sql);
  Cached& cached = it->second;
  if (inserted) {
    int rc = sqlite3_prepare_v3(db_, it->first.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &cached.stmt,
                                nullptr);
    if (rc != SQLITE_OK) {
      text_cache_.erase(it);
      return ToStatus(rc, db_, "prepare");
    }
  }
  assert(!cached.in_use && "the same statement is borrowed twice at once");
  cached.in_use = true;
  return Stmt(cached.stmt, &cached.in_use);
}

std::int64_t Db::Changes() const { return sqlite3_changes64(db_); }

std::int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

bool Db::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace palabre::store::sqlite
