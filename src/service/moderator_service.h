// ModeratorService: what the moderator console does (docs/API.md "Moderator console
// API"): the queue, approve/reject/unpublish (one or in bulk), bans, the site's settings, the
// audit log and the per-site report.
//
// Every method takes the authenticated user (service/auth_service.h) and checks their role on
// the site concerned — the comment's, the ban's or the one named — before anything else:
// kForbidden otherwise (settings changes need the admin role). Every change writes one
// AuditEntry (who, what, when, why, and for an action on a comment the time since the comment
// arrived, response_ms) and goes through CommentService::OnModerated so that response caches
// and live clients follow. Any decision on a comment waiting for review ends its review
// (Store::ModerateComment clears the mark); its audit detail then also has "review": true and
// the "risk".
//
// Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "moderation/decision.h"
#include "service/api_key_service.h"
#include "service/comment_service.h"
#include "service/site_service.h"
#include "service/site_settings.h"
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

class ModeratorService {
 public:
  ModeratorService(store::Store& store, CommentService& comments, const Clock& clock);

  // The user's sites with their names and the user's role, ordered by id.
  Result<std::vector<UserSite>> Sites(const User& user);

  // kForbidden (site_id not one of the user's), kInvalidArgument (status), kInvalidCursor.
  Result<QueuePage> Queue(const User& user, const QueueQuery& query);

  // One comment as the queue shows it. kUnknownComment, kForbidden.
  Result<QueueItem> Item(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);

  // Publishes a held, rejected or reported comment and resolves its reports; approving a
  // published comment leaves it published (dismisses its reports, ends its review).
  // kUnknownComment, kForbidden, kCommentNotPublished for a deleted comment.
  Result<QueueItem> Approve(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);
  // Rejects (hides for good) any comment but a deleted one. The note goes into the audit.
  Result<QueueItem> Reject(const User& user, CommentId id, RejectReason reason,
                           std::string_view note, text::Lang lang = text::Lang::kFr);
  // Holds a published comment (kCommentNotPublished otherwise). A comment waiting for review
  // unpublished without a reason is audited with "review: <its review reasons' codes>".
  Result<QueueItem> Unpublish(const User& user, CommentId id, std::string_view reason,
                              text::Lang lang = text::Lang::kFr);
  // "Faux positif": publishes a comment the pipeline rejected on arrival (Comment::
  // auto_rejected, still rejected), audited as "false_positive" so that `palabre train
  // --from-decisions` takes it as legitimate. kNotAutoRejected otherwise; kUnknownComment,
  // kForbidden.
  Result<QueueItem> FalsePositive(const User& user, CommentId id,
                                  text::Lang lang = text::Lang::kFr);
  // "Annuler": puts back the status a comment had before its last decision (approve, reject,
  // unpublish, false_positive), when that decision is this user's and at most kUndoWindowMs
  // old; audited as "undo" (detail: the undone entry's id and action, and the status put
  // back). Reports the decision resolved stay resolved and an ended review stays ended.
  // kUndoNotPossible (no decision, another user's, an undo, or the comment's status changed
  // since), kUndoExpired; kUnknownComment, kForbidden.
  Result<QueueItem> Undo(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);
  static constexpr TimestampMs kUndoWindowMs = 30'000;

  // Each comment on its own: failures are listed, not fatal. kInvalidArgument if neither or
  // both of ids and cluster are given, or more than 500 ids; kForbidden/kUnknownComment for
  // the cluster's comment.
  Result<BulkResult> Bulk(const User& user, const BulkInput& in);

  // Bans the comment's author on its site and rejects their held comments there (audited
  // each). kUnknownComment, kForbidden, kInvalidArgument (no field chosen, days out of range,
  // by_email without e-mail, reason too long).
  Result<Ban> AddBan(const User& user, const BanInput& in);
  Status RemoveBan(const User& user, BanId id);  // kUnknownBan, kForbidden
  Result<std::vector<Ban>> ListBans(const User& user, std::string_view site_id);

  // Settings: reading needs a role on the site, writing the admin role. PutSettings parses
  // `json` (kInvalidJson, kInvalidArgument naming the key; applying it to the moderation
  // configuration is tried before saving, so a bad lexicon term is refused too), stores the
  // canonical form in Site::settings and applies it to the pipeline at once. kUnknownSite.
  Result<SiteSettings> GetSettings(const User& user, std::string_view site_id);
  Result<SiteSettings> PutSettings(const User& user, std::string_view site_id,
                                   std::string_view json);

  // The site itself (name, origins, time zone): reading needs a role on the site, changing it
  // the admin role. UpdateSite is SiteService::Update (its errors: kInvalidArgument naming the
  // field first, "origins: …"), audited as the user, applied at once on this node (other
  // nodes read the site again within seconds). kUnknownSite.
  Result<Site> GetSite(const User& user, std::string_view site_id);
  Result<Site> UpdateSite(const User& user, std::string_view site_id, const SiteChange& change);

  // The site's audit log, newest first, entries with id < before_id when before_id > 0;
  // limit 1..200 (clamped, default 50).
  Result<std::vector<AuditEntry>> Audit(const User& user, std::string_view site_id,
                                        std::int64_t before_id, int limit);

  // The last `days` days (1..90, else kInvalidArgument) in the site's time zone.
  Result<SiteReport> Report(const User& user, std::string_view site_id, int days);

  // The analysis API's keys of a site (admin role): listed, made (the secret is returned once)
  // and removed, each change audited ("api_key_add", "api_key_remove"). kForbidden;
  // CreateApiKey's errors; kUnknownApiKey.
  Result<std::vector<ApiKey>> ApiKeys(const User& user, std::string_view site_id);
  Result<NewApiKey> AddApiKey(const User& user, std::string_view site_id, std::string_view name,
                              int per_minute);
  Status RemoveApiKey(const User& user, std::string_view site_id, std::int64_t id);

 private:
  struct Target;  // a comment with its thread and site
  Result<Target> Load(const User& user, CommentId id);
  Result<QueueItem> MakeItem(const Comment& comment, const Thread& thread, const Site& site,
                             text::Lang lang);
  Status Moderate(const User& user, const Target& target, CommentStatus status,
                  std::string_view action, std::string_view reason, std::string_view detail);

  store::Store& store_;
  CommentService& comments_;
  const Clock& clock_;
};

// The comment id a duplicate or copy_paste reason names (Reason::comment_id), if any.
std::optional<CommentId> ClusterOf(const std::vector<moderation::Reason>& reasons);

}  // namespace palabre::service
