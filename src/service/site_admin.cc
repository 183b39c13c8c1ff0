#include "service/site_admin.h"

#include <algorithm>
#include <boost/json.hpp>
#include <utility>

#include "moderation/lexicon_validation.h"
#include "service/auth_service.h"

namespace palabre::service {

Result<SiteSettings> SiteAdmin::GetSettings(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  auto settings = ParseSiteSettings(site->settings);
  if (!settings.ok()) return SiteSettings{};  // what the service applies too
  return settings;
}

Result<SiteSettings> SiteAdmin::PutSettings(const User& user, std::string_view site_id,
                                            std::string_view json) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto settings = ParseSiteSettings(json);
  if (!settings.ok()) return settings.status();
  {  // Refuse what the pipeline could not build (a malformed lexicon term) before saving.
    moderation::ModerationConfig probe;
    PALABRE_RETURN_IF_ERROR(ApplyTo(*settings, probe));
    const Status lexicon = moderation::ValidateLexicon(probe.lexicon);
    if (!lexicon.ok()) {
      return Status(Error::kInvalidArgument, "banned_words/suspect_words: " + lexicon.message());
    }
  }
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  site->settings = ToJson(*settings);
  PALABRE_RETURN_IF_ERROR(store_.UpdateSite(*site));
  AuditEntry entry;
  entry.site_id = site->id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "settings";
  entry.detail = site->settings;
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();
  PALABRE_RETURN_IF_ERROR(sites_.SiteChanged(site->id));
  return settings;
}

Result<Site> SiteAdmin::GetSite(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  return store_.GetSite(site_id);
}

Result<Site> SiteAdmin::UpdateSite(const User& user, std::string_view site_id,
                                   const SiteChange& change) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  SiteService sites(store_, clock_);
  auto site = sites.Update(site_id, change, SiteActor{user.id, user.email});
  if (!site.ok()) return site.status();
  PALABRE_RETURN_IF_ERROR(sites_.SiteChanged(site->id));
  return site;
}

Result<std::vector<AuditEntry>> SiteAdmin::Audit(const User& user, std::string_view site_id,
                                                 std::int64_t before_id, int limit) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  if (limit <= 0) limit = 50;
  return store_.ListAudit(site_id, before_id, std::min(limit, 200));
}

Result<std::vector<ApiKey>> SiteAdmin::ApiKeys(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto keys = store_.ListApiKeys(site_id);
  if (!keys.ok()) return keys.status();
  for (ApiKey& k : *keys) k.key_hash.clear();
  return keys;
}

namespace {

// {"id":N,"name":"…"}: the audit's detail of a key.
std::string KeyDetail(const ApiKey& key) {
  boost::json::object o;
  o["id"] = key.id;
  o["name"] = key.name;
  o["hint"] = key.hint;
  return boost::json::serialize(o);
}

}  // namespace

Result<NewApiKey> SiteAdmin::AddApiKey(const User& user, std::string_view site_id,
                                       std::string_view name, int per_minute) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto made = CreateApiKey(store_, clock_, site_id, name, per_minute);
  if (!made.ok()) return made.status();
  AuditEntry entry;
  entry.site_id = std::string(site_id);
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "api_key_add";
  entry.detail = KeyDetail(made->key);
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();
  made->key.key_hash.clear();
  return made;
}

Status SiteAdmin::RemoveApiKey(const User& user, std::string_view site_id, std::int64_t id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto keys = store_.ListApiKeys(site_id);
  if (!keys.ok()) return keys.status();
  const auto key =
      std::find_if(keys->begin(), keys->end(), [id](const ApiKey& k) { return k.id == id; });
  if (key == keys->end()) return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
  PALABRE_RETURN_IF_ERROR(store_.RemoveApiKey(site_id, id));
  AuditEntry entry;
  entry.site_id = std::string(site_id);
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "api_key_remove";
  entry.detail = KeyDetail(*key);
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  return audited.ok() ? Status::Ok() : audited.status();
}

}  // namespace palabre::service
