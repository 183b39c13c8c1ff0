#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/text/ascii.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_queries.h"

namespace palabre::store::sqlite {

// Declares `Stmt& name`, the statement `query` prepared on `db`, or returns the failure.
#define PALABRE_PREPARE_OR_RETURN(name, db, query) \
  Result<Stmt> name##_or = (db).Prepare(query);    \
  if (!name##_or.ok()) return name##_or.status();  \
  Stmt& name = *name##_or

// Declares `bool name`: whether `stmt` produced a row, or returns the failure.
#define PALABRE_STEP_OR_RETURN(name, stmt)        \
  Result<bool> name##_or = (stmt).Step();         \
  if (!name##_or.ok()) return name##_or.status(); \
  const bool name = *name##_or

namespace {

Status RunCached(Db& db, const char* query) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, query);
  return stmt.Run();
}

// Ends whatever transaction is open on `db`; used on failure paths, where SQLite may already
// have rolled back by itself.
void RollbackIfOpen(Db& db) {
  if (db.InTransaction()) RunCached(db, sql::kRollback).IgnoreError();
}

// --- Rows -------------------------------------------------------------------------------------

std::string JoinOrigins(const std::vector<std::string>& origins) {
  std::string out;
  for (const std::string& origin : origins) {
    if (!out.empty()) out += '\n';
    out += origin;
  }
  return out;
}

std::vector<std::string> SplitOrigins(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    std::size_t end = joined.find('\n');
    out.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return out;
}

Status CheckOrigins(const Site& site) {
  for (const std::string& origin : site.origins) {
    if (origin.empty() || origin.find('\n') != std::string::npos) {
      return Status(Error::kInvalidArgument, "site " + site.id + ": empty origin or newline");
    }
  }
  return Status::Ok();
}

// An empty settings text is kept as "{}" (the server's defaults).
std::string_view SettingsOf(const Site& site) {
  return site.settings.empty() ? std::string_view("{}") : std::string_view(site.settings);
}

// Binds ?1..?9 of kInsertSite / kUpdateSite (created_at is ?8, unused by the update).
void BindSite(Stmt& stmt, const Site& site, bool with_created_at) {
  stmt.BindText(1, site.id)
      .BindText(2, site.name)
      .BindText(3, JoinOrigins(site.origins))
      .BindText(4, site.locale)
      .BindText(5, site.time_zone)
      .BindInt(6, site.auto_create_threads ? 1 : 0)
      .BindText(7, site.salt)
      .BindText(9, SettingsOf(site));
  if (with_created_at) stmt.BindInt(8, site.created_at);
}

Site ReadSite(const Stmt& stmt) {
  Site site;
  site.id = stmt.ColumnText(0);
  site.name = stmt.ColumnText(1);
  site.origins = SplitOrigins(stmt.ColumnText(2));
  site.locale = stmt.ColumnText(3);
  site.time_zone = stmt.ColumnText(4);
  site.auto_create_threads = stmt.ColumnInt(5) != 0;
  site.salt = stmt.ColumnText(6);
  site.created_at = stmt.ColumnInt(7);
  site.settings = stmt.ColumnText(8);
  return site;
}

Thread ReadThread(const Stmt& stmt) {
  Thread thread;
  thread.id = stmt.ColumnInt(0);
  thread.site_id = stmt.ColumnText(1);
  thread.key = stmt.ColumnText(2);
  thread.title = stmt.ColumnText(3);
  thread.body = stmt.ColumnText(4);
  thread.closed = stmt.ColumnInt(5) != 0;
  thread.comment_count = stmt.ColumnInt(6);
  thread.created_at = stmt.ColumnInt(7);
  return thread;
}

Result<Comment> ReadComment(const Stmt& stmt) {
  Comment c;
  c.id = stmt.ColumnInt(0);
  c.thread_id = stmt.ColumnInt(1);
  c.parent_id = stmt.ColumnOptionalInt(2);
  c.root_id = stmt.ColumnInt(3);
  c.depth = static_cast<int>(stmt.ColumnInt(4));
  c.author = stmt.ColumnText(5);
  c.email = stmt.ColumnText(6);
  c.text = stmt.ColumnText(7);
  c.html = stmt.ColumnText(8);
  std::optional<CommentStatus> status = ParseCommentStatus(stmt.ColumnText(9));
  if (!status.has_value()) {
    return Status(Error::kInternal, "comment " + std::to_string(c.id) + ": unknown status");
  }
  c.status = *status;
  c.created_at = stmt.ColumnInt(10);
  c.edited_at = stmt.ColumnOptionalInt(11);
  c.upvotes = stmt.ColumnInt(12);
  c.downvotes = stmt.ColumnInt(13);
  c.edit_token_hash = stmt.ColumnText(14);
  c.client_hash = stmt.ColumnText(15);
  c.source_id = stmt.ColumnText(16);
  c.moderation = stmt.ColumnText(17);
  c.review = stmt.ColumnInt(18) != 0;
  c.risk = RiskOfKey(stmt.ColumnInt(19));
  c.auto_rejected = stmt.ColumnInt(20) != 0;
  return c;
}

// Steps `stmt` to the end, appending every row as a Comment.
Status ReadComments(Stmt& stmt, std::vector<Comment>& out) {
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) return Status::Ok();
    Result<Comment> comment = ReadComment(stmt);
    if (!comment.ok()) return comment.status();
    out.push_back(std::move(comment).value());
  }
}

Result<Comment> SelectComment(Db& db, CommentId id) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectComment);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
  return ReadComment(stmt);
}

Result<Thread> SelectThreadByKey(Db& db, std::string_view site_id, std::string_view key) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectThreadByKey);
  stmt.BindText(1, site_id).BindText(2, key);
  PALABRE_STEP_OR_RETURN(row, stmt);
  // The key may be a reader's URL: only the site goes into the message.
  if (!row) return Status(Error::kUnknownThread, "no such thread in site " + std::string(site_id));
  return ReadThread(stmt);
}

Result<Thread> SelectThreadById(Db& db, ThreadId id) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectThreadById);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
  return ReadThread(stmt);
}

