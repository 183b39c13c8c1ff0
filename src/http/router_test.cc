#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/metrics.h"

namespace palabre::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.SetMetrics(&metrics_);
    router_.Add(Method::kGet, "/api/v1/threads/{site}/{key}/comments", [](Request& q, Response& s) {
      s.body = "list " + std::string(q.Param("site")) + "|" + std::string(q.Param("key"));
    });
    router_.Add(Method::kPost, "/api/v1/threads/{site}/{key}/comments",
                [](Request&, Response& s) { s.status = 201; });
    router_.Add(Method::kGet, "/healthz", [](Request&, Response& s) { s.body = "ok"; });
    router_.Add(Method::kGet, "/boom",
                [](Request&, Response&) { throw std::runtime_error("handler bug"); });
  }

  Response Dispatch(Method m, std::string_view target, std::string_view accept_language = {}) {
    req_.Clear();
    req_.method = m;
    req_.SetTarget(target);
    if (!accept_language.empty()) req_.headers.push_back({"Accept-Language", accept_language});
    Response res;
    router_.Dispatch(req_, res);
    return res;
  }

  Metrics metrics_;
  Router router_;
  Request req_;
};

TEST_F(RouterTest, MatchesPatternAndDecodesSegmentsAfterSplitting) {
  Response res =
      Dispatch(Method::kGet, "/api/v1/threads/demo/https%3A%2F%2Fsite%2Fa%2Fb+c/comments?x=1");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "list demo|https://site/a/b+c");  // "+" is literal in a path
  EXPECT_EQ(req_.route, "/api/v1/threads/{site}/{key}/comments");
  EXPECT_EQ(req_.query.Get("x"), "1");
}

TEST_F(RouterTest, MalformedPercentEscapesAre400BeforeAnyHandler) {
  for (const char* target :
       {"/api/v1/threads/demo/a/comments?keys=a%zz", "/api/v1/threads/demo/a/comments?k%zz=1",
        "/api/v1/threads/demo/a%zz/comments", "/healthz?x=100%"}) {
    Response res = Dispatch(Method::kGet, target);
    EXPECT_EQ(res.status, 400) << target;
    EXPECT_NE(res.body.find("\"code\":\"invalid_percent_encoding\""), std::string::npos) << target;
  }
  // "%25zz" is a well-formed "%zz".
  Response res = Dispatch(Method::kGet, "/api/v1/threads/demo/a%25zz/comments");
  EXPECT_EQ(res.body, "list demo|a%zz");
}

TEST_F(RouterTest, MethodSelectsTheHandler) {
  EXPECT_EQ(Dispatch(Method::kPost, "/api/v1/threads/demo/a/comments").status, 201);
}

TEST_F(RouterTest, HeadIsServedByGet) {
  Response res = Dispatch(Method::kHead, "/healthz");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "ok");  // the server drops it on the wire
}

TEST_F(RouterTest, UnknownPathIs404NotFoundInJson) {
  Response res = Dispatch(Method::kGet, "/nope");
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("\"code\":\"not_found\""), std::string::npos);
  EXPECT_NE(res.body.find("Cette adresse n'existe pas."), std::string::npos);
  // Segment count matters: a prefix or a longer path is not a match.
  EXPECT_EQ(Dispatch(Method::kGet, "/api/v1/threads/demo/comments").status, 404);
  EXPECT_EQ(Dispatch(Method::kGet, "/healthz/").status, 404);
}

TEST_F(RouterTest, ErrorLanguageFollowsAcceptLanguage) {
  Response res = Dispatch(Method::kGet, "/nope", "en-GB,en;q=0.9");
  EXPECT_NE(res.body.find("No such address."), std::string::npos);
  res = Dispatch(Method::kGet, "/nope?lang=fr", "en");
  EXPECT_NE(res.body.find("Cette adresse"), std::string::npos);
}

TEST_F(RouterTest, OtherMethodIs405WithAllow) {
  Response res = Dispatch(Method::kDelete, "/api/v1/threads/demo/a/comments");
  EXPECT_EQ(res.status, 405);
  EXPECT_NE(res.body.find("\"code\":\"method_not_allowed\""), std::string::npos);
  EXPECT_NE(res.extra_headers().find("Allow: GET, POST, HEAD\r\n"), std::string::npos);
}

TEST_F(RouterTest, OptionsGoesToPreflightWithTheAllowedMethods) {
  router_.SetPreflight([](Request& q, Response& s) {
    s.status = 204;
    s.body = q.allow + "|" + std::string(q.Param("site"));
  });
  Response res = Dispatch(Method::kOptions, "/api/v1/threads/demo/a/comments");
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.body, "GET, POST, HEAD, OPTIONS|demo");
  EXPECT_EQ(Dispatch(Method::kOptions, "/nope").status, 404);
}

