#include "http/response_cache.h"

#include <gtest/gtest.h>

namespace palabre::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ResponseCache, HitWhileVersionAndAgeHold) {
  ResponseCache cache(100, seconds(30));
  const auto t0 = ResponseCache::Clock::now();
  auto put = cache.Put("k", "body", 7, t0);
  auto hit = cache.Get("k", 7, t0 + seconds(29));
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->body, "body");
  EXPECT_EQ(hit->etag, put->etag);
}

TEST(ResponseCache, NewVersionIsAMissAndDropsTheEntry) {
  ResponseCache cache(100, seconds(30));
  const auto t0 = ResponseCache::Clock::now();
  cache.Put("k", "old thread", 7, t0);
  EXPECT_EQ(cache.Get("k", 8, t0), nullptr);  // a write bumped the thread
  EXPECT_EQ(cache.Get("k", 7, t0), nullptr);  // and the stale entry is gone
  EXPECT_EQ(cache.size(), 0u);
}

TEST(ResponseCache, EntriesExpireAfterMaxAge) {
  ResponseCache cache(100, seconds(30));
  const auto t0 = ResponseCache::Clock::now();
  cache.Put("k", "body", 1, t0);
  EXPECT_EQ(cache.Get("k", 1, t0 + seconds(30)), nullptr);
}

TEST(ResponseCache, OlderBuildDoesNotReplaceANewerOne) {
  ResponseCache cache(100, seconds(30));
  const auto t0 = ResponseCache::Clock::now();
  cache.Put("k", "v5", 5, t0);
  cache.Put("k", "v4", 4, t0);  // a slow reader that started before the write
  auto hit = cache.Get("k", 5, t0);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->body, "v5");
}

TEST(ResponseCache, BoundedLeastRecentlyUsedGoesFirst) {
  ResponseCache cache(16, seconds(30));  // one entry per shard
  const auto t0 = ResponseCache::Clock::now();
  for (int i = 0; i < 1000; ++i) cache.Put("key" + std::to_string(i), "b", 1, t0);
  EXPECT_LE(cache.size(), 16u);
  // The most recent key of its shard survives.
  EXPECT_NE(cache.Get("key999", 1, t0), nullptr);
}

TEST(ResponseCache, EtagDependsOnTheBody) {
  EXPECT_EQ(ResponseCache::MakeEtag("a"), ResponseCache::MakeEtag("a"));
  EXPECT_NE(ResponseCache::MakeEtag("a"), ResponseCache::MakeEtag("b"));
  const std::string tag = ResponseCache::MakeEtag("a");
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
}

}  // namespace
}  // namespace palabre::http
