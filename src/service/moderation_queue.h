// ModerationQueue: what the moderator console reads — the user's sites, the queue of comments
// with their evidence (reasons with spans, reports, the author's history, the duplicate
// cluster, a reply's parent, the comment's address, its last decision), one item. Also loads a
// comment for the console's actions, checking the user's role on its site first (kForbidden).
// Thread-safe.
#pragma once

#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "service/moderator_types.h"
#include "store/store.h"

namespace palabre::service {

class ModerationQueue {
 public:
  ModerationQueue(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The user's sites with their names and the user's role, ordered by id.
  Result<std::vector<UserSite>> Sites(const User& user);

  // kForbidden (site_id not one of the user's), kInvalidArgument (status), kInvalidCursor.
  Result<QueuePage> Queue(const User& user, const QueueQuery& query);

  // One comment as the queue shows it. kUnknownComment, kForbidden.
  Result<QueueItem> Item(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);

  // The comment with its thread and site, once the user's role on the site is checked.
  // kUnknownComment, kForbidden.
  Result<ModeratedComment> Load(const User& user, CommentId id);
  // The comment as the queue shows it.
  Result<QueueItem> MakeItem(const Comment& comment, const Thread& thread, const Site& site,
                             text::Lang lang);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace palabre::service
