// Static responses: the widget's files (/embed.js, /embed.css) and other fixed documents,
// served from memory with a precomputed gzip body and long-lived caching.
//
// Register them once at start-up: each asset becomes a GET (and HEAD) route that answers 200
// with the body, gzip-encoded when the client accepts gzip and `gzip_body` is set, an ETag and
// `cache_control`; 304 on a matching If-None-Match. HTML assets also get a
// Content-Security-Policy (message.h kHtmlCsp). Bodies are shared, never copied per request.
// Thread-safe once registered.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"

namespace palabre::http {

struct StaticAsset {
  std::string path;          // "/embed.js"
  std::string content_type;  // "text/javascript; charset=utf-8"
  std::string body;
  std::string gzip_body;  // body compressed with gzip, or empty to always send `body`
  std::string etag;       // quoted; empty: computed from body
  std::string cache_control = "public, max-age=31536000, immutable";
};

// Adds one GET route per asset. The assets are kept by the router's handlers.
void RegisterStaticAssets(Router& router, std::vector<StaticAsset> assets);

}  // namespace palabre::http
