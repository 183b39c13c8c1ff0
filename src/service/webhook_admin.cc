#include "service/webhook_admin.h"

#include <algorithm>

#include "core/crypto.h"
#include "service/auth_service.h"

namespace palabre::service {

Result<Webhook> WebhookAdmin::Add(std::string_view site_id, const WebhookInput& in) {
  PALABRE_RETURN_IF_ERROR(ValidateWebhookUrl(in.url, in.format));
  if (in.events == 0 || (in.events & ~kAllWebhookEvents) != 0) {
    return Status(Error::kInvalidArgument, "events: at least one known event");
  }
  Result<std::vector<Webhook>> existing = store_.ListWebhooks(site_id);
  if (!existing.ok()) return existing.status();
  if (existing->empty()) {
    PALABRE_RETURN_IF_ERROR(store_.GetSite(site_id).status());  // kUnknownSite
  }
  if (existing->size() >= kMaxWebhooksPerSite) {
    return Status(Error::kInvalidArgument, std::string(kTooManyWebhooks) + " " +
                                               std::to_string(kMaxWebhooksPerSite) + " webhooks");
  }
  Webhook webhook;
  webhook.site_id = std::string(site_id);
  webhook.url = in.url;
  webhook.format = in.format;
  webhook.events = in.events;
  webhook.secret = "whsec_" + RandomToken(32);
  webhook.created_at = clock_.NowMs();
  return store_.AddWebhook(webhook);
}

Result<Webhook> WebhookAdmin::Add(const User& user, std::string_view site_id,
                                  const WebhookInput& in) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  Result<Webhook> added = Add(site_id, in);
  if (!added.ok()) return added;
  PALABRE_RETURN_IF_ERROR(Audit(user, site_id, "webhook_add", *added));
  return added;
}

Result<std::vector<Webhook>> WebhookAdmin::List(std::string_view site_id) {
  Result<std::vector<Webhook>> webhooks = store_.ListWebhooks(site_id);
  if (!webhooks.ok()) return webhooks;
  for (Webhook& w : *webhooks) w.secret.clear();
  return webhooks;
}

Result<std::vector<Webhook>> WebhookAdmin::List(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  return List(site_id);
}

Status WebhookAdmin::Remove(std::string_view site_id, WebhookId id) {
  Result<Webhook> webhook = store_.GetWebhook(id);
  if (!webhook.ok()) return webhook.status();
  if (webhook->site_id != site_id) {
    return Status(Error::kUnknownWebhook, "webhook " + std::to_string(id));
  }
  return store_.RemoveWebhook(id);
}

Status WebhookAdmin::Remove(const User& user, std::string_view site_id, WebhookId id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  Result<Webhook> webhook = store_.GetWebhook(id);
  if (!webhook.ok()) return webhook.status();
  PALABRE_RETURN_IF_ERROR(Remove(site_id, id));
  return Audit(user, site_id, "webhook_remove", *webhook);
}

Result<std::vector<OutboxEntry>> WebhookAdmin::Deliveries(const User& user,
                                                          std::string_view site_id,
                                                          std::optional<OutboxState> state,
                                                          int limit) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  return store_.ListOutbox(site_id, state, std::clamp(limit, 1, 200));
}

Status WebhookAdmin::Audit(const User& user, std::string_view site_id, std::string_view action,
                           const Webhook& webhook) {
  AuditEntry entry;
  entry.site_id = std::string(site_id);
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = std::string(action);
  std::string events;
  for (std::string_view name : WebhookEventNames(webhook.events)) {
    if (!events.empty()) events += ',';
    events += name;
  }
  // The URL's host only: the rest of a chat's URL is its token.
  std::string_view host = webhook.url;
  host.remove_prefix(std::min(host.find("://") + 3, host.size()));
  host = host.substr(0, host.find_first_of("/?#"));
  entry.detail = "#" + std::to_string(webhook.id) + " " + std::string(ToString(webhook.format)) +
                 " " + std::string(host) + " " + events;
  entry.at = clock_.NowMs();
  Result<AuditEntry> audited = store_.AppendAudit(entry);
  return audited.ok() ? Status::Ok() : audited.status();
}

}  // namespace palabre::service
