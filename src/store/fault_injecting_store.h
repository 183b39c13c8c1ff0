// FaultInjectingStore: a Store that forwards every call to another Store and fails the calls a
// test chooses, so that callers' failure paths (kUnavailable, kInternal ...) can be tested
// without breaking a real database (LevelDB's EnvWrapper / SpecialEnv, for the Store).
//
//   auto store = std::make_unique<FaultInjectingStore>(std::move(sqlite_store));
//   store->FailNext(StoreMethod::kInsertComment, Error::kUnavailable);  // the next insert fails
//   store->FailAlways(StoreMethod::kAny, Error::kInternal);            // everything fails
//   store->Clear();                                                    // back to normal
//
// An injected failure returns Status(error, "injected fault") before the wrapped store is
// called, so it has changed nothing. A call that is not failed is forwarded unchanged and
// returns exactly what the wrapped store returns. Calls are counted per method, failed or not.
// Thread-safe: the rules and counters are behind a mutex; the wrapped store must be thread-safe
// (every Store is).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>

#include "core/thread_annotations.h"
#include "store/store.h"

namespace palabre::store {

enum class StoreMethod {
  kCreateSite,
  kUpdateSite,
  kGetSite,
  kListSites,
  kRemoveSite,
  kGetThread,
  kGetThreadById,
  kEnsureThread,
  kSetThreadClosed,
  kSetThreadTitle,
  kCountComments,
  kInsertComment,
  kGetComment,
  kUpdateCommentText,
  kSetCommentStatus,
  kSetCommentModeration,
  kListTopLevel,
  kListReplies,
  kListRecentComments,
  kListLatestPublished,
  kListRepliesTo,
  kFindImported,
  kVote,
  kRecentVotes,
  kCreateUser,
  kGetUser,
  kGetUserByEmail,
  kListUsers,
  kRemoveUser,
  kSetPassword,
  kSetMembership,
  kRemoveMembership,
  kSetLoginState,
  kCreateSession,
  kGetSession,
  kDeleteSession,
  kDeleteExpiredSessions,
  kQueryComments,
  kModerateComment,
  kGetAuthorHistory,
  kListCommentFacts,
  kAddReport,
  kListReports,
  kListOpenReports,
  kRecentReports,
  kCountReportBursts,
  kCreateApiKey,
  kListApiKeys,
  kFindApiKey,
  kRemoveApiKey,
  kAddBan,
  kListBans,
  kGetBan,
  kRemoveBan,
  kFindBan,
  kAppendAudit,
  kListAudit,
  kListCommentsByEmail,
  kEraseCommentsByEmail,
  kPurgePersonalData,
  kListCommentAudit,
  kDeleteAutoRejected,
  kListSiteThreads,
  kListThreadComments,
  kListThreadVotes,
  kListThreadReports,
  kRestoreVote,
  kRestoreReport,
  kDeleteSiteContent,
  kAddWebhook,
  kListWebhooks,
  kGetWebhook,
  kRemoveWebhook,
  kClaimOutbox,
  kFinishOutbox,
  kListOutbox,
  kPurgeOutbox,
  kSubscribe,
  kGetSubscriber,
  kConfirmSubscriber,
  kRemoveSubscriber,
  kListSubscriberOutbox,
  kCountMailSent,
  kDeferOutbox,
  kPing,
  kAny,  // in FailNext/FailAlways: every method; not a method of its own in calls()
};

class FaultInjectingStore final : public Store {
 public:
  explicit FaultInjectingStore(std::unique_ptr<Store> base);

  // The next `count` calls of `method` (or of any method, kAny) fail with `error`. Replaces an
  // earlier rule for the same method. Precondition: error != kOk, count >= 1.
  void FailNext(StoreMethod method, Error error, int count = 1);
  // Every call of `method` (or of any method) fails with `error` until Clear().
  void FailAlways(StoreMethod method, Error error);
  // Removes every rule; counters are kept.
  void Clear();
  // How many times `method` was called (failed calls included). Precondition: method != kAny.
  int calls(StoreMethod method) const;

  Store& base() { return *base_; }

  Status Ping() override;
  // The wrapped store's feed, never failed (tests inject faults into the store's calls).
  std::unique_ptr<ChangeFeed> NewChangeFeed() override;

  // SiteStore.
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

  // CommentStore.
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

  // AccountStore.
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

  // ModerationStore.
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

  // ReportStore.
  Result<std::int64_t> AddReport(const Report& report) override;
  Result<std::vector<Report>> ListReports(CommentId id) override;
  Result<std::vector<OpenReport>> ListOpenReports(CommentId id) override;
  Result<RecentActions> RecentReports(std::string_view reporter_hash, TimestampMs since) override;
  Result<std::int64_t> CountReportBursts(std::span<const std::string> site_ids) override;

  // BanStore.
  Result<Ban> AddBan(const Ban& ban) override;
  Result<std::vector<Ban>> ListBans(std::string_view site_id, TimestampMs now) override;
  Result<Ban> GetBan(BanId id) override;
  Status RemoveBan(BanId id) override;
  Result<std::optional<Ban>> FindBan(std::string_view site_id, std::string_view author_folded,
                                     std::string_view client_hash, std::string_view email_hash,
                                     TimestampMs now) override;

  // PrivacyStore.
  Result<std::vector<Comment>> ListCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> EraseCommentsByEmail(std::string_view email) override;
  Result<std::int64_t> PurgePersonalData(TimestampMs cutoff) override;
  Result<std::int64_t> DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) override;

  // ExportStore.
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

  // NotificationStore.
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
  static constexpr std::size_t kSlots = static_cast<std::size_t>(StoreMethod::kAny) + 1;

  struct Rule {
    Error error = Error::kOk;
    int remaining = 0;  // -1: always
  };

  // Counts the call and returns the failure to inject, if any.
  std::optional<Status> Check(StoreMethod method);

  std::unique_ptr<Store> base_;
  mutable Mutex mu_;
  std::array<Rule, kSlots> rules_ GUARDED_BY(mu_){};  // index kAny: the any-method rule
  std::array<int, kSlots> calls_ GUARDED_BY(mu_){};
};

}  // namespace palabre::store
