#include "http/handlers/admin_webhooks_handler.h"

#include "core/text/relative_time.h"
#include "http/errors.h"
#include "http/handlers/admin_common.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {
namespace {

// A chat's URL is its credential (Slack's path, Telegram's bot token): only its host is shown.
std::string ShownUrl(const Webhook& w) {
  if (w.format == WebhookFormat::kPalabre) return w.url;
  const std::size_t host = w.url.find("://");
  const std::size_t path = w.url.find('/', host == std::string::npos ? 0 : host + 3);
  return path == std::string::npos ? w.url : w.url.substr(0, path) + "/…";
}

void AppendTime(std::string& out, TimestampMs t) {
  if (t == 0) {
    out += "null";
  } else {
    AppendJsonString(out, text::Iso8601(t));
  }
}

void AppendWebhook(std::string& out, const Webhook& w) {
  out += "{\"id\":";
  AppendJsonInt(out, w.id);
  out += ",\"url\":";
  AppendJsonString(out, ShownUrl(w));
  out += ",\"format\":";
  AppendJsonString(out, ToString(w.format));
  out += ",\"events\":[";
  bool first = true;
  for (std::string_view name : WebhookEventNames(w.events)) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
  }
  out += "],\"created_at\":";
  AppendTime(out, w.created_at);
  out += '}';
}

void AppendDelivery(std::string& out, const OutboxEntry& e) {
  out += "{\"id\":";
  AppendJsonInt(out, e.item.id);
  out += ",\"webhook\":";
  AppendJsonInt(out, e.item.webhook_id);
  out += ",\"event\":";
  AppendJsonString(out, ToString(e.item.event));
  out += ",\"subject\":";
  AppendJsonInt(out, e.item.subject_id);
  out += ",\"state\":";
  AppendJsonString(out, ToString(e.state));
  out += ",\"attempts\":";
  AppendJsonInt(out, e.item.attempts);
  out += ",\"created_at\":";
  AppendTime(out, e.item.created_at);
  out += ",\"next_attempt_at\":";
  AppendTime(out, e.state == OutboxState::kPending ? e.next_attempt_at : 0);
  out += ",\"done_at\":";
  AppendTime(out, e.done_at);
  out += ",\"last_error\":";
  AppendJsonString(out, e.last_error);
  out += '}';
}

}  // namespace

void AdminWebhooksHandler::List(Request& req, Response& res, const service::Authenticated& who) {
  auto webhooks = webhooks_.List(who.user, req.Param("site"));
  if (!webhooks.ok()) return SetError(res, webhooks.status(), PreferredLang(req));
  std::string json = "{\"webhooks\":[";
  for (std::size_t i = 0; i < webhooks->size(); ++i) {
    if (i > 0) json += ',';
    AppendWebhook(json, (*webhooks)[i]);
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

void AdminWebhooksHandler::Add(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto url = body->String("url");
  if (!url.ok() || !url->has_value()) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "url");
  }
  auto format = body->String("format");
  if (!format.ok()) return SetFieldError(res, format.status(), lang, "format");
  const std::optional<WebhookFormat> parsed_format =
      ParseWebhookFormat(format->value_or("palabre"));
  if (!parsed_format.has_value()) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "format");
  }
  auto events = body->StringArray("events", 8);
  if (!events.ok() || !events->has_value() || (*events)->empty()) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "events");
  }
  service::WebhookInput in;
  in.url = **url;
  in.format = *parsed_format;
  for (const std::string& name : **events) {
    const std::optional<WebhookEvent> event = ParseWebhookEvent(name);
    if (!event.has_value()) return SetFieldError(res, Error::kInvalidArgument, lang, "events");
    in.events |= static_cast<std::uint32_t>(*event);
  }
  auto added = webhooks_.Add(who.user, req.Param("site"), in);
  if (!added.ok()) {
    // The service's kInvalidArgument is about the URL, but for the site's cap on webhooks.
    if (added.error() == Error::kInvalidArgument &&
        added.status().message().rfind(service::kTooManyWebhooks, 0) != 0) {
      return SetFieldError(res, added.status(), lang, "url");
    }
    return SetError(res, added.status(), lang);
  }
  std::string json = "{\"webhook\":";
  AppendWebhook(json, *added);
  json += ",\"secret\":";
  AppendJsonString(json, added->secret);
  json += '}';
  SetJson(res, 201, std::move(json));
}

void AdminWebhooksHandler::Remove(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownWebhook, lang);
  Status removed = webhooks_.Remove(who.user, req.Param("site"), *id);
  if (!removed.ok()) return SetError(res, removed, lang);
  SetNoContent(res);
}

void AdminWebhooksHandler::Deliveries(Request& req, Response& res,
                                      const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  std::optional<OutboxState> state;
  if (auto s = req.query.Get("state")) {
    state = ParseOutboxState(*s);
    if (!state.has_value()) return SetFieldError(res, Error::kInvalidArgument, lang, "state");
  }
  auto limit = QueryInt(req, "limit");
  if (!limit.ok() || limit->value_or(50) < 1 || limit->value_or(50) > 200) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "limit");
  }
  auto rows = webhooks_.Deliveries(who.user, req.Param("site"), state,
                                   static_cast<int>(limit->value_or(50)));
  if (!rows.ok()) return SetError(res, rows.status(), lang);
  std::string json = "{\"deliveries\":[";
  for (std::size_t i = 0; i < rows->size(); ++i) {
    if (i > 0) json += ',';
    AppendDelivery(json, (*rows)[i]);
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
