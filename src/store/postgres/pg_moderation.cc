// PgStore as a ModerationStore: the queue, decisions, histories and the audit log.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::pg {

// --- Moderation -------------------------------------------------------------------------------

Result<CommentPage> PgStore::QueryComments(const CommentQuery& query) {
  if (query.site_ids.empty()) {
    return Status(Error::kInvalidArgument, "comment query without sites");
  }
  const int limit = std::clamp(query.limit, 1, kMaxQueryLimit);
  // Parameters are numbered as the clauses that use them are added ($1: the sites).
  Params params;
  params.Text(TextArray(query.site_ids));
  // Appended rather than "$" + to_string(): GCC 12 at -O3 warns falsely (-Wrestrict) on the
  // latter once inlined here.
  auto next = [&params] {
    std::string placeholder = "$";
    placeholder += std::to_string(params.size());
    return placeholder;
  };
  std::string text = sql::kQueueSelect;
  if (query.status.has_value()) {
    params.Text(ToString(*query.status));
    text += " AND status = " + next();
  }
  if (query.auto_rejected.has_value()) {
    text += *query.auto_rejected ? " AND auto_rejected" : " AND NOT auto_rejected";
  }
  if (query.thread_id.has_value()) {
    params.Int(*query.thread_id);
    text += " AND thread_id = " + next() + "::bigint";
  }
  if (query.reported_only) text += sql::kQueueReported;
  if (!query.reason_code.empty()) {
    params.Text("%\"code\":\"" + LikeEscape(query.reason_code) + "\"%");
    text += " AND moderation LIKE " + next() + " ESCAPE '\\'";
  }
  if (!query.text_contains.empty()) {
    params.Text("%" + LikeEscape(query.text_contains) + "%");
    const std::string p = next();
    text += " AND (text ILIKE " + p + " ESCAPE '\\' OR author ILIKE " + p + " ESCAPE '\\')";
  }
  if (!query.author.empty()) {
    params.Text(query.author);
    text += " AND author = " + next();
  }
  if (query.review_only) text += sql::kQueueReview;
  if (query.after.has_value()) {
    params.Int(query.after->key);
    const std::string key = next();
    params.Int(query.after->id);
    if (query.by_risk) {
      text += " AND (risk, id) < (" + key + "::integer, " + next() + "::bigint)";
    } else {
      text += std::string(" AND (created_at, id) ") + (query.newest_first ? "<" : ">") + " (" +
              key + "::bigint, " + next() + "::bigint)";
    }
  }
  params.Int(static_cast<std::int64_t>(limit) + 1);  // one more tells whether more follow
  if (query.by_risk) {
    text += " ORDER BY risk DESC, id DESC";
  } else {
    text += query.newest_first ? " ORDER BY created_at DESC, id DESC" : " ORDER BY created_at, id";
  }
  text += " LIMIT " + next();
  return WithConn(true, [&](Conn& c) -> Result<CommentPage> {
    Result<Rows> rows = c.RunText("query_comments", text, params);
    if (!rows.ok()) return rows.status();
    CommentPage page;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, page.comments));
    for (int r = 0; r < rows->size(); ++r) {
      page.comments[static_cast<std::size_t>(r)].open_reports = rows->Int(r, 21);
    }
    if (page.comments.size() > static_cast<std::size_t>(limit)) {
      page.comments.pop_back();
      const Comment& last = page.comments.back();
      page.next = PageCursor{query.by_risk ? RiskKey(last.risk) : last.created_at, last.id};
    }
    return page;
  });
}

Status PgStore::ModerateComment(CommentId id, CommentStatus status) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      PALABRE_RETURN_IF_ERROR(
          ChangeCommentStatus(c, id, status, /*by_moderator=*/true, channel_, node_id_));
      Result<Rows> cleared = c.Run(sql::kClearReview, Params().Int(id));
      if (!cleared.ok()) return cleared.status();
      Result<Rows> resolved = c.Run(
          sql::kResolveReports, Params().Int(id).Text(ToString(status == CommentStatus::kPublished
                                                                   ? ReportOutcome::kDismissed
                                                                   : ReportOutcome::kUpheld)));
      return resolved.ok() ? Status::Ok() : resolved.status();
    });
  });
}

