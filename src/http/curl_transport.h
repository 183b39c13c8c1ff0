// CurlTransport: the outbox's WebhookTransport over libcurl — one HTTPS (or loopback HTTP)
// POST per call, no redirects followed, no other protocol, a bounded answer read, a total
// timeout. Thread-safe (one easy handle per call; libcurl's global set-up happens once).
#pragma once

#include <chrono>

#include "service/outbox_sender.h"

namespace palabre::http {

class CurlTransport final : public service::WebhookTransport {
 public:
  CurlTransport();
  service::TransportResult Post(const service::WebhookRequest& request,
                                std::chrono::milliseconds timeout) override;
};

}  // namespace palabre::http
