// SqliteStore as a ReportStore: readers' reports.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::sqlite {

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
    PALABRE_RETURN_IF_ERROR(
        EnqueueCommentEvent(db, report.comment_id, WebhookEvent::kCommentReported));
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

}  // namespace palabre::store::sqlite
