// SqliteStore as a ModerationStore: the queue, decisions, histories and the audit log.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::sqlite {

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
    PALABRE_RETURN_IF_ERROR(ChangeStatus(db, id, status, /*by_moderator=*/true));
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

}  // namespace palabre::store::sqlite
