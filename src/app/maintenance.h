// Maintenance: what `palabre serve` does every hour in the background: deletes
// expired moderator sessions and, with a retention period, forgets the e-mails and client
// hashes of old comments, and deletes the comments the pipeline rejected once their site's
// keep_rejected_days pass (service/privacy_service.h). Runs once at start, then hourly, on a
// thread of its own; the destructor stops it. Failures are logged and retried next hour.
#pragma once

#include <chrono>
#include <condition_variable>
#include <thread>

#include "core/thread_annotations.h"
#include "service/auth_service.h"
#include "service/privacy_service.h"

namespace palabre::app {

class Maintenance {
 public:
  // retention_days 0: comments keep their personal data.
  Maintenance(service::AuthService& auth, service::PrivacyService& privacy, int retention_days,
              std::chrono::milliseconds period = std::chrono::hours(1));
  ~Maintenance();
  Maintenance(const Maintenance&) = delete;
  Maintenance& operator=(const Maintenance&) = delete;

  // One round now (also what the thread does).
  void RunOnce();

 private:
  service::AuthService& auth_;
  service::PrivacyService& privacy_;
  const int retention_days_;
  const std::chrono::milliseconds period_;
  Mutex mu_;
  std::condition_variable_any cv_;  // waits on mu_
  bool stop_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace palabre::app
