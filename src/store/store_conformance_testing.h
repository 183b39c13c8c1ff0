// The fixtures of the Store conformance suite: every test of the suite runs against every
// backend of Backends() (store_conformance_test.cc), through these fixtures. The tests are
// grouped by role interface, one file each: site_store_conformance_test.cc (sites, threads,
// settings, API keys), comment_store_… (comments, listing, votes), account_store_… (users,
// memberships, sessions), moderation_store_… (queue, review, author history, audit,
// auto-rejected), report_store_…, ban_store_…, privacy_store_… (GDPR), export_store_… (a
// site's threads and comments by id), notification_store_… (webhooks, outbox); concurrency in
// store_conformance_test.cc. Test-only.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"

namespace palabre::store {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

struct Backend {
  std::string name;  // [A-Za-z0-9]: it names the test instances ("Backends/StoreTest.X/Sqlite")
  std::function<Result<std::unique_ptr<Store>>(const std::string& scratch_dir)> make;
  std::function<void(const std::string& scratch_dir)> cleanup;  // optional
};

// gtest prints the parameter of a failed test with this.
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

inline constexpr TimestampMs kT0 = 1'700'000'000'000;

inline std::string Describe(const Status& s) { return s.ToString(); }
template <typename T>
std::string Describe(const Result<T>& r) {
  return r.status().ToString();
}

#define EXPECT_OK(expr)                                   \
  do {                                                    \
    const auto& expect_ok_ = (expr);                      \
    EXPECT_TRUE(expect_ok_.ok()) << Describe(expect_ok_); \
  } while (0)
#define ASSERT_OK(expr)                                   \
  do {                                                    \
    const auto& assert_ok_ = (expr);                      \
    ASSERT_TRUE(assert_ok_.ok()) << Describe(assert_ok_); \
  } while (0)

inline Site MakeSite(std::string id) {
  Site site;
  site.id = std::move(id);
  site.name = "Site " + site.id;
  site.origins = {"https://" + site.id + ".example.sn", "https://www." + site.id + ".example.sn"};
  site.locale = "fr";
  site.time_zone = "Africa/Dakar";
  site.auto_create_threads = true;
  site.salt = "salt-" + site.id;
  site.created_at = kT0;
  return site;
}

inline std::vector<CommentId> Ids(const std::vector<Comment>& comments) {
  std::vector<CommentId> ids;
  for (const Comment& c : comments) ids.push_back(c.id);
  return ids;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "palabre_store_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    Result<std::unique_ptr<Store>> store = GetParam().make(dir_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  void TearDown() override {
    store_.reset();
    if (GetParam().cleanup) GetParam().cleanup(dir_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Store& store() { return *store_; }

  // A site `id`, created.
  Site AddSite(const std::string& id) {
    Site site = MakeSite(id);
    Status created = store().CreateSite(site);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return site;
  }

  Thread AddThread(const std::string& site_id, const std::string& key) {
    Thread thread;
    thread.site_id = site_id;
    thread.key = key;
    thread.title = "Titre " + key;
    thread.created_at = kT0;
    Result<Thread> ensured = store().EnsureThread(thread);
    EXPECT_TRUE(ensured.ok()) << ensured.status().ToString();
    return ensured.ok() ? *ensured : Thread{};
  }

  static Comment NewComment(ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
                            CommentStatus status = CommentStatus::kPublished) {
    Comment c;
    c.thread_id = thread;
    c.parent_id = parent;
    c.author = "Awa";
    c.text = "Bonjour à tous";
    c.html = "<p>Bonjour à tous</p>";
    c.status = status;
    c.created_at = at;
    return c;
  }

  // Inserts a comment and returns it as stored (id 0 on failure, which fails the test).
  Comment Post(ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
               CommentStatus status = CommentStatus::kPublished) {
    Result<Comment> inserted = store().InsertComment(NewComment(thread, parent, at, status));
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  }

  std::int64_t CountOf(ThreadId thread) {
    Result<Thread> t = store().GetThreadById(thread);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->comment_count : -1;
  }

  // Every top-level comment of `thread` in `sort` order, walking pages of `limit`.
  std::vector<Comment> WalkTopLevel(ThreadId thread, Sort sort, int limit) {
    std::vector<Comment> all;
    std::optional<PageCursor> cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      Result<TopLevelPage> page = store().ListTopLevel(thread, sort, cursor, limit);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      EXPECT_LE(page->comments.size(), static_cast<std::size_t>(limit));
      all.insert(all.end(), page->comments.begin(), page->comments.end());
      if (!page->next.has_value()) break;
      // The cursor is the last comment's position: key (time or score) and id.
      EXPECT_FALSE(page->comments.empty());
      if (page->comments.empty()) break;
      const Comment& last = page->comments.back();
      EXPECT_EQ(page->next->id, last.id);
      EXPECT_EQ(page->next->key, sort == Sort::kBest ? last.score() : last.created_at);
      cursor = page->next;
    }
    return all;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

// 57 top-level comments, most of them created in the same millisecond and sharing scores, so
// only the id can break ties; with replies and held comments around them that must not show.
class PaginationTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    AddSite("s");
    thread_ = AddThread("s", "k");
    Thread other = AddThread("s", "other");
    for (int i = 0; i < 57; ++i) {
      // Times: 40 comments at kT0, the others spread before and after it.
      TimestampMs at = i < 40 ? kT0 : kT0 + (i % 2 == 0 ? 1 : -1) * (i * 1000);
      Comment in = NewComment(thread_.id, std::nullopt, at);
      in.upvotes = i % 4;  // scores -1..3, many ties
      in.downvotes = i % 3 == 0 ? 1 : 0;
      Result<Comment> top = store().InsertComment(in);
      ASSERT_OK(top);
      expected_.push_back(*top);
      if (i % 5 == 0) Post(thread_.id, top->id, at + 10);  // replies are not top-level
      if (i % 9 == 0) Post(thread_.id, std::nullopt, at, CommentStatus::kHeld);
      if (i % 11 == 0) Post(other.id, std::nullopt, at);  // another thread
    }
    // Votes move a few scores after insertion.
    ASSERT_OK(store().Vote(expected_[7].id, "v1", "", 1, kT0));
    ASSERT_OK(store().Vote(expected_[7].id, "v2", "", 1, kT0));
    ASSERT_OK(store().Vote(expected_[30].id, "v1", "", -1, kT0));
    for (Comment& c : expected_) {
      Result<Comment> fresh = store().GetComment(c.id);
      ASSERT_OK(fresh);
      c = *fresh;
    }
  }

  std::vector<CommentId> Expected(Sort sort) const {
    std::vector<Comment> sorted = expected_;
    std::sort(sorted.begin(), sorted.end(), [sort](const Comment& a, const Comment& b) {
      switch (sort) {
        case Sort::kOldest:
          return std::pair(a.created_at, a.id) < std::pair(b.created_at, b.id);
        case Sort::kNewest:
          return std::pair(a.created_at, a.id) > std::pair(b.created_at, b.id);
        case Sort::kBest:
          return std::pair(a.score(), a.id) > std::pair(b.score(), b.id);
      }
      return false;
    });
    return Ids(sorted);
  }

  Thread thread_;
  std::vector<Comment> expected_;
};

inline Report MakeReport(CommentId id, std::string reporter, TimestampMs at,
                         ReportReason reason = ReportReason::kSpam) {
  Report r;
  r.comment_id = id;
  r.reason = reason;
  r.note = "pub déguisée";
  r.reporter_hash = std::move(reporter);
  r.created_at = at;
  return r;
}

// The moderation JSON of a decision with these reason codes (the pipeline's shape).
inline std::string ModerationJson(const std::vector<std::string>& codes) {
  std::string out = R"({"action":"hold","reasons":[)";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"check":"x","code":")" + codes[i] + R"(","detail":"d"})";
  }
  return out + "]}";
}

