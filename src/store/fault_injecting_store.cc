#include "store/fault_injecting_store.h"

#include <cassert>
#include <utility>

namespace palabre::store {
namespace {

std::size_t Slot(StoreMethod method) { return static_cast<std::size_t>(method); }

}  // namespace

FaultInjectingStore::FaultInjectingStore(std::unique_ptr<Store> base) : base_(std::move(base)) {
  assert(base_ != nullptr);
}

void FaultInjectingStore::FailNext(StoreMethod method, Error error, int count) {
  assert(error != Error::kOk && count >= 1);
  MutexLock lock(mu_);
  rules_[Slot(method)] = Rule{error, count};
}

void FaultInjectingStore::FailAlways(StoreMethod method, Error error) {
  assert(error != Error::kOk);
  MutexLock lock(mu_);
  rules_[Slot(method)] = Rule{error, -1};
}

void FaultInjectingStore::Clear() {
  MutexLock lock(mu_);
  rules_.fill(Rule{});
}

int FaultInjectingStore::calls(StoreMethod method) const {
  assert(method != StoreMethod::kAny);
  MutexLock lock(mu_);
  return calls_[Slot(method)];
}

std::optional<Status> FaultInjectingStore::Check(StoreMethod method) {
  MutexLock lock(mu_);
  ++calls_[Slot(method)];
  // The method's own rule first, then the any-method rule.
  for (std::size_t slot : {Slot(method), Slot(StoreMethod::kAny)}) {
    Rule& rule = rules_[slot];
    if (rule.remaining == 0) continue;
    if (rule.remaining > 0) --rule.remaining;
    return Status(rule.error, "injected fault");
  }
  return std::nullopt;
}

// Returns the injected failure, if any, from the enclosing method.
#define PALABRE_INJECT(method)                          \
  if (std::optional<Status> injected = Check(method)) { \
    return *std::move(injected);                        \
  }

Status FaultInjectingStore::Ping() {
  PALABRE_INJECT(StoreMethod::kPing);
  return base_->Ping();
}

std::unique_ptr<ChangeFeed> FaultInjectingStore::NewChangeFeed() { return base_->NewChangeFeed(); }

Status FaultInjectingStore::CreateSite(const Site& site) {
  PALABRE_INJECT(StoreMethod::kCreateSite);
  return base_->CreateSite(site);
}

Status FaultInjectingStore::UpdateSite(const Site& site) {
  PALABRE_INJECT(StoreMethod::kUpdateSite);
  return base_->UpdateSite(site);
}

Result<Site> FaultInjectingStore::GetSite(std::string_view id) {
  PALABRE_INJECT(StoreMethod::kGetSite);
  return base_->GetSite(id);
}

Result<std::vector<Site>> FaultInjectingStore::ListSites() {
  PALABRE_INJECT(StoreMethod::kListSites);
  return base_->ListSites();
}

Status FaultInjectingStore::RemoveSite(std::string_view id) {
  PALABRE_INJECT(StoreMethod::kRemoveSite);
  return base_->RemoveSite(id);
}

Result<Thread> FaultInjectingStore::GetThread(std::string_view site_id, std::string_view key) {
  PALABRE_INJECT(StoreMethod::kGetThread);
  return base_->GetThread(site_id, key);
}

Result<Thread> FaultInjectingStore::GetThreadById(ThreadId id) {
  PALABRE_INJECT(StoreMethod::kGetThreadById);
  return base_->GetThreadById(id);
}

Result<Thread> FaultInjectingStore::EnsureThread(const Thread& thread) {
  PALABRE_INJECT(StoreMethod::kEnsureThread);
  return base_->EnsureThread(thread);
}

Status FaultInjectingStore::SetThreadClosed(ThreadId id, bool closed) {
  PALABRE_INJECT(StoreMethod::kSetThreadClosed);
  return base_->SetThreadClosed(id, closed);
}

Status FaultInjectingStore::SetThreadTitle(ThreadId id, std::string_view title) {
  PALABRE_INJECT(StoreMethod::kSetThreadTitle);
  return base_->SetThreadTitle(id, title);
}

Result<std::vector<ThreadCount>> FaultInjectingStore::CountComments(
    std::string_view site_id, std::span<const std::string> keys) {
  PALABRE_INJECT(StoreMethod::kCountComments);
  return base_->CountComments(site_id, keys);
}

Result<Comment> FaultInjectingStore::InsertComment(const Comment& comment) {
  PALABRE_INJECT(StoreMethod::kInsertComment);
  return base_->InsertComment(comment);
}

Result<Comment> FaultInjectingStore::GetComment(CommentId id) {
  PALABRE_INJECT(StoreMethod::kGetComment);
  return base_->GetComment(id);
}

Status FaultInjectingStore::UpdateCommentText(CommentId id, std::string_view text,
                                              std::string_view html, TimestampMs edited_at) {
  PALABRE_INJECT(StoreMethod::kUpdateCommentText);
  return base_->UpdateCommentText(id, text, html, edited_at);
}

Status FaultInjectingStore::SetCommentStatus(CommentId id, CommentStatus status) {
  PALABRE_INJECT(StoreMethod::kSetCommentStatus);
  return base_->SetCommentStatus(id, status);
}

Status FaultInjectingStore::SetCommentModeration(CommentId id, std::string_view moderation,
                                                 bool review, double risk) {
  PALABRE_INJECT(StoreMethod::kSetCommentModeration);
  return base_->SetCommentModeration(id, moderation, review, risk);
}

Result<TopLevelPage> FaultInjectingStore::ListTopLevel(ThreadId thread, Sort sort,
                                                       std::optional<PageCursor> after, int limit) {
  PALABRE_INJECT(StoreMethod::kListTopLevel);
  return base_->ListTopLevel(thread, sort, after, limit);
}

Result<std::vector<Comment>> FaultInjectingStore::ListReplies(ThreadId thread,
                                                              std::span<const CommentId> roots) {
  PALABRE_INJECT(StoreMethod::kListReplies);
  return base_->ListReplies(thread, roots);
}

Result<std::vector<Comment>> FaultInjectingStore::ListLatestPublished(std::string_view site_id,
                                                                      ThreadId thread, int limit) {
  PALABRE_INJECT(StoreMethod::kListLatestPublished);
  return base_->ListLatestPublished(site_id, thread, limit);
}

Result<std::vector<Comment>> FaultInjectingStore::ListRepliesTo(std::string_view site_id,
                                                                std::string_view replies_token,
                                                                int limit) {
  PALABRE_INJECT(StoreMethod::kListRepliesTo);
  return base_->ListRepliesTo(site_id, replies_token, limit);
}

Result<std::vector<Comment>> FaultInjectingStore::ListRecentComments(std::string_view site_id,
                                                                     TimestampMs since, int limit) {
  PALABRE_INJECT(StoreMethod::kListRecentComments);
  return base_->ListRecentComments(site_id, since, limit);
}

Result<std::optional<CommentId>> FaultInjectingStore::FindImported(std::string_view site_id,
                                                                   std::string_view source_id) {
  PALABRE_INJECT(StoreMethod::kFindImported);
  return base_->FindImported(site_id, source_id);
}

Result<Comment> FaultInjectingStore::Vote(CommentId id, std::string_view voter_hash,
                                          std::string_view token_hash, int direction,
                                          TimestampMs at) {
  PALABRE_INJECT(StoreMethod::kVote);
  return base_->Vote(id, voter_hash, token_hash, direction, at);
}

Result<RecentActions> FaultInjectingStore::RecentVotes(std::string_view voter_hash,
                                                       TimestampMs since) {
  PALABRE_INJECT(StoreMethod::kRecentVotes);
  return base_->RecentVotes(voter_hash, since);
}

Result<User> FaultInjectingStore::CreateUser(const User& user) {
  PALABRE_INJECT(StoreMethod::kCreateUser);
  return base_->CreateUser(user);
}

Result<User> FaultInjectingStore::GetUser(UserId id) {
  PALABRE_INJECT(StoreMethod::kGetUser);
  return base_->GetUser(id);
}

Result<User> FaultInjectingStore::GetUserByEmail(std::string_view email) {
  PALABRE_INJECT(StoreMethod::kGetUserByEmail);
  return base_->GetUserByEmail(email);
}

Result<std::vector<User>> FaultInjectingStore::ListUsers() {
  PALABRE_INJECT(StoreMethod::kListUsers);
  return base_->ListUsers();
}

Status FaultInjectingStore::RemoveUser(UserId id) {
  PALABRE_INJECT(StoreMethod::kRemoveUser);
  return base_->RemoveUser(id);
}

Status FaultInjectingStore::SetPassword(UserId id, std::string_view password_hash) {
  PALABRE_INJECT(StoreMethod::kSetPassword);
  return base_->SetPassword(id, password_hash);
}

Status FaultInjectingStore::SetMembership(UserId id, const Membership& membership) {
  PALABRE_INJECT(StoreMethod::kSetMembership);
  return base_->SetMembership(id, membership);
}

Status FaultInjectingStore::RemoveMembership(UserId id, std::string_view site_id) {
  PALABRE_INJECT(StoreMethod::kRemoveMembership);
  return base_->RemoveMembership(id, site_id);
}

Status FaultInjectingStore::SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) {
  PALABRE_INJECT(StoreMethod::kSetLoginState);
  return base_->SetLoginState(id, failed_logins, locked_until);
}

