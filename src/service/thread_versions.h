// ThreadVersions: each thread's version, which changes whenever anything visible in the thread
// changes (response caches key on it), and the listeners told of those changes (live updates).
//
// Writers call Published (a comment became visible or changed), Removed (a comment left the
// public view) or Bump (anything else visible: a vote, a deletion); Reset gives every thread a
// new version at once. Thread-safe; set the listeners before serving.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/model.h"
#include "core/thread_annotations.h"

namespace palabre::service {

class ThreadVersions {
 public:
  // Called for every comment that became visible or changed (live updates hook).
  using Listener = std::function<void(const Site&, const Thread&, const Comment&)>;
  // Called when a comment left a thread's public view (held after reports, unpublished,
  // rejected, erased): live clients remove it. Never given the comment's text.
  using RemovedListener = std::function<void(const Site&, const Thread&, CommentId id)>;
  // Called after Reset, once every thread's version has changed: live clients must reload
  // what they show.
  using ResetListener = std::function<void()>;

  void SetListener(Listener listener) { listener_ = std::move(listener); }
  void SetRemovedListener(RemovedListener listener) { removed_listener_ = std::move(listener); }
  void SetResetListener(ResetListener listener) { reset_listener_ = std::move(listener); }

  // The thread (site_id, key)'s current version.
  std::uint64_t Version(std::string_view site_id, std::string_view key) const;
  void Bump(std::string_view site_id, std::string_view key);
  // Bump, then the listener.
  void Published(const Site& site, const Thread& thread, const Comment& comment);
  // Bump, then the removed-listener.
  void Removed(const Site& site, const Thread& thread, CommentId id);
  // The listener alone (a change another node made, whose version is bumped already).
  void Announce(const Site& site, const Thread& thread, const Comment& comment) const;
  // Every thread at once, those never versioned here too: a new version, newer than any given
  // so far.
  void BumpAll();
  // The reset listener, if any.
  void TellReset() const;

 private:
  Listener listener_;
  RemovedListener removed_listener_;
  ResetListener reset_listener_;
  mutable Mutex mu_;
  std::unordered_map<std::string, std::uint64_t> versions_ GUARDED_BY(mu_);
  std::uint64_t next_version_ GUARDED_BY(mu_) = 1;
  // The version of a thread not in versions_: changes at each BumpAll.
  std::uint64_t base_version_ GUARDED_BY(mu_) = 0;
};

}  // namespace palabre::service
