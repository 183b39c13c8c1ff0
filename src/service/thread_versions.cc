#include "service/thread_versions.h"

namespace palabre::service {
namespace {

std::string VersionKey(std::string_view site_id, std::string_view key) {
  std::string k;
  k.reserve(site_id.size() + 1 + key.size());
  k.append(site_id);
  k.push_back('\x1f');
  k.append(key);
  return k;
}

}  // namespace

std::uint64_t ThreadVersions::Version(std::string_view site_id, std::string_view key) const {
  MutexLock lock(mu_);
  auto it = versions_.find(VersionKey(site_id, key));
  return it == versions_.end() ? base_version_ : it->second;
}

void ThreadVersions::Bump(std::string_view site_id, std::string_view key) {
  MutexLock lock(mu_);
  versions_[VersionKey(site_id, key)] = next_version_++;
}

void ThreadVersions::Published(const Site& site, const Thread& thread, const Comment& comment) {
  Bump(site.id, thread.key);
  if (listener_) listener_(site, thread, comment);
}

void ThreadVersions::Removed(const Site& site, const Thread& thread, CommentId id) {
  Bump(site.id, thread.key);
  if (removed_listener_) removed_listener_(site, thread, id);
}

void ThreadVersions::Announce(const Site& site, const Thread& thread,
                              const Comment& comment) const {
  if (listener_) listener_(site, thread, comment);
}

void ThreadVersions::BumpAll() {
  MutexLock lock(mu_);
  versions_.clear();
  base_version_ = next_version_++;
}

void ThreadVersions::TellReset() const {
  if (reset_listener_) reset_listener_();
}

}  // namespace palabre::service
