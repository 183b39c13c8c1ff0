#include "webhook_receiver.h"

#include <chrono>

#include "core/crypto.h"
#include "core/webhook.h"

namespace palabre::testing {

WebhookReceiver::WebhookReceiver(std::chrono::milliseconds stall_first)
    : stall_first_(stall_first) {
  router_.Add(http::Method::kPost, "/hook", [this](http::Request& req, http::Response& res) {
    Delivery d{std::string(req.Header("X-Palabre-Delivery")),
               std::string(req.Header("Idempotency-Key")),
               std::string(req.Header("X-Palabre-Event")),
               std::string(req.Header("X-Palabre-Signature")), std::string(req.body)};
    bool first = false;
    {
      MutexLock lock(mu_);
      first = deliveries_.empty();
      deliveries_.push_back(std::move(d));
    }
    if (first && stall_first_.count() > 0) std::this_thread::sleep_for(stall_first_);
    res.status = 200;
    res.body = "{}";
  });
  http::ServerOptions options;
  options.stop_grace = std::chrono::milliseconds(100);
  server_ = std::make_unique<http::Server>(options, router_);
  auto port = server_->Start();
  if (port.ok()) {
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
}

WebhookReceiver::~WebhookReceiver() {
  server_->Stop();
  if (thread_.joinable()) thread_.join();
}

std::vector<Delivery> WebhookReceiver::deliveries() const {
  MutexLock lock(mu_);
  return deliveries_;
}

bool WebhookReceiver::WaitFor(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (deliveries().size() >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return deliveries().size() >= count;
}

bool SignatureValid(const std::string& signature, const std::string& body,
                    const std::string& secret, std::chrono::seconds window) {
  // "t=<seconds>,v1=<hex>": the recipe of docs/NOTIFICATIONS.md, step by step.
  const std::size_t comma = signature.find(",v1=");
  if (signature.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = signature.substr(2, comma - 2);
  const std::string mac = signature.substr(comma + 4);
  std::int64_t when = 0;
  try {
    when = std::stoll(t);
  } catch (...) {
    return false;
  }
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  if (now - when > window.count() || when - now > window.count()) return false;
  const std::string expected = HmacSha256Hex(secret, t + "." + body);
  return expected.size() == mac.size() && ConstantTimeEquals(expected, mac);
}

}  // namespace palabre::testing
