// POST /api/v1/comments/{id}/reports: a reader's report, {"reason": "spam|abuse|hate|threat|
// off_topic|other", "note": "optional", "reporter": "optional id kept by the widget"} →
// 201 {"reports": N}, N the comment's unresolved reports. At the site's threshold the service
// holds the comment. One report per reporter (the id, else the client address, both hashed by
// the service): 409 already_reported. Public, CORS as votes. Thread-safe.
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
