#include "http/origin_refusals.h"

#include <algorithm>

namespace palabre::http {

void OriginRefusals::Record(std::string_view site_id, std::string_view raw, TimestampMs now) {
  // Browsers send ASCII origins (IDN hosts in punycode): anything else was typed by hand, and
  // must not pass for another origin in the console (bidi controls, look-alike letters).
  std::string origin(raw.substr(0, kMaxOriginBytes));
  for (char& c : origin) {
    if (c <= ' ' || c > '~') c = '?';
  }
  MutexLock lock(mu_);
  auto site = sites_.find(site_id);
  if (site == sites_.end()) {
    if (sites_.size() >= kMaxSites) return;
    site = sites_.emplace(std::string(site_id), PerSite{}).first;
  }
  PerSite& s = site->second;
  ++s.total;
  auto known = std::find_if(s.origins.begin(), s.origins.end(),
                            [&origin](const RefusedOrigin& r) { return r.origin == origin; });
  RefusedOrigin entry;
  if (known != s.origins.end()) {
    entry = std::move(*known);
    s.origins.erase(known);
  } else {
    entry.origin = std::move(origin);
    if (s.origins.size() >= kMaxOrigins) s.origins.pop_back();
  }
  ++entry.count;
  entry.last_at = now;
  s.origins.insert(s.origins.begin(), std::move(entry));
}

std::vector<RefusedOrigin> OriginRefusals::Recent(std::string_view site_id) const {
  MutexLock lock(mu_);
  const auto site = sites_.find(site_id);
  return site == sites_.end() ? std::vector<RefusedOrigin>{} : site->second.origins;
}

std::vector<std::pair<std::string, std::uint64_t>> OriginRefusals::Totals() const {
  MutexLock lock(mu_);
  std::vector<std::pair<std::string, std::uint64_t>> totals;
  totals.reserve(sites_.size());
  for (const auto& [id, s] : sites_) totals.emplace_back(id, s.total);
  return totals;
}

}  // namespace palabre::http