class QueueTest : public StoreTest {
 protected:
  // Inserts a published comment marked for review with `risk`, and returns it as stored.
  Comment AddReview(ThreadId thread, TimestampMs at, double risk,
                    CommentStatus status = CommentStatus::kPublished) {
    Comment c = NewComment(thread, std::nullopt, at, status);
    c.review = true;
    c.risk = risk;
    c.moderation = R"({"action":"review"})";
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  }

  static CommentQuery ReviewQueue(std::vector<std::string> ids) {
    CommentQuery q;
    q.site_ids = std::move(ids);
    q.review_only = true;
    q.by_risk = true;
    return q;
  }

  // Inserts a comment with the given fields and returns it as stored.
  Comment Add(ThreadId thread, TimestampMs at, CommentStatus status, std::string author,
              std::string text, std::vector<std::string> codes = {},
              std::optional<CommentId> parent = std::nullopt) {
    Comment c = NewComment(thread, parent, at, status);
    c.author = std::move(author);
    c.text = std::move(text);
    c.html = "<p>" + c.text + "</p>";
    c.moderation = ModerationJson(codes);
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  }

  // Every comment `query` matches, walking its pages (checks each page's size and cursor).
  std::vector<Comment> Walk(CommentQuery query) {
    std::vector<Comment> all;
    for (int pages = 0; pages < 1000; ++pages) {
      Result<CommentPage> page = store().QueryComments(query);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      EXPECT_LE(page->comments.size(), static_cast<std::size_t>(std::max(query.limit, 1)));
      all.insert(all.end(), page->comments.begin(), page->comments.end());
      if (!page->next.has_value()) break;
      EXPECT_FALSE(page->comments.empty());
      if (page->comments.empty()) break;
      EXPECT_EQ(page->next->id, page->comments.back().id);
      EXPECT_EQ(page->next->key, query.by_risk ? RiskKey(page->comments.back().risk)
                                               : page->comments.back().created_at);
      query.after = page->next;
    }
    return all;
  }

  std::vector<CommentId> WalkIds(CommentQuery query) { return Ids(Walk(std::move(query))); }

  static CommentQuery Sites(std::vector<std::string> ids) {
    CommentQuery q;
    q.site_ids = std::move(ids);
    return q;
  }
};

}  // namespace palabre::store
