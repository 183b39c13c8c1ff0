// The HTTP request one outbox row becomes: palabre's own versioned JSON, or a message for a
// Slack incoming webhook or a Telegram bot, with the signature and idempotency headers. Pure:
// no store, no network, no clock (the sender gathers the facts and the time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/webhook.h"

namespace palabre::service {

// What the payload is built from, as the store has it when the row is sent: an erased or
// removed comment is not there any more, and is sent without its text.
struct WebhookFacts {
  OutboxItem item;
  Webhook webhook;  // with its secret
  Site site;
  std::optional<Comment> comment;          // comment.* events, when the comment still exists
  std::optional<Thread> thread;            // the comment's thread
  std::optional<Ban> ban;                  // user.banned, when the ban still exists
  std::vector<ReportReason> open_reports;  // comment.reported: the comment's open reports
  std::string public_url;  // the server's public URL without a trailing slash, "" if unknown
};

struct WebhookRequest {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The row's delivery id (payload "id", X-Palabre-Delivery and Idempotency-Key headers): the
// same on every attempt, different for every row, and unique across installations (a keyed
// hash of the row's id with the site's secret salt), 32 hex digits.
std::string DeliveryId(const OutboxItem& item, const Site& site);

// The request for `facts`, signed at `now_unix_s`. palabre's format (version 1):
//   {"version":1,"id","event","occurred_at","site":{"id","name"},
//    "comment":{"id","thread":{"key","title"},"parent_id","author","text","status","review",
//               "created_at","reasons":[{"check","code","detail","action"}],"open_reports"},
//    "ban":{"id","author","reason","expires_at"},"console_url"}
// with "comment" and "ban" only when they apply ("comment" with only its id when it no longer
// exists), "console_url" only with a public URL. Slack: {"text"}; Telegram:
// {"chat_id","text","disable_web_page_preview":true}; their text in the site's language.
WebhookRequest BuildWebhookRequest(const WebhookFacts& facts, std::int64_t now_unix_s);

}  // namespace palabre::service
