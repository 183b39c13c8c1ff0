// The fast paths of the read routes (Router FastHandler): with every store call failing, a
// thread page and counts asked before are still answered from memory by Router::Begin (with
// their CORS headers), and what was never asked is left to the blocking handler, which answers
// 503. This is what keeps cached pages coming while the database stalls.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/site_service.h"
#include "store/fault_injecting_store.h"

namespace palabre::http {
namespace {

class PassModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override { return {}; }
  void Record(const Site&, const Comment&, const moderation::Decision*) override {}
};

class FastPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_fast_path_test_" + std::to_string(::getpid()));
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
    deps_ = std::make_unique<Deps>(Deps{*comments_, hub_, metrics_, clock_, {}, {}});
    RegisterRoutes(router_, *deps_);
    service::PostInput in;
    in.site_id = "demo";
    in.key = "article-1";
    in.author = "Awa";
    in.text = "Un avis déjà publié.";
    ASSERT_TRUE(comments_->Post(in).ok());
  }
  void TearDown() override {
    deps_.reset();
    comments_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Begins the request as the server does; `left_blocking` says whether a worker had to
  // finish it (then Finish runs here, as a worker would).
  Response Begin(std::string_view target, bool* left_blocking) {
    req_ = Request();
    req_.method = Method::kGet;
    req_.SetTarget(target);
    req_.headers.push_back({"Origin", "https://example.test"});
    Response res;
    auto pending = router_.Begin(req_, res);
    *left_blocking = pending.has_value();
    if (pending) router_.Finish(*pending, req_, res);
    return res;
  }

  std::filesystem::path dir_;
  FakeClock clock_;
  PassModerator moderator_;
  std::unique_ptr<store::FaultInjectingStore> store_;
  std::unique_ptr<service::CommentService> comments_;
  service::EventHub hub_;
  Metrics metrics_;
  Router router_;
  std::unique_ptr<Deps> deps_;
  Request req_;
};

TEST_F(FastPathTest, CachedPagesAndCountsAreServedWithoutTheStore) {
  constexpr char kPage[] = "/api/v1/threads/demo/article-1/comments";
  constexpr char kCounts[] = "/api/v1/counts?site=demo&keys=article-1,article-2";
  bool blocking = false;
  // First asked: the blocking handlers read the store and fill the caches.
  const Response page = Begin(kPage, &blocking);
  EXPECT_TRUE(blocking);
  ASSERT_EQ(page.status, 200) << page.Body();
  const Response counts = Begin(kCounts, &blocking);
  EXPECT_TRUE(blocking);
  ASSERT_EQ(counts.status, 200) << counts.Body();

  store_->FailAlways(store::StoreMethod::kAny, Error::kUnavailable);
  const Response cached_page = Begin(kPage, &blocking);
  EXPECT_FALSE(blocking);
  EXPECT_EQ(cached_page.status, 200);
  EXPECT_EQ(cached_page.Body(), page.Body());
  EXPECT_NE(cached_page.extra_headers().find("Access-Control-Allow-Origin: https://example.test"),
            std::string::npos)
      << cached_page.extra_headers();
  const Response cached_counts = Begin(kCounts, &blocking);
  EXPECT_FALSE(blocking);
  EXPECT_EQ(cached_counts.status, 200);
  EXPECT_EQ(cached_counts.Body(), counts.Body());

  // Never asked: the blocking handler runs and the store's failure is a 503.
  const Response other = Begin("/api/v1/threads/demo/article-2/comments", &blocking);
  EXPECT_TRUE(blocking);
  EXPECT_EQ(other.status, 503);

  // A write makes the cached page stale: it is not served from the cache any more.
  store_->Clear();
  service::PostInput in;
  in.site_id = "demo";
  in.key = "article-1";
  in.author = "Moussa";
  in.text = "Un second avis.";
  ASSERT_TRUE(comments_->Post(in).ok());
  store_->FailAlways(store::StoreMethod::kAny, Error::kUnavailable);
  const Response stale = Begin(kPage, &blocking);
  EXPECT_TRUE(blocking);
  EXPECT_EQ(stale.status, 503);
}

}  // namespace
}  // namespace palabre::http