Status FaultInjectingStore::CreateSession(const Session& session) {
  PALABRE_INJECT(StoreMethod::kCreateSession);
  return base_->CreateSession(session);
}

Result<Session> FaultInjectingStore::GetSession(std::string_view token_hash, TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kGetSession);
  return base_->GetSession(token_hash, now);
}

Status FaultInjectingStore::DeleteSession(std::string_view token_hash) {
  PALABRE_INJECT(StoreMethod::kDeleteSession);
  return base_->DeleteSession(token_hash);
}

Result<std::int64_t> FaultInjectingStore::DeleteExpiredSessions(TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kDeleteExpiredSessions);
  return base_->DeleteExpiredSessions(now);
}

Result<CommentPage> FaultInjectingStore::QueryComments(const CommentQuery& query) {
  PALABRE_INJECT(StoreMethod::kQueryComments);
  return base_->QueryComments(query);
}

Status FaultInjectingStore::ModerateComment(CommentId id, CommentStatus status) {
  PALABRE_INJECT(StoreMethod::kModerateComment);
  return base_->ModerateComment(id, status);
}

Result<AuthorHistory> FaultInjectingStore::GetAuthorHistory(std::string_view site_id,
                                                            std::string_view author,
                                                            std::string_view client_hash) {
  PALABRE_INJECT(StoreMethod::kGetAuthorHistory);
  return base_->GetAuthorHistory(site_id, author, client_hash);
}

