// Webhooks and the notification outbox, in the domain's terms: which events a newsroom can
// subscribe to, the endpoints it registers, the rows the outbox keeps until they are delivered,
// and how a delivery is signed.
//
// An event happens in the store's transaction (a comment inserted held, a moderator's
// decision, a report, a ban): the store writes one outbox row per endpoint of the site that
// subscribed to it, in that same transaction, so that a notification exists if and only if its
// event committed. A sender claims due rows, builds each payload from the current state (an
// erased comment is never sent), posts it and records the outcome. docs/NOTIFICATIONS.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre {

// The events of the outbox. The first five are what a webhook may subscribe to: bits of
// Webhook::events (and of the stored column). The mail events are a subscriber's rows
// (core/subscriber.h), never a webhook's. Stored: never renumber.
enum class WebhookEvent : std::uint32_t {
  kCommentPublished = 1,  // a comment became visible (posted, or approved by a moderator)
  kCommentHeld = 2,       // a comment waits in the moderation queue
  kCommentReported = 4,   // a reader reported a comment
  kCommentRejected = 8,   // the pipeline or a moderator rejected or removed a comment
  kUserBanned = 16,       // a moderator banned an author
  kMailConfirm = 256,     // a subscriber's confirmation mail (subject: the signing-up comment)
  kMailReply = 512,       // a reply to a subscriber's comment (subject: the reply)
};
inline constexpr std::uint32_t kAllWebhookEvents = 31;

std::string_view ToString(WebhookEvent event);  // "comment.held"
// A webhook event's name; nullopt for another name, and for the mail events.
std::optional<WebhookEvent> ParseWebhookEvent(std::string_view name);
// "comment.held,comment.reported" (spaces allowed around names; "all" is every event) as bits.
// kInvalidArgument naming the first unknown event, or for an empty list.
Result<std::uint32_t> ParseWebhookEvents(std::string_view list);
// The names of the bits of `events`, in the enum's order.
std::vector<std::string_view> WebhookEventNames(std::uint32_t events);
// The event a comment's new status announces: published, held, rejected (and deleted by a
// moderator, which is a rejection); none for a reader deleting their own comment.
std::optional<WebhookEvent> EventForStatus(CommentStatus status);

// How the body is shaped: palabre's own versioned JSON, or a chat's message format.
enum class WebhookFormat { kPalabre, kSlack, kTelegram };
std::string_view ToString(WebhookFormat format);  // "palabre", "slack", "telegram"
std::optional<WebhookFormat> ParseWebhookFormat(std::string_view name);

using WebhookId = std::int64_t;

struct Webhook {
  WebhookId id = 0;
  std::string site_id;
  std::string url;  // https:// (http:// only to a loopback address: tests, a local relay)
  WebhookFormat format = WebhookFormat::kPalabre;
  std::uint32_t events = 0;  // bits of WebhookEvent
  std::string secret;        // HMAC key of X-Palabre-Signature; shown once when created
  TimestampMs created_at = 0;
};

// Checks a webhook's URL: absolute, https (or http to 127.0.0.0/8, ::1 or localhost), a host,
// no user name or password, at most 2,000 bytes; for kTelegram, a Bot API sendMessage URL with
// a chat_id parameter. kInvalidArgument saying what is wrong.
Status ValidateWebhookUrl(std::string_view url, WebhookFormat format);

enum class OutboxState { kPending, kSent, kFailed };
std::string_view ToString(OutboxState state);  // "pending", "sent", "failed"
std::optional<OutboxState> ParseOutboxState(std::string_view name);

using OutboxId = std::int64_t;

// One notification to deliver: an event for one endpoint (a webhook), or a mail to one
// subscriber (subscriber_id set, webhook_id 0).
struct OutboxItem {
  OutboxId id = 0;
  WebhookId webhook_id = 0;
  std::int64_t subscriber_id = 0;  // SubscriberId (core/subscriber.h) of a mail row
  std::string site_id;
  WebhookEvent event = WebhookEvent::kCommentPublished;
  std::int64_t subject_id = 0;  // the comment's id (comment.*, mail.*) or the ban's (user.banned)
  TimestampMs created_at = 0;   // when the event committed (the database's clock)
  int attempts = 0;             // deliveries tried before this claim
  TimestampMs first_attempt_at = 0;  // 0 before the first attempt
};

// An outbox row as the console and the CLI list it.
struct OutboxEntry {
  OutboxItem item;
  OutboxState state = OutboxState::kPending;
  TimestampMs next_attempt_at = 0;
  TimestampMs done_at = 0;  // when it was sent or given up; 0 while pending
  std::string last_error;   // the last failure, "" if none
};

// The X-Palabre-Signature value of a delivery: "t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<unix seconds>.<body>" keyed with the webhook's secret>". Receivers recompute it and reject
// a timestamp outside their replay window (docs/NOTIFICATIONS.md has the recipe).
std::string SignWebhook(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// Lower-case hex HMAC-SHA256 of `message` keyed with `key` (libsodium).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace palabre
