// OriginRefusals: the writes this node refused with 403 origin_not_allowed, by site, so that
// an operator sees a reader's post refused for an origin the site does not allow yet
// (palabre_origin_refused_total{site} in /metrics; the console's site settings list the
// origins to add).
//
// Only refusals for a known site are recorded (Cors knows the site then), so the sites are
// bounded by the sites that exist; still, at most kMaxSites sites are kept. Per site, the
// kMaxOrigins origins refused most recently are kept with their count and last time (the least
// recent is forgotten first), each cut to kMaxOriginBytes, every byte that is not printable
// ASCII shown as '?' (the origin comes from the client). In memory, since the node started:
// each node of a cluster counts its own. Thread-safe (one mutex; Record is on refused requests
// only).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/thread_annotations.h"

namespace palabre::http {

struct RefusedOrigin {
  std::string origin;
  std::uint64_t count = 0;
  TimestampMs last_at = 0;
};

class OriginRefusals {
 public:
  static constexpr std::size_t kMaxSites = 10'000;
  static constexpr std::size_t kMaxOrigins = 10;
  static constexpr std::size_t kMaxOriginBytes = 200;

  void Record(std::string_view site_id, std::string_view origin, TimestampMs now);
  // The site's refused origins, most recent first; empty if none.
  std::vector<RefusedOrigin> Recent(std::string_view site_id) const;
  // Refusals per site since the node started, ordered by site id.
  std::vector<std::pair<std::string, std::uint64_t>> Totals() const;

 private:
  struct PerSite {
    std::uint64_t total = 0;
    std::vector<RefusedOrigin> origins;  // most recent first
  };
  mutable Mutex mu_;
  std::map<std::string, PerSite, std::less<>> sites_ GUARDED_BY(mu_);
};

}  // namespace palabre::http
