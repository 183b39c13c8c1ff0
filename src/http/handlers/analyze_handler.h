// Moderation without storing, for a publisher's own tools: POST /api/v1/analyze (palabre's
// outcome, reason codes and scores) and POST /v1alpha1/comments:analyze, the request and
// response shapes of Google's Perspective API, so that tools already wired to Perspective
// (Coral Talk, Discourse plugins) can point at palabre instead. Attributes are mapped from
// palabre's scores (docs/API.md); the answer also carries palabre's outcome,
// "palabre":{"action":"publish|review|hold|reject"}.
//
// Both need an API key of a site (service/api_key_service.h): Perspective's `?key=` query
// parameter, or an "X-Api-Key" or "Authorization: Bearer" header; 401 api_key_missing without
// one, 403 api_key_invalid for a wrong one, 429 api_rate_limited (Retry-After) past the key's
// budget. The text is judged with the key's site settings. Answers carry scores only: no
// reason details (a word list's words), no spans (where a listed word is), no ids of other
// comments. Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "http/metrics.h"
#include "service/analyze_service.h"
#include "service/api_key_service.h"

namespace palabre::http::handlers {

class AnalyzeHandler {
 public:
  AnalyzeHandler(service::AnalyzeService& analyze, service::ApiKeyService& keys, Metrics& metrics,
                 JsonLimits limits)
      : analyze_(analyze), keys_(keys), metrics_(metrics), limits_(limits) {}

  void Analyze(Request& req, Response& res);      // POST /api/v1/analyze
  void Perspective(Request& req, Response& res);  // POST /v1alpha1/comments:analyze

 private:
  // The key's site, or nullopt after writing the refusal into `res`.
  std::optional<std::string> Admit(const Request& req, Response& res, text::Lang lang);

  service::AnalyzeService& analyze_;
  service::ApiKeyService& keys_;
  Metrics& metrics_;
  JsonLimits limits_;
};

// The Perspective attribute's value from palabre's decision; false for an unknown attribute.
bool PerspectiveScore(const moderation::Decision& d, std::string_view attribute, double& value);

// {"action":"hold","reasons":[{"check","code","score"}],"scores":{…}}: what the analysis API
// tells a key holder of a decision.
std::string AnalysisJson(const moderation::Decision& d);

// The API key a request presents: `?key=`, else "X-Api-Key", else "Authorization: Bearer …".
std::string_view PresentedKey(const Request& req);

}  // namespace palabre::http::handlers
