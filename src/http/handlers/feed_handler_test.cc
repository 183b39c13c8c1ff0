// The feed routes through the router on a real SQLite store (behind a fault-injecting one): the
// ETag follows what is published and removed, not every change of the thread; a feed asked
// before is answered while the store fails. And the HTTP-dates of the feeds' Last-Modified and
// If-Modified-Since (RFC 9110, 5.6.7).
#include "http/handlers/feed_handler.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "http/handlers/routes_testing.h"

namespace palabre::http::handlers {
namespace {

class FeedRoutesTest : public RoutesTest {
 protected:
  FeedRoutesTest() : RoutesTest(1'750'000'000'000) {}
  void AddDeps(Deps& deps) override {
    feeds_ =
        std::make_unique<service::FeedService>(*store_, comments_->sites(), comments_->limits());
    deps.feeds = feeds_.get();
  }
  void RemoveDeps() override { feeds_.reset(); }

  static std::string ETagOf(const Response& res) {
    const std::string& h = res.extra_headers();
    const auto at = h.find("ETag: ");
    if (at == std::string::npos) return "";
    return h.substr(at + 6, h.find("\r\n", at) - at - 6);
  }

  std::unique_ptr<service::FeedService> feeds_;
};

constexpr char kThreadFeed[] = "/api/v1/threads/demo/article-1/feed.atom";
constexpr char kSiteFeed[] = "/api/v1/sites/demo/feed.atom";

TEST_F(FeedRoutesTest, TheETagFollowsWhatIsPublishedAndRemoved) {
  const Comment first = Post("Un premier avis.");
  const Response one = Get(kThreadFeed);
  ASSERT_EQ(one.status, 200) << one.Body();
  EXPECT_EQ(one.content_type, "application/atom+xml; charset=utf-8");
  const std::string etag = ETagOf(one);
  ASSERT_FALSE(etag.empty()) << one.extra_headers();
  const std::string site_etag = ETagOf(Get(kSiteFeed));

  // Published: another feed.
  const Comment second = Post("Un second avis.");
  const Response two = Get(kThreadFeed);
  EXPECT_NE(ETagOf(two), etag);
  EXPECT_NE(two.Body().find("Un second avis."), std::string::npos);
  EXPECT_NE(ETagOf(Get(kSiteFeed)), site_etag);

  // A vote changes the thread's version, not its feed: the same ETag.
  service::VoteInput vote;
  vote.comment_id = first.id;
  vote.direction = 1;
  vote.client_address = "203.0.113.50";
  ASSERT_TRUE(comments_->Vote(vote).ok());
  EXPECT_EQ(ETagOf(Get(kThreadFeed)), ETagOf(two));

  // Unpublished by a moderator: the feed as before the second comment.
  ASSERT_TRUE(store_->SetCommentStatus(second.id, CommentStatus::kHeld).ok());
  auto held = store_->GetComment(second.id);
  ASSERT_TRUE(held.ok());
  comments_->OnModerated(*held);
  const Response three = Get(kThreadFeed);
  EXPECT_EQ(three.Body().find("Un second avis."), std::string::npos);
  EXPECT_EQ(ETagOf(three), etag);
  EXPECT_EQ(ETagOf(Get(kSiteFeed)), site_etag);
}

TEST_F(FeedRoutesTest, AThreadFeedAskedBeforeIsServedWhileTheStoreFails) {
  Post("Un avis.");
  const Response before = Get(kThreadFeed);
  ASSERT_EQ(before.status, 200);
  store_->FailAlways(store::StoreMethod::kAny, Error::kUnavailable);
  const Response during = Get(kThreadFeed);
  EXPECT_EQ(during.status, 200);
  EXPECT_EQ(during.Body(), before.Body());
  EXPECT_EQ(Get("/api/v1/threads/demo/article-1/feed.atom?limit=3").status, 503);
}

TEST_F(FeedRoutesTest, ErrorsAreTheApisJson) {
  const Response unknown = Get("/api/v1/sites/nope/feed.atom");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.content_type, kJsonType);
  EXPECT_NE(unknown.Body().find("\"unknown_site\""), std::string::npos);
  EXPECT_EQ(Get("/api/v1/threads/demo/never/feed.atom").status, 404);
  EXPECT_EQ(Get("/api/v1/threads/demo/%20/feed.atom").status, 400);  // key_invalid
  EXPECT_EQ(Get("/api/v1/sites/demo/feed.atom?limit=x").status, 400);
}

TEST(HttpDateTest, WritesImfFixdate) {
  EXPECT_EQ(HttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(HttpDate(784'111'777'000), "Sun, 06 Nov 1994 08:49:37 GMT");    // RFC 9110's example
  EXPECT_EQ(HttpDate(1'750'000'000'999), "Sun, 15 Jun 2025 15:06:40 GMT");  // to the second below
  EXPECT_EQ(HttpDate(951'782'400'000), "Tue, 29 Feb 2000 00:00:00 GMT");
}

TEST(HttpDateTest, ReadsImfFixdateOnly) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784'111'777'000);
  EXPECT_EQ(ParseHttpDate("Tue, 29 Feb 2000 00:00:00 GMT"), 951'782'400'000);
  for (TimestampMs t : {0LL, 1'750'000'000'000LL, 4'102'444'799'000LL}) {
    EXPECT_EQ(ParseHttpDate(HttpDate(t)), t);
  }
  // The obsolete forms, and anything malformed, are ignored (nullopt).
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 31 Feb 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 24:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 0x Nov 1994 08:49:37 GMT"), std::nullopt);
}

}  // namespace
}  // namespace palabre::http::handlers
