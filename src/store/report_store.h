// ReportStore: readers' reports of comments, with each reporter's record. Part of Store
// (store.h), whose contract applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"
#include "store/comment_store.h"

namespace palabre::store {

// One unresolved report of a comment with its reporter's record on the site: how many of the
// reports made under the same reporter_hash (any comment) moderators upheld and dismissed.
// A report whose reporter_hash was emptied (retention) has no record (0 and 0).
struct OpenReport {
  std::string reporter_hash;
  std::string range_hash;
  TimestampMs created_at = 0;
  bool burst = false;
  std::int64_t upheld = 0;
  std::int64_t dismissed = 0;
};

class ReportStore {
 public:
  ReportStore() = default;
  ReportStore(const ReportStore&) = delete;
  ReportStore& operator=(const ReportStore&) = delete;
  virtual ~ReportStore() = default;

  // Reader reports. Adds one (unresolved; report.id, resolved and outcome are ignored) and
  // returns the comment's number of unresolved reports. kUnknownComment; kAlreadyReported if
  // this reporter_hash, or this non-empty token_hash, already reported this comment, resolved
  // or not (a hash emptied by PurgePersonalData no longer counts); kInvalidArgument for an
  // empty reporter_hash.
  virtual Result<std::int64_t> AddReport(const Report& report) = 0;
  // The comment's reports, resolved or not, oldest first; none for an unknown comment.
  virtual Result<std::vector<Report>> ListReports(CommentId id) = 0;
  // The comment's unresolved reports with their reporters' records, oldest first.
  virtual Result<std::vector<OpenReport>> ListOpenReports(CommentId id) = 0;
  // The reports made under `reporter_hash` (any comment) at or after `since`.
  virtual Result<RecentActions> RecentReports(std::string_view reporter_hash,
                                              TimestampMs since) = 0;
  // How many comments of these sites have an unresolved report marked as a burst.
  virtual Result<std::int64_t> CountReportBursts(std::span<const std::string> site_ids) = 0;
};

}  // namespace palabre::store