TEST_F(RouterTest, ThrowingHandlerIs500Internal) {
  Response res = Dispatch(Method::kGet, "/boom");
  EXPECT_EQ(res.status, 500);
  EXPECT_NE(res.body.find("\"code\":\"internal\""), std::string::npos);
  EXPECT_EQ(res.body.find("handler bug"), std::string::npos);  // internal detail stays inside
}

TEST_F(RouterTest, MetricsCountByRoutePattern) {
  Dispatch(Method::kGet, "/api/v1/threads/a/b/comments");
  Dispatch(Method::kGet, "/api/v1/threads/c/d/comments");
  Dispatch(Method::kGet, "/nope");
  const std::string text = metrics_.Render();
  EXPECT_NE(text.find("palabre_http_requests_total{route=\"/api/v1/threads/{site}/{key}/"
                      "comments\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("palabre_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
}

TEST_F(RouterTest, AddingTheSameRouteTwiceReplacesIt) {
  const std::size_t before = router_.size();
  router_.Add(Method::kGet, "/healthz", [](Request&, Response& s) { s.body = "v2"; });
  EXPECT_EQ(router_.size(), before);
  EXPECT_EQ(Dispatch(Method::kGet, "/healthz").body, "v2");
}

}  // namespace
}  // namespace palabre::http

namespace palabre::http {
namespace {

// Begin runs what is inline and leaves the blocking handler to Finish; a fast handler that
// answers spares the blocking one, one that declines leaves it to Finish.
TEST(RouterSplitTest, BeginRunsInlineAndFastRoutesAndLeavesBlockingOnesToFinish) {
  Router router;
  int blocking_runs = 0;
  bool cached = false;
  router.Add(
      Method::kGet, "/inline", [](Request&, Response& s) { s.body = "inline"; }, Runs::kInline);
  router.Add(
      Method::kGet, "/page/{id}",
      [&](Request&, Response& s) {
        ++blocking_runs;
        s.body = "from the database";
      },
      Runs::kBlocking,
      [&](Request&, Response& s) {
        if (!cached) return false;
        s.body = "from the cache";
        return true;
      });
  Request req;
  req.method = Method::kGet;
  req.SetTarget("/inline");
  Response res;
  EXPECT_FALSE(router.Begin(req, res).has_value());
  EXPECT_EQ(res.body, "inline");

  req.Clear();
  req.method = Method::kGet;
  req.SetTarget("/page/7");
  res.Clear();
  auto pending = router.Begin(req, res);
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(blocking_runs, 0);
  EXPECT_TRUE(res.body.empty());  // the declining fast path left nothing behind
  router.Finish(*pending, req, res);
  EXPECT_EQ(blocking_runs, 1);
  EXPECT_EQ(res.body, "from the database");

  cached = true;
  req.Clear();
  req.method = Method::kGet;
  req.SetTarget("/page/7");
  res.Clear();
  EXPECT_FALSE(router.Begin(req, res).has_value());
  EXPECT_EQ(res.body, "from the cache");
  EXPECT_EQ(blocking_runs, 1);

  // Errors found before any handler are answered by Begin.
  req.Clear();
  req.method = Method::kGet;
  req.SetTarget("/nope");
  res.Clear();
  EXPECT_FALSE(router.Begin(req, res).has_value());
  EXPECT_EQ(res.status, 404);
}

TEST(RouterBodyLimitTest, TheRoutesOwnOrTheFallback) {
  Router router;
  router.Add(Method::kPost, "/api/v1/admin/sites/{site}/imports", [](Request&, Response&) {});
  router.Add(Method::kGet, "/api/v1/admin/sites/{site}/imports", [](Request&, Response&) {});
  router.Add(Method::kPost, "/api/v1/comments/{id}/votes", [](Request&, Response&) {});
  auto limit = [&router](Method m, std::string_view target, std::string_view token = "t") {
    Request req;
    req.method = m;
    req.SetTarget(target);
    if (!token.empty()) req.headers.push_back(HeaderField{"X-Token", token});
    return router.BodyLimit(req, 64);
  };
  EXPECT_EQ(router.largest_body_limit(), 0u);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/admin/sites/a/imports"), 64u);
  router.SetBodyLimit(Method::kPost, "/api/v1/admin/sites/{site}/imports", 1 << 20,
                      [](const Request& req) { return !req.Header("X-Token").empty(); });
  router.SetBodyLimit(Method::kPost, "/no/such/route", 1 << 30);  // ignored
  EXPECT_EQ(router.largest_body_limit(), 1u << 20);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/admin/sites/a/imports?format=disqus"), 1u << 20);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/admin/sites/le%20site/imports"), 1u << 20);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/admin/sites/a/imports", ""), 64u);  // not admitted
  EXPECT_EQ(limit(Method::kGet, "/api/v1/admin/sites/a/imports"), 64u);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/comments/7/votes"), 64u);
  EXPECT_EQ(limit(Method::kPost, "/api/v1/admin/sites/a/imports/x"), 64u);
  EXPECT_EQ(limit(Method::kPost, "/nowhere"), 64u);
}

}  // namespace
}  // namespace palabre::http
