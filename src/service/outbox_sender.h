// OutboxSender: delivers the notification outbox (store/notification_store.h). Each of its
// worker threads claims due rows for a lease, builds each row's request from the store's current
// state (service/webhook_payload.h), posts it through a WebhookTransport and records the
// outcome: sent; tried again later with exponential backoff and jitter on a temporary failure
// (a network error, a timeout, HTTP 408, 425, 429 or 5xx); given up, with the reason, on a
// permanent one (any other status) or once `give_up_after` has passed since the first try.
//
// A subscriber's row (a confirmation or a reply mail) goes through `options.mailer`
// (reply_mailer.h), with the same retries; without a mailer (no SMTP configured) it waits, as
// after a temporary failure, until one is configured or it is given up.
//
// Several senders (threads, nodes) share one outbox: a row is claimed by one of them at a time,
// and a row whose sender died (kill -9) is claimed again when its lease runs out, so delivery
// is at least once, and the row's delivery id lets receivers drop a repeat. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "core/webhook.h"
#include "service/reply_mailer.h"
#include "service/webhook_payload.h"
#include "store/store.h"

namespace palabre::service {

// The outcome of one POST: the HTTP status, or 0 and what went wrong before one came back.
struct TransportResult {
  int http_status = 0;
  std::string error;  // "connection refused", "timed out after 10 s"… when http_status is 0
};

// Sends one request (an HTTPS client in production, http/curl_transport.h; a fake in tests).
// Must be thread-safe: every worker calls it.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual TransportResult Post(const WebhookRequest& request,
                               std::chrono::milliseconds timeout) = 0;
};

struct OutboxSenderOptions {
  int workers = 2;                               // threads claiming and sending
  int batch = 8;                                 // rows one claim takes
  std::chrono::milliseconds poll{1000};          // how often an idle worker looks for due rows
  std::chrono::milliseconds timeout{10000};      // of one POST, connection included
  std::chrono::milliseconds first_retry{10000};  // the first backoff; doubles each attempt
  std::chrono::milliseconds max_retry{std::chrono::hours(1)};       // the longest backoff
  std::chrono::milliseconds give_up_after{std::chrono::hours(24)};  // since the first try
  std::chrono::milliseconds keep_done{std::chrono::hours(24 * 7)};  // then purged
  std::string public_url;         // links to the console in payloads; "" for none
  ReplyMailer* mailer = nullptr;  // subscribers' mails; nullptr: they wait (no SMTP configured)
};

struct OutboxStats {
  std::int64_t sent = 0;
  std::int64_t retried = 0;
  std::int64_t failed = 0;
};

class OutboxSender {
 public:
  OutboxSender(store::Store& store, WebhookTransport& transport, const Clock& clock,
               OutboxSenderOptions options);
  ~OutboxSender();  // stops
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Starts the workers. Idempotent.
  void Start();
  // Stops them: each finishes the request it is sending (at most `timeout`), and rows claimed
  // but not sent wait for their lease to end. Idempotent.
  void Stop();
  // Wakes the idle workers now (a local write just added rows).
  void Wake();

  // One claim and its deliveries, on the calling thread: how many rows were handled, or the
  // store's failure to claim. What the workers do in a loop; tests call it directly.
  Result<int> RunOnce();

  OutboxStats stats() const;

  // The lease of a claim: long enough for a whole batch to time out, one row after the other.
  std::chrono::milliseconds lease() const;

  // The wait before attempt number `attempts + 1` (attempts >= 1 tried already), without
  // jitter: first_retry × 2^(attempts−1), at most max_retry.
  std::chrono::milliseconds Backoff(int attempts) const;

 private:
  void Deliver(const OutboxItem& item);
  // A mail row's delivery through the mailer; `finish` and `retry` record its end as Deliver's.
  template <typename Finish, typename Retry>
  void DeliverMail(const OutboxItem& item, Finish& finish, Retry& retry);
  Result<WebhookFacts> Gather(const OutboxItem& item);
  void Loop();

  store::Store& store_;
  WebhookTransport& transport_;
  const Clock& clock_;
  const OutboxSenderOptions options_;

  std::atomic<std::int64_t> sent_{0};
  std::atomic<std::int64_t> retried_{0};
  std::atomic<std::int64_t> failed_{0};
  std::atomic<TimestampMs> last_purge_{0};

  Mutex mu_;
  std::condition_variable_any cv_;  // waits on mu_
  bool stop_ GUARDED_BY(mu_) = false;
  bool woken_ GUARDED_BY(mu_) = false;
  std::mt19937_64 rng_ GUARDED_BY(mu_);
  std::vector<std::thread> threads_;  // Start and Stop only (one thread: the app's)
};

}  // namespace palabre::service
