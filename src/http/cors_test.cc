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
        },
        &refusals_, &clock_);
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

  Response Send(Method m, std::string_view target, std::string_view origin,
                std::string_view preflight_method = {}) {
    req_.Clear();
    req_.method = m;
    req_.SetTarget(target);
    if (!origin.empty()) req_.headers.push_back({"Origin", origin});
    if (!preflight_method.empty()) {
      req_.headers.push_back({"Access-Control-Request-Method", preflight_method});
    }
    handled_ = false;
    Response res;
    router_.Dispatch(req_, res);
    return res;
  }

  OriginRefusals refusals_;
  FakeClock clock_;
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

TEST_F(CorsTest, RefusedWritesOfAKnownSiteAreRecordedWithTheirOrigin) {
  clock_.Set(1'000);
  EXPECT_EQ(Send(Method::kPost, "/t/demo/a", "http://localhost:8080").status, 403);
  clock_.Set(2'000);
  EXPECT_EQ(Send(Method::kPatch, "/c/42", "http://localhost:8080").status, 403);
  EXPECT_EQ(Send(Method::kOptions, "/t/demo/a", "https://evil.test", "POST").status, 403);
  // Not recorded: a read, a preflight of a read, an allowed origin, no origin, unknown sites.
  EXPECT_EQ(Send(Method::kGet, "/t/demo/a", "https://reader.test").status, 200);
  EXPECT_EQ(Send(Method::kOptions, "/t/demo/a", "https://reader.test", "GET").status, 403);
  EXPECT_EQ(Send(Method::kPost, "/t/demo/a", "https://example.test").status, 200);
  EXPECT_EQ(Send(Method::kPost, "/t/demo/a", "").status, 200);
  EXPECT_EQ(Send(Method::kPost, "/t/nosite/a", "https://x.test").status, 200);
  EXPECT_EQ(Send(Method::kPatch, "/c/7", "https://x.test").status, 200);

  const auto recent = refusals_.Recent("demo");
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].origin, "https://evil.test");
  EXPECT_EQ(recent[0].count, 1u);
  EXPECT_EQ(recent[1].origin, "http://localhost:8080");
  EXPECT_EQ(recent[1].count, 2u);
  EXPECT_EQ(recent[1].last_at, 2'000);
  EXPECT_EQ(refusals_.Totals(), (std::vector<std::pair<std::string, std::uint64_t>>{{"demo", 3}}));
  EXPECT_TRUE(refusals_.Recent("nosite").empty());
}

TEST(OriginRefusalsTest, KeepsTheMostRecentOriginsCutShort) {
  OriginRefusals r;
  for (std::size_t i = 0; i < OriginRefusals::kMaxOrigins + 5; ++i) {
    r.Record("s", "https://o" + std::to_string(i) + ".test", static_cast<TimestampMs>(i));
  }
  r.Record("s", "https://o6.test", 100);  // seen again: first, counted twice
  r.Record("s", std::string(1000, 'a'), 101);
  r.Record("t", "https://lejournal.example\u202e.evil\t", 102);  // a right-to-left override
  const auto recent = r.Recent("s");
  ASSERT_EQ(recent.size(), OriginRefusals::kMaxOrigins);
  EXPECT_EQ(recent[0].origin.size(), OriginRefusals::kMaxOriginBytes);
  EXPECT_EQ(recent[1].origin, "https://o6.test");
  EXPECT_EQ(recent[1].count, 2u);
  EXPECT_EQ(recent[2].origin, "https://o14.test");
  EXPECT_EQ(r.Totals()[0].second, OriginRefusals::kMaxOrigins + 7);
  EXPECT_EQ(r.Recent("t").at(0).origin, "https://lejournal.example???.evil?");
}

}  // namespace
}  // namespace palabre::http
