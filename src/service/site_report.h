// SiteReporter: a site's report for the console — comments per local day (published, held,
// rejected), the reasons of the held and rejected ones, and the moderators' response times
// (median, 90th percentile) — over the last days in the site's time zone (one
// core/text/time_zone.h zone per report, so days of 23 or 25 hours count right). Thread-safe.
#pragma once

#include <string_view>

#include "core/admin.h"
#include "core/clock.h"
#include "core/status.h"
#include "service/moderator_types.h"
#include "store/store.h"

namespace palabre::service {

class SiteReporter {
 public:
  SiteReporter(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The last `days` days (1..90, else kInvalidArgument) in the site's time zone.
  Result<SiteReport> Report(const User& user, std::string_view site_id, int days);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace palabre::service
