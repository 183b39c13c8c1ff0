// The feed routes through the router on a real SQLite store (behind a fault-injecting one): the
// ETag follows what is published and removed, not every change of the thread; a feed asked
// before is answered while the store fails. And the HTTP-dates of the feeds' Last-Modified and
// If-Modified-Since (RFC 9110, 5.6.7).
#include "http/handlers/feed_handler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/site_service.h"
#include "store/fault_injecting_store.h"

namespace palabre::http::handlers {
namespace {

class PassModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override { return {}; }
  void Record(const Site&, const Comment&, const moderation::Decision*) override {}
};

class FeedRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_feed_handler_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto base = store::OpenStore((dir_ / "t.db").string());
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    store_ = std::make_unique<store::FaultInjectingStore>(std::move(base).value());
    service::SiteService sites(*store_, clock_);
    service::SiteInput site;
    site.id = "demo";
    site.name = "Demo";
    site.origins = {"https://example.test"};
    ASSERT_TRUE(sites.Add(site).ok());
    comments_ = std::make_unique<service::CommentService>(*store_, moderator_, clock_);
    feeds_ =
        std::make_unique<service::FeedService>(*store_, comments_->sites(), comments_->limits());
    deps_ = std::make_unique<Deps>(Deps{*comments_, hub_, metrics_, clock_, {}, {}});
    deps_->feeds = feeds_.get();
    RegisterRoutes(router_, *deps_);
  }
  void TearDown() override {
    deps_.reset();
    feeds_.reset();
    comments_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Comment Post(std::string text) {
    clock_.AdvanceMs(1000);
    service::PostInput in;
    in.site_id = "demo";
    in.key = "article-1";
    in.author = "Awa";
    in.text = std::move(text);
    auto out = comments_->Post(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->comment : Comment{};
  }
  Response Get(std::string_view target) {
    req_ = Request();
    req_.method = Method::kGet;
    req_.SetTarget(target);
    Response res;
    if (auto pending = router_.Begin(req_, res)) router_.Finish(*pending, req_, res);
    return res;
  }
  static std::string ETagOf(const Response& res) {
    const std::string& h = res.extra_headers();
    const auto at = h.find("ETag: ");
    if (at == std::string::npos) return "";
    return h.substr(at + 6, h.find("\r\n", at) - at - 6);
  }

  std::filesystem::path dir_;
  FakeClock clock_{1'750'000'000'000};
  PassModerator moderator_;
  std::unique_ptr<store::FaultInjectingStore> store_;
  std::unique_ptr<service::CommentService> comments_;
  std::unique_ptr<service::FeedService> feeds_;
  service::EventHub hub_;
  Metrics metrics_;
  Router router_;
  std::unique_ptr<Deps> deps_;
  Request req_;
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
