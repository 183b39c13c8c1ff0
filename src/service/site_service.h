// SiteService: adding, listing, changing and removing publisher sites (`palabre site …`, the
// console's site settings, the demo).
//
// Validates what an operator types: id [a-z0-9-]{1,64}; name 1..200 code points of one line;
// origins "http(s)://host[:port]" with no path (lower-cased, default port dropped, at most 50,
// duplicates merged); locale "fr" or "en"; an IANA time zone ICU knows. Each new site gets a
// random salt for hashing client addresses. A change (Update) is audited ("site") when it
// changes something. Thread-safe as far as the Store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/admin.h"
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

// What Update changes; unset fields stay. `origins` replaces the list; `add_origins` and
// `remove_origins` edit it (after `origins`, if both are given).
struct SiteChange {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> origins;
  std::vector<std::string> add_origins;
  std::vector<std::string> remove_origins;
  std::optional<std::string> time_zone;
};

// Who changes a site, for the audit log: a console user, or user_id 0 for the command line.
struct SiteActor {
  UserId user_id = 0;
  std::string email = "(command line)";
};

class SiteService {
 public:
  SiteService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kSiteIdInvalid, kInvalidArgument (origin, locale or time zone; the message says which),
  // kSiteExists.
  Result<Site> Add(const SiteInput& in);
  Result<std::vector<Site>> List() { return store_.ListSites(); }
  Status Remove(std::string_view id) { return store_.RemoveSite(id); }  // kUnknownSite

  // Changes a site in place (its threads, comments and settings stay) and returns it as
  // stored. kUnknownSite; kInvalidArgument whose message starts with the field at fault,
  // "name: …", "origins: …" (also for removing an origin the site does not have) or
  // "time_zone: …"; nothing is stored then. Appends one audit entry "site" whose detail holds
  // the new value of each changed field; a change that changes nothing is not audited.
  Result<Site> Update(std::string_view id, const SiteChange& change, const SiteActor& actor = {});

 private:
  store::Store& store_;
  const Clock& clock_;
};

bool IsValidSiteId(std::string_view id);
// "https://Example.com:443/" -> "https://example.com"; kInvalidArgument if not an origin.
Result<std::string> NormalizeOrigin(std::string_view origin);

}  // namespace palabre::service
