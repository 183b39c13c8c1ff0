// PgStore as a ReportStore: readers' reports.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::pg {

// --- Reports ----------------------------------------------------------------------------------

Result<std::int64_t> PgStore::AddReport(const Report& report) {
  if (report.reporter_hash.empty()) {
    return Status(Error::kInvalidArgument, "a report needs its reporter's hash");
  }
  const Status already(Error::kAlreadyReported, "comment " + std::to_string(report.comment_id));
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      Result<Rows> locked = c.Run(sql::kLockCommentForReport, Params().Int(report.comment_id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) {
        return Status(Error::kUnknownComment, "comment " + std::to_string(report.comment_id));
      }
      Result<Rows> exists =
          c.Run(sql::kReporterExists,
                Params().Int(report.comment_id).Text(report.reporter_hash).Text(report.token_hash));
      if (!exists.ok()) return exists.status();
      if (!exists->empty()) return already;
      Result<Rows> inserted = c.Run(sql::kInsertReport, Params()
                                                            .Int(report.comment_id)
                                                            .Text(ToString(report.reason))
                                                            .Text(report.note)
                                                            .Text(report.reporter_hash)
                                                            .Int(report.created_at)
                                                            .Text(report.range_hash)
                                                            .Text(report.token_hash)
                                                            .Bool(report.burst));
      if (!inserted.ok()) {
        if (c.last_sqlstate() == kUniqueViolation) return already;
        return inserted.status();
      }
      Result<Rows> enqueued =
          c.Run(sql::kEnqueueCommentEvent,
                Params()
                    .Int(report.comment_id)
                    .Int(static_cast<std::int64_t>(WebhookEvent::kCommentReported)));
      if (!enqueued.ok()) return enqueued.status();
      Result<Rows> count = c.Run(sql::kCountOpenReports, Params().Int(report.comment_id));
      if (!count.ok()) return count.status();
      return count->Int(0, 0);
    });
  });
}

Result<std::vector<Report>> PgStore::ListReports(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Report>> {
    Result<Rows> rows = c.Run(sql::kSelectReports, Params().Int(id));
    if (!rows.ok()) return rows.status();
    std::vector<Report> reports;
    for (int r = 0; r < rows->size(); ++r) {
      Result<Report> report = ReadReport(*rows, r);
      if (!report.ok()) return report.status();
      reports.push_back(std::move(report).value());
    }
    return reports;
  });
}

Result<std::vector<OpenReport>> PgStore::ListOpenReports(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<OpenReport>> {
    Result<Rows> rows = c.Run(sql::kOpenReports, Params().Int(id));
    if (!rows.ok()) return rows.status();
    std::vector<OpenReport> reports;
    for (int r = 0; r < rows->size(); ++r) {
      OpenReport o;
      o.reporter_hash = rows->Text(r, 0);
      o.range_hash = rows->Text(r, 1);
      o.created_at = rows->Int(r, 2);
      o.burst = rows->Bool(r, 3);
      o.upheld = rows->Int(r, 4);
      o.dismissed = rows->Int(r, 5);
      reports.push_back(std::move(o));
    }
    return reports;
  });
}

Result<RecentActions> PgStore::RecentReports(std::string_view reporter_hash, TimestampMs since) {
  return WithConn(true, [&](Conn& c) -> Result<RecentActions> {
    Result<Rows> rows = c.Run(sql::kRecentReports, Params().Text(reporter_hash).Int(since));
    if (!rows.ok()) return rows.status();
    return RecentActions{rows->Int(0, 0), rows->Int(0, 1)};
  });
}

Result<std::int64_t> PgStore::CountReportBursts(std::span<const std::string> site_ids) {
  if (site_ids.empty()) return 0;
  return WithConn(true, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> rows = c.Run(sql::kCountReportBursts, Params().Text(TextArray(site_ids)));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

}  // namespace palabre::store::pg
