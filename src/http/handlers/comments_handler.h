// GET and POST /api/v1/threads/{site}/{key}/comments: a page of a thread, a new comment.
//
// Reads are served from a ResponseCache keyed by (site, key, sort, limit, cursor, depth, lang)
// and checked against the thread's version on every hit, with an ETag (304 on If-None-Match).
// ListCached is List's fast path (Router FastHandler): it answers from that cache and the
// sites already known, touching no store, or returns false; so a cached page is served while
// the database stalls.
// Posts answer 201 published, 202 held (with reasons), 422 rejected (error.reasons) or 429
// rate_limited (Retry-After), and count each outcome in Metrics. Thread-safe.
#pragma once

#include "http/message.h"
#include "http/response_cache.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class CommentsHandler {
 public:
  explicit CommentsHandler(Deps& deps)
      : deps_(deps), cache_(deps.options.cache_entries, deps.options.cache_max_age) {}

  void List(Request& req, Response& res);
  bool ListCached(Request& req, Response& res);
  void Post(Request& req, Response& res);

 private:
  // The request's page, language and cache key; false with `res` answered when invalid.
  struct ListRequest;
  bool ParseList(Request& req, Response& res, ListRequest& out) const;

  Deps& deps_;
  ResponseCache cache_;
};

}  // namespace palabre::http::handlers
