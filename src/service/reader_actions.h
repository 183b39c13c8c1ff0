// ReaderActions: what a reader does to someone else's comment — vote on it, report it. A reader
// is their client (ClientKey of the address) and, when the widget sends it, their browser's
// token, both hashed with the site's salt (reader_hashes.h); each action has an hourly budget
// per client, counted in the store (so across nodes). Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "service/comment_types.h"
#include "service/site_registry.h"
#include "service/thread_versions.h"
#include "store/store.h"

namespace palabre::service {

// How much one reporter's report weighs, from their record on the site: reports of theirs that
// moderators upheld and dismissed. (1 + upheld) / (1 + upheld + 2 × dismissed): a new reporter
// weighs 1, each dismissed report counts against them twice as much as an upheld one counts
// for them, and no one weighs more than 1.
double ReporterWeight(std::int64_t upheld, std::int64_t dismissed);

// The weight of a comment's open reports towards the site's report_threshold: each network
// range (Report::range_hash) counts the weights of its reporters, at most 1. So reports from
// one range, however many addresses it has, never reach a threshold above 1.
double ReportScore(const std::vector<store::OpenReport>& reports);

// The widget's per-browser token: 16 to 128 characters of A-Z a-z 0-9 - _ (empty: none).
bool IsValidReaderToken(std::string_view token);

class ReaderActions {
 public:
  ReaderActions(store::Store& store, SiteRegistry& sites, ThreadVersions& versions,
                const Clock& clock, const Limits& limits)
      : store_(store), sites_(sites), versions_(versions), clock_(clock), limits_(limits) {}

  // One vote per reader and comment (Store::Vote); direction 0 takes it back (also on a
  // comment no longer published). Not on a comment posted from the same client (kOwnComment).
  // Within Limits::votes_per_hour, else VoteOutput::retry_after_s. kUnknownComment,
  // kCommentNotPublished, kAlreadyVoted, kInvalidVote, kInvalidArgument (token).
  Result<VoteOutput> Vote(const VoteInput& in);

  // A reader's report. Only published comments (kCommentNotPublished); kUnknownComment,
  // kAlreadyReported (same client or same browser), kInvalidArgument (note over 500 code
  // points, token), kInvalidUtf8; within Limits::reports_per_hour, else
  // ReportOutput::retry_after_s. When the ReportScore of the comment's unresolved reports
  // reaches the site's report_threshold it is held (its reports stay open for the moderators),
  // its thread's version is bumped and the removed-listener is called. The report that brings
  // Limits::report_burst reports within the burst window marks the start of a burst
  // (ReportOutput::burst).
  Result<ReportOutput> Report(const ReportInput& in);

 private:
  store::Store& store_;
  SiteRegistry& sites_;
  ThreadVersions& versions_;
  const Clock& clock_;
  const Limits& limits_;
};

}  // namespace palabre::service
