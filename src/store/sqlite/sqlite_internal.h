// The parts of SqliteStore shared by its files (one per Store role, sqlite_*.cc): the
// statement macros, the reader lease, the write transaction and the row helpers (reading
// rows into the domain's types, the small statements several roles run). Only store/sqlite
// includes it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "core/webhook.h"
#include "store/sql_common.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_queries.h"
#include "store/sqlite/sqlite_store.h"

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

Status RunCached(Db& db, const char* query);

// Ends whatever transaction is open on `db`; used on failure paths, where SQLite may already
// have rolled back by itself.
void RollbackIfOpen(Db& db);

// Binds ?1..?9 of kInsertSite / kUpdateSite (created_at is ?8, unused by the update).
void BindSite(Stmt& stmt, const Site& site, bool with_created_at);
Site ReadSite(const Stmt& stmt);
Thread ReadThread(const Stmt& stmt);
Result<Comment> ReadComment(const Stmt& stmt);

// Steps `stmt` to the end, appending every row as a Comment.
Status ReadComments(Stmt& stmt, std::vector<Comment>& out);
Result<Comment> SelectComment(Db& db, CommentId id);
Result<Thread> SelectThreadByKey(Db& db, std::string_view site_id, std::string_view key);
Result<Thread> SelectThreadById(Db& db, ThreadId id);
Result<std::optional<CommentId>> SelectImported(Db& db, std::string_view site_id,
                                                std::string_view source_id);
Status AddToCommentCount(Db& db, ThreadId thread, std::int64_t delta);
int Published(CommentStatus status);

// Changes a comment's status and keeps its thread's count exact (SetCommentStatus,
// ModerateComment), and adds the new status's outbox rows (a deletion by a moderator is a
// rejection, by its author nothing).
Status ChangeStatus(Db& db, CommentId id, CommentStatus status, bool by_moderator);

// The outbox rows of `event` (notification_store.h): about comment `id`, on its site; about
// `subject` on site `site_id`.
// The webhooks' rows of an event about comment `id`; for kCommentPublished, its reply mail too
// (EnqueueReplyMail).
Status EnqueueCommentEvent(Db& db, CommentId id, WebhookEvent event);
// The mail.reply row of published comment `id`, if a confirmed subscriber waits for it
// (notification_store.h).
Status EnqueueReplyMail(Db& db, CommentId id);
Status EnqueueSiteEvent(Db& db, std::string_view site_id, WebhookEvent event, std::int64_t subject);

// "[1,2,3]": the roots as a JSON array for json_each().
std::string JsonIds(std::span<const CommentId> ids);

// Reads a kRecentVotes / kRecentReports row.
Result<RecentActions> ReadRecent(Stmt& stmt);

// ["a","b"]: the strings as a JSON array for json_each().
std::string JsonStrings(std::span<const std::string> values);
Result<User> ReadUser(const Stmt& stmt);
Result<Membership> ReadMembership(const Stmt& stmt);
Result<User> SelectUserWith(Db& db, const char* query, const std::function<void(Stmt&)>& bind,
                            std::string_view what);
Status CheckUserExists(Db& db, UserId id);
Status CheckSiteExists(Db& db, std::string_view site_id);
Status UpsertMembership(Db& db, UserId id, const Membership& membership);
Session ReadSession(const Stmt& stmt);
Result<Report> ReadReport(const Stmt& stmt);
ApiKey ReadApiKey(const Stmt& stmt);
Ban ReadBan(const Stmt& stmt);
AuditEntry ReadAudit(const Stmt& stmt);

class SqliteStore::ReaderLease {
 public:
  ReaderLease(SqliteStore* store, Db* db) : store_(store), db_(db) {}
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ~ReaderLease() {
    // A failed multi-statement read may leave its transaction open; never pool a stale snapshot.
    RollbackIfOpen(*db_);
    {
      MutexLock lock(store_->readers_mu_);
      store_->free_readers_.push_back(db_);
    }
    store_->reader_freed_.notify_one();
  }
  Db& db() { return *db_; }

 private:
  SqliteStore* store_;
  Db* db_;
};

// Inside this thread's Batch, which holds write_mu_ and the transaction: a savepoint, released
// on success, rolled back (and released) on failure.
template <typename Body>
auto SqliteStore::WriteInBatch(Body& body) -> decltype(body(std::declval<Db&>())) {
  Db& db = *writer_;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kSavepoint));
  auto result = body(db);
  if (!result.ok()) {
    Status undone = RunCached(db, sql::kRollbackToSavepoint);
    if (!undone.ok()) return undone;
    PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kReleaseSavepoint));
    return result;
  }
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kReleaseSavepoint));
  return result;
}

// SqliteStore::Write is defined here, not in sqlite_store.cc: every role's file instantiates it.
template <typename Body>
auto SqliteStore::Write(Body&& body) -> decltype(body(std::declval<Db&>())) {
  if (batch_thread_.load() == std::this_thread::get_id()) return WriteInBatch(body);
  if (!write_mu_.try_lock_for(write_wait_)) {
    return Status(Error::kUnavailable, "SQLite: another write held the writer for " +
                                           std::to_string(write_wait_.count()) + " ms");
  }
  TimedMutexLock lock(write_mu_, std::adopt_lock);
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

}  // namespace palabre::store::sqlite
