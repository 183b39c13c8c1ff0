#include "http/static_assets.h"

#include "http/gzip.h"
#include "http/response_cache.h"

namespace palabre::http {
namespace {

struct Asset {
  StaticAsset spec;
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body;
  std::string gzip_etag;
};

}  // namespace

void RegisterStaticAssets(Router& router, std::vector<StaticAsset> assets) {
  for (StaticAsset& spec : assets) {
    auto asset = std::make_shared<Asset>();
    if (spec.etag.empty()) spec.etag = ResponseCache::MakeEtag(spec.body);
    if (spec.gzip_body.empty() && spec.body.size() >= 1024) {
      spec.gzip_body = GzipCompress(spec.body, 9);  // once, at start-up: the smallest
      if (spec.gzip_body.size() >= spec.body.size()) spec.gzip_body.clear();
    }
    asset->body = std::make_shared<const std::string>(std::move(spec.body));
    if (!spec.gzip_body.empty()) {
      asset->gzip_body = std::make_shared<const std::string>(std::move(spec.gzip_body));
      // A distinct validator for the other representation (RFC 9110 8.8.3).
      asset->gzip_etag = spec.etag.size() >= 2 && spec.etag.back() == '"'
                             ? spec.etag.substr(0, spec.etag.size() - 1) + "-gz\""
                             : spec.etag + "-gz";
    }
    asset->spec = std::move(spec);
    const std::string path = asset->spec.path;
    router.Add(
        Method::kGet, path,
        [asset](Request& req, Response& res) {
          const bool gzip = asset->gzip_body && AcceptsGzip(req.Header("Accept-Encoding"));
          const std::string& etag = gzip ? asset->gzip_etag : asset->spec.etag;
          res.AddHeader("ETag", etag);
          res.AddHeader("Cache-Control", asset->spec.cache_control);
          if (asset->gzip_body) res.AddHeader("Vary", "Accept-Encoding");
          const bool html = asset->spec.content_type.starts_with("text/html");
          if (html) res.AddHeader("Content-Security-Policy", kHtmlCsp);
          if (IfNoneMatchHits(req.Header("If-None-Match"), etag)) {
            res.status = 304;
            res.content_type = {};
            return;
          }
          res.content_type = asset->spec.content_type;
          if (gzip) {
            res.AddHeader("Content-Encoding", "gzip");
            res.shared_body = asset->gzip_body;
          } else {
            res.shared_body = asset->body;
          }
        },
        Runs::kInline);
  }
}

}  // namespace palabre::http
