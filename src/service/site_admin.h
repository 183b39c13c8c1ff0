// SiteAdmin: a site as its moderators and admins change it from the console — its settings
// (checked against the moderation configuration before they are saved, then applied at once
// through SiteRegistry), the site itself, its audit log and its analysis API keys. Reading
// needs a role on the site, changing it the admin role (kForbidden). Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "service/api_key_service.h"
#include "service/site_registry.h"
#include "service/site_service.h"
#include "service/site_settings.h"
#include "store/store.h"

namespace palabre::service {

class SiteAdmin {
 public:
  SiteAdmin(store::Store& store, SiteRegistry& sites, const Clock& clock)
      : store_(store), sites_(sites), clock_(clock) {}

  // Settings: reading needs a role on the site, writing the admin role. PutSettings parses
  // `json` (kInvalidJson, kInvalidArgument naming the key; applying it to the moderation
  // configuration is tried before saving, so a bad lexicon term is refused too), stores the
  // canonical form in Site::settings and applies it to the pipeline at once. kUnknownSite.
  Result<SiteSettings> GetSettings(const User& user, std::string_view site_id);
  Result<SiteSettings> PutSettings(const User& user, std::string_view site_id,
                                   std::string_view json);

  // The site itself (name, origins, time zone): reading needs a role on the site, changing it
  // the admin role. UpdateSite is SiteService::Update (its errors: kInvalidArgument naming the
  // field first, "origins: …"), audited as the user, applied at once on this node (other
  // nodes read the site again within seconds). kUnknownSite.
  Result<Site> GetSite(const User& user, std::string_view site_id);
  Result<Site> UpdateSite(const User& user, std::string_view site_id, const SiteChange& change);

  // The site's audit log, newest first, entries with id < before_id when before_id > 0;
  // limit 1..200 (clamped, default 50).
  Result<std::vector<AuditEntry>> Audit(const User& user, std::string_view site_id,
                                        std::int64_t before_id, int limit);

  // The analysis API's keys of a site (admin role): listed, made (the secret is returned once)
  // and removed, each change audited ("api_key_add", "api_key_remove"). kForbidden;
  // CreateApiKey's errors; kUnknownApiKey.
  Result<std::vector<ApiKey>> ApiKeys(const User& user, std::string_view site_id);
  Result<NewApiKey> AddApiKey(const User& user, std::string_view site_id, std::string_view name,
                              int per_minute);
  Status RemoveApiKey(const User& user, std::string_view site_id, std::int64_t id);

 private:
  store::Store& store_;
  SiteRegistry& sites_;
  const Clock& clock_;
};

}  // namespace palabre::service