Result<std::optional<CommentId>> SelectImported(Db& db, std::string_view site_id,
                                                std::string_view source_id) {
  if (source_id.empty()) return std::optional<CommentId>();
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kFindImported);
  stmt.BindText(1, site_id).BindText(2, source_id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return std::optional<CommentId>();
  return std::optional<CommentId>(stmt.ColumnInt(0));
}

Status AddToCommentCount(Db& db, ThreadId thread, std::int64_t delta) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kAddToCommentCount);
  stmt.BindInt(1, thread).BindInt(2, delta);
  return stmt.Run();
}

bool NeedsFill(const Thread& stored, const Thread& given) {
  return (stored.title.empty() && !given.title.empty()) ||
         (stored.body.empty() && !given.body.empty());
}

int Published(CommentStatus status) { return status == CommentStatus::kPublished ? 1 : 0; }

// Changes a comment's status and keeps its thread's count exact (SetCommentStatus,
// ModerateComment).
Status ChangeStatus(Db& db, CommentId id, CommentStatus status) {
  ThreadId thread = 0;
  CommentStatus old_status;
  {
    PALABRE_PREPARE_OR_RETURN(place, db, sql::kSelectCommentPlace);
    place.BindInt(1, id);
    PALABRE_STEP_OR_RETURN(found, place);
    if (!found) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    thread = place.ColumnInt(0);
    std::optional<CommentStatus> parsed = ParseCommentStatus(place.ColumnText(3));
    if (!parsed.has_value()) {
      return Status(Error::kInternal, "comment " + std::to_string(id) + ": unknown status");
    }
    old_status = *parsed;
  }
  if (old_status == status) return Status::Ok();
  {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetCommentStatus);
    update.BindInt(1, id).BindText(2, ToString(status));
    PALABRE_RETURN_IF_ERROR(update.Run());
  }
  int delta = Published(status) - Published(old_status);
  if (delta != 0) PALABRE_RETURN_IF_ERROR(AddToCommentCount(db, thread, delta));
  return Status::Ok();
}

// "[1,2,3]": the roots as a JSON array for json_each().
std::string JsonIds(std::span<const CommentId> ids) {
  std::string out = "[";
  for (CommentId id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += ']';
  return out;
}

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

// --- Connections ------------------------------------------------------------------------------

class SqliteStore::ReaderLease {
 public:
  ReaderLease(SqliteStore* store, Db* db) : store_(store), db_(db) {}
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ~ReaderLease() {
    // A failed multi-statement read may leave its transaction open; never pool a stale snapshot.
    RollbackIfOpen(*db_);
    {
      std::lock_guard<std::mutex> lock(store_->readers_mu_);
      store_->free_readers_.push_back(db_);
    }
    store_->reader_freed_.notify_one();
  }
  Db& db() { return *db_; }

 private:
  SqliteStore* store_;
  Db* db_;
};

SqliteStore::ReaderLease SqliteStore::Read() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  reader_freed_.wait(lock, [this] { return !free_readers_.empty(); });
  Db* db = free_readers_.back();
  free_readers_.pop_back();
  return ReaderLease(this, db);
}

template <typename Body>
auto SqliteStore::Write(Body&& body) -> decltype(body(std::declval<Db&>())) {
  std::unique_lock<std::timed_mutex> lock(write_mu_, std::defer_lock);
  if (!lock.try_lock_for(write_wait_)) {
    return Status(Error::kUnavailable, "SQLite: another write held the writer for " +
                                           std::to_string(write_wait_.count()) + " ms");
  }
  Db& db = *writer_;
  // Whatever way this scope is left (failure, failed commit, even an exception such as
  // bad_alloc), the writer is not left inside a transaction.
  struct RollbackGuard {
    Db& db;
    ~RollbackGuard() { RollbackIfOpen(db); }
  } guard{db};
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginWrite));
  auto result = body(db);
  if (!result.ok()) return result;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return result;
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

// --- Sites ------------------------------------------------------------------------------------

Status SqliteStore::CreateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return Write([&](Db& db) -> Status {
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kSiteExists);
      exists.BindText(1, site.id);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (found) return Status(Error::kSiteExists, "site " + site.id);
    }
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertSite);
    BindSite(insert, site, /*with_created_at=*/true);
    return insert.Run();
  });
}

Status SqliteStore::UpdateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kUpdateSite);
    BindSite(update, site, /*with_created_at=*/false);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownSite, "site " + site.id);
    return Status::Ok();
  });
}

Status SqliteStore::Ping() {
  ReaderLease lease = Read();
  return lease.db().Exec("SELECT 1");
}

Result<Site> SqliteStore::GetSite(std::string_view id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSite);
  stmt.BindText(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownSite, "site " + std::string(id));
  return ReadSite(stmt);
}

Result<std::vector<Site>> SqliteStore::ListSites() {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSites);
  std::vector<Site> sites;
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    sites.push_back(ReadSite(stmt));
  }
  return sites;
}

Status SqliteStore::RemoveSite(std::string_view id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSite);
    remove.BindText(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownSite, "site " + std::string(id));
    return Status::Ok();
  });
}

// --- Threads ----------------------------------------------------------------------------------

Result<Thread> SqliteStore::GetThread(std::string_view site_id, std::string_view key) {
  ReaderLease lease = Read();
  return SelectThreadByKey(lease.db(), site_id, key);
}

Result<Thread> SqliteStore::GetThreadById(ThreadId id) {
  ReaderLease lease = Read();
  return SelectThreadById(lease.db(), id);
}