Result<AuthorHistory> PgStore::GetAuthorHistory(std::string_view site_id, std::string_view author,
                                                std::string_view client_hash) {
  AuthorHistory history;
  if (author.empty() && client_hash.empty()) return history;
  return WithConn(true, [&](Conn& c) -> Result<AuthorHistory> {
    Result<Rows> rows =
        c.Run(sql::kAuthorHistory, Params().Text(site_id).Text(author).Text(client_hash));
    if (!rows.ok()) return rows.status();
    AuthorHistory out;
    for (int r = 0; r < rows->size(); ++r) {
      std::optional<CommentStatus> status = ParseCommentStatus(rows->View(r, 0));
      if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
      const std::int64_t count = rows->Int(r, 1);
      switch (*status) {
        case CommentStatus::kPublished:
          out.published = count;
          break;
        case CommentStatus::kHeld:
          out.held = count;
          break;
        case CommentStatus::kRejected:
          out.rejected = count;
          break;
        case CommentStatus::kDeleted:
          out.deleted = count;
          break;
      }
    }
    return out;
  });
}

Result<std::vector<CommentFact>> PgStore::ListCommentFacts(std::string_view site_id,
                                                           TimestampMs since, TimestampMs until) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<CommentFact>> {
    Result<Rows> rows = c.Run(sql::kCommentFacts, Params().Text(site_id).Int(since).Int(until));
    if (!rows.ok()) return rows.status();
    std::vector<CommentFact> facts;
    facts.reserve(static_cast<std::size_t>(rows->size()));
    for (int r = 0; r < rows->size(); ++r) {
      std::optional<CommentStatus> status = ParseCommentStatus(rows->View(r, 1));
      if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
      facts.push_back(CommentFact{rows->Int(r, 0), *status, rows->Int(r, 2), rows->Text(r, 3)});
    }
    return facts;
  });
}

// --- Audit log --------------------------------------------------------------------------------

Result<AuditEntry> PgStore::AppendAudit(const AuditEntry& entry) {
  return WithConn(false, [&](Conn& c) -> Result<AuditEntry> {
    Result<Rows> inserted = c.Run(sql::kInsertAudit, Params()
                                                         .Text(entry.site_id)
                                                         .Int(entry.user_id)
                                                         .Text(entry.user_email)
                                                         .Text(entry.action)
                                                         .OptionalInt(entry.comment_id)
                                                         .Text(entry.reason)
                                                         .Text(entry.detail)
                                                         .Int(entry.response_ms)
                                                         .Int(entry.at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + entry.site_id);
      }
      return inserted.status();
    }
    AuditEntry stored = entry;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<AuditEntry>> PgStore::ListAudit(std::string_view site_id, std::int64_t before_id,
                                                   int limit) {
  Params params;
  params.Text(site_id).Int(std::clamp(limit, 1, kMaxQueryLimit));
  if (before_id > 0) params.Int(before_id);
  return WithConn(true, [&](Conn& c) -> Result<std::vector<AuditEntry>> {
    Result<Rows> rows = c.Run(before_id > 0 ? sql::kSelectAuditBefore : sql::kSelectAudit, params);
    if (!rows.ok()) return rows.status();
    std::vector<AuditEntry> entries;
    for (int r = 0; r < rows->size(); ++r) entries.push_back(ReadAudit(*rows, r));
    return entries;
  });
}

Result<std::vector<AuditEntry>> PgStore::ListCommentAudit(CommentId id, int limit) {
  Params params;
  params.Int(id).Int(std::clamp(limit, 1, kMaxQueryLimit));
  return WithConn(true, [&](Conn& c) -> Result<std::vector<AuditEntry>> {
    Result<Rows> rows = c.Run(sql::kSelectCommentAudit, params);
    if (!rows.ok()) return rows.status();
    std::vector<AuditEntry> entries;
    for (int r = 0; r < rows->size(); ++r) entries.push_back(ReadAudit(*rows, r));
    return entries;
  });
}

}  // namespace palabre::store::pg
