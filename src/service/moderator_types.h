// What the moderator console's use cases take and give back (moderator_service.h lists them):
// the queue's query, items and pages, bulk actions, bans, the user's sites, the site report;
// and the small rules they share. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "moderation/decision.h"
#include "store/store.h"

namespace palabre::service {

// GET /api/v1/admin/queue.
struct QueueQuery {
  // "held" (default), "published", "rejected" (by a moderator), "auto_rejected" (by the
  // pipeline on arrival, kept for the site's keep_rejected_days), "reported" (any status,
  // unresolved reports), or "review" (published comments the pipeline queued for review that
  // no moderator decided on, highest risk first: newest_first does not apply).
  std::string status = "held";
  std::string site_id;  // empty: every site of the user
  std::optional<ThreadId> thread_id;
  std::string reason_code;  // e.g. "copy_paste"
  std::string text;         // case-insensitive substring of text or author
  std::string author;       // exact display name
  bool newest_first = true;
  std::string cursor;  // from QueuePage::next_cursor
  int limit = 50;      // 1..100 (clamped)
  text::Lang lang = text::Lang::kFr;
};

// One comment as the console shows it: the public comment object plus the evidence.
struct QueueItem {
  Comment comment;  // as stored, with email; edit_token_hash and client_hash emptied
  std::string site_id;
  Thread thread;              // id, key, title (the console links to the article)
  std::string relative_time;  // in the site's zone and the asked language
  std::string full_time;
  std::vector<moderation::Reason> reasons;  // parsed from the decision JSON (with spans)
  std::vector<Report> reports;  // oldest first; reporter, range and token hashes emptied
  std::int64_t open_reports = 0;
  // One of the open reports started a burst (many reports within minutes): an alert.
  bool report_burst = false;
  store::AuthorHistory history;      // the same author (name or client hash) on the site
  std::optional<CommentId> cluster;  // the comment a duplicate/copy_paste reason names
  // The comment a reply answers (with its text as stored), when it still exists.
  std::optional<Comment> parent;
  // The comment in its article: the thread's key when it is an http(s) URL, else the site's
  // first origin followed by a key that is a path ("/…"), then "#palabre-c<id>"; empty when
  // neither gives an address.
  std::string url;
  // The last moderator decision on the comment (approve, reject, unpublish, false_positive,
  // undo), from the audit log, if any: who ("dépublié par …") and why.
  std::optional<AuditEntry> last_decision;
};

struct QueuePage {
  std::vector<QueueItem> items;
  std::string next_cursor;  // empty on the last page
  // Comments of the queried sites (the query's site, else all the user's) with an open burst
  // of reports, whatever the page shows: the console's alert on its "reported" tab.
  std::int64_t report_bursts = 0;
};

enum class BulkAction { kApprove, kReject };

struct BulkInput {
  std::vector<CommentId> ids;        // <= 500
  std::optional<CommentId> cluster;  // instead of ids: this comment and the held comments
                                     // whose duplicate reason names it (or names one of
                                     // those: a campaign's copies may name each other)
  BulkAction action = BulkAction::kApprove;
  RejectReason reason = RejectReason::kOther;  // for kReject
  std::string note;
};

struct BulkFailure {
  CommentId id = 0;
  Error error = Error::kInternal;
};

struct BulkResult {
  std::vector<CommentId> done;
  std::vector<BulkFailure> failed;
};

struct BanInput {
  CommentId comment_id = 0;  // whose author is banned, on the comment's site
  int days = 0;              // 0: permanent; 1..3650
  std::string reason;        // free text, <= 500 code points
  bool by_name = true;       // folded display name
  bool by_address = false;   // client hash of the comment
  bool by_email = false;     // e-mail of the comment (kInvalidArgument if it has none)
};

struct UserSite {
  std::string id;
  std::string name;
  Role role = Role::kModerator;
};

// GET /api/v1/admin/sites/{site}/report.
struct SiteReport {
  struct Day {
    std::string date;  // "2026-11-25" in the site's time zone
    std::int64_t published = 0;
    std::int64_t held = 0;
    std::int64_t rejected = 0;
  };
  struct ReasonCount {
    std::string code;
    std::int64_t held = 0;      // comments held with this reason code
    std::int64_t rejected = 0;  // comments rejected with this reason code
  };
  std::vector<Day> days;             // oldest first, one per day, today included
  std::vector<ReasonCount> reasons;  // most frequent first
  std::int64_t response_median_ms = 0;
  std::int64_t response_p90_ms = 0;
  std::int64_t response_count = 0;  // moderator actions on comments counted
};

// The comment id a duplicate or copy_paste reason names (Reason::comment_id), if any.
std::optional<CommentId> ClusterOf(const std::vector<moderation::Reason>& reasons);

// The reasons of a comment's stored decision (none if it does not parse).
std::vector<moderation::Reason> ReasonsOf(const Comment& comment);

// A moderator's free text (a note, a ban's reason): NFC, at most 500 code points, else
// kInvalidArgument naming `what`.
Result<std::string> CleanModeratorNote(std::string_view in, std::string_view what);

// A comment with its thread and site, loaded for a moderator's action.
struct ModeratedComment {
  Comment comment;
  Thread thread;
  Site site;
};

}  // namespace palabre::service