Result<std::vector<CommentFact>> FaultInjectingStore::ListCommentFacts(std::string_view site_id,
                                                                       TimestampMs since,
                                                                       TimestampMs until) {
  PALABRE_INJECT(StoreMethod::kListCommentFacts);
  return base_->ListCommentFacts(site_id, since, until);
}

Result<std::int64_t> FaultInjectingStore::AddReport(const Report& report) {
  PALABRE_INJECT(StoreMethod::kAddReport);
  return base_->AddReport(report);
}

Result<std::vector<Report>> FaultInjectingStore::ListReports(CommentId id) {
  PALABRE_INJECT(StoreMethod::kListReports);
  return base_->ListReports(id);
}

Result<std::vector<OpenReport>> FaultInjectingStore::ListOpenReports(CommentId id) {
  PALABRE_INJECT(StoreMethod::kListOpenReports);
  return base_->ListOpenReports(id);
}

Result<RecentActions> FaultInjectingStore::RecentReports(std::string_view reporter_hash,
                                                         TimestampMs since) {
  PALABRE_INJECT(StoreMethod::kRecentReports);
  return base_->RecentReports(reporter_hash, since);
}

Result<std::int64_t> FaultInjectingStore::CountReportBursts(std::span<const std::string> site_ids) {
  PALABRE_INJECT(StoreMethod::kCountReportBursts);
  return base_->CountReportBursts(site_ids);
}

Result<ApiKey> FaultInjectingStore::CreateApiKey(const ApiKey& key) {
  PALABRE_INJECT(StoreMethod::kCreateApiKey);
  return base_->CreateApiKey(key);
}

Result<std::vector<ApiKey>> FaultInjectingStore::ListApiKeys(std::string_view site_id) {
  PALABRE_INJECT(StoreMethod::kListApiKeys);
  return base_->ListApiKeys(site_id);
}

Result<ApiKey> FaultInjectingStore::FindApiKey(std::string_view key_hash) {
  PALABRE_INJECT(StoreMethod::kFindApiKey);
  return base_->FindApiKey(key_hash);
}

