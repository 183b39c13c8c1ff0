// Moderation without storing: POST /api/v1/analyze (palabre's decision, reasons and scores) and
// POST /v1alpha1/comments:analyze, the request and response shapes of Google's Perspective API,
// so that tools already wired to Perspective (Coral Talk, Discourse plugins) can point at
// palabre instead. Attributes are mapped from palabre's scores (docs/API.md); the answer also
// carries palabre's outcome, "palabre":{"action":"publish|review|hold|reject"}. Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "service/analyze_service.h"

namespace palabre::http::handlers {

class AnalyzeHandler {
 public:
  AnalyzeHandler(service::AnalyzeService& analyze, JsonLimits limits)
      : analyze_(analyze), limits_(limits) {}

  void Analyze(Request& req, Response& res);      // POST /api/v1/analyze
  void Perspective(Request& req, Response& res);  // POST /v1alpha1/comments:analyze

 private:
  service::AnalyzeService& analyze_;
  JsonLimits limits_;
};

// The Perspective attribute's value from palabre's decision; false for an unknown attribute.
bool PerspectiveScore(const moderation::Decision& d, std::string_view attribute, double& value);

}  // namespace palabre::http::handlers
