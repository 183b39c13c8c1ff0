// The discussion's value types: size limits, and what the comment use cases (thread_reader.h,
// comment_writer.h, reader_actions.h) take and give back. Plain data, no behaviour but
// AuthorStatus's name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/subscriber.h"
#include "core/text/relative_time.h"
#include "moderation/decision.h"

namespace palabre::service {

// Size limits, in Unicode code points unless said otherwise. Each has its own error code.
struct Limits {
  std::size_t max_text = 5000;    // kTextTooLong
  std::size_t max_author = 60;    // kAuthorTooLong
  std::size_t max_email = 254;    // kEmailTooLong
  std::size_t max_key = 512;      // kKeyInvalid
  std::size_t max_title = 300;    // longer titles are cut
  std::size_t max_body = 100000;  // article text kept for moderation, longer is cut
  int default_page = 20;          // top-level comments per page
  int max_page = 1000;            // a whole thread in one request (benchmarks, exports)
  int max_depth = 3;              // reply levels shown; deeper replies attach to the deepest
  std::int64_t edit_window_ms = 15 * 60 * 1000;
  std::size_t max_count_keys = 100;  // kTooManyKeys
  // Reader actions, per client (core/client_address.h ClientKey) and site, over the last hour
  // (counted in the store, so across nodes): beyond, kTooManyVotes / kTooManyReports with the
  // seconds until the oldest counted action leaves the hour.
  int votes_per_hour = 120;
  int reports_per_hour = 20;
  // A burst of reports: this many unresolved reports of one comment within this window flags
  // the comment in the console (and counts in palabre_report_bursts_total).
  int report_burst = 5;
  std::int64_t report_burst_window_ms = 10 * 60 * 1000;
  std::size_t max_status_items = 50;  // AuthorStatuses: kInvalidArgument beyond
  // The deployment sends reply mails (serve --smtp, --mail-from, --public-url): a post's
  // notify_email signs its address up, and thread pages say the option exists.
  bool reply_mail = false;
};

struct PostInput {
  std::string site_id;
  std::string key;
  std::string title;  // used when the thread is created
  std::optional<CommentId> parent_id;
  std::string author;
  std::string email;
  // Replies to this comment by e-mail, to this address (core/subscriber.h); "" for none.
  // Validated as `email` (kEmailInvalid, kEmailTooLong).
  std::string notify_email;
  // The widget's per-browser reader token (IsValidReaderToken), or "": the comment joins that
  // reader's replies feed (Comment::replies_token). kInvalidArgument for a malformed one.
  std::string reader_token;
  std::string text;
  std::string client_address;  // hashed with the site's salt, never stored as is
  // The request's Origin header. `title` names a new thread (or fills an empty title) only
  // when this is one of the site's origins: a browser on the publisher's page sent it.
  std::string origin;
};

struct PostOutput {
  Comment comment;         // as stored; id 0 when the decision is reject
  std::string edit_token;  // given once, to the author; empty when rejected
  moderation::Decision decision;
  Site site;  // the comment's site, as read once for the whole call (its time zone, ...)
  // What notify_email did; none without one (or when the comment was not kept).
  std::optional<NotifyOutcome> notify;
};

struct ListInput {
  std::string site_id;
  std::string key;
  Sort sort = Sort::kOldest;
  int limit = 0;       // 0: Limits::default_page
  std::string cursor;  // opaque, from ThreadPage::next_cursor; empty for the first page
  text::Lang lang = text::Lang::kFr;
  int max_depth = -1;  // -1: Limits::max_depth
};

struct CommentView {
  Comment comment;
  std::string relative_time;  // "il y a 3 heures"
  std::string full_time;      // "12 mars 2024 à 17:55"
  // Set on a reply shown at a shallower level than its real depth ("en réponse à X").
  std::optional<CommentId> reply_to_id;
  std::string reply_to_author;
  std::vector<CommentView> replies;
};

struct ThreadPage {
  Thread thread;            // comment_count is the total shown in the header
  bool reply_mail = false;  // Limits::reply_mail: the widget offers reply e-mails
  std::vector<CommentView> comments;
  std::string next_cursor;  // empty on the last page
  bool exists = true;       // false for a key nobody commented yet (empty page, count 0)
};

// One of the reader's own comments, as the widget remembers it (POST /api/v1/comments/status).
struct AuthorQuery {
  CommentId id = 0;
  std::string edit_token;
};

// Where an author's comment stands. kUnknown: no such comment, another site's, or a token
// that does not match (the answer never tells these apart).
enum class AuthorStatus { kUnknown, kPublished, kHeld, kRejected, kDeleted };
std::string_view ToString(AuthorStatus s);

struct AuthorView {
  CommentId id = 0;
  AuthorStatus status = AuthorStatus::kUnknown;
  std::optional<CommentView> comment;       // published or held: as its author may see it
  std::vector<moderation::Reason> reasons;  // held or rejected: the stored decision's reasons
};

// A reader's report (POST /api/v1/comments/{id}/reports).
struct ReportInput {
  CommentId comment_id = 0;
  ReportReason reason = ReportReason::kOther;
  std::string note;            // optional, <= 500 code points after NFC
  std::string token;           // the widget's per-browser token (IsValidReaderToken), or ""
  std::string client_address;  // hashed with the site's salt, never stored
};

struct ReportOutput {
  std::int64_t open_reports = 0;  // the comment's unresolved reports, this one included
  double score = 0;               // ReportScore of those reports
  bool held = false;              // this report reached the threshold: the comment is held
  bool burst = false;             // this report started a burst (Limits::report_burst)
  int retry_after_s = 0;          // > 0: refused, the client's hourly budget is spent
};

// A vote (POST or DELETE /api/v1/comments/{id}/votes).
struct VoteInput {
  CommentId comment_id = 0;
  int direction = 0;  // +1 up, -1 down, 0 takes the reader's vote back
  std::string token;  // the widget's per-browser token (IsValidReaderToken), or ""
  std::string client_address;
};

struct VoteOutput {
  Comment comment;        // as stored after the vote
  int retry_after_s = 0;  // > 0: refused, the client's hourly budget is spent (comment empty)
};

}  // namespace palabre::service
