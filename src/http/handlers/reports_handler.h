// POST /api/v1/comments/{id}/reports: a reader's report, {"reason": "spam|abuse|hate|threat|
// off_topic|other", "note": "optional", "token": "the widget's per-browser token"} →
// 201 {"reports": N}, N the comment's unresolved reports. The reader is their client address
// and token ("reporter", the field's former name, is read as the token): one report per reader
// and comment (409 already_reported), a budget per address and hour (429 too_many_reports with
// Retry-After). The service weighs the reports and holds the comment at the site's threshold.
// Each outcome, and each burst of reports, is counted in Metrics. Public, CORS as votes.
// Thread-safe.
#pragma once

#include "http/message.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class ReportsHandler {
 public:
  explicit ReportsHandler(Deps& deps) : deps_(deps) {}
  void Report(Request& req, Response& res);

 private:
  Deps& deps_;
};

}  // namespace palabre::http::handlers
