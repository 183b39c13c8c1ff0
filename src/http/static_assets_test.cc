#include "http/static_assets.h"

#include <gtest/gtest.h>

namespace palabre::http {
namespace {

std::string HeaderValue(const Response& res, std::string_view name) {
  std::string_view h = res.extra_headers();
  while (!h.empty()) {
    const std::size_t eol = h.find("\r\n");
    const std::string_view line = h.substr(0, eol);
    if (line.starts_with(name) && line.substr(name.size()).starts_with(": ")) {
      return std::string(line.substr(name.size() + 2));
    }
    if (eol == std::string_view::npos) break;
    h.remove_prefix(eol + 2);
  }
  return {};
}

class StaticAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StaticAsset js;
    js.path = "/embed.js";
    js.content_type = "text/javascript; charset=utf-8";
    js.body = "console.log(1)";
    js.gzip_body = "GZIPPED";
    StaticAsset page;
    page.path = std::string(1, '/');  // not "/": GCC 12 -Wrestrict false positive
    page.content_type = "text/html; charset=utf-8";
    page.body = "<p>demo</p>";
    page.cache_control = "no-cache";
    RegisterStaticAssets(router_, {js, page});
  }

  using Headers = std::vector<std::pair<std::string_view, std::string_view>>;

  Response Get(std::string_view path, Headers headers = {}) {
    req_.Clear();
    req_.method = Method::kGet;
    req_.SetTarget(path);
    for (auto& [n, v] : headers) req_.headers.push_back({n, v});
    Response res;
    router_.Dispatch(req_, res);
    return res;
  }

  Router router_;
  Request req_;
};

TEST_F(StaticAssetsTest, ServesGzipWhenAccepted) {
  Response plain = Get("/embed.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Body(), "console.log(1)");
  EXPECT_EQ(plain.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(plain.extra_headers().find("Cache-Control: public, max-age=31536000, immutable"),
            std::string::npos);
  EXPECT_NE(plain.extra_headers().find("Vary: Accept-Encoding"), std::string::npos);
  Response gz = Get("/embed.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(gz.Body(), "GZIPPED");
  EXPECT_NE(gz.extra_headers().find("Content-Encoding: gzip"), std::string::npos);
  EXPECT_EQ(Get("/embed.js", {{"Accept-Encoding", "gzip;q=0"}}).Body(), "console.log(1)");
}

TEST_F(StaticAssetsTest, EtagGives304) {
  Response first = Get("/embed.js");
  const std::string etag = HeaderValue(first, "ETag");
  ASSERT_FALSE(etag.empty());
  Response again = Get("/embed.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.Body().empty());
  // The gzip representation has its own validator.
  EXPECT_EQ(Get("/embed.js", {{"If-None-Match", etag}, {"Accept-Encoding", "gzip"}}).status, 200);
}

TEST_F(StaticAssetsTest, HtmlGetsAContentSecurityPolicy) {
  Response page = Get("/");
  EXPECT_EQ(page.Body(), "<p>demo</p>");
  EXPECT_NE(page.extra_headers().find("Content-Security-Policy: default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(Get("/embed.js").extra_headers().find("Content-Security-Policy"), std::string::npos);
}

TEST(AcceptsGzip, ParsesTheHeader) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("GZIP"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, br"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.5"));
}

}  // namespace
}  // namespace palabre::http
