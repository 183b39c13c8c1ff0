// ExportStore: the reads of `palabre export`, which pages through a whole site in id order with
// bounded memory, and the writes only a restore or a replacing import makes (votes and reports
// as they were; a site emptied of its threads). Part of Store (store.h), whose contract applies,
// except that these listings return comments in every status (held, rejected and auto-rejected
// ones included).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

class ExportStore {
 public:
  ExportStore() = default;
  ExportStore(const ExportStore&) = delete;
  ExportStore& operator=(const ExportStore&) = delete;
  virtual ~ExportStore() = default;

  // At most `limit` threads of the site whose id is greater than `after`, by id. None for an
  // unknown site or a limit below 1.
  virtual Result<std::vector<Thread>> ListSiteThreads(std::string_view site_id, ThreadId after,
                                                      int limit) = 0;
  // At most `limit` comments of the thread, any status, whose id is greater than `after`, by
  // id (so a parent comes before its replies). None for an unknown thread or a limit below 1.
  virtual Result<std::vector<Comment>> ListThreadComments(ThreadId thread, CommentId after,
                                                          int limit) = 0;
  // At most `limit` votes on the thread's comments that come after (after_comment,
  // after_voter), by comment id then voter hash. None for an unknown thread or a limit below 1.
  virtual Result<std::vector<CommentVote>> ListThreadVotes(ThreadId thread, CommentId after_comment,
                                                           std::string_view after_voter,
                                                           int limit) = 0;
  // At most `limit` reports, resolved or not, on the thread's comments whose id is greater than
  // `after`, by id. None for an unknown thread or a limit below 1.
  virtual Result<std::vector<Report>> ListThreadReports(ThreadId thread, std::int64_t after,
                                                        int limit) = 0;

  // A vote as it was: the comment's counts do not change (they were restored with it). A vote
  // the comment already has from this voter or this token is left as it is (a restore run
  // twice adds nothing). kUnknownComment; kInvalidArgument for a direction other than ±1.
  virtual Status RestoreVote(const CommentVote& vote) = 0;
  // A report as it was (resolved, outcome and burst mark included; report.id is ignored). A
  // report the comment already has from this reporter or token — or, for a reporter hash
  // emptied by retention, at the same time — is left as it is. kUnknownComment.
  virtual Status RestoreReport(const Report& report) = 0;
  // Deletes every thread of the site with its comments, their votes and their reports; the site,
  // its settings, members, bans, keys and audit log stay. Returns the comments deleted.
  // kUnknownSite.
  virtual Result<std::int64_t> DeleteSiteContent(std::string_view site_id) = 0;
};

}  // namespace palabre::store
