// GET /healthz → {"status":"ok"}: liveness (the process serves HTTP; it touches no database,
// so a stalled database does not make a load balancer or supervisor kill healthy nodes), and
// the raw ceiling of the server in benchmarks (a shared constant body, nothing else).
// GET /readyz → {"status":"ready"}, or 503 unavailable with Retry-After when the store does not
// answer: readiness, for a load balancer to send traffic elsewhere. Thread-safe.
#pragma once

#include <functional>

#include "core/status.h"
#include "http/message.h"

namespace palabre::http::handlers {

void Health(Request& req, Response& res);
// `ready` null: always ready.
void Ready(const std::function<Status()>& ready, Request& req, Response& res);

}  // namespace palabre::http::handlers
