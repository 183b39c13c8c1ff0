// BanStore: a site's bans of authors, clients and e-mail addresses. Part of Store
// (store.h), whose contract applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

class BanStore {
 public:
  BanStore() = default;
  BanStore(const BanStore&) = delete;
  BanStore& operator=(const BanStore&) = delete;
  virtual ~BanStore() = default;

  // Bans. A ban is expired at `now` when expires_at != 0 and expires_at <= now.
  // AddBan: id set; kUnknownSite; kInvalidArgument if author_folded, client_hash and
  // email_hash are all empty (it could never match).
  virtual Result<Ban> AddBan(const Ban& ban) = 0;
  // Bans of the site not expired at `now`, newest first (created_at, then id).
  virtual Result<std::vector<Ban>> ListBans(std::string_view site_id, TimestampMs now) = 0;
  virtual Result<Ban> GetBan(BanId id) = 0;  // expired or not; kUnknownBan
  virtual Status RemoveBan(BanId id) = 0;    // kUnknownBan
  // The first (oldest by id) ban of the site, not expired at `now`, one of whose non-empty
  // fields equals the corresponding non-empty argument; none if every argument is empty.
  virtual Result<std::optional<Ban>> FindBan(std::string_view site_id,
                                             std::string_view author_folded,
                                             std::string_view client_hash,
                                             std::string_view email_hash, TimestampMs now) = 0;
};

}  // namespace palabre::store
