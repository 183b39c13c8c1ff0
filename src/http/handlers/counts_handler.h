// GET /api/v1/counts?site=S&keys=k1,k2,… → {"counts":{"k1":31,"k2":0}}: comment counts of up
// to 100 articles (the badges of a front page). Keys are comma-separated, each
// percent-encoded, and "keys" may repeat; duplicates are answered once, under the key as sent.
// Answers are cached and checked against the versions of every thread asked for. Thread-safe.
#pragma once

#include "http/message.h"
#include "http/response_cache.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class CountsHandler {
 public:
  explicit CountsHandler(Deps& deps)
      : deps_(deps), cache_(deps.options.cache_entries, deps.options.cache_max_age) {}
  void Counts(Request& req, Response& res);

 private:
  Deps& deps_;
  ResponseCache cache_;
};

}  // namespace palabre::http::handlers