Result<Thread> SqliteStore::EnsureThread(const Thread& thread) {
  // Most calls find the thread complete: answer them from a reader, without the write lock.
  {
    Result<Thread> found = GetThread(thread.site_id, thread.key);
    if (found.ok() && !NeedsFill(*found, thread)) return found;
    if (!found.ok() && found.error() != Error::kUnknownThread) return found;
  }
  return Write([&](Db& db) -> Result<Thread> {
    Result<Thread> found = SelectThreadByKey(db, thread.site_id, thread.key);
    if (found.ok()) {
      if (!NeedsFill(*found, thread)) return found;
      PALABRE_PREPARE_OR_RETURN(fill, db, sql::kFillThread);
      fill.BindInt(1, found->id).BindText(2, thread.title).BindText(3, thread.body);
      PALABRE_RETURN_IF_ERROR(fill.Run());
      return SelectThreadById(db, found->id);
    }
    if (found.error() != Error::kUnknownThread) return found;
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kSiteExists);
      exists.BindText(1, thread.site_id);
      PALABRE_STEP_OR_RETURN(site_found, exists);
      if (!site_found) return Status(Error::kUnknownSite, "site " + thread.site_id);
    }
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertThread);
    insert.BindText(1, thread.site_id)
        .BindText(2, thread.key)
        .BindText(3, thread.title)
        .BindText(4, thread.body)
        .BindInt(5, thread.closed ? 1 : 0)
        .BindInt(6, thread.created_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    Thread created = thread;
    created.id = db.LastInsertRowId();
    created.comment_count = 0;
    return created;
  });
}

Status SqliteStore::SetThreadClosed(ThreadId id, bool closed) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetThreadClosed);
    update.BindInt(1, id).BindInt(2, closed ? 1 : 0);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetThreadTitle(ThreadId id, std::string_view title) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetThreadTitle);
    update.BindInt(1, id).BindText(2, title);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::vector<ThreadCount>> SqliteStore::CountComments(std::string_view site_id,
                                                            std::span<const std::string> keys) {
  std::vector<ThreadCount> counts;
  if (keys.empty()) return counts;
  ReaderLease lease = Read();
  Db& db = lease.db();
  // One snapshot for all keys (the lease rolls it back if a step fails).
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  {
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kCountComments);
    for (const std::string& key : keys) {
      stmt.BindText(1, site_id).BindText(2, key);
      Result<bool> row = stmt.Step();
      if (!row.ok()) return row.status();
      if (*row) counts.push_back(ThreadCount{key, stmt.ColumnInt(0)});
      stmt.Reset();  // (site_id, key) is unique: no second row
    }
  }
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return counts;
}

// --- Comments ---------------------------------------------------------------------------------

Result<Comment> SqliteStore::InsertComment(const Comment& comment) {
  return Write([&](Db& db) -> Result<Comment> {
    Comment stored = comment;
    std::string site_id;
    {
      PALABRE_PREPARE_OR_RETURN(thread, db, sql::kSelectThreadSite);
      thread.BindInt(1, comment.thread_id);
      PALABRE_STEP_OR_RETURN(found, thread);
      if (!found) {
        return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
      }
      site_id = thread.ColumnText(0);
    }
    if (comment.parent_id.has_value()) {
      PALABRE_PREPARE_OR_RETURN(parent, db, sql::kSelectCommentPlace);
      parent.BindInt(1, *comment.parent_id);
      PALABRE_STEP_OR_RETURN(found, parent);
      if (!found || parent.ColumnInt(0) != comment.thread_id) {
        return Status(Error::kUnknownParent, "comment " + std::to_string(*comment.parent_id) +
                                                 " is not in thread " +
                                                 std::to_string(comment.thread_id));
      }
      stored.root_id = parent.ColumnInt(1);
      stored.depth = static_cast<int>(parent.ColumnInt(2)) + 1;
    }
    if (!comment.source_id.empty()) {
      Result<std::optional<CommentId>> imported = SelectImported(db, site_id, comment.source_id);
      if (!imported.ok()) return imported.status();
      if (imported->has_value()) {
        return Status(Error::kDuplicateImport,
                      "already imported as comment " + std::to_string(**imported));
      }
    }
    {
      PALABRE_PREPARE_OR_RETURN(next, db, sql::kNextCommentId);
      PALABRE_STEP_OR_RETURN(row, next);
      if (!row) return Status(Error::kInternal, "no next comment id");
      stored.id = next.ColumnInt(0);
    }
    if (!comment.parent_id.has_value()) {
      stored.root_id = stored.id;
      stored.depth = 0;
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertComment);
      insert.BindInt(1, stored.id)
          .BindInt(2, stored.thread_id)
          .BindText(3, site_id)
          .BindOptionalInt(4, stored.parent_id)
          .BindInt(5, stored.root_id)
          .BindInt(6, stored.depth)
          .BindText(7, stored.author)
          .BindText(8, stored.email)
          .BindText(9, stored.text)
          .BindText(10, stored.html)
          .BindText(11, ToString(stored.status))
          .BindInt(12, stored.created_at)
          .BindOptionalInt(13, stored.edited_at)
          .BindInt(14, stored.upvotes)
          .BindInt(15, stored.downvotes)
          .BindText(16, stored.edit_token_hash)
          .BindText(17, stored.client_hash)
          .BindText(18, stored.source_id)
          .BindText(19, stored.moderation)
          .BindInt(20, stored.review ? 1 : 0)
          .BindInt(21, RiskKey(stored.risk))
          .BindInt(22, stored.auto_rejected ? 1 : 0);
      PALABRE_RETURN_IF_ERROR(insert.Run());
      stored.risk = RiskOfKey(RiskKey(stored.risk));
    }
    if (stored.status == CommentStatus::kPublished) {
      PALABRE_RETURN_IF_ERROR(AddToCommentCount(db, stored.thread_id, 1));
    }
    return stored;
  });
}

Result<Comment> SqliteStore::GetComment(CommentId id) {
  ReaderLease lease = Read();
  return SelectComment(lease.db(), id);
}

Status SqliteStore::UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                      TimestampMs edited_at) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kUpdateCommentText);
    update.BindInt(1, id).BindText(2, text).BindText(3, html).BindInt(4, edited_at);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetCommentStatus(CommentId id, CommentStatus status) {
  return Write([&](Db& db) { return ChangeStatus(db, id, status); });
}

