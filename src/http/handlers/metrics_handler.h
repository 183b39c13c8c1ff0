// GET /metrics → the Prometheus text exposition of Metrics (metrics.h). Thread-safe.
#pragma once

#include "http/message.h"
#include "http/metrics.h"

namespace palabre::http::handlers {

void MetricsText(const Metrics& metrics, Request& req, Response& res);

}  // namespace palabre::http::handlers
