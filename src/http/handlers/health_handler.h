// GET /healthz → {"status":"ok"}: liveness, and the raw ceiling of the server in benchmarks
// (a shared constant body, nothing else). Thread-safe.
#pragma once

#include "http/message.h"

namespace palabre::http::handlers {

void Health(Request& req, Response& res);

}  // namespace palabre::http::handlers
