#include "http/admin_console.h"

#include <gtest/gtest.h>

namespace palabre::http {
namespace {

std::string HeaderValue(const Response& res, std::string_view name) {
  const std::string& h = res.extra_headers();
  const std::string key = std::string(name) + ": ";
  const std::size_t at = h.find(key);
  if (at == std::string::npos) return {};
  return h.substr(at + key.size(), h.find("\r\n", at) - at - key.size());
}

Response Get(const Router& router, std::string_view path) {
  Request req;
  req.SetTarget(path);
  Response res;
  router.Dispatch(req, res);
  return res;
}

TEST(AdminConsoleTest, ShellLoadsVersionedFilesUnderAStrictPolicy) {
  StaticAsset js{"/admin.js", "text/javascript; charset=utf-8", "x()", "", "\"abc123\"", "x"};
  StaticAsset css{"/admin.css", "text/css; charset=utf-8", "a{}", "", "\"def456\"", "x"};
  StaticAsset embed{"/embed.js", "text/javascript; charset=utf-8", "y()", "", "\"e\"", "day"};
  std::vector<StaticAsset> assets = {js, css, embed};
  Router router;
  RegisterAdminConsole(router, assets);
  EXPECT_EQ(assets[0].cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(assets[1].cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(assets[2].cache_control, "day");

  for (const char* path : {"/admin", "/admin/"}) {
    const Response res = Get(router, path);
    EXPECT_EQ(res.status, 200) << path;
    EXPECT_EQ(res.content_type, kHtmlType);
    const std::string body(res.Body());
    EXPECT_NE(body.find("<script src=\"/admin.js?v=abc123\" defer></script>"), std::string::npos)
        << body;
    EXPECT_NE(body.find("href=\"/admin.css?v=def456\""), std::string::npos);
    EXPECT_NE(body.find("<div id=\"palabre-admin\">"), std::string::npos);
    EXPECT_EQ(body.find("<script>"), std::string::npos);  // nothing inline
    EXPECT_EQ(body.find("style="), std::string::npos);
    EXPECT_EQ(HeaderValue(res, "Content-Security-Policy"), kAdminCsp);
    EXPECT_EQ(HeaderValue(res, "X-Frame-Options"), "DENY");
    EXPECT_EQ(HeaderValue(res, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(HeaderValue(res, "Cache-Control"), "no-store");
  }
  EXPECT_EQ(std::string_view(kAdminCsp).find("unsafe"), std::string_view::npos);
}

TEST(AdminConsoleTest, WithoutTheFrontEndThePageSaysSo) {
  std::vector<StaticAsset> assets;
  Router router;
  RegisterAdminConsole(router, assets);
  const Response res = Get(router, "/admin");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(std::string(res.Body()).find("<script"), std::string::npos);
  EXPECT_NE(std::string(res.Body()).find("pas incluse"), std::string::npos);
}

}  // namespace
}  // namespace palabre::http
