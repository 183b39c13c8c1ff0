#include "http/admin_console.h"

#include <memory>

#include "http/response_cache.h"

namespace palabre::http {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

// An ETag ("\"3f2a…\"", W/ or -gz aside) as a query value: its hex digits only.
std::string VersionOf(const StaticAsset& asset) {
  std::string etag = asset.etag.empty() ? ResponseCache::MakeEtag(asset.body) : asset.etag;
  std::string out;
  for (const char c : etag) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string RenderAdminShell(std::string_view js_version, std::string_view css_version,
                             bool has_front_end) {
  std::string html =
      "<!doctype html>\n"
      "<html lang=\"fr\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<title>Modération · palabre</title>\n";
  if (has_front_end) {
    html += "<link rel=\"stylesheet\" href=\"/admin.css";
    if (!css_version.empty()) html.append("?v=").append(css_version);
    html += "\">\n<script src=\"/admin.js";
    if (!js_version.empty()) html.append("?v=").append(js_version);
    html += "\" defer></script>\n";
  }
  html += "</head>\n<body>\n<div id=\"palabre-admin\">";
  if (has_front_end) {
    html += "<noscript>La console de modération a besoin de JavaScript.</noscript>";
  } else {
    html +=
        "<p>La console de modération n'est pas incluse dans ce binaire (web/admin n'a pas "
        "été construit).</p>";
  }
  html += "</div>\n</body>\n</html>\n";
  return html;
}

void RegisterAdminConsole(Router& router, std::vector<StaticAsset>& assets) {
  std::string js_version;
  std::string css_version;
  bool has_js = false;
  for (StaticAsset& a : assets) {
    if (a.path == "/admin.js") {
      js_version = VersionOf(a);
      a.cache_control = std::string(kImmutable);
      has_js = true;
    } else if (a.path == "/admin.css") {
      css_version = VersionOf(a);
      a.cache_control = std::string(kImmutable);
    }
  }
  auto page =
      std::make_shared<const std::string>(RenderAdminShell(js_version, css_version, has_js));
  const Handler handler = [page](Request&, Response& res) {
    res.content_type = kHtmlType;
    res.shared_body = page;
    res.AddHeader("Cache-Control", "no-store");
    res.AddHeader("Content-Security-Policy", kAdminCsp);
    res.AddHeader("X-Frame-Options", "DENY");
    res.AddHeader("Referrer-Policy", "no-referrer");
    res.AddHeader("Cross-Origin-Opener-Policy", "same-origin");
  };
  router.Add(Method::kGet, "/admin", handler, Runs::kInline);
  router.Add(Method::kGet, "/admin/", handler, Runs::kInline);
}

}  // namespace palabre::http
