// SiteService: adding, listing and removing publisher sites (`palabre site …`).
//
// Validates what an operator types: id [a-z0-9-]{1,64}; origins "http(s)://host[:port]" with
// no path; locale "fr" or "en"; an IANA time zone ICU knows. Each new site gets a random salt
// for hashing client addresses. Thread-safe as far as the Store is.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace palabre::service {

struct SiteInput {
  std::string id;
  std::string name;
  std::vector<std::string> origins;
  std::string locale = "fr";
  std::string time_zone = "UTC";
  bool auto_create_threads = true;
};

class SiteService {
 public:
  SiteService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kSiteIdInvalid, kInvalidArgument (origin, locale or time zone; the message says which),
  // kSiteExists.
  Result<Site> Add(const SiteInput& in);
  Result<std::vector<Site>> List() { return store_.ListSites(); }
  Status Remove(std::string_view id) { return store_.RemoveSite(id); }  // kUnknownSite

 private:
  store::Store& store_;
  const Clock& clock_;
};

bool IsValidSiteId(std::string_view id);
// "https://Example.com/" -> "https://example.com"; kInvalidArgument if not an origin.
Result<std::string> NormalizeOrigin(std::string_view origin);

}  // namespace palabre::service
