// CommentService: the discussion's use cases — post, list, edit, delete, vote, count.
//
// Handlers parse a request, call one method here and serialize the result; everything a reader
// can do is decided here, tested without a socket (comment_service_test.cc). The service
// validates and normalises input (core/text), asks the Moderator, writes through the Store and
// bumps the thread's version so that response caches never serve a stale thread.
//
// Issue 6: Post also enforces the site's bans and settings (service/site_settings.h):
// pre-moderation, closing old threads, and the moderation overrides, applied to the pipeline
// through a callback whenever a site's settings JSON differs from the one last applied (so a
// change made on another node reaches this one within the site cache's few seconds). Readers
// report comments (Report); moderators' actions (service/moderator_service.h) tell the service
// through OnModerated so that caches and live listeners follow.
// Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "moderation/config.h"
#include "moderation/decision.h"
#include "service/site_settings.h"
#include "store/change_feed.h"
#include "store/store.h"

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
};

struct PostInput {
  std::string site_id;
  std::string key;
  std::string title;  // used when the thread is created
  std::optional<CommentId> parent_id;
  std::string author;
  std::string email;
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
  Thread thread;  // comment_count is the total shown in the header
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

class CommentService {
 public:
  CommentService(store::Store& store, moderation::Moderator& moderator, const Clock& clock,
                 Limits limits = {});

  // kUnknownSite, kKeyInvalid, validation errors, kBanned (a ban of the site matches the
  // folded name, the client hash or the e-mail hash), kThreadClosed (closed, or older than the
  // site's close_after_days), kUnknownParent, kThreadCreationDisabled, kCommentNotPublished
  // (reply to a held comment). A moderation reject or flood is not an error: see
  // PostOutput::decision. Pre-moderation turns a publish (or a review) into a hold with the
  // reason {check "premoderation", code "premoderation_all" or "premoderation_new"}. A review
  // decision publishes the comment as any other and marks it for review (Comment::review, with
  // the decision's review_risk): readers cannot tell it apart.
  Result<PostOutput> Post(const PostInput& in);

  // kUnknownSite, kKeyInvalid, kInvalidCursor. An unknown key is an empty page, not an error.
  Result<ThreadPage> List(const ListInput& in);

  // Author's edit within Limits::edit_window_ms, with the edit token given at post time. The
  // new text goes through moderation again: on reject the old text stays and the decision says
  // why (PostOutput::decision, comment unchanged); on hold the comment leaves the public thread.
  // Bans and pre-moderation apply to edits as to new comments (kBanned; under pre-moderation
  // "all" an edited comment returns to the queue). A comment that leaves the thread this way
  // is announced like a moderated one (OnModerated). The new text's decision replaces the
  // stored one, and with it the review mark: set when the decision is review and the comment
  // stays published, cleared otherwise.
  // kUnknownComment, kBadEditToken, kEditWindowExpired, kBanned, validation errors.
  Result<PostOutput> Edit(CommentId id, std::string_view edit_token, std::string_view text);
  Status Delete(CommentId id, std::string_view edit_token);

  // The status of the author's own comments of site `site_id`, each proven by its edit token
  // (any age: the edit window does not apply), in the order asked. The comment is given while
  // published or held, the moderation reasons while held or rejected (the author's widget says
  // them in plain words; the caller leaves out their details). kUnknownSite; kInvalidArgument
  // beyond Limits::max_status_items; store failures other than a missing comment.
  Result<std::vector<AuthorView>> AuthorStatuses(std::string_view site_id,
                                                 const std::vector<AuthorQuery>& items,
                                                 text::Lang lang);

  // A reader is their client (ClientKey of the address) and, when the widget sends it, their
  // browser's token; both hashed with the site's salt. One vote per reader and comment
  // (Store::Vote); direction 0 takes it back (also on a comment no longer published). Not on a
  // comment posted from the same client (kOwnComment). Within Limits::votes_per_hour, else
  // VoteOutput::retry_after_s. kUnknownComment, kCommentNotPublished, kAlreadyVoted,
  // kInvalidVote, kInvalidArgument (token).
  Result<VoteOutput> Vote(const VoteInput& in);

  // kUnknownSite, kTooManyKeys. Keys without comments count 0; order follows `keys`.
  Result<std::vector<store::ThreadCount>> Counts(std::string_view site_id,
                                                 const std::vector<std::string>& keys);

  // The site, from a small cache refreshed every few seconds (CORS checks on every request).
  // kUnknownSite.
  Result<Site> GetSite(std::string_view site_id);
  // The site as last read by GetSite, however long ago, without touching the store; nullopt
  // if it was never read (or was evicted). For answers served while the store stalls.
  std::optional<Site> KnownSite(std::string_view site_id) const;

  // --- Moderators --------------------------------------------------------------------------------
  // A reader's report, the reader being their client and browser as for votes. Only published
  // comments (kCommentNotPublished); kUnknownComment, kAlreadyReported (same client or same
  // browser), kInvalidArgument (note over 500 code points, token), kInvalidUtf8; within
  // Limits::reports_per_hour, else ReportOutput::retry_after_s. When the ReportScore of the
  // comment's unresolved reports reaches the site's report_threshold it is held (its reports
  // stay open for the moderators), its thread's version is bumped and the removed-listener is
  // called. The report that brings Limits::report_burst reports within the burst window marks
  // the start of a burst (ReportOutput::burst).
  Result<ReportOutput> Report(const ReportInput& in);