Status SqliteStore::SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                         double risk) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetCommentModeration);
    update.BindInt(1, id)
        .BindText(2, moderation)
        .BindInt(3, review ? 1 : 0)
        .BindInt(4, RiskKey(risk));
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Result<TopLevelPage> SqliteStore::ListTopLevel(ThreadId thread, Sort sort,
                                               std::optional<PageCursor> after, int limit) {
  if (limit < 1) return Status(Error::kInvalidArgument, "page limit must be at least 1");
  const char* query = nullptr;
  switch (sort) {
    case Sort::kOldest:
      query = after.has_value() ? sql::kListTopOldestAfter : sql::kListTopOldest;
      break;
    case Sort::kNewest:
      query = after.has_value() ? sql::kListTopNewestAfter : sql::kListTopNewest;
      break;
    case Sort::kBest:
      query = after.has_value() ? sql::kListTopBestAfter : sql::kListTopBest;
      break;
  }
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), query);
  stmt.BindInt(1, thread);
  if (after.has_value()) stmt.BindInt(2, after->key).BindInt(3, after->id);
  // One row more than the page tells whether another page follows.
  stmt.BindInt(4, static_cast<std::int64_t>(limit) + 1);
  TopLevelPage page;
  // Capped: a caller's huge limit must not become a huge allocation before any row is read.
  page.comments.reserve(std::min<std::size_t>(static_cast<std::size_t>(limit) + 1, 128));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, page.comments));
  if (page.comments.size() > static_cast<std::size_t>(limit)) {
    page.comments.pop_back();
    const Comment& last = page.comments.back();
    page.next = PageCursor{sort == Sort::kBest ? last.score() : last.created_at, last.id};
  }
  return page;
}

Result<std::vector<Comment>> SqliteStore::ListReplies(ThreadId thread,
                                                      std::span<const CommentId> roots) {
  std::vector<Comment> replies;
  if (roots.empty()) return replies;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListReplies);
  stmt.BindInt(1, thread).BindText(2, JsonIds(roots));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, replies));
  return replies;
}

Result<std::vector<Comment>> SqliteStore::ListRecentComments(std::string_view site_id,
                                                             TimestampMs since, int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListRecent);
  stmt.BindText(1, site_id).BindInt(2, since).BindInt(3, limit);
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::optional<CommentId>> SqliteStore::FindImported(std::string_view site_id,
                                                           std::string_view source_id) {
  ReaderLease lease = Read();
  return SelectImported(lease.db(), site_id, source_id);
}

// --- Votes ------------------------------------------------------------------------------------

Result<Comment> SqliteStore::Vote(CommentId id, std::string_view voter_hash,
                                  std::string_view token_hash, int direction, TimestampMs at) {
  if (direction < -1 || direction > 1) {
    return Status(Error::kInvalidArgument, "vote direction must be -1, 0 or +1");
  }
  if (voter_hash.empty()) return Status(Error::kInvalidArgument, "a vote needs its voter's hash");
  return Write([&](Db& db) -> Result<Comment> {
    {
      PALABRE_PREPARE_OR_RETURN(place, db, sql::kSelectCommentPlace);
      place.BindInt(1, id);
      PALABRE_STEP_OR_RETURN(found, place);
      if (!found) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    }
    // The voter's standing votes on this comment (by client or by browser; two at most).
    std::int64_t up = 0;
    std::int64_t down = 0;
    bool all_same = true;
    int standing = 0;
    {
      PALABRE_PREPARE_OR_RETURN(select, db, sql::kSelectVotes);
      select.BindInt(1, id).BindText(2, voter_hash).BindText(3, token_hash);
      while (true) {
        PALABRE_STEP_OR_RETURN(row, select);
        if (!row) break;
        const std::int64_t previous = select.ColumnInt(0);
        ++standing;
        all_same = all_same && previous == direction;
        up -= previous == 1 ? 1 : 0;  // taken back
        down -= previous == -1 ? 1 : 0;
      }
    }
    if (direction != 0 && standing > 0 && all_same) {
      return Status(Error::kAlreadyVoted, "comment " + std::to_string(id));
    }
    if (standing > 0) {
      PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteVotes);
      remove.BindInt(1, id).BindText(2, voter_hash).BindText(3, token_hash);
      PALABRE_RETURN_IF_ERROR(remove.Run());
    }
    if (direction != 0) {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertVote);
      insert.BindInt(1, id)
          .BindText(2, voter_hash)
          .BindText(3, token_hash)
          .BindInt(4, direction)
          .BindInt(5, at);
      PALABRE_RETURN_IF_ERROR(insert.Run());
      up += direction == 1 ? 1 : 0;
      down += direction == -1 ? 1 : 0;
    }
    if (up != 0 || down != 0) {
      PALABRE_PREPARE_OR_RETURN(add, db, sql::kAddVotes);
      add.BindInt(1, id).BindInt(2, up).BindInt(3, down);
      PALABRE_RETURN_IF_ERROR(add.Run());
    }
    return SelectComment(db, id);
  });
}

namespace {

// Reads a kRecentVotes / kRecentReports row.
Result<RecentActions> ReadRecent(Stmt& stmt) {
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kInternal, "no count");
  return RecentActions{stmt.ColumnInt(0), stmt.ColumnInt(1)};
}

}  // namespace

Result<RecentActions> SqliteStore::RecentVotes(std::string_view voter_hash, TimestampMs since) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kRecentVotes);
  stmt.BindText(1, voter_hash).BindInt(2, since);
  return ReadRecent(stmt);
}

// --- Issue 6: helpers -------------------------------------------------------------------------

namespace {

constexpr int kMaxQueryLimit = 500;

// ASCII lower case: e-mails are compared this way in both backends (SQLite's lower() folds
// ASCII only).

// `s` with LIKE's wildcards (% _) and the escape character (\) escaped by '\'.
std::string LikeEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// ["a","b"]: the strings as a JSON array for json_each().
std::string JsonStrings(std::span<const std::string> values) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : v) {
      auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += ch;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

Result<User> ReadUser(const Stmt& stmt) {
  User user;
  user.id = stmt.ColumnInt(0);
  user.email = stmt.ColumnText(1);
  user.password_hash = stmt.ColumnText(2);
  user.failed_logins = static_cast<int>(stmt.ColumnInt(3));
  user.locked_until = stmt.ColumnInt(4);
  user.created_at = stmt.ColumnInt(5);
  return user;
}

Result<Membership> ReadMembership(const Stmt& stmt) {
  std::optional<Role> role = ParseRole(stmt.ColumnText(2));
  if (!role.has_value()) return Status(Error::kInternal, "membership: unknown role");
  return Membership{stmt.ColumnText(1), *role};
}

Result<User> SelectUserWith(Db& db, const char* query, const std::function<void(Stmt&)>& bind,
                            std::string_view what) {
  User user;
  {
    PALABRE_PREPARE_OR_RETURN(stmt, db, query);
    bind(stmt);
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) return Status(Error::kUnknownUser, std::string(what));
    Result<User> read = ReadUser(stmt);
    if (!read.ok()) return read.status();
    user = std::move(read).value();
  }
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectMemberships);
  stmt.BindInt(1, user.id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<Membership> membership = ReadMembership(stmt);
    if (!membership.ok()) return membership.status();
    user.memberships.push_back(std::move(membership).value());
  }
  return user;
}

