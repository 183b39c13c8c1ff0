// PgStore: the Store (store/store.h) kept in PostgreSQL, for sites served by several palabre
// nodes; libpq's C API directly, no ORM.
//
// Selected by OpenStore("postgres://user@host:port/db?...") (or "postgresql://"). The URL is
// libpq's (host, port, user, password, sslmode, connect_timeout ... all work), plus palabre's
// own query parameters, which are taken out before libpq sees the rest:
//   pool_size=N            connections at most (default 8)
//   acquire_timeout_ms=N   how long a call waits for a free connection (default 2500)
//   statement_timeout_ms=N how long a call waits for the server (default 2500; 0: no limit):
//                          PostgreSQL's statement_timeout, and palabre's own deadline on the
//                          socket, since a server that stopped answering enforces nothing
//   schema=NAME            keep palabre's tables in this schema (created if absent) instead of
//                          the first schema of the server's search_path; [A-Za-z0-9_]{1,48}
// libpq's connect_timeout defaults to 5 s and client_encoding is always UTF8. An unknown
// palabre parameter or a malformed value is kInvalidArgument; libpq rejects its unknown ones.
//
// Layout: a bounded pool of connections (pg_pool.h) that reconnects by itself after an outage;
// every statement is a named constant (pg_queries.h) prepared once per connection; the schema
// and its migrations are in pg_migrations.cc, applied by Open().
//
// Guarantees, the same as SqliteStore's (the conformance suite runs on both):
// - Durability: synchronous_commit is at least `on` for palabre's sessions (a session whose
//   server default is `off` sets it to `on`): an OK write is flushed to PostgreSQL's WAL (and to
//   synchronous standbys if the server has any) before the method returns.
// - Every write is one transaction. A comment and its thread's count change in the same
//   statement (`comment_count = comment_count + 1`), so counts stay exact under concurrent
//   writers on any number of nodes; a status change and a vote lock their comment first; a
//   vote is an INSERT ... ON CONFLICT on (comment, voter).
// - Orders and cursors as SqliteStore: oldest = (created_at, id) ascending, newest = (created_at,
//   id) descending, best = (score, id) descending; site ids and keys compare byte by byte
//   (COLLATE "C"), as in SQLite.
// - Change notifications: every comment insert, edit, status change and vote, and every thread
//   change, sends a NOTIFY on channel() in its own transaction (payload in pg_queries.h), which
//   NewChangeFeed() delivers to other nodes (store/change_feed.h). ModerateComment and
//   EraseCommentsByEmail notify a status change for each comment whose status or text changes.
// - The moderators' side as SqliteStore: QueryComments is assembled from its filters
//   and sent unprepared (Conn::RunText), so PostgreSQL plans it for the values given;
//   text_contains is ILIKE (case folding of the database's locale, not only ASCII as SQLite);
//   a report, a ban and an audit entry find their comment or site by foreign key; erasure locks
//   the comments it erases, so counts stay exact beside concurrent status changes.
//
// Thread-safety: thread-safe; one instance is shared by all of the server's threads. Up to
// pool_size calls run at once; further calls wait up to acquire_timeout_ms.
// Failures: as store.h. kUnavailable when PostgreSQL cannot be reached, is restarting, or the
// pool stays exhausted (retry later: the HTTP layer answers 503 with Retry-After); reads that
// find their pooled connection dead are retried once on a fresh one, writes are not (the
// outcome of a write cut off mid-way is unknown to the caller, who sees kUnavailable). Also,
// as SqliteStore: kDuplicateImport, kUnknownParent; ListTopLevel kInvalidArgument if limit < 1;
// Vote kInvalidArgument if direction is not -1, 0 or +1; CreateSite / UpdateSite
// kInvalidArgument if an origin is empty or contains a newline; any text containing a NUL byte
// or invalid UTF-8 is kInvalidArgument (PostgreSQL's text cannot hold it).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/change_feed.h"
#include "store/postgres/pg_pool.h"
#include "store/store.h"

namespace palabre::store::pg {

struct PgConfig {
  std::string conninfo;  // for libpq: the URL without palabre's parameters, with defaults added
  PoolOptions pool;
  std::string schema;  // empty: the server's search_path decides
};

// Splits a postgres:// or postgresql:// URL into libpq's part and palabre's options.
// kInvalidArgument for another scheme or a bad palabre parameter.
Result<PgConfig> ParsePgUrl(std::string_view url);

class PgStore final : public Store {
 public:
  // Connects, creates the schema if `schema` is set, applies pending migrations and reads the
  // session's schema (which names the notification channel). kUnavailable if the server cannot
  // be reached; kInternal if the schema is newer than this build.
  static Result<std::unique_ptr<PgStore>> Open(std::string_view url);
  static Result<std::unique_ptr<PgStore>> Open(const PgConfig& config);

  ~PgStore() override;

  Status Ping() override;
  // A feed of the changes other PgStores (other processes, or other instances in this one)
  // make to the same schema: a dedicated LISTEN connection and thread (pg_change_feed.h).
  std::unique_ptr<ChangeFeed> NewChangeFeed() override;

  // SiteStore (pg_sites.cc).
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

  // CommentStore (pg_comments.cc).
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

  // AccountStore (pg_accounts.cc).
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

  // ModerationStore (pg_moderation.cc).
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

  // ReportStore (pg_reports.cc).
  Result<std::int64_t> AddReport(const Report& report) override;
  Result<std::vector<Report>> ListReports(CommentId id) override;
  Result<std::vector<OpenReport>> ListOpenReports(CommentId id) override;
  Result<RecentActions> RecentReports(std::string_view reporter_hash, TimestampMs since) override;
  Result<std::int64_t> CountReportBursts(std::span<const std::string> site_ids) override;

  // BanStore (pg_bans.cc).
  Result<Ban> AddBan(const Ban& ban) override;
  Result<std::vector<Ban>> ListBans(std::string_view site_id, TimestampMs now) override;
  Result<Ban> GetBan(BanId id) override;
  Status RemoveBan(BanId id) override;
  Result<std::optional<Ban>> FindBan(std::string_view site_id, std::string_view author_folded,
                                     std::string_view client_hash, std::string_view email_hash,
                                     TimestampMs now) override;

  // PrivacyStore (pg_privacy.cc).
  Result<std::vector<Comment>> ListCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> EraseCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> PurgePersonalData(TimestampMs cutoff) override;
  Result<std::int64_t> DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) override;

  // ExportStore (pg_export.cc).
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

  // NotificationStore (pg_notifications.cc).
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

  // The NOTIFY channel: "palabre_" + the schema name (a hash of it if that is too long).
  const std::string& channel() const { return channel_; }
  // Random, per instance: lets a feed skip the changes its own store made.
  const std::string& node_id() const { return node_id_; }
  const PgConfig& config() const { return config_; }
  Pool& pool() { return *pool_; }

 private:
  PgStore(PgConfig config, std::unique_ptr<Pool> pool, std::string channel);

  // Runs `body(Conn&)` on a pooled connection. A read (`read_only`) that fails because its
  // connection died is retried once on a fresh connection.
  template <typename Body>
  auto WithConn(bool read_only, Body&& body) -> decltype(body(std::declval<Conn&>()));

  const PgConfig config_;
  std::unique_ptr<Pool> pool_;
  const std::string channel_;
  const std::string node_id_;
};

// The setup every palabre connection runs first (search_path for `schema`, synchronous_commit
// at least on). Shared by the pool and the change feed's connection.
Pool::Setup SessionSetup(std::string schema);

}  // namespace palabre::store::pg
