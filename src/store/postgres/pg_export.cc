// PgStore as an ExportStore: a site's threads, comments, votes and reports, page by page, in id
// order; the restore of votes and reports; a site emptied of its threads.
#include "store/postgres/pg_internal.h"

namespace palabre::store::pg {

Result<std::vector<Thread>> PgStore::ListSiteThreads(std::string_view site_id, ThreadId after,
                                                     int limit) {
  std::vector<Thread> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Thread>> {
    Result<Rows> rows = c.Run(sql::kListSiteThreads, Params().Text(site_id).Int(after).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Thread> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int r = 0; r < rows->size(); ++r) out.push_back(ReadThread(*rows, r));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListThreadComments(ThreadId thread, CommentId after,
                                                         int limit) {
  std::vector<Comment> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListThreadComments, Params().Int(thread).Int(after).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::vector<CommentVote>> PgStore::ListThreadVotes(ThreadId thread, CommentId after_comment,
                                                          std::string_view after_voter, int limit) {
  std::vector<CommentVote> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<CommentVote>> {
    Result<Rows> rows = c.Run(sql::kListThreadVotes,
                              Params().Int(thread).Int(after_comment).Text(after_voter).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<CommentVote> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int r = 0; r < rows->size(); ++r) {
      CommentVote v;
      v.comment_id = rows->Int(r, 0);
      v.voter_hash = rows->Text(r, 1);
      v.token_hash = rows->Text(r, 2);
      v.direction = static_cast<int>(rows->Int(r, 3));
      v.created_at = rows->Int(r, 4);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<Report>> PgStore::ListThreadReports(ThreadId thread, std::int64_t after,
                                                       int limit) {
  std::vector<Report> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Report>> {
    Result<Rows> rows = c.Run(sql::kListThreadReports, Params().Int(thread).Int(after).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Report> out;
    for (int r = 0; r < rows->size(); ++r) {
      Result<Report> report = ReadReport(*rows, r);
      if (!report.ok()) return report.status();
      out.push_back(std::move(report).value());
    }
    return out;
  });
}

namespace {

Status CommentExists(Conn& c, CommentId id) {
  Result<Rows> found = c.Run(sql::kCommentExists, Params().Int(id));
  if (!found.ok()) return found.status();
  if (found->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
  return Status::Ok();
}

}  // namespace

Status PgStore::RestoreVote(const CommentVote& vote) {
  if (vote.direction != 1 && vote.direction != -1) {
    return Status(Error::kInvalidArgument, "a vote is +1 or -1");
  }
  return WithConn(false, [&](Conn& c) -> Status {
    PALABRE_RETURN_IF_ERROR(CommentExists(c, vote.comment_id));
    Result<Rows> inserted = c.Run(sql::kRestoreVote, Params()
                                                         .Int(vote.comment_id)
                                                         .Text(vote.voter_hash)
                                                         .Text(vote.token_hash)
                                                         .Int(vote.direction)
                                                         .Int(vote.created_at));
    return inserted.status();
  });
}

Status PgStore::RestoreReport(const Report& report) {
  return WithConn(false, [&](Conn& c) -> Status {
    PALABRE_RETURN_IF_ERROR(CommentExists(c, report.comment_id));
    Result<Rows> inserted = c.Run(sql::kRestoreReport, Params()
                                                           .Int(report.comment_id)
                                                           .Text(ToString(report.reason))
                                                           .Text(report.note)
                                                           .Text(report.reporter_hash)
                                                           .Int(report.created_at)
                                                           .Bool(report.resolved)
                                                           .Text(report.range_hash)
                                                           .Text(report.token_hash)
                                                           .Text(ToString(report.outcome))
                                                           .Bool(report.burst));
    return inserted.status();
  });
}

Result<std::int64_t> PgStore::DeleteSiteContent(std::string_view site_id) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      Result<Rows> site = c.Run(sql::kSelectSite, Params().Text(site_id));
      if (!site.ok()) return site.status();
      if (site->empty()) return Status(Error::kUnknownSite, "site " + std::string(site_id));
      Result<Rows> count = c.Run(sql::kCountSiteComments, Params().Text(site_id));
      if (!count.ok()) return count.status();
      Result<Rows> removed = c.Run(sql::kDeleteSiteThreads, Params().Text(site_id));
      if (!removed.ok()) return removed.status();
      return count->Int(0, 0);
    });
  });
}

}  // namespace palabre::store::pg
