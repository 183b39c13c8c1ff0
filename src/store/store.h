// Store: everything palabre keeps, in the domain's terms. One interface, several backends
// (SQLite, PostgreSQL); handlers and services never see SQL.
//
// Contract shared by every backend, pinned by store_conformance_test.cc:
// - A method that returns OK has made its change durable: an inserted comment survives the
//   process being killed right after the call returns.
// - Thread::comment_count counts the thread's published comments (replies included) and stays
//   exact under concurrent inserts, status changes and removals.
// - Listing methods return published comments and deleted ones (tombstones, so that replies
//   under a deleted comment keep their place); held and rejected comments only through
//   moderation methods.
// - Implementations are thread-safe: one Store is shared by all of the server's threads.
// Failures: kUnknownSite / kUnknownThread / kUnknownComment / kUnknownParent as named below,
// kUnavailable when the database cannot be reached (retry later), kInternal otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

// Position after which a page of top-level comments continues. Orders: oldest is
// (created_at, id) ascending, newest the same descending, best (score, id) descending. key is
// the creation time (oldest/newest) or the score (best); id breaks ties. A best cursor may skip
// or repeat a comment whose score changes between pages. Opaque to clients (service encodes it).
struct PageCursor {
  std::int64_t key = 0;
  CommentId id = 0;
  friend bool operator==(const PageCursor&, const PageCursor&) = default;
};

struct TopLevelPage {
  std::vector<Comment> comments;
  std::optional<PageCursor> next;  // set when more top-level comments follow
};

struct ThreadCount {
  std::string key;
  std::int64_t count = 0;
};

// --- The moderators' side ------------------------------------------------------------------------

// What the moderation console lists: comments of some sites, filtered, newest or oldest first,
// one page at a time (keyset on (created_at, id)).
struct CommentQuery {
  std::vector<std::string> site_ids;    // required, non-empty: the sites the user may see
  std::optional<CommentStatus> status;  // unset: any status
  // Set: only comments whose Comment::auto_rejected equals it.
  std::optional<bool> auto_rejected;
  bool reported_only = false;  // only comments with unresolved reports
  // Only published comments marked for review (Comment::review) that no moderator decided on.
  bool review_only = false;
  std::optional<ThreadId> thread_id;  // only this thread
  // Only comments whose moderation JSON contains `"code":"<reason_code>"` exactly (a literal
  // match: % and _ are plain characters).
  std::string reason_code;
  // Case-insensitive literal substring of the text or the author's name (% and _ are plain
  // characters). Case folding: ASCII letters in SQLite, the database's locale in PostgreSQL.
  std::string text_contains;
  std::string author;        // exact display name
  bool newest_first = true;  // (created_at, id) descending; false: ascending
  // (risk, id) descending instead (the review queue: highest risk first); newest_first is then
  // ignored and the cursor's key is RiskKey(risk).
  bool by_risk = false;
  std::optional<PageCursor> after;  // key = created_at (or RiskKey); from CommentPage::next
  int limit = 50;                   // clamped to 1..500
};

// Comment::risk as the store keeps it and the risk order's cursor carries it: ten-thousandths,
// 0..10000 (a risk outside 0..1 is clamped).
std::int64_t RiskKey(double risk);
double RiskOfKey(std::int64_t key);

struct CommentPage {
  std::vector<Comment> comments;  // with open_reports filled
  std::optional<PageCursor> next;
};

// An author's past on a site, by display name or client hash (either matching counts; a comment
// matching both counts once).
struct AuthorHistory {
  std::int64_t published = 0;
  std::int64_t held = 0;
  std::int64_t rejected = 0;
  std::int64_t deleted = 0;
};

// One comment as the per-site report reads it.
struct CommentFact {
  CommentId id = 0;
  CommentStatus status = CommentStatus::kPublished;
  TimestampMs created_at = 0;
  std::string moderation;  // the pipeline's decision JSON
};

