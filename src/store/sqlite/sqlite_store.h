// SqliteStore: the Store (store/store.h) kept in one SQLite file, for single-server sites.
//
// Layout: one writer connection behind a mutex, plus a pool of reader connections. The file is
// in WAL mode, so readers run beside the writer and never block it, and a read that starts
// after a write returned sees that write. Every write method is one IMMEDIATE transaction (the
// comment count of a thread changes in the same transaction as the comment). Statements are
// prepared once per connection and cached; the SQL is in sqlite_queries.h, the schema and its
// migrations in migrations.cc (applied by Open()).
//
// Durability (the Store contract: an OK write survives the process being killed):
// - Synchronous::kNormal (default, PRAGMA synchronous=NORMAL): a commit is in the WAL file,
//   i.e. handed to the operating system, before the method returns. It survives the process
//   being killed (kill -9, crash) but the last commits may be lost if the machine loses power
//   or the kernel crashes before the WAL is synced at the next checkpoint. The database is
//   never corrupted either way.
// - Synchronous::kFull (PRAGMA synchronous=FULL): the WAL is fsync'ed at every commit, so a
//   commit also survives power loss, at the cost of one fsync per write (a few hundred writes
//   per second on an SSD instead of thousands).
//
// Orders and cursors (PageCursor): oldest = (created_at, id) ascending and newest = (created_at,
// id) descending, cursor key = created_at; best = (score, id) descending, so among equal scores
// the newer comment comes first, cursor key = score (upvotes - downvotes). A best cursor is only
// as stable as the scores: a comment whose score changes between two pages may be skipped or
// shown twice.
//
// Thread-safety: thread-safe; one instance is shared by all of the server's threads. Writes are
// serialized; up to SqliteOptions::readers reads run at once, further reads wait for a reader.
// Failures: as store.h; kUnavailable when SQLite reports busy/locked/I/O/full (retry later),
// kInternal otherwise (corruption, constraint the checks above did not catch). Also:
// - InsertComment: kDuplicateImport if another comment of the site has the same non-empty
//   source_id.
// - ListTopLevel: kInvalidArgument if limit < 1.
// - Vote: kInvalidArgument if direction is not -1, 0 or +1.
// - CreateSite / UpdateSite: kInvalidArgument if an origin is empty or contains a newline
//   (origins are stored one per line).
// - CountComments: one entry per requested key that has a thread, in the order of `keys`.
// - ListRecentComments: when more than `limit` comments match, the latest `limit` of them.
// - UpdateSite changes every field but id and created_at.
// - The moderators' side follows store.h's choices; SQLite-specific: e-mails are
//   lower-cased and compared in ASCII (SQLite's lower()), and QueryComments' text_contains is
//   LIKE's case-insensitivity, ASCII letters only ("É" does not find "é"). The queue query is
//   assembled from fixed clauses and cached per connection by its text (Db::PrepareText).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/thread_annotations.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace palabre::store::sqlite {

