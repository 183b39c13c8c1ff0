#include "app/maintenance.h"

#include <spdlog/spdlog.h>

namespace palabre::app {

Maintenance::Maintenance(service::AuthService& auth, service::PrivacyService& privacy,
                         int retention_days, std::chrono::milliseconds period)
    : auth_(auth), privacy_(privacy), retention_days_(retention_days), period_(period) {
  thread_ = std::thread([this] {
    mu_.lock();
    while (!stop_) {
      mu_.unlock();
      RunOnce();
      mu_.lock();
      cv_.wait_for(mu_, period_, [this]() REQUIRES(mu_) { return stop_; });
    }
    mu_.unlock();
  });
}

Maintenance::~Maintenance() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Maintenance::RunOnce() {
  auto sessions = auth_.PurgeExpiredSessions();
  if (!sessions.ok()) {
    spdlog::warn("maintenance: expired sessions: {}", sessions.status().ToString());
  }
  auto rejected = privacy_.PurgeAutoRejected();
  if (!rejected.ok()) {
    spdlog::warn("maintenance: rejected comments: {}", rejected.status().ToString());
  } else if (*rejected > 0) {
    spdlog::info(
        "maintenance: {} comment(s) rejected by moderation past their site's "
        "keep_rejected_days deleted",
        *rejected);
  }
  if (retention_days_ <= 0) return;
  auto purged = privacy_.Purge(retention_days_);
  if (!purged.ok()) {
    spdlog::warn("maintenance: retention: {}", purged.status().ToString());
  } else if (*purged > 0) {
    spdlog::info("maintenance: personal data of {} comment(s) older than {} days forgotten",
                 *purged, retention_days_);
  }
}

}  // namespace palabre::app