Status CheckUserExists(Db& db, UserId id) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kUserExists);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(found, stmt);
  if (!found) return Status(Error::kUnknownUser, "user " + std::to_string(id));
  return Status::Ok();
}

Status CheckSiteExists(Db& db, std::string_view site_id) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSiteExists);
  stmt.BindText(1, site_id);
  PALABRE_STEP_OR_RETURN(found, stmt);
  if (!found) return Status(Error::kUnknownSite, "site " + std::string(site_id));
  return Status::Ok();
}

Status UpsertMembership(Db& db, UserId id, const Membership& membership) {
  PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, membership.site_id));
  PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kUpsertMembership);
  stmt.BindInt(1, id).BindText(2, membership.site_id).BindText(3, ToString(membership.role));
  return stmt.Run();
}

Session ReadSession(const Stmt& stmt) {
  Session session;
  session.token_hash = stmt.ColumnText(0);
  session.user_id = stmt.ColumnInt(1);
  session.csrf_token = stmt.ColumnText(2);
  session.created_at = stmt.ColumnInt(3);
  session.expires_at = stmt.ColumnInt(4);
  return session;
}

Result<Report> ReadReport(const Stmt& stmt) {
  Report report;
  report.id = stmt.ColumnInt(0);
  report.comment_id = stmt.ColumnInt(1);
  std::optional<ReportReason> reason = ParseReportReason(stmt.ColumnText(2));
  if (!reason.has_value()) return Status(Error::kInternal, "report: unknown reason");
  report.reason = *reason;
  report.note = stmt.ColumnText(3);
  report.reporter_hash = stmt.ColumnText(4);
  report.created_at = stmt.ColumnInt(5);
  report.resolved = stmt.ColumnInt(6) != 0;
  report.range_hash = stmt.ColumnText(7);
  report.token_hash = stmt.ColumnText(8);
  std::optional<ReportOutcome> outcome = ParseReportOutcome(stmt.ColumnText(9));
  if (!outcome.has_value()) return Status(Error::kInternal, "report: unknown outcome");
  report.outcome = *outcome;
  report.burst = stmt.ColumnInt(10) != 0;
  return report;
}

ApiKey ReadApiKey(const Stmt& stmt) {
  ApiKey key;
  key.id = stmt.ColumnInt(0);
  key.site_id = stmt.ColumnText(1);
  key.name = stmt.ColumnText(2);
  key.key_hash = stmt.ColumnText(3);
  key.hint = stmt.ColumnText(4);
  key.per_minute = static_cast<int>(stmt.ColumnInt(5));
  key.created_at = stmt.ColumnInt(6);
  return key;
}

Ban ReadBan(const Stmt& stmt) {
  Ban ban;
  ban.id = stmt.ColumnInt(0);
  ban.site_id = stmt.ColumnText(1);
  ban.author_folded = stmt.ColumnText(2);
  ban.client_hash = stmt.ColumnText(3);
  ban.email_hash = stmt.ColumnText(4);
  ban.reason = stmt.ColumnText(5);
  ban.created_by = stmt.ColumnInt(6);
  ban.created_at = stmt.ColumnInt(7);
  ban.expires_at = stmt.ColumnInt(8);
  return ban;
}

AuditEntry ReadAudit(const Stmt& stmt) {
  AuditEntry entry;
  entry.id = stmt.ColumnInt(0);
  entry.site_id = stmt.ColumnText(1);
  entry.user_id = stmt.ColumnInt(2);
  entry.user_email = stmt.ColumnText(3);
  entry.action = stmt.ColumnText(4);
  entry.comment_id = stmt.ColumnOptionalInt(5);
  entry.reason = stmt.ColumnText(6);
  entry.detail = stmt.ColumnText(7);
  entry.response_ms = stmt.ColumnInt(8);
  entry.at = stmt.ColumnInt(9);
  return entry;
}

}  // namespace

// --- Users ------------------------------------------------------------------------------------

Result<User> SqliteStore::CreateUser(const User& user) {
  User stored = user;
  stored.email = text::AsciiLower(user.email);
  std::sort(stored.memberships.begin(), stored.memberships.end(),
            [](const Membership& a, const Membership& b) { return a.site_id < b.site_id; });
  return Write([&](Db& db) -> Result<User> {
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kUserEmailExists);
      exists.BindText(1, stored.email);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (found) return Status(Error::kUserExists, "a user has this e-mail");
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertUser);
      insert.BindText(1, stored.email)
          .BindText(2, stored.password_hash)
          .BindInt(3, stored.failed_logins)
          .BindInt(4, stored.locked_until)
          .BindInt(5, stored.created_at);
      PALABRE_RETURN_IF_ERROR(insert.Run());
    }
    stored.id = db.LastInsertRowId();
    for (const Membership& membership : stored.memberships) {
      PALABRE_RETURN_IF_ERROR(UpsertMembership(db, stored.id, membership));
    }
    // Given twice, a site keeps its last role; read back what was stored.
    return SelectUserWith(
        db, sql::kSelectUser, [&](Stmt& s) { s.BindInt(1, stored.id); },
        "user " + std::to_string(stored.id));
  });
}

Result<User> SqliteStore::GetUser(UserId id) {
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));  // user and memberships, one snapshot
  Result<User> user = SelectUserWith(
      db, sql::kSelectUser, [&](Stmt& s) { s.BindInt(1, id); }, "user " + std::to_string(id));
  if (!user.ok()) return user;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return user;
}

