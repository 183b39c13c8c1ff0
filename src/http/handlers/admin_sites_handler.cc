#include "http/handlers/admin_sites_handler.h"

#include <algorithm>

#include "core/text/relative_time.h"
#include "http/admin_json.h"
#include "http/errors.h"
#include "http/handlers/admin_common.h"
#include "http/handlers/common.h"
#include "service/site_settings.h"

namespace palabre::http::handlers {
namespace {

void SetSettings(Response& res, const service::SiteSettings& settings) {
  SetJson(res, 200, "{\"settings\":" + service::ToJson(settings) + "}");
}

// SiteSettings errors name their key first: "premoderation: must be none, new or all".
std::string_view KeyOf(const Status& s) {
  const std::string& m = s.message();
  const std::size_t colon = m.find(": ");
  if (colon == std::string::npos || colon == 0 || colon > 100) return {};
  return std::string_view(m).substr(0, colon);
}

}  // namespace

void AdminSitesHandler::Sites(Request& req, Response& res, const service::Authenticated& who) {
  auto sites = moderator_.Sites(who.user);
  if (!sites.ok()) return SetError(res, sites.status(), PreferredLang(req));
  std::string json = "{\"sites\":[";
  for (std::size_t i = 0; i < sites->size(); ++i) {
    const service::UserSite& s = (*sites)[i];
    if (i > 0) json += ',';
    json += "{\"id\":";
    AppendJsonString(json, s.id);
    json += ",\"name\":";
    AppendJsonString(json, s.name);
    json += ",\"role\":";
    AppendJsonString(json, ToString(s.role));
    json += '}';
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

void AdminSitesHandler::SetSite(Response& res, const Site& site) const {
  std::string json = "{\"site\":{\"id\":";
  AppendJsonString(json, site.id);
  json += ",\"name\":";
  AppendJsonString(json, site.name);
  json += ",\"origins\":[";
  for (std::size_t i = 0; i < site.origins.size(); ++i) {
    if (i > 0) json += ',';
    AppendJsonString(json, site.origins[i]);
  }
  json += "],\"time_zone\":";
  AppendJsonString(json, site.time_zone);
  json += ",\"locale\":";
  AppendJsonString(json, site.locale);
  json += "},\"refused_origins\":[";
  bool first = true;
  if (refusals_ != nullptr) {
    for (const RefusedOrigin& r : refusals_->Recent(site.id)) {
      // Allowed since: nothing left to do about it.
      if (std::find(site.origins.begin(), site.origins.end(), r.origin) != site.origins.end()) {
        continue;
      }
      if (!first) json += ',';
      first = false;
      json += "{\"origin\":";
      AppendJsonString(json, r.origin);
      json += ",\"count\":";
      AppendJsonInt(json, static_cast<std::int64_t>(r.count));
      json += ",\"last_at\":";
      AppendJsonString(json, text::Iso8601(r.last_at));
      json += '}';
    }
  }
  json += "],\"refused_since\":";
  AppendJsonString(json, text::Iso8601(started_at_));
  json += '}';
  SetJson(res, 200, std::move(json));
}

void AdminSitesHandler::GetSite(Request& req, Response& res, const service::Authenticated& who) {
  auto site = moderator_.GetSite(who.user, req.Param("site"));
  if (!site.ok()) return SetError(res, site.status(), PreferredLang(req));
  SetSite(res, *site);
}

void AdminSitesHandler::PutSite(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  service::SiteChange change;
  auto name = body->String("name");
  if (!name.ok()) return SetFieldError(res, name.status(), lang, "name");
  change.name = *name;
  auto origins = body->StringArray("origins", 50);
  if (!origins.ok()) return SetFieldError(res, origins.status(), lang, "origins");
  change.origins = *origins;
  auto time_zone = body->String("time_zone");
  if (!time_zone.ok()) return SetFieldError(res, time_zone.status(), lang, "time_zone");
  change.time_zone = *time_zone;
  std::size_t known = 0;
  for (std::string_view key : {"name", "origins", "time_zone"}) known += body->Has(key) ? 1 : 0;
  if (known != body->size()) {
    return SetError(res, Status(Error::kInvalidArgument, "keys: name, origins, time_zone"), lang);
  }
  auto site = moderator_.UpdateSite(who.user, req.Param("site"), change);
  if (!site.ok()) {
    if (site.error() == Error::kInvalidArgument) {
      return SetFieldError(res, site.status(), lang, KeyOf(site.status()));
    }
    return SetError(res, site.status(), lang);
  }
  SetSite(res, *site);
}

void AdminSitesHandler::GetSettings(Request& req, Response& res,
                                    const service::Authenticated& who) {
  auto settings = moderator_.GetSettings(who.user, req.Param("site"));
  if (!settings.ok()) return SetError(res, settings.status(), PreferredLang(req));
  SetSettings(res, *settings);
}

void AdminSitesHandler::PutSettings(Request& req, Response& res,
                                    const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  // Content type, size, UTF-8 and shape here; the values are the service's to judge.
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto settings = moderator_.PutSettings(who.user, req.Param("site"), req.body);
  if (!settings.ok()) {
    if (settings.error() == Error::kInvalidArgument) {
      return SetFieldError(res, settings.status(), lang, KeyOf(settings.status()));
    }
    return SetError(res, settings.status(), lang);
  }
  SetSettings(res, *settings);
}

void AdminSitesHandler::Audit(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto before = QueryInt(req, "before");
  if (!before.ok()) return SetFieldError(res, before.status(), lang, "before");
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return SetFieldError(res, limit.status(), lang, "limit");
  const std::int64_t l = limit->value_or(50);
  if (l < 1 || l > 200) return SetFieldError(res, Error::kInvalidArgument, lang, "limit");
  auto entries =
      moderator_.Audit(who.user, req.Param("site"), before->value_or(0), static_cast<int>(l));
  if (!entries.ok()) return SetError(res, entries.status(), lang);
  std::string json = "{\"entries\":[";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (i > 0) json += ',';
    AppendAuditEntry(json, (*entries)[i]);
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

void AdminSitesHandler::Report(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto days = QueryInt(req, "days");
  if (!days.ok()) return SetFieldError(res, days.status(), lang, "days");
  const std::int64_t d = days->value_or(30);
  if (d < 1 || d > 90) return SetFieldError(res, Error::kInvalidArgument, lang, "days");
  auto report = moderator_.Report(who.user, req.Param("site"), static_cast<int>(d));
  if (!report.ok()) return SetError(res, report.status(), lang);
  std::string json;
  AppendSiteReport(json, *report);
  SetJson(res, 200, std::move(json));
}

void AdminSitesHandler::ApiKeys(Request& req, Response& res, const service::Authenticated& who) {
  auto keys = moderator_.ApiKeys(who.user, req.Param("site"));
  if (!keys.ok()) return SetError(res, keys.status(), PreferredLang(req));
  std::string json = "{\"keys\":[";
  for (std::size_t i = 0; i < keys->size(); ++i) {
    if (i > 0) json += ',';
    AppendApiKey(json, (*keys)[i]);
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

void AdminSitesHandler::AddApiKey(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto name = body->String("name");
  if (!name.ok()) return SetFieldError(res, name.status(), lang, "name");
  auto per_minute = body->Int("per_minute");
  if (!per_minute.ok()) return SetFieldError(res, per_minute.status(), lang, "per_minute");
  const std::int64_t rate = per_minute->value_or(60);
  if (rate < 1 || rate > 10'000) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "per_minute");
  }
  auto made =
      moderator_.AddApiKey(who.user, req.Param("site"), name->value_or(""), static_cast<int>(rate));
  if (!made.ok()) {
    if (made.error() == Error::kInvalidArgument) {
      return SetFieldError(res, made.status(), lang, "name");
    }
    return SetError(res, made.status(), lang);
  }
  std::string json = "{\"key\":";
  AppendApiKey(json, made->key);
  json += ",\"secret\":";
  AppendJsonString(json, made->secret);
  json += '}';
  SetJson(res, 201, std::move(json));
}

void AdminSitesHandler::RemoveApiKey(Request& req, Response& res,
                                     const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownApiKey, lang);
  Status removed = moderator_.RemoveApiKey(who.user, req.Param("site"), *id);
  if (!removed.ok()) return SetError(res, removed, lang);
  res.status = 204;
  res.AddHeader("Cache-Control", "no-store");
}

}  // namespace palabre::http::handlers
