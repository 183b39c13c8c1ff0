// The console's webhooks of a site (docs/API.md, "Moderator console API"; admin role), behind
// AdminGuard:
//   GET    /api/v1/admin/sites/{site}/webhooks      → {"webhooks":[Webhook]}
//   POST   /api/v1/admin/sites/{site}/webhooks      {"url","format"?,"events":[..]} → 201
//          {"webhook":Webhook,"secret":"whsec_…"}: the only time the secret is shown; 400
//          invalid_argument with "field" ("url", "format", "events")
//   DELETE /api/v1/admin/sites/{site}/webhooks/{id} → 204; 404 unknown_webhook
//   GET    /api/v1/admin/sites/{site}/deliveries    ?state=pending|sent|failed&limit=1..200 →
//          {"deliveries":[Delivery]}, newest first
// Webhook: {"id","url","format","events":[..],"created_at"}, the URL of a Slack or Telegram
// webhook cut after its host (the rest is the chat's credential). Delivery: {"id","webhook",
// "event","subject","state","attempts","created_at","next_attempt_at","done_at","last_error"}.
// Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/webhook_admin.h"

namespace palabre::http::handlers {

class AdminWebhooksHandler {
 public:
  AdminWebhooksHandler(service::WebhookAdmin& webhooks, JsonLimits limits)
      : webhooks_(webhooks), limits_(limits) {}

  void List(Request& req, Response& res, const service::Authenticated& who);
  void Add(Request& req, Response& res, const service::Authenticated& who);
  void Remove(Request& req, Response& res, const service::Authenticated& who);
  void Deliveries(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::WebhookAdmin& webhooks_;
  JsonLimits limits_;
};

}  // namespace palabre::http::handlers