Result<User> SqliteStore::GetUserByEmail(std::string_view email) {
  const std::string lowered = text::AsciiLower(email);
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  Result<User> user = SelectUserWith(
      db, sql::kSelectUserByEmail, [&](Stmt& s) { s.BindText(1, lowered); }, "no such e-mail");
  if (!user.ok()) return user;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return user;
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  std::vector<User> users;
  {
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectUsers);
    while (true) {
      PALABRE_STEP_OR_RETURN(row, stmt);
      if (!row) break;
      Result<User> user = ReadUser(stmt);
      if (!user.ok()) return user.status();
      users.push_back(std::move(user).value());
    }
  }
  {
    std::unordered_map<UserId, User*> by_id;
    for (User& user : users) by_id[user.id] = &user;
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectAllMemberships);
    while (true) {
      PALABRE_STEP_OR_RETURN(row, stmt);
      if (!row) break;
      auto it = by_id.find(stmt.ColumnInt(0));
      if (it == by_id.end()) continue;
      Result<Membership> membership = ReadMembership(stmt);
      if (!membership.ok()) return membership.status();
      it->second->memberships.push_back(std::move(membership).value());
    }
  }
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return users;
}

Status SqliteStore::RemoveUser(UserId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteUser);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetPassword(UserId id, std::string_view password_hash) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetPassword);
    update.BindInt(1, id).BindText(2, password_hash);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    PALABRE_PREPARE_OR_RETURN(end_sessions, db, sql::kDeleteUserSessions);
    end_sessions.BindInt(1, id);
    return end_sessions.Run();
  });
}

Status SqliteStore::SetMembership(UserId id, const Membership& membership) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, id));
    return UpsertMembership(db, id, membership);
  });
}

Status SqliteStore::RemoveMembership(UserId id, std::string_view site_id) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, id));
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteMembership);
    remove.BindInt(1, id).BindText(2, site_id);
    return remove.Run();
  });
}

Status SqliteStore::SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetLoginState);
    update.BindInt(1, id).BindInt(2, failed_logins).BindInt(3, locked_until);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

// --- Sessions ---------------------------------------------------------------------------------

Status SqliteStore::CreateSession(const Session& session) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, session.user_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertSession);
    insert.BindText(1, session.token_hash)
        .BindInt(2, session.user_id)
        .BindText(3, session.csrf_token)
        .BindInt(4, session.created_at)
        .BindInt(5, session.expires_at);
    return insert.Run();
  });
}

Result<Session> SqliteStore::GetSession(std::string_view token_hash, TimestampMs now) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSession);
  stmt.BindText(1, token_hash).BindInt(2, now);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnauthorized, "no such session, or expired");
  return ReadSession(stmt);
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSession);
    remove.BindText(1, token_hash);
    return remove.Run();
  });
}

Result<std::int64_t> SqliteStore::DeleteExpiredSessions(TimestampMs now) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteExpiredSessions);
    remove.BindInt(1, now);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return db.Changes();
  });
}

// --- Moderation -------------------------------------------------------------------------------

Result<CommentPage> SqliteStore::QueryComments(const CommentQuery& query) {
  if (query.site_ids.empty()) {
    return Status(Error::kInvalidArgument, "comment query without sites");
  }
  const int limit = std::clamp(query.limit, 1, kMaxQueryLimit);
  std::string text = sql::kQueueSelect;
  if (query.status.has_value()) text += sql::kQueueStatus;
  if (query.auto_rejected.has_value()) text += sql::kQueueAutoRejected;
  if (query.thread_id.has_value()) text += sql::kQueueThread;
  if (query.reported_only) text += sql::kQueueReported;
  if (!query.reason_code.empty()) text += sql::kQueueReason;
  if (!query.text_contains.empty()) text += sql::kQueueText;
  if (!query.author.empty()) text += sql::kQueueAuthor;
  if (query.review_only) text += sql::kQueueReview;
  if (query.by_risk) {
    if (query.after.has_value()) text += sql::kQueueAfterRisk;
    text += sql::kQueueOrderRisk;
  } else {
    if (query.after.has_value()) {
      text += query.newest_first ? sql::kQueueAfterNewest : sql::kQueueAfterOldest;
    }
    text += query.newest_first ? sql::kQueueOrderNewest : sql::kQueueOrderOldest;
  }

  ReaderLease lease = Read();
  Result<Stmt> stmt_or = lease.db().PrepareText(text);
  if (!stmt_or.ok()) return stmt_or.status();
  Stmt& stmt = *stmt_or;
  stmt.BindText(1, JsonStrings(query.site_ids));
  if (query.status.has_value()) stmt.BindText(2, ToString(*query.status));
  if (query.auto_rejected.has_value()) stmt.BindInt(10, *query.auto_rejected ? 1 : 0);
  if (query.thread_id.has_value()) stmt.BindInt(3, *query.thread_id);
  if (!query.reason_code.empty()) {
    stmt.BindText(4, "%\"code\":\"" + LikeEscape(query.reason_code) + "\"%");
  }
  if (!query.text_contains.empty()) stmt.BindText(5, "%" + LikeEscape(query.text_contains) + "%");
  if (!query.author.empty()) stmt.BindText(6, query.author);
  if (query.after.has_value()) stmt.BindInt(7, query.after->key).BindInt(8, query.after->id);
  stmt.BindInt(9, static_cast<std::int64_t>(limit) + 1);

  CommentPage page;
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<Comment> comment = ReadComment(stmt);
    if (!comment.ok()) return comment.status();
    comment->open_reports = stmt.ColumnInt(21);
    page.comments.push_back(std::move(comment).value());
  }
  if (page.comments.size() > static_cast<std::size_t>(limit)) {
    page.comments.pop_back();
    const Comment& last = page.comments.back();
    page.next = PageCursor{query.by_risk ? RiskKey(last.risk) : last.created_at, last.id};
  }
  return page;
}

