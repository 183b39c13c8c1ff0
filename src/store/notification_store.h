// NotificationStore: a site's webhooks, its reply-mail subscribers, and the outbox of
// notifications waiting to be delivered. Part of Store (store.h), whose contract applies.
//
// The outbox is written by the other roles' writes, in their transactions (core/webhook.h):
// InsertComment of a comment that is not imported (its status's event), a status change by
// SetCommentStatus or ModerateComment (the new status's event; a moderator's deletion is
// comment.rejected, an author's own deletion nothing), AddReport (comment.reported) and AddBan
// (user.banned) add one pending row per webhook of the site subscribed to the event. So a row
// exists if and only if its event committed, and a crash loses none.
//
// Mail rows (core/subscriber.h) are written the same way: Subscribe writes a mail.confirm row
// for an unconfirmed address; a comment becoming published (InsertComment of a published comment
// that is not imported, a status change to published) writes one mail.reply row for the
// confirmed subscriber of the comment it answers, unless the reply is the subscriber's own (the
// same e-mail, or the same author name from the same client hash as the answered comment), and
// never twice for one reply and subscriber.
//
// Senders claim due rows for a lease: on PostgreSQL several nodes claim at once without ever
// getting the same row (FOR UPDATE SKIP LOCKED); a row whose sender died is claimed again once
// its lease has run out. Delivery is therefore at least once; the row's id is the delivery's
// idempotency key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/subscriber.h"
#include "core/webhook.h"

namespace palabre::store {

class NotificationStore {
 public:
  NotificationStore() = default;
  NotificationStore(const NotificationStore&) = delete;
  NotificationStore& operator=(const NotificationStore&) = delete;
  virtual ~NotificationStore() = default;

  // Webhooks. AddWebhook: id set; kUnknownSite. ListWebhooks: the site's, oldest first (every
  // site's when `site_id` is empty). GetWebhook, RemoveWebhook: kUnknownWebhook. Removing a
  // webhook drops its outbox rows, pending or not.
  virtual Result<Webhook> AddWebhook(const Webhook& webhook) = 0;
  virtual Result<std::vector<Webhook>> ListWebhooks(std::string_view site_id) = 0;
  virtual Result<Webhook> GetWebhook(WebhookId id) = 0;
  virtual Status RemoveWebhook(WebhookId id) = 0;

  // Reply mails. Subscribe: adds or finds the comment's site's subscriber for `email` (compared
  // in ASCII lower case), links the comment to it (a comment has one subscriber: the last one
  // wins), and, when the address is unconfirmed and no confirmation was queued since
  // `now - kConfirmResendMs`, queues a mail.confirm row about the comment; the outcome says
  // which. kUnknownComment.
  virtual Result<Subscription> Subscribe(CommentId comment_id, std::string_view email,
                                         TimestampMs now) = 0;
  // GetSubscriber, ConfirmSubscriber (sets confirmed_at once; a second call keeps the first
  // time), RemoveSubscriber (its links and outbox rows go too): kUnknownSubscriber.
  virtual Result<Subscriber> GetSubscriber(SubscriberId id) = 0;
  virtual Status ConfirmSubscriber(SubscriberId id, TimestampMs now) = 0;
  virtual Status RemoveSubscriber(SubscriberId id) = 0;
  // The subscriber's latest outbox rows, newest first, any state.
  virtual Result<std::vector<OutboxEntry>> ListSubscriberOutbox(SubscriberId id, int limit) = 0;
  // How many of the site's mails were sent at or after `since` (rows sent with a note, as
  // "not sent: unsubscribed", were not).
  virtual Result<std::int64_t> CountMailSent(std::string_view site_id, TimestampMs since) = 0;

  // Claims up to `limit` pending rows due at `now` (next_attempt_at <= now) and not claimed by a
  // live lease (their lease ends before `now`), oldest first, until `lease_until`. A row claimed
  // here is claimed by nobody else before `lease_until`, on any node.
  virtual Result<std::vector<OutboxItem>> ClaimOutbox(TimestampMs now, TimestampMs lease_until,
                                                      int limit) = 0;
  // The end of an attempt: kSent or kFailed (given up, with `error`) at `at`; kPending to try
  // again at `next_attempt_at`, with `error` and the attempt counted (`first_attempt_at` is
  // recorded on the first one). Releases the claim. kInvalidArgument for an unknown row (its
  // webhook was removed meanwhile): the caller drops it.
  virtual Status FinishOutbox(OutboxId id, OutboxState state, std::string_view error,
                              TimestampMs at, TimestampMs next_attempt_at,
                              TimestampMs first_attempt_at) = 0;
  // Releases the claim of a pending row and makes it due at `next_attempt_at`, without counting
  // an attempt (a mail waiting for its digest interval or for the daily cap). kInvalidArgument
  // for an unknown row.
  virtual Status DeferOutbox(OutboxId id, TimestampMs next_attempt_at) = 0;
  // The site's latest rows, newest first (every site's when `site_id` is empty); only rows in
  // `state` when given.
  virtual Result<std::vector<OutboxEntry>> ListOutbox(std::string_view site_id,
                                                      std::optional<OutboxState> state,
                                                      int limit) = 0;
  // Deletes the rows sent or given up before `before`; returns how many.
  virtual Result<std::int64_t> PurgeOutbox(TimestampMs before) = 0;
};

}  // namespace palabre::store