// A reader's recent votes or reports (by the hash of their client) since some time: how many,
// and when the oldest of them was made (0 when there is none). Budgets per hour read it.
struct RecentActions {
  std::int64_t count = 0;
  TimestampMs oldest = 0;
};

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

class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Answers a trivial query: the store is reachable and answering (readiness, /readyz).
  // kUnavailable (or the backend's bounded wait's failure) when it is not.
  virtual Status Ping() = 0;

  // Sites.
  virtual Status CreateSite(const Site& site) = 0;        // kSiteExists
  virtual Status UpdateSite(const Site& site) = 0;        // keeps created_at; kUnknownSite
  virtual Result<Site> GetSite(std::string_view id) = 0;  // kUnknownSite
  virtual Result<std::vector<Site>> ListSites() = 0;      // ordered by id
  virtual Status RemoveSite(std::string_view id) = 0;     // with its threads; kUnknownSite

  // Threads.
  virtual Result<Thread> GetThread(std::string_view site_id,
                                   std::string_view key) = 0;  // kUnknownThread
  virtual Result<Thread> GetThreadById(ThreadId id) = 0;       // kUnknownThread
  // Returns the thread (site_id, key), creating it from `thread` if absent. An existing
  // thread's empty title or body is filled from `thread`; nothing else changes. kUnknownSite.
  virtual Result<Thread> EnsureThread(const Thread& thread) = 0;
  virtual Status SetThreadClosed(ThreadId id, bool closed) = 0;  // kUnknownThread
  // The publisher's title for the thread, replacing any. kUnknownThread.
  virtual Status SetThreadTitle(ThreadId id, std::string_view title) = 0;
  // Published-comment counts of the given keys, in the order asked; keys without a thread are
  // absent.
  virtual Result<std::vector<ThreadCount>> CountComments(std::string_view site_id,
                                                         std::span<const std::string> keys) = 0;

  // Comments.
  // Inserts `comment` (its id, root_id and depth are ignored and set from the parent) and
  // returns it as stored. kUnknownThread; kUnknownParent if parent_id is not a comment of the
  // same thread; kDuplicateImport if the site already has a comment with the same non-empty
  // source_id. The given upvotes and downvotes are kept (imports), and so are review, risk and
  // auto_rejected.
  virtual Result<Comment> InsertComment(const Comment& comment) = 0;
  virtual Result<Comment> GetComment(CommentId id) = 0;  // kUnknownComment
  virtual Status UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                   TimestampMs edited_at) = 0;              // kUnknownComment
  virtual Status SetCommentStatus(CommentId id, CommentStatus status) = 0;  // kUnknownComment
  // The moderation decision of an edited text: replaces Comment::moderation and the review mark
  // (review, risk). kUnknownComment.
  virtual Status SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                      double risk) = 0;
  // One page of a thread's top-level comments in `sort` order, after `after` if given.
  virtual Result<TopLevelPage> ListTopLevel(ThreadId thread, Sort sort,
                                            std::optional<PageCursor> after, int limit) = 0;
  // Every listed reply (depth >= 1) whose root is one of `roots`, oldest first.
  virtual Result<std::vector<Comment>> ListReplies(ThreadId thread,
                                                   std::span<const CommentId> roots) = 0;
  // Comments of a site created at or after `since`, any status, oldest first; when more than
  // `limit` match, the latest `limit` (moderation warms its duplicate and flood indexes with
  // these at start-up).
  virtual Result<std::vector<Comment>> ListRecentComments(std::string_view site_id,
                                                          TimestampMs since, int limit) = 0;
  // The comment imported with this source id into this site, if any.
  virtual Result<std::optional<CommentId>> FindImported(std::string_view site_id,
                                                        std::string_view source_id) = 0;

  // Votes. A voter is known by `voter_hash` (the client's hash) and, when not empty,
  // `token_hash` (the widget's per-browser token): an existing vote of the comment matching
  // either is the same voter's. direction +1 or -1 votes: the same direction again (every
  // matching vote has it) is kAlreadyVoted; otherwise the matching votes are replaced by this
  // one. direction 0 takes the matching votes back (none: nothing changes, not an error).
  // Counts stay exact. kUnknownComment; kInvalidArgument for another direction or an empty
  // voter_hash. Returns the updated comment.
  virtual Result<Comment> Vote(CommentId id, std::string_view voter_hash,
                               std::string_view token_hash, int direction, TimestampMs at) = 0;
  // The votes standing under `voter_hash` (any comment) made or changed at or after `since`.
  virtual Result<RecentActions> RecentVotes(std::string_view voter_hash, TimestampMs since) = 0;

  // --- Accounts, sessions, moderation queue, reports, bans, audit, GDPR --------------------------

  // Users. Emails are stored lower-cased; lookups are case-insensitive. Lower-casing and
  // case-insensitive comparison of e-mails (here and in the GDPR methods) fold ASCII letters
  // only, the same in every backend. CreateUser also stores the given memberships (ordered by
  // site id when read back; kUnknownSite, and nothing is created, for an unknown site).
  virtual Result<User> CreateUser(const User& user) = 0;            // id set; kUserExists
  virtual Result<User> GetUser(UserId id) = 0;                      // kUnknownUser
  virtual Result<User> GetUserByEmail(std::string_view email) = 0;  // kUnknownUser
  virtual Result<std::vector<User>> ListUsers() = 0;                // ordered by email
  // Removes the user with their memberships and sessions. kUnknownUser. (A removed site takes
  // its memberships, bans and audit entries with it; a removed comment its reports.)
  virtual Status RemoveUser(UserId id) = 0;
  // A new password ends every session of the user (a stolen session dies with the old
  // password). kUnknownUser.
  virtual Status SetPassword(UserId id, std::string_view password_hash) = 0;
  // Adds or changes the user's role on a site. kUnknownUser, kUnknownSite.
  virtual Status SetMembership(UserId id, const Membership& membership) = 0;
  // kUnknownUser; a membership that does not exist is OK.
  virtual Status RemoveMembership(UserId id, std::string_view site_id) = 0;
  // Login throttling state (service/auth_service.h decides the values). kUnknownUser.
  virtual Status SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) = 0;

  // Sessions, by the hash of their token. A session expires at expires_at (it is valid while
  // now < expires_at). CreateSession: kUnknownUser.
  virtual Status CreateSession(const Session& session) = 0;
  // kUnauthorized if absent or expired at `now`.
  virtual Result<Session> GetSession(std::string_view token_hash, TimestampMs now) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;  // absent: OK
  // Removes sessions expired at `now`; returns how many.
  virtual Result<std::int64_t> DeleteExpiredSessions(TimestampMs now) = 0;

  // The moderation queue and search: comments of any status (unless query.status says one),
  // replies included, with their open_reports. kInvalidArgument if site_ids is empty.
  virtual Result<CommentPage> QueryComments(const CommentQuery& query) = 0;
  // Changes a comment's status as a moderator does: like SetCommentStatus (counts stay exact),
  // and marks its open reports resolved, even when the status does not change (approving a
  // reported comment as it is dismisses its reports): outcome kDismissed when `status` is
  // published, kUpheld otherwise; and clears its review mark (a moderator has now looked at it;
  // its risk stays). kUnknownComment.
  virtual Status ModerateComment(CommentId id, CommentStatus status) = 0;
  // Counts of the site's comments by status whose author is `author` or whose client hash is
  // `client_hash` (an empty one of either matches nothing).
  virtual Result<AuthorHistory> GetAuthorHistory(std::string_view site_id, std::string_view author,
                                                 std::string_view client_hash) = 0;
  // Comments of a site created in [since, until), any status, oldest first (reports).
  virtual Result<std::vector<CommentFact>> ListCommentFacts(std::string_view site_id,
                                                            TimestampMs since,
                                                            TimestampMs until) = 0;

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

  // API keys of the analysis API. CreateApiKey: id set; kUnknownSite; kInvalidArgument for an
  // empty key_hash. ListApiKeys: the site's keys by id (none for an unknown site). FindApiKey:
  // by the key's hash, kUnknownApiKey. RemoveApiKey: kUnknownApiKey unless the key `id` is the
  // site's.
  virtual Result<ApiKey> CreateApiKey(const ApiKey& key) = 0;
  virtual Result<std::vector<ApiKey>> ListApiKeys(std::string_view site_id) = 0;
  virtual Result<ApiKey> FindApiKey(std::string_view key_hash) = 0;
  virtual Status RemoveApiKey(std::string_view site_id, std::int64_t id) = 0;

  // Bans. A ban is expired at `now` when expires_at != 0 and expires_at <= now.
  // AddBan: id set; kUnknownSite; kInvalidArgument if author_folded, client_hash and
  // email_hash are all empty (it could never match).
  virtual Result<Ban> AddBan(const Ban& ban) = 0;
  // Bans of the site not expired at `now`, newest first (created_at, then id).
  virtual Result<std::vector<Ban>> ListBans(std::string_view site_id, TimestampMs now) = 0;
  virtual Result<Ban> GetBan(BanId id) = 0;  // expired or not; kUnknownBan
  virtual Status RemoveBan(BanId id) = 0;    // kUnknownBan
  // The first (oldest by id) ban of the site, not expired at `now`, one of whose non-empty
  // fields equals the corresponding non-empty argument; none if every argument is empty.
  virtual Result<std::optional<Ban>> FindBan(std::string_view site_id,
                                             std::string_view author_folded,
                                             std::string_view client_hash,
                                             std::string_view email_hash, TimestampMs now) = 0;

  // Audit log: append only. AppendAudit: id set (ids grow with time); kUnknownSite.
  virtual Result<AuditEntry> AppendAudit(const AuditEntry& entry) = 0;
  // The site's entries, newest (highest id) first, with id < before_id when before_id > 0, at
  // most `limit` (clamped to 1..500). The next page: before_id = the last entry's id.
  virtual Result<std::vector<AuditEntry>> ListAudit(std::string_view site_id,
                                                    std::int64_t before_id, int limit) = 0;
  // The entries about one comment (AuditEntry::comment_id), newest (highest id) first, at most
  // `limit` (clamped to 1..500); none for a comment without any.
  virtual Result<std::vector<AuditEntry>> ListCommentAudit(CommentId id, int limit) = 0;

  // GDPR. Every comment (any site, any status) whose e-mail equals `email` (case-insensitive),
  // oldest first. An empty `email` matches nothing (not the comments without an e-mail).
  virtual Result<std::vector<Comment>> ListCommentsByEmail(std::string_view email) = 0;
  // Erases those comments' personal data: text, html, author ("" ), email, client hash and
  // edit token hash emptied, status deleted (counts stay exact; replies keep their place).
  // Held and rejected comments become deleted ones too (tombstones in listings); their reports
  // and votes stay. Returns how many comments were erased (0 for an empty `email`).
  virtual Result<std::int64_t> EraseCommentsByEmail(std::string_view email) = 0;
  // Retention: empties the e-mail and client hash of comments created before `cutoff` and the
  // reporter, range and token hashes of reports made before it (they stay, and keep counting
  // if unresolved).
  // Returns the number of comments changed (those that had an e-mail or a client hash).
  virtual Result<std::int64_t> PurgePersonalData(TimestampMs cutoff) = 0;
  // Retention of what the pipeline rejected: deletes the site's comments that are rejected and
  // auto_rejected, created before `cutoff` and answered by no comment (with their votes and
  // reports). Returns how many. An unknown site has none (0).
  virtual Result<std::int64_t> DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) = 0;
};

// Opens the store named by `url`: "sqlite:///path/file.db", "sqlite:file.db" or a plain path
// (SQLite), creating and migrating it if needed. kInvalidArgument for an unknown scheme.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace palabre::store