Status SqliteStore::ModerateComment(CommentId id, CommentStatus status) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(ChangeStatus(db, id, status));
    {
      PALABRE_PREPARE_OR_RETURN(clear, db, sql::kClearReview);
      clear.BindInt(1, id);
      PALABRE_RETURN_IF_ERROR(clear.Run());
    }
    PALABRE_PREPARE_OR_RETURN(resolve, db, sql::kResolveReports);
    resolve.BindInt(1, id).BindText(
        2, ToString(status == CommentStatus::kPublished ? ReportOutcome::kDismissed
                                                        : ReportOutcome::kUpheld));
    return resolve.Run();
  });
}

Result<AuthorHistory> SqliteStore::GetAuthorHistory(std::string_view site_id,
                                                    std::string_view author,
                                                    std::string_view client_hash) {
  AuthorHistory history;
  if (author.empty() && client_hash.empty()) return history;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kAuthorHistory);
  stmt.BindText(1, site_id).BindText(2, author).BindText(3, client_hash);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    std::optional<CommentStatus> status = ParseCommentStatus(stmt.ColumnText(0));
    if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
    const std::int64_t count = stmt.ColumnInt(1);
    switch (*status) {
      case CommentStatus::kPublished:
        history.published = count;
        break;
      case CommentStatus::kHeld:
        history.held = count;
        break;
      case CommentStatus::kRejected:
        history.rejected = count;
        break;
      case CommentStatus::kDeleted:
        history.deleted = count;
        break;
    }
  }
  return history;
}

Result<std::vector<CommentFact>> SqliteStore::ListCommentFacts(std::string_view site_id,
                                                               TimestampMs since,
                                                               TimestampMs until) {
  std::vector<CommentFact> facts;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kCommentFacts);
  stmt.BindText(1, site_id).BindInt(2, since).BindInt(3, until);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    std::optional<CommentStatus> status = ParseCommentStatus(stmt.ColumnText(1));
    if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
    facts.push_back(CommentFact{stmt.ColumnInt(0), *status, stmt.ColumnInt(2), stmt.ColumnText(3)});
  }
  return facts;
}

// --- Reports ----------------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::AddReport(const Report& report) {
  if (report.reporter_hash.empty()) {
    return Status(Error::kInvalidArgument, "a report needs its reporter's hash");
  }
  return Write([&](Db& db) -> Result<std::int64_t> {
    {
      PALABRE_PREPARE_OR_RETURN(place, db, sql::kSelectCommentPlace);
      place.BindInt(1, report.comment_id);
      PALABRE_STEP_OR_RETURN(found, place);
      if (!found) {
        return Status(Error::kUnknownComment, "comment " + std::to_string(report.comment_id));
      }
    }
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kReporterExists);
      exists.BindInt(1, report.comment_id)
          .BindText(2, report.reporter_hash)
          .BindText(3, report.token_hash);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (found) {
        return Status(Error::kAlreadyReported, "comment " + std::to_string(report.comment_id));
      }
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertReport);
      insert.BindInt(1, report.comment_id)
          .BindText(2, ToString(report.reason))
          .BindText(3, report.note)
          .BindText(4, report.reporter_hash)
          .BindInt(5, report.created_at)
          .BindText(6, report.range_hash)
          .BindText(7, report.token_hash)
          .BindInt(8, report.burst ? 1 : 0);
      PALABRE_RETURN_IF_ERROR(insert.Run());
    }
    PALABRE_PREPARE_OR_RETURN(count, db, sql::kCountOpenReports);
    count.BindInt(1, report.comment_id);
    PALABRE_STEP_OR_RETURN(row, count);
    if (!row) return Status(Error::kInternal, "no report count");
    return count.ColumnInt(0);
  });
}

Result<std::vector<Report>> SqliteStore::ListReports(CommentId id) {
  std::vector<Report> reports;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectReports);
  stmt.BindInt(1, id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<Report> report = ReadReport(stmt);
    if (!report.ok()) return report.status();
    reports.push_back(std::move(report).value());
  }
  return reports;
}

Result<std::vector<OpenReport>> SqliteStore::ListOpenReports(CommentId id) {
  std::vector<OpenReport> reports;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kOpenReports);
  stmt.BindInt(1, id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    OpenReport r;
    r.reporter_hash = stmt.ColumnText(0);
    r.range_hash = stmt.ColumnText(1);
    r.created_at = stmt.ColumnInt(2);
    r.burst = stmt.ColumnInt(3) != 0;
    r.upheld = stmt.ColumnInt(4);
    r.dismissed = stmt.ColumnInt(5);
    reports.push_back(std::move(r));
  }
  return reports;
}

Result<RecentActions> SqliteStore::RecentReports(std::string_view reporter_hash,
                                                 TimestampMs since) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kRecentReports);
  stmt.BindText(1, reporter_hash).BindInt(2, since);
  return ReadRecent(stmt);
}

Result<std::int64_t> SqliteStore::CountReportBursts(std::span<const std::string> site_ids) {
  if (site_ids.empty()) return 0;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kCountReportBursts);
  stmt.BindText(1, JsonStrings(site_ids));
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kInternal, "no count");
  return stmt.ColumnInt(0);
}

// --- API keys ---------------------------------------------------------------------------------

Result<ApiKey> SqliteStore::CreateApiKey(const ApiKey& key) {
  if (key.key_hash.empty()) return Status(Error::kInvalidArgument, "an API key needs its hash");
  return Write([&](Db& db) -> Result<ApiKey> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, key.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertApiKey);
    insert.BindText(1, key.site_id)
        .BindText(2, key.name)
        .BindText(3, key.key_hash)
        .BindText(4, key.hint)
        .BindInt(5, key.per_minute)
        .BindInt(6, key.created_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    ApiKey stored = key;
    stored.id = db.LastInsertRowId();
    return stored;
  });
}

Result<std::vector<ApiKey>> SqliteStore::ListApiKeys(std::string_view site_id) {
  std::vector<ApiKey> keys;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectApiKeys);
  stmt.BindText(1, site_id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    keys.push_back(ReadApiKey(stmt));
  }
  return keys;
}

Result<ApiKey> SqliteStore::FindApiKey(std::string_view key_hash) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectApiKeyByHash);
  stmt.BindText(1, key_hash);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownApiKey, "no such API key");
  return ReadApiKey(stmt);
}

