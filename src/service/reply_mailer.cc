#include "service/reply_mailer.h"

#include <algorithm>
#include <utility>

#include "service/feed_service.h"

namespace palabre::service {
namespace {

constexpr int kHistory = 200;  // a subscriber's rows looked at for its interval and digest
constexpr TimestampMs kHourMs = 60 * 60 * 1000;
constexpr TimestampMs kDayMs = 24 * kHourMs;

MailOutcome Outcome(MailOutcome::Kind kind, std::string note = {}) {
  MailOutcome out;
  out.kind = kind;
  out.note = std::move(note);
  return out;
}

}  // namespace

Result<MailOutcome> ReplyMailer::Deliver(const OutboxItem& item, TimestampMs now) {
  Result<Subscriber> subscriber = store_.GetSubscriber(item.subscriber_id);
  if (!subscriber.ok()) {
    if (subscriber.error() == Error::kUnknownSubscriber) {
      return Outcome(MailOutcome::Kind::kSkipped, "unsubscribed");
    }
    return subscriber.status();
  }
  Result<Site> site = store_.GetSite(item.site_id);
  if (!site.ok()) return site.status();
  if (item.event != WebhookEvent::kMailConfirm && item.event != WebhookEvent::kMailReply) {
    return Outcome(MailOutcome::Kind::kFailed, "not a mail event");
  }
  if (item.event == WebhookEvent::kMailConfirm && subscriber->confirmed()) {
    return Outcome(MailOutcome::Kind::kSkipped, "already confirmed");
  }
  // The site's daily cap, confirmations included (a sign-up form must not become a way to mail
  // strangers in bulk).
  Result<std::int64_t> sent_today = store_.CountMailSent(site->id, now - kDayMs);
  if (!sent_today.ok()) return sent_today.status();
  if (*sent_today >= options_.daily_cap) {
    MailOutcome out = Outcome(MailOutcome::Kind::kDeferred, "daily cap reached");
    out.defer_until = now + kHourMs;
    return out;
  }
  if (item.event == WebhookEvent::kMailConfirm) return Confirmation(item, *subscriber, *site);
  return Replies(item, *subscriber, *site, now);
}

Result<MailOutcome> ReplyMailer::Confirmation(const OutboxItem& item, const Subscriber& subscriber,
                                              const Site& site) {
  std::string title;
  Result<Comment> comment = store_.GetComment(item.subject_id);
  if (comment.ok()) {
    Result<Thread> thread = store_.GetThreadById(comment->thread_id);
    if (thread.ok()) title = thread->title;
  } else if (comment.error() != Error::kUnknownComment) {
    return comment.status();
  }
  return Send(ConfirmationMail(site, options_.sender, subscriber.email, title,
                               links_.ConfirmUrl(site, subscriber.id)));
}

Result<MailOutcome> ReplyMailer::Replies(const OutboxItem& item, const Subscriber& subscriber,
                                         const Site& site, TimestampMs now) {
  Result<Comment> reply = store_.GetComment(item.subject_id);
  if (!reply.ok() && reply.error() != Error::kUnknownComment) return reply.status();
  if (!reply.ok() || reply->status != CommentStatus::kPublished) {
    return Outcome(MailOutcome::Kind::kSkipped, "the reply is no longer published");
  }
  Result<std::vector<OutboxEntry>> rows = store_.ListSubscriberOutbox(subscriber.id, kHistory);
  if (!rows.ok()) return rows.status();

  // The interval: the last reply mail of this thread to this subscriber.
  const TimestampMs interval = options_.interval.count();
  TimestampMs last_sent = 0;
  std::vector<std::pair<OutboxId, Comment>> waiting;  // this thread's pending replies
  for (const OutboxEntry& row : *rows) {
    if (row.item.event != WebhookEvent::kMailReply) continue;
    if (row.item.id == item.id) {
      if (row.state != OutboxState::kPending) return Outcome(MailOutcome::Kind::kGone);
      continue;
    }
    // A row done with a note ("not sent: …") was not mailed.
    const bool recent =
        row.state == OutboxState::kSent && row.last_error.empty() && row.done_at + interval > now;
    if (!recent && row.state != OutboxState::kPending) continue;
    Result<Comment> other = store_.GetComment(row.item.subject_id);
    if (!other.ok()) {
      if (other.error() == Error::kUnknownComment) continue;
      return other.status();
    }
    if (other->thread_id != reply->thread_id) continue;
    if (recent) {
      last_sent = std::max(last_sent, row.done_at);
    } else if (other->status == CommentStatus::kPublished) {
      waiting.emplace_back(row.item.id, *std::move(other));
    }
  }
  if (last_sent != 0 && last_sent + interval > now) {
    MailOutcome out = Outcome(MailOutcome::Kind::kDeferred, "digest interval");
    out.defer_until = last_sent + interval;
    return out;
  }
  Result<Thread> thread = store_.GetThreadById(reply->thread_id);
  if (!thread.ok()) return thread.status();

  waiting.emplace_back(item.id, *std::move(reply));
  std::sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) {
    return a.second.created_at != b.second.created_at ? a.second.created_at < b.second.created_at
                                                      : a.second.id < b.second.id;
  });
  std::vector<MailReply> replies;
  std::vector<OutboxId> also;
  for (const auto& [row_id, comment] : waiting) {
    replies.push_back(MailReply{comment.author, comment.text, CommentUrl(site, *thread, comment.id),
                                comment.created_at});
    if (row_id != item.id) also.push_back(row_id);
  }
  MailOutcome out = Send(ReplyMail(site, options_.sender, subscriber.email, thread->title, replies,
                                   links_.UnsubscribeUrl(site, subscriber.id)));
  if (out.kind == MailOutcome::Kind::kSent) out.also = std::move(also);
  return out;
}

MailOutcome ReplyMailer::Send(const MailMessage& message) {
  const MailResult result = transport_.Send(message, options_.timeout);
  if (result.sent) return Outcome(MailOutcome::Kind::kSent);
  std::string note = result.error;
  if (result.smtp_code != 0) note = "SMTP " + std::to_string(result.smtp_code) + ": " + note;
  return Outcome(result.temporary ? MailOutcome::Kind::kRetry : MailOutcome::Kind::kFailed,
                 std::move(note));
}

}  // namespace palabre::service
