#include "moderation/history.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace palabre::moderation {
namespace {

constexpr TimestampMs kT0 = 1'700'000'000'000;

HistoryEntry Entry(CommentId id, TimestampMs at, std::uint64_t name, std::uint64_t client,
                   std::string_view text, ThreadId thread = 1) {
  HistoryEntry e;
  e.id = id;
  e.thread_id = thread;
  e.at = at;
  e.author = Author{name, client};
  e.fingerprint = ComputeFingerprint(Normalize(text));
  return e;
}

// A word of its own for each n (a consonant and an 'a' per base-20 digit: nothing for the
// normaliser to squeeze or map).
std::string Word(int n) {
  static constexpr char kConsonants[] = "bcdfghjklmnpqrstvwxz";
  std::string w;
  do {
    w += kConsonants[n % 20];
    w += 'a';
    n /= 20;
  } while (n > 0);
  return w;
}

// A long text (> 80 bytes) that shares no word with the text of another i.
std::string LongText(int i) {
  std::string text;
  for (int k = 0; k < 24; ++k) text += Word(i * 64 + k) + " ";
  return text;
}

TEST(HistoryTest, RecentByNameAndClientNewestFirst) {
  History h;
  h.Add("s", Entry(1, kT0, 10, 20, "un"));
  h.Add("s", Entry(2, kT0 + 1000, 10, 21, "deux"));
  h.Add("s", Entry(3, kT0 + 2000, 11, 20, "trois"));
  std::vector<PastComment> out;
  h.RecentBy("s", false, 10, kT0, 10, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, 2);
  EXPECT_EQ(out[1].id, 1);
  out.clear();
  h.RecentBy("s", true, 20, kT0, 10, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, 3);
  out.clear();
  h.RecentBy("s", false, 10, kT0 + 500, 10, &out);  // since
  EXPECT_EQ(out.size(), 1u);
  out.clear();
  h.RecentBy("s", false, 10, kT0, 1, &out);  // limit
  EXPECT_EQ(out.size(), 1u);
  out.clear();
  h.RecentBy("other-site", false, 10, kT0, 10, &out);
  EXPECT_TRUE(out.empty());
}

TEST(HistoryTest, AuthorPostsExpireAndAreBounded) {
  HistoryOptions o;
  o.author_window_ms = 60'000;
  o.author_max_posts = 3;
  History h(o);
  for (int i = 0; i < 5; ++i) h.Add("s", Entry(i + 1, kT0 + i, 10, 0, "x"));
  std::vector<PastComment> out;
  h.RecentBy("s", false, 10, 0, 100, &out);
  EXPECT_EQ(out.size(), 3u);  // bounded
  // A later comment by someone else moves time on: the old posts expire.
  h.Add("s", Entry(9, kT0 + 120'000, 99, 0, "y"));
  out.clear();
  h.RecentBy("s", false, 10, 0, 100, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(h.GetStats().authors, 1u);
}

TEST(HistoryTest, FindSimilarLongComments) {
  HistoryOptions o;
  o.min_indexed_length = 40;
  History h(o);
  for (int i = 0; i < 200; ++i) h.Add("s", Entry(i + 1, kT0 + i, i + 1, 0, LongText(i)));
  h.Add("s", Entry(500, kT0 + 500, 7, 0, "court"));  // too short to be indexed
  EXPECT_EQ(h.GetStats().indexed, 200u);
  std::vector<SimilarComment> out;
  h.FindSimilar("s", ComputeFingerprint(Normalize(LongText(42))), 0.7, kT0, 5, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].comment.id, 43);
  EXPECT_TRUE(out[0].exact);
  EXPECT_EQ(out[0].author.name, 43u);
  out.clear();
  h.FindSimilar("s", ComputeFingerprint(Normalize(LongText(42))), 0.7, kT0 + 100, 5, &out);
  EXPECT_TRUE(out.empty());  // older than `since`
  out.clear();
  h.FindSimilar("s", ComputeFingerprint(Normalize("court")), 0.5, kT0, 5, &out);
  EXPECT_TRUE(out.empty());
}

TEST(HistoryTest, TheIndexIsBoundedAndStaysCorrectAfterEvictions) {
  HistoryOptions o;
  o.min_indexed_length = 40;
  o.max_indexed = 500;
  History h(o);
  for (int i = 0; i < 5000; ++i) h.Add("s", Entry(i + 1, kT0 + i, 1, 0, LongText(i)));
  EXPECT_EQ(h.GetStats().indexed, 500u);
  std::vector<SimilarComment> out;
  // Evicted comments are gone; every kept one is found.
  for (int i = 0; i < 5000; i += 97) {
    out.clear();
    h.FindSimilar("s", ComputeFingerprint(Normalize(LongText(i))), 0.9, 0, 5, &out);
    if (i < 4500) {
      EXPECT_TRUE(out.empty()) << i;
    } else {
      ASSERT_EQ(out.size(), 1u) << i;
      EXPECT_EQ(out[0].comment.id, i + 1);
    }
  }
}

TEST(HistoryTest, TheIndexExpiresByTime) {
  HistoryOptions o;
  o.min_indexed_length = 40;
  o.similar_window_ms = 1000;
  History h(o);
  h.Add("s", Entry(1, kT0, 1, 0, LongText(1)));
  h.Add("s", Entry(2, kT0 + 5000, 1, 0, LongText(2)));
  EXPECT_EQ(h.GetStats().indexed, 1u);
}

TEST(HistoryTest, SitesAreSeparateAndHaveTheirOwnOptions) {
  HistoryOptions small;
  small.min_indexed_length = 10'000;
  History h(HistoryOptions{}, {{"b", small}});
  h.Add("a", Entry(1, kT0, 1, 0, LongText(1)));
  h.Add("b", Entry(2, kT0, 1, 0, LongText(1)));
  std::vector<SimilarComment> out;
  h.FindSimilar("a", ComputeFingerprint(Normalize(LongText(1))), 0.9, 0, 5, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].comment.id, 1);
  EXPECT_EQ(h.GetStats().sites, 2u);
  EXPECT_EQ(h.GetStats().indexed, 1u);  // b does not index texts this short
}

TEST(HistoryTest, ConcurrentAddsAndLookups) {
  HistoryOptions o;
  o.min_indexed_length = 40;
  o.max_indexed = 1000;
  History h(o);
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const int n = t * 1000 + i;
        h.Add(t % 2 ? "a" : "b", Entry(n + 1, kT0 + n, n % 17 + 1, 0, LongText(n)));
        std::vector<SimilarComment> out;
        h.FindSimilar(t % 2 ? "a" : "b", ComputeFingerprint(Normalize(LongText(n))), 0.9, 0, 3,
                      &out);
        if (!out.empty()) ++found;
        std::vector<PastComment> recent;
        h.RecentBy("a", false, n % 17 + 1, 0, 10, &recent);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(found.load(), 2000);  // each thread finds what it has just added
}

}  // namespace
}  // namespace palabre::moderation
