#include "http/cookies.h"

#include <gtest/gtest.h>

namespace palabre::http {
namespace {

std::vector<Cookie> Parse(std::string_view header) {
  std::vector<Cookie> out;
  ParseCookieHeader(header, out);
  return out;
}

Request WithHeaders(std::vector<HeaderField> headers) {
  Request req;
  req.headers = std::move(headers);
  return req;
}

TEST(CookiesTest, ParsesPairsAndTrimsWhitespace) {
  const auto c = Parse("a=1; b = two ;c=\"quoted\";  d=");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].name, "a");
  EXPECT_EQ(c[0].value, "1");
  EXPECT_EQ(c[1].name, "b");
  EXPECT_EQ(c[1].value, "two");
  EXPECT_EQ(c[2].value, "quoted");
  EXPECT_EQ(c[3].name, "d");
  EXPECT_EQ(c[3].value, "");
}

TEST(CookiesTest, SkipsMalformedPairs) {
  const auto c = Parse("novalue; =x; bad name=1; ok=1; v=a b; q=\"x\\y\"; e=\x01; last=2;;");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].name, "ok");
  EXPECT_EQ(c[1].name, "last");
}

TEST(CookiesTest, BoundedInCountAndSize) {
  std::string many;
  for (int i = 0; i < 1000; ++i) many.append("k").append(std::to_string(i)).append("=v; ");
  EXPECT_EQ(Parse(many).size(), kMaxCookies);

  std::string big = "a=1; pad=";
  big.append(kMaxCookieBytes, 'x').append("; late=1");
  const auto c = Parse(big);
  ASSERT_EQ(c.size(), 1u);  // "pad" is cut by the limit: neither it nor what follows is read
  EXPECT_EQ(c[0].name, "a");
}

TEST(CookiesTest, FindCookieAcrossHeadersFirstWins) {
  const Request req = WithHeaders({{"Host", "x"},
                                   {"cookie", "theme=dark; palabre_session=abc"},
                                   {"Cookie", "palabre_session=def"}});
  EXPECT_EQ(FindCookie(req, "palabre_session"), "abc");
  EXPECT_EQ(FindCookie(req, "theme"), "dark");
  EXPECT_EQ(FindCookie(req, "Theme"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(FindCookie(WithHeaders({}), "palabre_session"), std::nullopt);
}

TEST(CookiesTest, FindCookieIgnoresWhatIsPastTheLimit) {
  std::string pad = "pad=";
  pad.append(kMaxCookieBytes, 'x');
  const Request req = WithHeaders({{"Cookie", pad}, {"Cookie", "palabre_session=abc"}});
  EXPECT_EQ(FindCookie(req, "palabre_session"), std::nullopt);
}

TEST(CookiesTest, LoopbackHosts) {
  for (const char* host : {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.1.2.3:80", "[::1]",
                           "[::1]:8080", "admin.localhost", "x.localhost:1"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host :
       {"", "example.com", "128.0.0.1", "127.0.0", "127.0.0.1.2", "127.0.0.256",
        "localhost.example.com", "[::2]", "10.0.0.1:80", "127.0.0.1:x", "notlocalhost"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(CookiesTest, SecureUnlessPlainHttpToLoopback) {
  Request local = WithHeaders({{"Host", "127.0.0.1:8080"}});
  EXPECT_FALSE(WantsSecureCookie(local));
  local.https = true;
  EXPECT_TRUE(WantsSecureCookie(local));
  EXPECT_TRUE(WantsSecureCookie(WithHeaders({{"Host", "journal.example"}})));
  EXPECT_TRUE(WantsSecureCookie(WithHeaders({})));
}

TEST(CookiesTest, OwnOriginAndSameOrigin) {
  Request req = WithHeaders({{"Host", "Journal.Example:443"}});
  EXPECT_EQ(OwnOrigin(req), "http://journal.example:443");
  req.https = true;
  EXPECT_EQ(OwnOrigin(req), "https://journal.example");
  EXPECT_TRUE(SameOriginOrAbsent(req));
  req.headers.push_back({"Origin", "https://journal.example"});
  EXPECT_TRUE(SameOriginOrAbsent(req));
  req.headers.back().value = "HTTPS://JOURNAL.EXAMPLE:443";
  EXPECT_TRUE(SameOriginOrAbsent(req));
  for (const char* other : {"http://journal.example", "https://evil.example", "null",
                            "https://journal.example:8443", "https://journal.example.evil"}) {
    req.headers.back().value = other;
    EXPECT_FALSE(SameOriginOrAbsent(req)) << other;
  }
  EXPECT_FALSE(SameOriginOrAbsent(WithHeaders({{"Origin", "http://x"}})));  // no Host
}

TEST(CookiesTest, SetCookieValue) {
  EXPECT_EQ(SetCookieValue({"palabre_session", "tok123", 43200, true}),
            "palabre_session=tok123; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(SetCookieValue({"palabre_session", "", 0, false}),
            "palabre_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SetCookieValue({"bad name", "v", 1, true}), "");
  EXPECT_EQ(SetCookieValue({"n", "a;b", 1, true}), "");
  EXPECT_EQ(SetCookieValue({"n", "a\r\nSet-Cookie: x=1", 1, true}), "");
}

}  // namespace
}  // namespace palabre::http
