#include "http/handlers/metrics_handler.h"

namespace palabre::http::handlers {

void MetricsText(const Metrics& metrics, Request&, Response& res) {
  res.content_type = kPrometheusType;
  res.body = metrics.Render();
  res.AddHeader("Cache-Control", "no-store");
}

}  // namespace palabre::http::handlers
