#include "http/static_assets.h"

#include "http/response_cache.h"

namespace palabre::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

struct Asset {
  StaticAsset spec;
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body;
  std::string gzip_etag;
};

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  std::size_t start = 0;
  while (start < accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = Trim(accept_encoding.substr(start, end - start));
    start = end + 1;
    std::string_view q;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      q = Trim(item.substr(semi + 1));
      item = Trim(item.substr(0, semi));
    }
    if (!EqualsLower(item, "gzip") && item != "*") continue;
    if (q.starts_with("q=") || q.starts_with("Q=")) {
      const std::string_view v = q.substr(2);
      // q=0, q=0.0, q=0.000: refused; anything else accepts.
      return !(v.starts_with("0") && v.find_first_not_of("0.") == std::string_view::npos);
    }
    return true;
  }
  return false;
}

void RegisterStaticAssets(Router& router, std::vector<StaticAsset> assets) {
  for (StaticAsset& spec : assets) {
    auto asset = std::make_shared<Asset>();
    if (spec.etag.empty()) spec.etag = ResponseCache::MakeEtag(spec.body);
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
    router.Add(Method::kGet, path, [asset](Request& req, Response& res) {
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
    });
  }
}

}  // namespace palabre::http
