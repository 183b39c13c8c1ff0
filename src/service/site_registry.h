// SiteRegistry: the sites as the discussion's use cases see them — one cached lookup per call
// (the caller hands the Site down instead of reading it again), and each site's parsed
// settings, applied to the moderation pipeline whenever they change.
//
// A site is kept a few seconds (CORS checks it on every request), so a change made on another
// node reaches this one within that time; Forget and ForgetAll drop it sooner (a moderator's
// change, a change feed cut off). Thread-safe: one instance serves all server threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "moderation/config.h"
#include "service/site_settings.h"
#include "store/store.h"

namespace palabre::service {

class SiteRegistry {
 public:
  SiteRegistry(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The site, from the cache when read less than a few seconds ago. kUnknownSite.
  Result<Site> Get(std::string_view site_id);
  // The site as last read by Get, however long ago, without touching the store; nullopt if it
  // was never read (or was evicted). For answers served while the store stalls.
  std::optional<Site> Known(std::string_view site_id) const;
  void Forget(std::string_view site_id);
  void ForgetAll();

  // Rebuilds a site's moderation from its settings: the server's configuration for the site
  // (`base.For(site)`) with SiteSettings::ApplyTo over it, handed to `reconfigure` (the app
  // passes Pipeline::Reconfigure). Without this call, settings still drive pre-moderation,
  // reports and closing, but not the checks.
  using Reconfigure =
      std::function<Status(std::string_view site_id, const moderation::ModerationConfig&)>;
  void SetModeration(moderation::ModerationConfigs base, Reconfigure reconfigure);

  // The site's parsed settings; applies them to the moderation first if they changed since
  // last applied. Settings that do not parse (a hand-edited database) count as the defaults
  // and are logged.
  SiteSettings SettingsFor(const Site& site);

  // After a moderator changed a site (settings, ...): forgets the cached site and applies its
  // settings now. kUnknownSite; the error of ApplyTo or of the reconfigure callback.
  Status SiteChanged(std::string_view site_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  struct CachedSite {
    Site site;
    TimestampMs fetched_at = 0;
  };
  mutable Mutex sites_mu_;
  std::unordered_map<std::string, CachedSite> sites_ GUARDED_BY(sites_mu_);
  // The settings JSON last applied per site, and what it parsed to.
  struct AppliedSettings {
    std::string json;
    SiteSettings settings;
  };
  Mutex settings_mu_;  // also serialises reconfigure calls
  moderation::ModerationConfigs base_configs_ GUARDED_BY(settings_mu_);
  Reconfigure reconfigure_ GUARDED_BY(settings_mu_);
  std::unordered_map<std::string, AppliedSettings> applied_ GUARDED_BY(settings_mu_);
};

}  // namespace palabre::service
