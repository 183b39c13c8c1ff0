// GET /api/v1/counts?site=S&keys=k1,k2,… → {"counts":{"k1":31,"k2":0}}: comment counts of up
// to 100 articles (the badges of a front page). Keys are comma-separated, each
// percent-encoded, and "keys" may repeat; duplicates are answered once, under the key as sent.
// Answers are cached and checked against the versions of every thread asked for; CountsCached
// is the route's fast path (Router FastHandler), answering a cached answer of a site already
// known without touching the store, or returning false. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/message.h"
#include "http/response_cache.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class CountsHandler {
 public:
  explicit CountsHandler(Deps& deps)
      : deps_(deps), cache_(deps.options.cache_entries, deps.options.cache_max_age) {}
  void Counts(Request& req, Response& res);
  bool CountsCached(Request& req, Response& res);

 private:
  // The keys as sent (decoded, without duplicates), the cache key and the threads' version
  // sum; `error` set when the request is refused.
  struct Asked {
    std::string site;
    std::vector<std::string> keys;
    std::string cache_key;
    std::uint64_t version = 0;
    bool cacheable = true;
    Status error;
  };
  Asked Parse(const Request& req) const;

  Deps& deps_;
  ResponseCache cache_;
};

}  // namespace palabre::http::handlers
