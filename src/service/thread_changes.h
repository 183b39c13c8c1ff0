// ThreadChanges: changes made elsewhere than by a reader's request — a moderator's action on
// this node (OnModerated), or any change another node made to the shared store
// (OnRemoteChange, fed by store/change_feed.h) — turned into what a local write does: the
// thread's version bumped, the moderation history told, the live listeners called.
// Thread-safe (OnRemoteChange runs on the change feed's thread).
#pragma once

#include "core/model.h"
#include "moderation/decision.h"
#include "service/site_registry.h"
#include "service/thread_versions.h"
#include "store/change_feed.h"
#include "store/store.h"

namespace palabre::service {

class ThreadChanges {
 public:
  ThreadChanges(store::Store& store, moderation::Moderator& moderator, SiteRegistry& sites,
                ThreadVersions& versions)
      : store_(store), moderator_(moderator), sites_(sites), versions_(versions) {}

  // A moderator changed `comment` (status, erasure): bumps its thread's version, and tells the
  // listeners: the listener when it is published now, the removed-listener otherwise.
  // `comment` as stored after the change. Store failures are ignored (the version is bumped
  // when the thread can be read).
  void OnModerated(const Comment& comment);

  // A change another node made to the shared store, as if it had been made here: bumps the
  // thread's version (so this node's response cache never serves the thread stale), records a
  // new comment in the moderation history (flood and duplicate checks see every node's
  // comments) and calls the listener for a comment that is published after an insert, edit or
  // status change (live updates reach this node's SSE subscribers). A vote or thread change
  // only bumps the version, as local ones do. kResync (the feed was cut off, so changes may
  // have been missed) gives every thread a new version, those this node never versioned
  // included, forgets the cached sites, then calls the reset listener (live clients reload:
  // nothing missed stays unseen). A comment being deleted (its text already emptied) is not
  // pushed. Store failures drop the change (the version is bumped first).
  void OnRemoteChange(const store::Change& change);

 private:
  store::Store& store_;
  moderation::Moderator& moderator_;
  SiteRegistry& sites_;
  ThreadVersions& versions_;
};

}  // namespace palabre::service
