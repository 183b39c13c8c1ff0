#include "service/outbox_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace palabre::service {
namespace {

// Worth another try: no answer, or an answer that says "later".
bool Temporary(const TransportResult& r) {
  if (r.http_status == 0) return true;
  return r.http_status == 408 || r.http_status == 425 || r.http_status == 429 ||
         r.http_status >= 500;
}

std::string Describe(const TransportResult& r) {
  if (r.http_status == 0) return r.error.empty() ? "no answer" : r.error;
  std::string out = "HTTP " + std::to_string(r.http_status);
  if (!r.error.empty()) out += ": " + r.error;
  return out;
}

}  // namespace

OutboxSender::OutboxSender(store::Store& store, WebhookTransport& transport, const Clock& clock,
                           OutboxSenderOptions options)
    : store_(store),
      transport_(transport),
      clock_(clock),
      options_(std::move(options)),
      rng_(std::random_device{}()) {}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Start() {
  if (!threads_.empty()) return;
  {
    MutexLock lock(mu_);
    stop_ = false;
  }
  for (int i = 0; i < std::max(1, options_.workers); ++i) {
    threads_.emplace_back([this] { Loop(); });
  }
}

void OutboxSender::Stop() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void OutboxSender::Wake() {
  {
    MutexLock lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

OutboxStats OutboxSender::stats() const {
  return OutboxStats{sent_.load(), retried_.load(), failed_.load()};
}

std::chrono::milliseconds OutboxSender::lease() const {
  return options_.timeout * std::max(1, options_.batch) + std::chrono::seconds(5);
}

std::chrono::milliseconds OutboxSender::Backoff(int attempts) const {
  std::chrono::milliseconds wait = options_.first_retry;
  for (int i = 1; i < attempts && wait < options_.max_retry; ++i) wait *= 2;
  return std::min(wait, options_.max_retry);
}

void OutboxSender::Loop() {
  while (true) {
    Result<int> handled = RunOnce();
    if (!handled.ok()) {
      spdlog::warn("outbox: claim: {}", handled.status().ToString());
    }
    MutexLock lock(mu_);
    if (stop_) return;
    // A full batch: more may be due at once. Otherwise wait for the poll or a wake-up.
    if (handled.ok() && *handled >= options_.batch) continue;
    cv_.wait_for(mu_, options_.poll, [this]() REQUIRES(mu_) { return stop_ || woken_; });
    woken_ = false;
    if (stop_) return;
  }
}

Result<int> OutboxSender::RunOnce() {
  const TimestampMs now = clock_.NowMs();
  if (now - last_purge_.load() >= std::chrono::milliseconds(std::chrono::hours(1)).count()) {
    last_purge_ = now;
    Result<std::int64_t> purged = store_.PurgeOutbox(now - options_.keep_done.count());
    if (!purged.ok()) spdlog::warn("outbox: purge: {}", purged.status().ToString());
  }
  Result<std::vector<OutboxItem>> items =
      store_.ClaimOutbox(now, now + lease().count(), options_.batch);
  if (!items.ok()) return items.status();
  for (const OutboxItem& item : *items) {
    {
      MutexLock lock(mu_);
      if (stop_) break;  // the rest waits for its lease to end
    }
    Deliver(item);
  }
  return static_cast<int>(items->size());
}

Result<WebhookFacts> OutboxSender::Gather(const OutboxItem& item) {
  WebhookFacts facts;
  facts.item = item;
  facts.public_url = options_.public_url;
  Result<Webhook> webhook = store_.GetWebhook(item.webhook_id);
  if (!webhook.ok()) return webhook.status();
  facts.webhook = *std::move(webhook);
  Result<Site> site = store_.GetSite(item.site_id);
  if (!site.ok()) return site.status();
  facts.site = *std::move(site);
  if (item.event == WebhookEvent::kUserBanned) {
    Result<Ban> ban = store_.GetBan(item.subject_id);
    if (ban.ok()) {
      facts.ban = *std::move(ban);
    } else if (ban.error() != Error::kUnknownBan) {
      return ban.status();
    }
    return facts;
  }
  Result<Comment> comment = store_.GetComment(item.subject_id);
  if (!comment.ok()) {
    if (comment.error() == Error::kUnknownComment) return facts;  // erased meanwhile
    return comment.status();
  }
  Result<Thread> thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  facts.thread = *std::move(thread);
  if (item.event == WebhookEvent::kCommentReported) {
    Result<std::vector<Report>> reports = store_.ListReports(item.subject_id);
    if (!reports.ok()) return reports.status();
    for (const Report& r : *reports) {
      if (!r.resolved) facts.open_reports.push_back(r.reason);
    }
  }
  facts.comment = *std::move(comment);
  return facts;
}

void OutboxSender::Deliver(const OutboxItem& item) {
  const TimestampMs started = clock_.NowMs();
  const TimestampMs first = item.first_attempt_at != 0 ? item.first_attempt_at : started;
  auto finish = [&](OutboxState state, const std::string& error, TimestampMs next) {
    Status finished = store_.FinishOutbox(item.id, state, error, clock_.NowMs(), next, first);
    // A row that is gone had its webhook removed meanwhile; otherwise the lease brings it back.
    if (!finished.ok() && finished.error() != Error::kInvalidArgument) {
      spdlog::warn("outbox: row {}: {}", item.id, finished.ToString());
    }
  };
  auto retry_or_give_up = [&](const std::string& error) {
    const TimestampMs now = clock_.NowMs();
    if (now - first >= options_.give_up_after.count()) {
      ++failed_;
      finish(OutboxState::kFailed,
             "gave up after " + std::to_string(item.attempts + 1) + " attempts: " + error, 0);
      return;
    }
    double jitter = 1.0;
    {
      MutexLock lock(mu_);
      jitter = std::uniform_real_distribution<double>(0.5, 1.0)(rng_);
    }
    const auto wait =
        static_cast<TimestampMs>(static_cast<double>(Backoff(item.attempts + 1).count()) * jitter);
    ++retried_;
    finish(OutboxState::kPending, error, now + wait);
  };

  if (item.subscriber_id != 0) {
    DeliverMail(item, finish, retry_or_give_up);
    return;
  }
  Result<WebhookFacts> facts = Gather(item);
  if (!facts.ok()) {
    if (facts.error() == Error::kUnknownWebhook || facts.error() == Error::kUnknownSite) {
      ++failed_;
      finish(OutboxState::kFailed, facts.status().ToString(), 0);
    } else {
      retry_or_give_up("store: " + facts.status().ToString());
    }
    return;
  }
  const std::int64_t unix_s = started / 1000;
  const WebhookRequest request = BuildWebhookRequest(*facts, unix_s);
  const TransportResult result = transport_.Post(request, options_.timeout);
  if (result.http_status >= 200 && result.http_status < 300) {
    ++sent_;
    finish(OutboxState::kSent, "", 0);
  } else if (Temporary(result)) {
    retry_or_give_up(Describe(result));
  } else {
    ++failed_;
    finish(OutboxState::kFailed, Describe(result), 0);
  }
}

template <typename Finish, typename Retry>
void OutboxSender::DeliverMail(const OutboxItem& item, Finish& finish, Retry& retry) {
  if (options_.mailer == nullptr) {
    retry("no SMTP server configured (serve --smtp, --mail-from, --public-url)");
    return;
  }
  Result<MailOutcome> outcome = options_.mailer->Deliver(item, clock_.NowMs());
  if (!outcome.ok()) {
    retry("store: " + outcome.status().ToString());
    return;
  }
  switch (outcome->kind) {
    case MailOutcome::Kind::kSent:
      ++sent_;
      finish(OutboxState::kSent, "", 0);
      // The digest's other rows went with it: sent by the same mail.
      for (OutboxId other : outcome->also) {
        ++sent_;
        Status done =
            store_.FinishOutbox(other, OutboxState::kSent, "", clock_.NowMs(), 0, clock_.NowMs());
        if (!done.ok() && done.error() != Error::kInvalidArgument) {
          spdlog::warn("outbox: row {}: {}", other, done.ToString());
        }
      }
      return;
    case MailOutcome::Kind::kSkipped:
      finish(OutboxState::kSent, "not sent: " + outcome->note, 0);
      return;
    case MailOutcome::Kind::kDeferred: {
      Status deferred = store_.DeferOutbox(item.id, outcome->defer_until);
      if (!deferred.ok() && deferred.error() != Error::kInvalidArgument) {
        spdlog::warn("outbox: row {}: {}", item.id, deferred.ToString());
      }
      return;
    }
    case MailOutcome::Kind::kRetry:
      retry(outcome->note);
      return;
    case MailOutcome::Kind::kFailed:
      ++failed_;
      finish(OutboxState::kFailed, outcome->note, 0);
      return;
    case MailOutcome::Kind::kGone:
      return;  // another row's digest sent it; its claim is over with that
  }
}

}  // namespace palabre::service