struct SqliteOptions {
  enum class Synchronous { kNormal, kFull };
  Synchronous synchronous = Synchronous::kNormal;  // see "Durability" above
  int readers = 4;                                 // reader connections (>= 1)
  // How long a write waits for another process's lock (SQLite's busy timeout) and for this
  // process's writer (another write in progress): then kUnavailable, answered 503.
  int busy_timeout_ms = 2500;
  int cache_size_kib = 16 * 1024;  // page cache per connection
};

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path`, sets WAL mode and the pragmas of `opts`, applies
  // pending migrations (migrations.h) and opens the reader pool. kInvalidArgument for an empty
  // path, ":memory:" (readers could not share it: tests use temporary files) or bad options;
  // kUnavailable if the file cannot be opened or is locked; kInternal if the schema is newer
  // than this build or the file is not a database.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   SqliteOptions opts = {});

  ~SqliteStore() override;

  Status Ping() override;
  // Never delivers anything: this process is the only writer (change_feed.h).
  std::unique_ptr<ChangeFeed> NewChangeFeed() override;
  // One IMMEDIATE transaction around `body`; each write inside it is a savepoint.
  Status Batch(const std::function<Status()>& body) override;

  // SiteStore (sqlite_sites.cc).
  Status CreateSite(const Site& site) override;
  Status UpdateSite(const Site& site) override;
  Result<Site> GetSite(std::string_view id) override;
  Result<std::vector<Site>> ListSites() override;
  Status RemoveSite(std::string_view id) override;
  Result<Thread> GetThread(std::string_view site_id, std::string_view key) override;
  Result<Thread> GetThreadById(ThreadId id) override;
  Result<Thread> EnsureThread(const Thread& thread) override;
  Status SetThreadClosed(ThreadId id, bool closed) override;
  Status SetThreadTitle(ThreadId id, std::string_view title) override;
  Result<std::vector<ThreadCount>> CountComments(std::string_view site_id,
                                                 std::span<const std::string> keys) override;
  Result<ApiKey> CreateApiKey(const ApiKey& key) override;
  Result<std::vector<ApiKey>> ListApiKeys(std::string_view site_id) override;
  Result<ApiKey> FindApiKey(std::string_view key_hash) override;
  Status RemoveApiKey(std::string_view site_id, std::int64_t id) override;

  // CommentStore (sqlite_comments.cc).
  Result<Comment> InsertComment(const Comment& comment) override;
  Result<Comment> GetComment(CommentId id) override;
  Status UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                           TimestampMs edited_at) override;
  Status SetCommentStatus(CommentId id, CommentStatus status) override;
  Status SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                              double risk) override;
  Result<TopLevelPage> ListTopLevel(ThreadId thread, Sort sort, std::optional<PageCursor> after,
                                    int limit) override;
  Result<std::vector<Comment>> ListReplies(ThreadId thread,
                                           std::span<const CommentId> roots) override;
  Result<std::vector<Comment>> ListRecentComments(std::string_view site_id, TimestampMs since,
                                                  int limit) override;
  Result<std::vector<Comment>> ListRepliesTo(std::string_view site_id,
                                             std::string_view replies_token, int limit) override;
  Result<std::vector<Comment>> ListLatestPublished(std::string_view site_id, ThreadId thread,
                                                   int limit) override;
  Result<std::optional<CommentId>> FindImported(std::string_view site_id,
                                                std::string_view source_id) override;
  Result<Comment> Vote(CommentId id, std::string_view voter_hash, std::string_view token_hash,
                       int direction, TimestampMs at) override;
  Result<RecentActions> RecentVotes(std::string_view voter_hash, TimestampMs since) override;

  // AccountStore (sqlite_accounts.cc).
  Result<User> CreateUser(const User& user) override;
  Result<User> GetUser(UserId id) override;
  Result<User> GetUserByEmail(std::string_view email) override;
  Result<std::vector<User>> ListUsers() override;
  Status RemoveUser(UserId id) override;
  Status SetPassword(UserId id, std::string_view password_hash) override;
  Status SetMembership(UserId id, const Membership& membership) override;
  Status RemoveMembership(UserId id, std::string_view site_id) override;
  Status SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) override;
  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash, TimestampMs now) override;
  Status DeleteSession(std::string_view token_hash) override;
  Result<std::int64_t> DeleteExpiredSessions(TimestampMs now) override;

  // ModerationStore (sqlite_moderation.cc).
  Result<CommentPage> QueryComments(const CommentQuery& query) override;
  Status ModerateComment(CommentId id, CommentStatus status) override;
  Result<AuthorHistory> GetAuthorHistory(std::string_view site_id, std::string_view author,
                                         std::string_view client_hash) override;
  Result<std::vector<CommentFact>> ListCommentFacts(std::string_view site_id, TimestampMs since,
                                                    TimestampMs until) override;
  Result<AuditEntry> AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(std::string_view site_id, std::int64_t before_id,
                                            int limit) override;
  Result<std::vector<AuditEntry>> ListCommentAudit(CommentId id, int limit) override;

  // ReportStore (sqlite_reports.cc).
  Result<std::int64_t> AddReport(const Report& report) override;
  Result<std::vector<Report>> ListReports(CommentId id) override;
  Result<std::vector<OpenReport>> ListOpenReports(CommentId id) override;
  Result<RecentActions> RecentReports(std::string_view reporter_hash, TimestampMs since) override;
  Result<std::int64_t> CountReportBursts(std::span<const std::string> site_ids) override;

  // BanStore (sqlite_bans.cc).
  Result<Ban> AddBan(const Ban& ban) override;
  Result<std::vector<Ban>> ListBans(std::string_view site_id, TimestampMs now) override;
  Result<Ban> GetBan(BanId id) override;
  Status RemoveBan(BanId id) override;
  Result<std::optional<Ban>> FindBan(std::string_view site_id, std::string_view author_folded,
                                     std::string_view client_hash, std::string_view email_hash,
                                     TimestampMs now) override;

  // PrivacyStore (sqlite_privacy.cc).
  Result<std::vector<Comment>> ListCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> EraseCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> PurgePersonalData(TimestampMs cutoff) override;
  Result<std::int64_t> DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) override;

  // ExportStore (sqlite_export.cc).
  Result<std::vector<Thread>> ListSiteThreads(std::string_view site_id, ThreadId after,
                                              int limit) override;
  Result<std::vector<Comment>> ListThreadComments(ThreadId thread, CommentId after,
                                                  int limit) override;
  Result<std::vector<CommentVote>> ListThreadVotes(ThreadId thread, CommentId after_comment,
                                                   std::string_view after_voter,
                                                   int limit) override;
  Result<std::vector<Report>> ListThreadReports(ThreadId thread, std::int64_t after,
                                                int limit) override;
  Status RestoreVote(const CommentVote& vote) override;
  Status RestoreReport(const Report& report) override;
  Result<std::int64_t> DeleteSiteContent(std::string_view site_id) override;

  // NotificationStore (sqlite_notifications.cc).
  Result<Webhook> AddWebhook(const Webhook& webhook) override;
  Result<std::vector<Webhook>> ListWebhooks(std::string_view site_id) override;
  Result<Webhook> GetWebhook(WebhookId id) override;
  Status RemoveWebhook(WebhookId id) override;
  Result<std::vector<OutboxItem>> ClaimOutbox(TimestampMs now, TimestampMs lease_until,
                                              int limit) override;
  Status FinishOutbox(OutboxId id, OutboxState state, std::string_view error, TimestampMs at,
                      TimestampMs next_attempt_at, TimestampMs first_attempt_at) override;
  Result<std::vector<OutboxEntry>> ListOutbox(std::string_view site_id,
                                              std::optional<OutboxState> state, int limit) override;
  Result<std::int64_t> PurgeOutbox(TimestampMs before) override;
  Result<Subscription> Subscribe(CommentId comment_id, std::string_view email,
                                 TimestampMs now) override;
  Result<Subscriber> GetSubscriber(SubscriberId id) override;
  Status ConfirmSubscriber(SubscriberId id, TimestampMs now) override;
  Status RemoveSubscriber(SubscriberId id) override;
  Result<std::vector<OutboxEntry>> ListSubscriberOutbox(SubscriberId id, int limit) override;
  Result<std::int64_t> CountMailSent(std::string_view site_id, TimestampMs since) override;
  Status DeferOutbox(OutboxId id, TimestampMs next_attempt_at) override;

 private:
  class ReaderLease;

  SqliteStore(std::unique_ptr<Db> writer, std::vector<std::unique_ptr<Db>> readers,
              std::chrono::milliseconds write_wait);

  // Runs `body(Db&)` (returning Status or Result<T>) in an IMMEDIATE transaction on the writer:
  // committed if it returns OK, rolled back otherwise.
  template <typename Body>
  auto Write(Body&& body) -> decltype(body(std::declval<Db&>()));
  // Write's body inside this thread's Batch (which holds write_mu_ for it: the analysis cannot
  // see that through batch_thread_).
  template <typename Body>
  NO_THREAD_SAFETY_ANALYSIS auto WriteInBatch(Body& body) -> decltype(body(std::declval<Db&>()));
  // Waits for a free reader connection.
  ReaderLease Read();

  TimedMutex write_mu_;
  const std::chrono::milliseconds write_wait_;  // for write_mu_
  // The thread inside Batch, which holds write_mu_ and the writer's transaction for it; its
  // writes nest as savepoints. Default-constructed (no thread) outside a batch.
  std::atomic<std::thread::id> batch_thread_{};
  std::unique_ptr<Db> writer_ GUARDED_BY(write_mu_);

  Mutex readers_mu_;
  std::condition_variable_any reader_freed_;  // waits on readers_mu_
  std::vector<std::unique_ptr<Db>> readers_;  // owned; never resized after construction
  std::vector<Db*> free_readers_ GUARDED_BY(readers_mu_);
};

}  // namespace palabre::store::sqlite
