// The row helpers of SqliteStore's files (declared in sqlite_internal.h).
#include "store/sqlite/sqlite_internal.h"

namespace palabre::store::sqlite {

Status RunCached(Db& db, const char* query) {
  PALABRE_PREPARE_OR_RETURN(stmt, db, query);
  return stmt.Run();
}

void RollbackIfOpen(Db& db) {
  if (db.InTransaction()) RunCached(db, sql::kRollback).IgnoreError();
}

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

int Published(CommentStatus status) { return status == CommentStatus::kPublished ? 1 : 0; }

Status ChangeStatus(Db& db, CommentId id, CommentStatus status, bool by_moderator) {
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
  std::optional<WebhookEvent> event = EventForStatus(status);
  if (by_moderator && status == CommentStatus::kDeleted) event = WebhookEvent::kCommentRejected;
  if (event.has_value()) return EnqueueCommentEvent(db, id, *event);
  return Status::Ok();
}

Status EnqueueCommentEvent(Db& db, CommentId id, WebhookEvent event) {
  PALABRE_PREPARE_OR_RETURN(enqueue, db, sql::kEnqueueCommentEvent);
  enqueue.BindInt(1, id).BindInt(2, static_cast<std::int64_t>(event));
  PALABRE_RETURN_IF_ERROR(enqueue.Run());
  if (event == WebhookEvent::kCommentPublished) return EnqueueReplyMail(db, id);
  return Status::Ok();
}

Status EnqueueReplyMail(Db& db, CommentId id) {
  PALABRE_PREPARE_OR_RETURN(enqueue, db, sql::kEnqueueReplyMail);
  enqueue.BindInt(1, id);
  return enqueue.Run();
}

Status EnqueueSiteEvent(Db& db, std::string_view site_id, WebhookEvent event,
                        std::int64_t subject) {
  PALABRE_PREPARE_OR_RETURN(enqueue, db, sql::kEnqueueSiteEvent);
  enqueue.BindText(1, site_id).BindInt(2, static_cast<std::int64_t>(event)).BindInt(3, subject);
  return enqueue.Run();
}

std::string JsonIds(std::span<const CommentId> ids) {
  std::string out = "[";
  for (CommentId id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += ']';
  return out;
}

Result<RecentActions> ReadRecent(Stmt& stmt) {
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kInternal, "no count");
  return RecentActions{stmt.ColumnInt(0), stmt.ColumnInt(1)};
}

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

}  // namespace palabre::store::sqlite
