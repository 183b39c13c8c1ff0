// GET /api/v1/threads/{site}/{key}/feed.atom and GET /api/v1/sites/{site}/feed.atom: Atom
// feeds of a thread's and a site's latest published comments; and a reader's replies, behind
// their token (service/feed_service.h,
// docs/NOTIFICATIONS.md "Feeds"). "?limit=N" (1..100, default 50) caps the entries.
//
// Answers "application/atom+xml; charset=utf-8" with a strong ETag (304 on If-None-Match),
// Last-Modified (the newest entry's update; 304 on If-Modified-Since when If-None-Match is
// absent), "Cache-Control: private, no-cache" and gzip when accepted, as thread reads; errors
// are the API's JSON errors (404 unknown_site, unknown_thread; 400 invalid_argument).
// A thread's feed is kept in a ResponseCache checked against the thread's version, so a
// comment published or removed changes it at once; a site's feed is built on each request
// from one bounded read. Thread-safe.
#pragma once

#include "http/message.h"
#include "http/response_cache.h"
#include "http/routes.h"
#include "service/feed_service.h"

namespace palabre::http::handlers {

class FeedHandler {
 public:
  FeedHandler(Deps& deps, service::FeedService& feeds)
      : deps_(deps),
        feeds_(feeds),
        cache_(deps.options.cache_entries, deps.options.cache_max_age) {}

  void Thread(Request& req, Response& res);
  void Site(Request& req, Response& res);
  // GET /api/v1/sites/{site}/replies/{token}/feed.atom: a reader's replies (FeedService::
  // RepliesFeed), built on each request as a site's feed; "Cache-Control: private, no-cache"
  // and "Referrer-Policy: no-referrer" (the token is the feed's only protection).
  void Replies(Request& req, Response& res);

 private:
  Deps& deps_;
  service::FeedService& feeds_;
  ResponseCache cache_;  // thread feeds
};

// An HTTP-date (RFC 9110, 5.6.7: IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") of `t`, to the
// second below.
std::string HttpDate(TimestampMs t);
// An IMF-fixdate as milliseconds; nullopt for anything else (the obsolete forms included: the
// condition is then ignored, as RFC 9110 allows).
std::optional<TimestampMs> ParseHttpDate(std::string_view s);

}  // namespace palabre::http::handlers
