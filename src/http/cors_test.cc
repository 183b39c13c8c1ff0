#include "http/cors.h"

#include <gtest/gtest.h>

#include <memory>

#include "http/router.h"

namespace palabre::http {
namespace {

bool HasHeader(const Response& res, std::string_view line) {
  return res.extra_headers().find(std::string(line) + "\r\n") != std::string::npos;
}

class CorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cors_ = std::make_shared<Cors>(
        [](std::string_view id) -> Result<Site> {
          if (id != "demo") return Status(Error::kUnknownSite, "");
          Site s;
          s.id = "demo";
          s.origins = {"https://example.test", "https://www.example.test"};
          return s;
        },
        [](CommentId id) -> Result<std::string> {
          if (id == 42) return std::string("demo");
          return Status(Error::kUnknownComment, "");
        });
    auto api = [this](Request& q, Response& s) {
      if (cors_->Apply(q, s)) {
        handled_ = true;
        s.body = "handled";
      }
    };
    for (Method m : {Method::kGet, Method::kPost}) router_.Add(m, "/t/{site}/{key}", api);
    router_.Add(Method::kPatch, "/c/{id}", api);
    router_.Add(Method::kGet, "/counts", api);
    router_.SetPreflight([this](Request& q, Response& s) { cors_->Preflight(q, s); });
  }

  Response Send(Method m, std::string_view target, std::string_view origin) {
    req_.Clear();
    req_.method = m;
    req_.SetTarget(target);
    if (!origin.empty()) req_.headers.push_back({"Origin", origin});
    handled_ = false;
    Response res;
    router_.Dispatch(req_, res);
    return res;
  }

  std::shared_ptr<Cors> cors_;
  Router router_;
  Request req_;
  bool handled_ = false;
};

TEST_F(CorsTest, AllowedOriginIsEchoedWithVary) {
  Response res = Send(Method::kPost, "/t/demo/a", "https://www.example.test");
  EXPECT_TRUE(handled_);
  EXPECT_TRUE(HasHeader(res, "Access-Control-Allow-Origin: https://www.example.test"));
  EXPECT_TRUE(HasHeader(res, "Vary: Origin"));
}

TEST_F(CorsTest, WriteFromAnotherOriginIs403BeforeTheHandler) {
  Response res = Send(Method::kPost, "/t/demo/a", "https://evil.test");
  EXPECT_FALSE(handled_);
  EXPECT_EQ(res.status, 403);
  EXPECT_NE(res.body.find("\"code\":\"origin_not_allowed\""), std::string::npos);
  EXPECT_EQ(res.extra_headers().find("Access-Control-Allow-Origin"), std::string::npos);
}

TEST_F(CorsTest, ReadFromAnotherOriginIsServedWithoutCorsHeaders) {
  Response res = Send(Method::kGet, "/t/demo/a", "https://evil.test");
  EXPECT_TRUE(handled_);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.extra_headers().find("Access-Control-Allow-Origin"), std::string::npos);
}

TEST_F(CorsTest, NoOriginPasses) {
  Send(Method::kPost, "/t/demo/a", "");
  EXPECT_TRUE(handled_);
}

TEST_F(CorsTest, UnknownSiteIsLeftToTheHandler) {
  Send(Method::kPost, "/t/nosuch/a", "https://example.test");
  EXPECT_TRUE(handled_);  // which answers 404 unknown_site
}

TEST_F(CorsTest, SiteFromQueryOrFromTheComment) {
  Response counts = Send(Method::kGet, "/counts?site=demo&keys=a", "https://example.test");
  EXPECT_TRUE(HasHeader(counts, "Access-Control-Allow-Origin: https://example.test"));
  Response edit = Send(Method::kPatch, "/c/42", "https://example.test");
  EXPECT_TRUE(handled_);
  EXPECT_TRUE(HasHeader(edit, "Access-Control-Allow-Origin: https://example.test"));
  Response refused = Send(Method::kPatch, "/c/42", "https://evil.test");
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(handled_);
}

TEST_F(CorsTest, PreflightForAllowedOrigin) {
  Response res = Send(Method::kOptions, "/t/demo/a", "https://example.test");
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(HasHeader(res, "Access-Control-Allow-Origin: https://example.test"));
  EXPECT_TRUE(HasHeader(res, "Access-Control-Allow-Methods: GET, POST, HEAD, OPTIONS"));
  EXPECT_TRUE(HasHeader(res, "Access-Control-Allow-Headers: Content-Type, X-Edit-Token"));
  EXPECT_EQ(Send(Method::kOptions, "/t/demo/a", "https://evil.test").status, 403);
  EXPECT_EQ(Send(Method::kOptions, "/c/42", "https://example.test").status, 204);
}

}  // namespace
}  // namespace palabre::http