Status SqliteStore::RemoveApiKey(std::string_view site_id, std::int64_t id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteApiKey);
    remove.BindText(1, site_id).BindInt(2, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
    return Status::Ok();
  });
}

// --- Bans -------------------------------------------------------------------------------------

Result<Ban> SqliteStore::AddBan(const Ban& ban) {
  if (ban.author_folded.empty() && ban.client_hash.empty() && ban.email_hash.empty()) {
    return Status(Error::kInvalidArgument, "a ban needs a name, a client hash or an e-mail hash");
  }
  return Write([&](Db& db) -> Result<Ban> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, ban.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertBan);
    insert.BindText(1, ban.site_id)
        .BindText(2, ban.author_folded)
        .BindText(3, ban.client_hash)
        .BindText(4, ban.email_hash)
        .BindText(5, ban.reason)
        .BindInt(6, ban.created_by)
        .BindInt(7, ban.created_at)
        .BindInt(8, ban.expires_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    Ban stored = ban;
    stored.id = db.LastInsertRowId();
    return stored;
  });
}

Result<std::vector<Ban>> SqliteStore::ListBans(std::string_view site_id, TimestampMs now) {
  std::vector<Ban> bans;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectBans);
  stmt.BindText(1, site_id).BindInt(2, now);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    bans.push_back(ReadBan(stmt));
  }
  return bans;
}

Result<Ban> SqliteStore::GetBan(BanId id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectBan);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
  return ReadBan(stmt);
}

Status SqliteStore::RemoveBan(BanId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteBan);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<Ban>> SqliteStore::FindBan(std::string_view site_id,
                                                std::string_view author_folded,
                                                std::string_view client_hash,
                                                std::string_view email_hash, TimestampMs now) {
  if (author_folded.empty() && client_hash.empty() && email_hash.empty()) {
    return std::optional<Ban>();
  }
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kFindBan);
  stmt.BindText(1, site_id)
      .BindInt(2, now)
      .BindText(3, author_folded)
      .BindText(4, client_hash)
      .BindText(5, email_hash);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return std::optional<Ban>();
  return std::optional<Ban>(ReadBan(stmt));
}

// --- Audit log --------------------------------------------------------------------------------

Result<AuditEntry> SqliteStore::AppendAudit(const AuditEntry& entry) {
  return Write([&](Db& db) -> Result<AuditEntry> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, entry.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertAudit);
    insert.BindText(1, entry.site_id)
        .BindInt(2, entry.user_id)
        .BindText(3, entry.user_email)
        .BindText(4, entry.action)
        .BindOptionalInt(5, entry.comment_id)
        .BindText(6, entry.reason)
        .BindText(7, entry.detail)
        .BindInt(8, entry.response_ms)
        .BindInt(9, entry.at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    AuditEntry stored = entry;
    stored.id = db.LastInsertRowId();
    return stored;
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(std::string_view site_id,
                                                       std::int64_t before_id, int limit) {
  std::vector<AuditEntry> entries;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(),
                            before_id > 0 ? sql::kSelectAuditBefore : sql::kSelectAudit);
  stmt.BindText(1, site_id).BindInt(3, std::clamp(limit, 1, kMaxQueryLimit));
  if (before_id > 0) stmt.BindInt(2, before_id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    entries.push_back(ReadAudit(stmt));
  }
  return entries;
}

Result<std::vector<AuditEntry>> SqliteStore::ListCommentAudit(CommentId id, int limit) {
  std::vector<AuditEntry> entries;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectCommentAudit);
  stmt.BindInt(1, id).BindInt(2, std::clamp(limit, 1, kMaxQueryLimit));
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    entries.push_back(ReadAudit(stmt));
  }
  return entries;
}

// --- GDPR -------------------------------------------------------------------------------------

Result<std::vector<Comment>> SqliteStore::ListCommentsByEmail(std::string_view email) {
  std::vector<Comment> comments;
  if (email.empty()) return comments;  // anonymous comments are nobody's
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kCommentsByEmail);
  stmt.BindText(1, text::AsciiLower(email));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::int64_t> SqliteStore::EraseCommentsByEmail(std::string_view email) {
  if (email.empty()) return std::int64_t{0};
  const std::string lowered = text::AsciiLower(email);
  return Write([&](Db& db) -> Result<std::int64_t> {
    std::vector<std::pair<ThreadId, std::int64_t>> published;
    {
      PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kPublishedByEmail);
      stmt.BindText(1, lowered);
      while (true) {
        PALABRE_STEP_OR_RETURN(row, stmt);
        if (!row) break;
        published.emplace_back(stmt.ColumnInt(0), stmt.ColumnInt(1));
      }
    }
    std::int64_t erased = 0;
    {
      PALABRE_PREPARE_OR_RETURN(erase, db, sql::kEraseByEmail);
      erase.BindText(1, lowered);
      PALABRE_RETURN_IF_ERROR(erase.Run());
      erased = db.Changes();
    }
    for (const auto& [thread, count] : published) {
      PALABRE_RETURN_IF_ERROR(AddToCommentCount(db, thread, -count));
    }
    return erased;
  });
}

Result<std::int64_t> SqliteStore::PurgePersonalData(TimestampMs cutoff) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    std::int64_t changed = 0;
    {
      PALABRE_PREPARE_OR_RETURN(purge, db, sql::kPurgeComments);
      purge.BindInt(1, cutoff);
      PALABRE_RETURN_IF_ERROR(purge.Run());
      changed = db.Changes();
    }
    PALABRE_PREPARE_OR_RETURN(purge, db, sql::kPurgeReports);
    purge.BindInt(1, cutoff);
    PALABRE_RETURN_IF_ERROR(purge.Run());
    return changed;
  });
}

Result<std::int64_t> SqliteStore::DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteAutoRejected);
    remove.BindText(1, site_id).BindInt(2, cutoff);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return db.Changes();
  });
}

#undef PALABRE_STEP_OR_RETURN
#undef PALABRE_PREPARE_OR_RETURN

}  // namespace palabre::store::sqlite
