// WebhookReceiver: an HTTP endpoint for the webhook tests, on 127.0.0.1 (palabre's own
// http::Server and Router): records every POST to /hook with its headers and body, answers 200,
// and can hold the first request it receives for a while (to kill a sender mid-delivery).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/thread_annotations.h"
#include "http/router.h"
#include "http/server.h"

namespace palabre::testing {

struct Delivery {
  std::string id;         // X-Palabre-Delivery
  std::string key;        // Idempotency-Key
  std::string event;      // X-Palabre-Event
  std::string signature;  // X-Palabre-Signature
  std::string body;
};

class WebhookReceiver {
 public:
  // `stall_first`: how long the first request waits before its answer.
  explicit WebhookReceiver(std::chrono::milliseconds stall_first = std::chrono::milliseconds(0));
  ~WebhookReceiver();

  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<Delivery> deliveries() const;
  // Waits up to `timeout` until at least `count` deliveries arrived; false if they did not.
  bool WaitFor(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::chrono::milliseconds stall_first_;
  mutable Mutex mu_;
  std::vector<Delivery> deliveries_ GUARDED_BY(mu_);
};

// Whether `signature` ("t=…,v1=…") signs `body` with `secret` at a time within `window` of now.
bool SignatureValid(const std::string& signature, const std::string& body,
                    const std::string& secret,
                    std::chrono::seconds window = std::chrono::seconds(300));

}  // namespace palabre::testing
