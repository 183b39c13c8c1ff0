// The row helpers of PgStore's files (declared in pg_internal.h).
#include "store/postgres/pg_internal.h"

namespace palabre::store::pg {

Site ReadSite(const Rows& rows, int r) {
  Site site;
  site.id = rows.Text(r, 0);
  site.name = rows.Text(r, 1);
  site.origins = SplitOrigins(rows.View(r, 2));
  site.locale = rows.Text(r, 3);
  site.time_zone = rows.Text(r, 4);
  site.auto_create_threads = rows.Bool(r, 5);
  site.salt = rows.Text(r, 6);
  site.created_at = rows.Int(r, 7);
  site.settings = rows.Text(r, 8);
  return site;
}

Thread ReadThread(const Rows& rows, int r) {
  Thread thread;
  thread.id = rows.Int(r, 0);
  thread.site_id = rows.Text(r, 1);
  thread.key = rows.Text(r, 2);
  thread.title = rows.Text(r, 3);
  thread.body = rows.Text(r, 4);
  thread.closed = rows.Bool(r, 5);
  thread.comment_count = rows.Int(r, 6);
  thread.created_at = rows.Int(r, 7);
  return thread;
}

Result<Comment> ReadComment(const Rows& rows, int r) {
  Comment c;
  c.id = rows.Int(r, 0);
  c.thread_id = rows.Int(r, 1);
  c.parent_id = rows.OptionalInt(r, 2);
  c.root_id = rows.Int(r, 3);
  c.depth = static_cast<int>(rows.Int(r, 4));
  c.author = rows.Text(r, 5);
  c.email = rows.Text(r, 6);
  c.text = rows.Text(r, 7);
  c.html = rows.Text(r, 8);
  std::optional<CommentStatus> status = ParseCommentStatus(rows.View(r, 9));
  if (!status.has_value()) {
    return Status(Error::kInternal, "comment " + std::to_string(c.id) + ": unknown status");
  }
  c.status = *status;
  c.created_at = rows.Int(r, 10);
  c.edited_at = rows.OptionalInt(r, 11);
  c.upvotes = rows.Int(r, 12);
  c.downvotes = rows.Int(r, 13);
  c.edit_token_hash = rows.Text(r, 14);
  c.client_hash = rows.Text(r, 15);
  c.source_id = rows.Text(r, 16);
  c.moderation = rows.Text(r, 17);
  c.review = rows.Bool(r, 18);
  c.risk = RiskOfKey(rows.Int(r, 19));
  c.auto_rejected = rows.Bool(r, 20);
  return c;
}

Status ReadComments(const Rows& rows, std::vector<Comment>& out) {
  out.reserve(out.size() + static_cast<std::size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    Result<Comment> comment = ReadComment(rows, r);
    if (!comment.ok()) return comment.status();
    out.push_back(std::move(comment).value());
  }
  return Status::Ok();
}

Params SiteParams(const Site& site) {
  Params p;
  p.Text(site.id)
      .Text(site.name)
      .Text(JoinOrigins(site.origins))
      .Text(site.locale)
      .Text(site.time_zone)
      .Bool(site.auto_create_threads)
      .Text(site.salt);
  return p;
}

Result<Thread> SelectThreadByKey(Conn& c, std::string_view site_id, std::string_view key) {
  Result<Rows> rows = c.Run(sql::kSelectThreadByKey, Params().Text(site_id).Text(key));
  if (!rows.ok()) return rows.status();
  // The key may be a reader's URL: only the site goes into the message.
  if (rows->empty()) {
    return Status(Error::kUnknownThread, "no such thread in site " + std::string(site_id));
  }
  return ReadThread(*rows, 0);
}

Result<std::optional<CommentId>> SelectImported(Conn& c, std::string_view site_id,
                                                std::string_view source_id) {
  if (source_id.empty()) return std::optional<CommentId>();
  Result<Rows> rows = c.Run(sql::kFindImported, Params().Text(site_id).Text(source_id));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CommentId>();
  return std::optional<CommentId>(rows->Int(0, 0));
}

std::int64_t OutboxEventBit(const Comment& comment) {
  const std::optional<WebhookEvent> event = EventForStatus(comment.status);
  if (!event.has_value() || !comment.source_id.empty()) return 0;
  return static_cast<std::int64_t>(*event);
}

int Published(CommentStatus status) { return status == CommentStatus::kPublished ? 1 : 0; }

std::string IdArray(std::span<const CommentId> ids) {
  std::string out = "{";
  for (CommentId id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += '}';
  return out;
}

Result<std::vector<User>> ReadUsers(const Rows& rows) {
  std::vector<User> users;
  for (int r = 0; r < rows.size(); ++r) {
    const UserId id = rows.Int(r, 0);
    if (users.empty() || users.back().id != id) {
      User user;
      user.id = id;
      user.email = rows.Text(r, 1);
      user.password_hash = rows.Text(r, 2);
      user.failed_logins = static_cast<int>(rows.Int(r, 3));
      user.locked_until = rows.Int(r, 4);
      user.created_at = rows.Int(r, 5);
      users.push_back(std::move(user));
    }
    if (rows.IsNull(r, 6)) continue;
    std::optional<Role> role = ParseRole(rows.View(r, 7));
    if (!role.has_value()) return Status(Error::kInternal, "membership: unknown role");
    users.back().memberships.push_back(Membership{rows.Text(r, 6), *role});
  }
  return users;
}

Result<User> SelectUser(Conn& c, const Query& query, const Params& params, std::string_view what) {
  Result<Rows> rows = c.Run(query, params);
  if (!rows.ok()) return rows.status();
  Result<std::vector<User>> users = ReadUsers(*rows);
  if (!users.ok()) return users.status();
  if (users->empty()) return Status(Error::kUnknownUser, std::string(what));
  return std::move(users->front());
}

Result<Report> ReadReport(const Rows& rows, int r) {
  Report report;
  report.id = rows.Int(r, 0);
  report.comment_id = rows.Int(r, 1);
  std::optional<ReportReason> reason = ParseReportReason(rows.View(r, 2));
  if (!reason.has_value()) return Status(Error::kInternal, "report: unknown reason");
  report.reason = *reason;
  report.note = rows.Text(r, 3);
  report.reporter_hash = rows.Text(r, 4);
  report.created_at = rows.Int(r, 5);
  report.resolved = rows.Bool(r, 6);
  report.range_hash = rows.Text(r, 7);
  report.token_hash = rows.Text(r, 8);
  std::optional<ReportOutcome> outcome = ParseReportOutcome(rows.View(r, 9));
  if (!outcome.has_value()) return Status(Error::kInternal, "report: unknown outcome");
  report.outcome = *outcome;
  report.burst = rows.Bool(r, 10);
  return report;
}

ApiKey ReadApiKey(const Rows& rows, int r) {
  ApiKey key;
  key.id = rows.Int(r, 0);
  key.site_id = rows.Text(r, 1);
  key.name = rows.Text(r, 2);
  key.key_hash = rows.Text(r, 3);
  key.hint = rows.Text(r, 4);
  key.per_minute = static_cast<int>(rows.Int(r, 5));
  key.created_at = rows.Int(r, 6);
  return key;
}

Ban ReadBan(const Rows& rows, int r) {
  Ban ban;
  ban.id = rows.Int(r, 0);
  ban.site_id = rows.Text(r, 1);
  ban.author_folded = rows.Text(r, 2);
  ban.client_hash = rows.Text(r, 3);
  ban.email_hash = rows.Text(r, 4);
  ban.reason = rows.Text(r, 5);
  ban.created_by = rows.Int(r, 6);
  ban.created_at = rows.Int(r, 7);
  ban.expires_at = rows.Int(r, 8);
  return ban;
}

AuditEntry ReadAudit(const Rows& rows, int r) {
  AuditEntry entry;
  entry.id = rows.Int(r, 0);
  entry.site_id = rows.Text(r, 1);
  entry.user_id = rows.Int(r, 2);
  entry.user_email = rows.Text(r, 3);
  entry.action = rows.Text(r, 4);
  entry.comment_id = rows.OptionalInt(r, 5);
  entry.reason = rows.Text(r, 6);
  entry.detail = rows.Text(r, 7);
  entry.response_ms = rows.Int(r, 8);
  entry.at = rows.Int(r, 9);
  return entry;
}

}  // namespace palabre::store::pg
