// WebhookAdmin: a site's webhooks as the console and the CLI manage them — checked, given a
// secret, listed without it, removed — and the outbox's recent deliveries.
//
// The `user` overloads are the console's: they need the admin role on the site (kForbidden)
// and are audited ("webhook_add", "webhook_remove"); the others are the CLI's (whoever runs
// `palabre webhook` owns the database). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/status.h"
#include "core/webhook.h"
#include "store/store.h"

namespace palabre::service {

// At most this many webhooks per site (each event is one outbox row per webhook).
inline constexpr std::size_t kMaxWebhooksPerSite = 20;
// How Add's refusal for that cap begins (the other kInvalidArgument are about the URL or events).
inline constexpr char kTooManyWebhooks[] = "a site has at most";

struct WebhookInput {
  std::string url;
  WebhookFormat format = WebhookFormat::kPalabre;
  std::uint32_t events = 0;  // bits of WebhookEvent
};

class WebhookAdmin {
 public:
  WebhookAdmin(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Adds a webhook with a new random secret, returned in the result (the only time it is
  // shown). kInvalidArgument for a bad URL (ValidateWebhookUrl), no events or unknown bits, or
  // a site that has kMaxWebhooksPerSite already; kUnknownSite.
  Result<Webhook> Add(std::string_view site_id, const WebhookInput& in);
  Result<Webhook> Add(const User& user, std::string_view site_id, const WebhookInput& in);

  // The site's webhooks, oldest first, secrets cleared.
  Result<std::vector<Webhook>> List(std::string_view site_id);
  Result<std::vector<Webhook>> List(const User& user, std::string_view site_id);

  // kUnknownWebhook, also for a webhook of another site.
  Status Remove(std::string_view site_id, WebhookId id);
  Status Remove(const User& user, std::string_view site_id, WebhookId id);

  // The site's latest deliveries, newest first (only those in `state` when given); limit
  // 1..200 (clamped).
  Result<std::vector<OutboxEntry>> Deliveries(const User& user, std::string_view site_id,
                                              std::optional<OutboxState> state, int limit);

 private:
  Status Audit(const User& user, std::string_view site_id, std::string_view action,
               const Webhook& webhook);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace palabre::service
