// ModeratorBans: a site's bans — by the folded display name, the client hash or the e-mail of
// one of the author's comments — added (the author's held comments are rejected with them),
// listed and removed, each audited. Post and edit enforce them (comment_writer.h). Thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/status.h"
#include "service/moderation_queue.h"
#include "service/moderator_decisions.h"
#include "service/moderator_types.h"
#include "store/store.h"

namespace palabre::service {

class ModeratorBans {
 public:
  ModeratorBans(store::Store& store, ModerationQueue& queue, ModeratorDecisions& decisions,
                const Clock& clock)
      : store_(store), queue_(queue), decisions_(decisions), clock_(clock) {}

  // Bans the comment's author on its site and rejects their held comments there (audited
  // each). kUnknownComment, kForbidden, kInvalidArgument (no field chosen, days out of range,
  // by_email without e-mail, reason too long).
  Result<Ban> AddBan(const User& user, const BanInput& in);
  Status RemoveBan(const User& user, BanId id);  // kUnknownBan, kForbidden
  Result<std::vector<Ban>> ListBans(const User& user, std::string_view site_id);

 private:
  store::Store& store_;
  ModerationQueue& queue_;
  ModeratorDecisions& decisions_;
  const Clock& clock_;
};

}  // namespace palabre::service
