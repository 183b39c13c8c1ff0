// SqliteStore as an ExportStore: a site's threads, comments, votes and reports, page by page,
// in id order; the restore of votes and reports; a site emptied of its threads.
#include "store/sqlite/sqlite_internal.h"

namespace palabre::store::sqlite {

Result<std::vector<Thread>> SqliteStore::ListSiteThreads(std::string_view site_id, ThreadId after,
                                                         int limit) {
  std::vector<Thread> threads;
  if (limit < 1) return threads;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListSiteThreads);
  stmt.BindText(1, site_id).BindInt(2, after).BindInt(3, limit);
  for (;;) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    threads.push_back(ReadThread(stmt));
  }
  return threads;
}

Result<std::vector<Comment>> SqliteStore::ListThreadComments(ThreadId thread, CommentId after,
                                                             int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListThreadComments);
  stmt.BindInt(1, thread).BindInt(2, after).BindInt(3, limit);
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::vector<CommentVote>> SqliteStore::ListThreadVotes(ThreadId thread,
                                                              CommentId after_comment,
                                                              std::string_view after_voter,
                                                              int limit) {
  std::vector<CommentVote> votes;
  if (limit < 1) return votes;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListThreadVotes);
  stmt.BindInt(1, thread).BindInt(2, after_comment).BindText(3, after_voter).BindInt(4, limit);
  for (;;) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    CommentVote v;
    v.comment_id = stmt.ColumnInt(0);
    v.voter_hash = stmt.ColumnText(1);
    v.token_hash = stmt.ColumnText(2);
    v.direction = static_cast<int>(stmt.ColumnInt(3));
    v.created_at = stmt.ColumnInt(4);
    votes.push_back(std::move(v));
  }
  return votes;
}

Result<std::vector<Report>> SqliteStore::ListThreadReports(ThreadId thread, std::int64_t after,
                                                           int limit) {
  std::vector<Report> reports;
  if (limit < 1) return reports;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListThreadReports);
  stmt.BindInt(1, thread).BindInt(2, after).BindInt(3, limit);
  for (;;) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<Report> report = ReadReport(stmt);
    if (!report.ok()) return report.status();
    reports.push_back(std::move(report).value());
  }
  return reports;
}

namespace {

Status CommentExists(Db& db, CommentId id) {
  PALABRE_PREPARE_OR_RETURN(place, db, sql::kSelectCommentPlace);
  place.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(found, place);
  if (!found) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
  return Status::Ok();
}

}  // namespace

Status SqliteStore::RestoreVote(const CommentVote& vote) {
  if (vote.direction != 1 && vote.direction != -1) {
    return Status(Error::kInvalidArgument, "a vote is +1 or -1");
  }
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CommentExists(db, vote.comment_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kRestoreVote);
    insert.BindInt(1, vote.comment_id)
        .BindText(2, vote.voter_hash)
        .BindText(3, vote.token_hash)
        .BindInt(4, vote.direction)
        .BindInt(5, vote.created_at);
    return insert.Run();
  });
}

Status SqliteStore::RestoreReport(const Report& report) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CommentExists(db, report.comment_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kRestoreReport);
    insert.BindInt(1, report.comment_id)
        .BindText(2, ToString(report.reason))
        .BindText(3, report.note)
        .BindText(4, report.reporter_hash)
        .BindInt(5, report.created_at)
        .BindInt(6, report.resolved ? 1 : 0)
        .BindText(7, report.range_hash)
        .BindText(8, report.token_hash)
        .BindText(9, ToString(report.outcome))
        .BindInt(10, report.burst ? 1 : 0);
    return insert.Run();
  });
}

Result<std::int64_t> SqliteStore::DeleteSiteContent(std::string_view site_id) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kSiteExists);
      exists.BindText(1, site_id);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (!found) return Status(Error::kUnknownSite, "site " + std::string(site_id));
    }
    PALABRE_PREPARE_OR_RETURN(count, db, sql::kCountSiteComments);
    count.BindText(1, site_id);
    PALABRE_STEP_OR_RETURN(row, count);
    const std::int64_t comments = row ? count.ColumnInt(0) : 0;
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSiteThreads);
    remove.BindText(1, site_id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return comments;
  });
}

}  // namespace palabre::store::sqlite
