#include "service/site_registry.h"

#include <utility>

#include <spdlog/spdlog.h>

namespace palabre::service {
namespace {

constexpr TimestampMs kSiteCacheMs = 5'000;

}  // namespace

Result<Site> SiteRegistry::Get(std::string_view site_id) {
  const TimestampMs now = clock_.NowMs();
  {
    MutexLock lock(sites_mu_);
    auto it = sites_.find(std::string(site_id));
    if (it != sites_.end() && now - it->second.fetched_at < kSiteCacheMs) return it->second.site;
  }
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  MutexLock lock(sites_mu_);
  if (sites_.size() > 10'000) sites_.clear();  // bound: site ids come from URLs
  sites_[site->id] = CachedSite{*site, now};
  return site;
}

std::optional<Site> SiteRegistry::Known(std::string_view site_id) const {
  MutexLock lock(sites_mu_);
  auto it = sites_.find(std::string(site_id));
  if (it == sites_.end()) return std::nullopt;
  return it->second.site;
}

void SiteRegistry::Forget(std::string_view site_id) {
  MutexLock lock(sites_mu_);
  sites_.erase(std::string(site_id));
}

void SiteRegistry::ForgetAll() {
  MutexLock lock(sites_mu_);
  sites_.clear();
}

void SiteRegistry::SetModeration(moderation::ModerationConfigs base, Reconfigure reconfigure) {
  MutexLock lock(settings_mu_);
  base_configs_ = std::move(base);
  reconfigure_ = std::move(reconfigure);
  applied_.clear();
}

SiteSettings SiteRegistry::SettingsFor(const Site& site) {
  MutexLock lock(settings_mu_);
  auto it = applied_.find(site.id);
  if (it != applied_.end() && it->second.json == site.settings) return it->second.settings;
  SiteSettings settings;
  auto parsed = ParseSiteSettings(site.settings);
  if (parsed.ok()) {
    settings = std::move(parsed).value();
  } else {
    spdlog::warn("site {}: settings ignored: {}", site.id, parsed.status().ToString());
  }
  // A site that never had settings keeps the list the pipeline was created with.
  if (reconfigure_ && (it != applied_.end() || !(settings == SiteSettings{}))) {
    moderation::ModerationConfig config = base_configs_.For(site.id);
    Status s = ApplyTo(settings, config);
    if (s.ok()) s = reconfigure_(site.id, config);
    if (!s.ok()) {
      spdlog::warn("site {}: moderation settings not applied: {}", site.id, s.ToString());
    }
  }
  if (applied_.size() > 10'000) applied_.clear();
  applied_[site.id] = AppliedSettings{site.settings, settings};
  return settings;
}

Status SiteRegistry::SiteChanged(std::string_view site_id) {
  Forget(site_id);
  auto site = Get(site_id);
  if (!site.ok()) return site.status();
  auto parsed = ParseSiteSettings(site->settings);
  if (!parsed.ok()) return parsed.status();
  MutexLock lock(settings_mu_);
  if (reconfigure_) {
    moderation::ModerationConfig config = base_configs_.For(site->id);
    PALABRE_RETURN_IF_ERROR(ApplyTo(*parsed, config));
    PALABRE_RETURN_IF_ERROR(reconfigure_(site->id, config));
  }
  applied_[site->id] = AppliedSettings{site->settings, std::move(parsed).value()};
  return Status::Ok();
}

}  // namespace palabre::service