Status FaultInjectingStore::RemoveApiKey(std::string_view site_id, std::int64_t id) {
  PALABRE_INJECT(StoreMethod::kRemoveApiKey);
  return base_->RemoveApiKey(site_id, id);
}

Result<Ban> FaultInjectingStore::AddBan(const Ban& ban) {
  PALABRE_INJECT(StoreMethod::kAddBan);
  return base_->AddBan(ban);
}

Result<std::vector<Ban>> FaultInjectingStore::ListBans(std::string_view site_id, TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kListBans);
  return base_->ListBans(site_id, now);
}

Result<Ban> FaultInjectingStore::GetBan(BanId id) {
  PALABRE_INJECT(StoreMethod::kGetBan);
  return base_->GetBan(id);
}

Status FaultInjectingStore::RemoveBan(BanId id) {
  PALABRE_INJECT(StoreMethod::kRemoveBan);
  return base_->RemoveBan(id);
}

Result<std::optional<Ban>> FaultInjectingStore::FindBan(std::string_view site_id,
                                                        std::string_view author_folded,
                                                        std::string_view client_hash,
                                                        std::string_view email_hash,
                                                        TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kFindBan);
  return base_->FindBan(site_id, author_folded, client_hash, email_hash, now);
}

Result<AuditEntry> FaultInjectingStore::AppendAudit(const AuditEntry& entry) {
  PALABRE_INJECT(StoreMethod::kAppendAudit);
  return base_->AppendAudit(entry);
}

Result<std::vector<AuditEntry>> FaultInjectingStore::ListAudit(std::string_view site_id,
                                                               std::int64_t before_id, int limit) {
  PALABRE_INJECT(StoreMethod::kListAudit);
  return base_->ListAudit(site_id, before_id, limit);
}

Result<std::vector<Comment>> FaultInjectingStore::ListCommentsByEmail(std::string_view email) {
  PALABRE_INJECT(StoreMethod::kListCommentsByEmail);
  return base_->ListCommentsByEmail(email);
}

Result<std::int64_t> FaultInjectingStore::EraseCommentsByEmail(std::string_view email) {
  PALABRE_INJECT(StoreMethod::kEraseCommentsByEmail);
  return base_->EraseCommentsByEmail(email);
}

Result<std::int64_t> FaultInjectingStore::PurgePersonalData(TimestampMs cutoff) {
  PALABRE_INJECT(StoreMethod::kPurgePersonalData);
  return base_->PurgePersonalData(cutoff);
}

Result<std::vector<AuditEntry>> FaultInjectingStore::ListCommentAudit(CommentId id, int limit) {
  PALABRE_INJECT(StoreMethod::kListCommentAudit);
  return base_->ListCommentAudit(id, limit);
}

Result<std::int64_t> FaultInjectingStore::DeleteAutoRejected(std::string_view site_id,
                                                             TimestampMs cutoff) {
  PALABRE_INJECT(StoreMethod::kDeleteAutoRejected);
  return base_->DeleteAutoRejected(site_id, cutoff);
}

Result<std::vector<Thread>> FaultInjectingStore::ListSiteThreads(std::string_view site_id,
                                                                 ThreadId after, int limit) {
  PALABRE_INJECT(StoreMethod::kListSiteThreads);
  return base_->ListSiteThreads(site_id, after, limit);
}

Result<std::vector<Comment>> FaultInjectingStore::ListThreadComments(ThreadId thread,
                                                                     CommentId after, int limit) {
  PALABRE_INJECT(StoreMethod::kListThreadComments);
  return base_->ListThreadComments(thread, after, limit);
}

Result<std::vector<CommentVote>> FaultInjectingStore::ListThreadVotes(ThreadId thread,
                                                                      CommentId after_comment,
                                                                      std::string_view after_voter,
                                                                      int limit) {
  PALABRE_INJECT(StoreMethod::kListThreadVotes);
  return base_->ListThreadVotes(thread, after_comment, after_voter, limit);
}

Result<std::vector<Report>> FaultInjectingStore::ListThreadReports(ThreadId thread,
                                                                   std::int64_t after, int limit) {
  PALABRE_INJECT(StoreMethod::kListThreadReports);
  return base_->ListThreadReports(thread, after, limit);
}