  // Rebuilds a site's moderation from its settings: the server's configuration for the site
  // (`base.For(site)`) with SiteSettings::ApplyTo over it, handed to `reconfigure` (the app
  // passes Pipeline::Reconfigure). Without this call, settings still drive pre-moderation,
  // reports and closing, but not the checks.
  using Reconfigure =
      std::function<Status(std::string_view site_id, const moderation::ModerationConfig&)>;
  void SetModeration(moderation::ModerationConfigs base, Reconfigure reconfigure);

  // The site's parsed settings; applies them to the moderation first if they changed since
  // last applied. Settings that do not parse (a hand-edited database) count as the defaults
  // and are logged. Thread-safe.
  SiteSettings SettingsFor(const Site& site);

  // After a moderator changed a site (settings, ...): forgets the cached site and applies its
  // settings now. kUnknownSite; the error of ApplyTo or of the reconfigure callback.
  Status SiteChanged(std::string_view site_id);

  // A moderator changed `comment` (status, erasure): bumps its thread's version, and tells the
  // listeners: Listener when it is published now, RemovedListener otherwise. `comment` as
  // stored after the change. Store failures are ignored (the version is bumped when the
  // thread can be read).
  void OnModerated(const Comment& comment);

  // Called when a comment left a thread's public view (held after reports, unpublished,
  // rejected, erased): live clients remove it. Never given the comment's text.
  using RemovedListener = std::function<void(const Site&, const Thread&, CommentId id)>;
  void SetRemovedListener(RemovedListener listener) { removed_listener_ = std::move(listener); }

  // Changes whenever anything visible in the thread (site_id, key) changes. Response caches
  // key on it.
  std::uint64_t ThreadVersion(std::string_view site_id, std::string_view key) const;

  // Called for every comment that became visible or changed (live updates hook).
  using Listener = std::function<void(const Site&, const Thread&, const Comment&)>;
  void SetListener(Listener listener) { listener_ = std::move(listener); }

  // --- Several nodes on one database -------------------------------------------------------------
  // A change another node made to the shared store (store/change_feed.h), as if it had been
  // made here: bumps the thread's version (so this node's response cache never serves the
  // thread stale), Records a new comment in the moderation history (flood and duplicate
  // checks see every node's comments) and calls the listener for a comment that is published
  // after an insert, edit or status change (live updates reach this node's SSE subscribers).
  // A vote or thread change only bumps the version, as local ones do. kResync (the feed was
  // cut off, so changes may have been missed) gives every thread a new version, those this
  // node never versioned included, forgets the cached sites, then calls the reset listener
  // (live clients reload: nothing missed stays unseen). A comment being deleted (its text
  // already emptied) is not pushed. Store failures drop the change (the version is bumped
  // first). Called from the feed's thread; thread-safe.
  void OnRemoteChange(const store::Change& change);

  // Called after a kResync, once every thread's version has changed: live clients must reload
  // what they show. Set before the change feed starts.
  using ResetListener = std::function<void()>;
  void SetResetListener(ResetListener listener) { reset_listener_ = std::move(listener); }

  const Limits& limits() const { return limits_; }

 private:
  // kBanned if a ban of the site matches the comment's author name, client hash or
  // e-mail at `now`.
  Status CheckBan(const Site& site, const Comment& comment, TimestampMs now);
  // Turns a publish decision into a hold when the site pre-moderates (all comments, or authors
  // with fewer than premoderation_min_approved published comments), with its reason.
  Status Premoderate(const SiteSettings& settings, const Site& site, const Comment& comment,
                     moderation::Decision& decision);

  void Bump(std::string_view site_id, std::string_view key);
  Result<std::string> ValidKey(std::string_view key) const;
  Result<Comment> OwnComment(CommentId id, std::string_view edit_token);
  CommentView View(const Comment& c, const Site& site, text::Lang lang, TimestampMs now) const;
  void Notify(const Site& site, const Thread& thread, const Comment& comment);

  store::Store& store_;
  moderation::Moderator& moderator_;
  const Clock& clock_;
  Limits limits_;
  Listener listener_;
  mutable std::mutex versions_mu_;
  std::unordered_map<std::string, std::uint64_t> versions_;  // GUARDED_BY(versions_mu_)
  std::uint64_t next_version_ = 1;                           // GUARDED_BY(versions_mu_)
  // The version of a thread not in versions_: changes at each kResync.
  std::uint64_t base_version_ = 0;  // GUARDED_BY(versions_mu_)
  ResetListener reset_listener_;
  struct CachedSite {
    Site site;
    TimestampMs fetched_at = 0;
  };
  mutable std::mutex sites_mu_;
  std::unordered_map<std::string, CachedSite> sites_;  // GUARDED_BY(sites_mu_)
  // The settings JSON last applied per site, and what it parsed to.
  RemovedListener removed_listener_;
  struct AppliedSettings {
    std::string json;
    SiteSettings settings;
  };
  std::mutex settings_mu_;                                    // also serialises reconfigure calls
  moderation::ModerationConfigs base_configs_;                // GUARDED_BY(settings_mu_)
  Reconfigure reconfigure_;                                   // GUARDED_BY(settings_mu_)
  std::unordered_map<std::string, AppliedSettings> applied_;  // GUARDED_BY(settings_mu_)
};

// Opaque page cursors: base64url of (key, id). kInvalidCursor on anything else.
std::string EncodeCursor(const store::PageCursor& cursor);
Result<store::PageCursor> DecodeCursor(std::string_view cursor);

}  // namespace palabre::service
