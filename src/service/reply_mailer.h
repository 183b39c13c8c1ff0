// ReplyMailer: what the outbox sender (outbox_sender.h) does with a subscriber's row — a
// confirmation mail, or a reply mail — and the limits that apply to them:
//   - a reply mail goes at most once per `interval` to one subscriber for one thread: a reply
//     that comes sooner waits for the end of the interval, and then every reply waiting in that
//     thread goes in one mail (a digest), oldest first;
//   - at most `daily_cap` mails a site in 24 hours (confirmations included): beyond, rows wait
//     an hour and are tried again;
//   - a reply that is no longer published by the time its row is due is not sent; a
//     confirmation for an address confirmed meanwhile neither.
// Mails are built by notification_mail.h from the store's current state and handed to a
// MailTransport. Thread-safe (the store and the transport are).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/webhook.h"
#include "service/mail_links.h"
#include "service/mail_transport.h"
#include "service/notification_mail.h"
#include "store/store.h"

namespace palabre::service {

struct ReplyMailOptions {
  MailSender sender;                                   // --mail-from
  std::chrono::milliseconds interval{15 * 60 * 1000};  // per subscriber and thread
  std::int64_t daily_cap = 2000;                       // per site, in 24 hours
  std::chrono::milliseconds timeout{30000};            // of one SMTP exchange
};

// What became of a row.
struct MailOutcome {
  enum class Kind {
    kSent,      // sent (with `also`: the other rows its digest carried)
    kSkipped,   // nothing to send (`note` says why): done, as if sent
    kDeferred,  // waits until `defer_until`, no attempt counted
    kRetry,     // a temporary failure (`note`): backoff
    kFailed,    // a permanent failure or a row that cannot be sent (`note`)
    kGone,      // already handled by another row's digest: leave it
  };
  Kind kind = Kind::kSent;
  std::string note;
  TimestampMs defer_until = 0;
  std::vector<OutboxId> also;
};

class ReplyMailer {
 public:
  ReplyMailer(store::Store& store, MailLinks& links, MailTransport& transport,
              ReplyMailOptions options)
      : store_(store), links_(links), transport_(transport), options_(std::move(options)) {}

  // Handles one claimed mail row (subscriber_id set) at `now`. A store failure is an error
  // (the sender tries again later).
  Result<MailOutcome> Deliver(const OutboxItem& item, TimestampMs now);

 private:
  Result<MailOutcome> Confirmation(const OutboxItem& item, const Subscriber& subscriber,
                                   const Site& site);
  Result<MailOutcome> Replies(const OutboxItem& item, const Subscriber& subscriber,
                              const Site& site, TimestampMs now);
  MailOutcome Send(const MailMessage& message);

  store::Store& store_;
  MailLinks& links_;
  MailTransport& transport_;
  const ReplyMailOptions options_;
};

}  // namespace palabre::service