Status FaultInjectingStore::RestoreVote(const CommentVote& vote) {
  PALABRE_INJECT(StoreMethod::kRestoreVote);
  return base_->RestoreVote(vote);
}

Status FaultInjectingStore::RestoreReport(const Report& report) {
  PALABRE_INJECT(StoreMethod::kRestoreReport);
  return base_->RestoreReport(report);
}

Result<std::int64_t> FaultInjectingStore::DeleteSiteContent(std::string_view site_id) {
  PALABRE_INJECT(StoreMethod::kDeleteSiteContent);
  return base_->DeleteSiteContent(site_id);
}

Result<Webhook> FaultInjectingStore::AddWebhook(const Webhook& webhook) {
  PALABRE_INJECT(StoreMethod::kAddWebhook);
  return base_->AddWebhook(webhook);
}

Result<std::vector<Webhook>> FaultInjectingStore::ListWebhooks(std::string_view site_id) {
  PALABRE_INJECT(StoreMethod::kListWebhooks);
  return base_->ListWebhooks(site_id);
}

Result<Webhook> FaultInjectingStore::GetWebhook(WebhookId id) {
  PALABRE_INJECT(StoreMethod::kGetWebhook);
  return base_->GetWebhook(id);
}

Status FaultInjectingStore::RemoveWebhook(WebhookId id) {
  PALABRE_INJECT(StoreMethod::kRemoveWebhook);
  return base_->RemoveWebhook(id);
}

Result<std::vector<OutboxItem>> FaultInjectingStore::ClaimOutbox(TimestampMs now,
                                                                 TimestampMs lease_until,
                                                                 int limit) {
  PALABRE_INJECT(StoreMethod::kClaimOutbox);
  return base_->ClaimOutbox(now, lease_until, limit);
}

Status FaultInjectingStore::FinishOutbox(OutboxId id, OutboxState state, std::string_view error,
                                         TimestampMs at, TimestampMs next_attempt_at,
                                         TimestampMs first_attempt_at) {
  PALABRE_INJECT(StoreMethod::kFinishOutbox);
  return base_->FinishOutbox(id, state, error, at, next_attempt_at, first_attempt_at);
}

Result<std::vector<OutboxEntry>> FaultInjectingStore::ListOutbox(std::string_view site_id,
                                                                 std::optional<OutboxState> state,
                                                                 int limit) {
  PALABRE_INJECT(StoreMethod::kListOutbox);
  return base_->ListOutbox(site_id, state, limit);
}

Result<std::int64_t> FaultInjectingStore::PurgeOutbox(TimestampMs before) {
  PALABRE_INJECT(StoreMethod::kPurgeOutbox);
  return base_->PurgeOutbox(before);
}

Result<Subscription> FaultInjectingStore::Subscribe(CommentId comment_id, std::string_view email,
                                                    TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kSubscribe);
  return base_->Subscribe(comment_id, email, now);
}

Result<Subscriber> FaultInjectingStore::GetSubscriber(SubscriberId id) {
  PALABRE_INJECT(StoreMethod::kGetSubscriber);
  return base_->GetSubscriber(id);
}

Status FaultInjectingStore::ConfirmSubscriber(SubscriberId id, TimestampMs now) {
  PALABRE_INJECT(StoreMethod::kConfirmSubscriber);
  return base_->ConfirmSubscriber(id, now);
}

Status FaultInjectingStore::RemoveSubscriber(SubscriberId id) {
  PALABRE_INJECT(StoreMethod::kRemoveSubscriber);
  return base_->RemoveSubscriber(id);
}

Result<std::vector<OutboxEntry>> FaultInjectingStore::ListSubscriberOutbox(SubscriberId id,
                                                                           int limit) {
  PALABRE_INJECT(StoreMethod::kListSubscriberOutbox);
  return base_->ListSubscriberOutbox(id, limit);
}

Result<std::int64_t> FaultInjectingStore::CountMailSent(std::string_view site_id,
                                                        TimestampMs since) {
  PALABRE_INJECT(StoreMethod::kCountMailSent);
  return base_->CountMailSent(site_id, since);
}

Status FaultInjectingStore::DeferOutbox(OutboxId id, TimestampMs next_attempt_at) {
  PALABRE_INJECT(StoreMethod::kDeferOutbox);
  return base_->DeferOutbox(id, next_attempt_at);
}

#undef PALABRE_INJECT

}  // namespace palabre::store
