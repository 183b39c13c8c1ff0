// The fast paths of the read routes (Router FastHandler): with every store call failing, a
// thread page and counts asked before are still answered from memory by Router::Begin (with
// their CORS headers), and what was never asked is left to the blocking handler, which answers
// 503. This is what keeps cached pages coming while the database stalls.
#include <gtest/gtest.h>

#include "http/handlers/routes_testing.h"

namespace palabre::http {
namespace {

class FastPathTest : public RoutesTest {
 protected:
  void SetUp() override {
    RoutesTest::SetUp();
    Post("Un avis déjà publié.");
  }

  // Begins the request as the server does; `left_blocking` says whether a worker had to
  // finish it.
  Response Begin(std::string_view target, bool* left_blocking) {
    return Get(target, {{"Origin", "https://example.test"}}, left_blocking);
  }
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
  Post("Un second avis.", "Moussa");
  store_->FailAlways(store::StoreMethod::kAny, Error::kUnavailable);
  const Response stale = Begin(kPage, &blocking);
  EXPECT_TRUE(blocking);
  EXPECT_EQ(stale.status, 503);
}

}  // namespace
}  // namespace palabre::http
