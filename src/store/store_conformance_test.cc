// The Store contract (store.h), run against every backend: the same tests, the same answers.
//
// To add a backend, add one entry to Backends() below: a name and a factory that returns an
// empty, ready store (every test starts from a fresh one; the factory may use `scratch_dir`, a
// new empty directory removed after the test), and optionally a clean-up run after the store is
// closed. PostgreSQL runs on the test server of pg_testing.h, in a fresh schema per test (the
// "/Postgres" instances require ctest's PostgreSQL fixture: src/store/CMakeLists.txt).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/fault_injecting_store.h"
#include "store/postgres/pg_testing.h"
#include "store/store.h"

namespace palabre::store {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

struct Backend {
  std::string name;  // [A-Za-z0-9]: it names the test instances ("Backends/StoreTest.X/Sqlite")
  std::function<Result<std::unique_ptr<Store>>(const std::string& scratch_dir)> make;
  std::function<void(const std::string& scratch_dir)> cleanup;  // optional
};

// The PostgreSQL schema of the test whose scratch directory is `dir` (unique, like the dir).
std::string SchemaFor(const std::string& dir) {
  return "conf_" + std::filesystem::path(dir).filename().string().substr(
                       std::string_view("palabre_store_").size());
}

// gtest prints the parameter of a failed test with this.
void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

std::vector<Backend> Backends() {
  return {
      {"Sqlite",
       [](const std::string& dir) { return OpenStore("sqlite://" + dir + "/palabre.db"); },
       nullptr},
      // The fault-injecting wrapper with no rule must be indistinguishable from its base.
      {"FaultInjectingSqlite",
       [](const std::string& dir) -> Result<std::unique_ptr<Store>> {
         Result<std::unique_ptr<Store>> base = OpenStore("sqlite://" + dir + "/palabre.db");
         if (!base.ok()) return base.status();
         return std::unique_ptr<Store>(
             std::make_unique<FaultInjectingStore>(std::move(base).value()));
       },
       nullptr},
      {"Postgres",
       [](const std::string& dir) -> Result<std::unique_ptr<Store>> {
         Result<std::string> url = pg::testing::TestServerUrl();
         if (!url.ok()) return url.status();
         return OpenStore(pg::testing::WithSchema(*url, SchemaFor(dir)));
       },
       [](const std::string& dir) {
         Result<std::string> url = pg::testing::TestServerUrl();
         if (url.ok()) pg::testing::DropSchema(*url, SchemaFor(dir));
       }},
  };
}

constexpr TimestampMs kT0 = 1'700'000'000'000;

std::string Describe(const Status& s) { return s.ToString(); }
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

Site MakeSite(std::string id) {
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

std::vector<CommentId> Ids(const std::vector<Comment>& comments) {
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

// --- Sites ------------------------------------------------------------------------------------

TEST_P(StoreTest, CreateSiteThenGetSiteReturnsEveryField) {
  Site site = MakeSite("dakaractu");
  site.locale = "en";
  site.auto_create_threads = false;
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("dakaractu");
  ASSERT_OK(got);
  EXPECT_EQ(got->id, "dakaractu");
  EXPECT_EQ(got->name, site.name);
  EXPECT_EQ(got->origins, site.origins);
  EXPECT_EQ(got->locale, "en");
  EXPECT_EQ(got->time_zone, "Africa/Dakar");
  EXPECT_FALSE(got->auto_create_threads);
  EXPECT_EQ(got->salt, site.salt);
  EXPECT_EQ(got->created_at, kT0);
}

TEST_P(StoreTest, SiteWithoutOriginsKeepsAnEmptyList) {
  Site site = MakeSite("sans-origine");
  site.origins.clear();
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("sans-origine");
  ASSERT_OK(got);
  EXPECT_THAT(got->origins, IsEmpty());
}

TEST_P(StoreTest, CreateSiteTwiceIsSiteExists) {
  AddSite("seneweb");
  Site again = MakeSite("seneweb");
  again.name = "Autre";
  EXPECT_EQ(store().CreateSite(again).error(), Error::kSiteExists);
  Result<Site> got = store().GetSite("seneweb");
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "Site seneweb");  // the first one is kept
}

TEST_P(StoreTest, GetUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().GetSite("absent").error(), Error::kUnknownSite);
}

TEST_P(StoreTest, UpdateSiteChangesItsFields) {
  AddSite("lefaso");
  Site changed = MakeSite("lefaso");
  changed.name = "Lefaso.net";
  changed.origins = {"https://lefaso.net"};
  changed.locale = "en";
  changed.time_zone = "UTC";
  changed.auto_create_threads = false;
  changed.salt = "new-salt";
  ASSERT_OK(store().UpdateSite(changed));
  Result<Site> got = store().GetSite("lefaso");
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "Lefaso.net");
  EXPECT_THAT(got->origins, ElementsAre("https://lefaso.net"));
  EXPECT_EQ(got->locale, "en");
  EXPECT_EQ(got->time_zone, "UTC");
  EXPECT_FALSE(got->auto_create_threads);
  EXPECT_EQ(got->salt, "new-salt");
}

TEST_P(StoreTest, UpdateUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().UpdateSite(MakeSite("absent")).error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetSite("absent").error(), Error::kUnknownSite);  // not created either
}

TEST_P(StoreTest, ListSitesIsOrderedById) {
  Result<std::vector<Site>> none = store().ListSites();
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  AddSite("b-site");
  AddSite("c-site");
  AddSite("a-site");
  Result<std::vector<Site>> sites = store().ListSites();
  ASSERT_OK(sites);
  std::vector<std::string> ids;
  for (const Site& s : *sites) ids.push_back(s.id);
  EXPECT_THAT(ids, ElementsAre("a-site", "b-site", "c-site"));
}

TEST_P(StoreTest, RemoveSiteRemovesItsThreadsCommentsAndVotes) {
  AddSite("gone");
  AddSite("kept");
  Thread gone_thread = AddThread("gone", "article-1");
  Thread kept_thread = AddThread("kept", "article-1");
  Comment root = Post(gone_thread.id, std::nullopt, kT0);
  Comment reply = Post(gone_thread.id, root.id, kT0 + 1);
  ASSERT_OK(store().Vote(root.id, "voter", "", 1, kT0 + 2));
  Comment kept = Post(kept_thread.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(kept.id, "voter", "", 1, kT0 + 2));

  ASSERT_OK(store().RemoveSite("gone"));
  EXPECT_EQ(store().GetSite("gone").error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetThreadById(gone_thread.id).error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetThread("gone", "article-1").error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetComment(root.id).error(), Error::kUnknownComment);
  EXPECT_EQ(store().GetComment(reply.id).error(), Error::kUnknownComment);
  EXPECT_EQ(store().RemoveSite("gone").error(), Error::kUnknownSite);

  // The other site is untouched.
  Result<Comment> still = store().GetComment(kept.id);
  ASSERT_OK(still);
  EXPECT_EQ(still->upvotes, 1);
  EXPECT_EQ(CountOf(kept_thread.id), 1);

  // A site re-created with the same id starts empty: no thread, and the old votes are gone.
  AddSite("gone");
  Thread fresh = AddThread("gone", "article-1");
  EXPECT_EQ(fresh.comment_count, 0);
  Comment again = Post(fresh.id, std::nullopt, kT0 + 10);
  Result<Comment> voted = store().Vote(again.id, "voter", "", 1, kT0 + 11);
  ASSERT_OK(voted);
  EXPECT_EQ(voted->upvotes, 1);
}

TEST_P(StoreTest, IdsAreNeverReusedAfterARemoval) {
  AddSite("kept");
  Thread kept_thread = AddThread("kept", "k");
  Post(kept_thread.id, std::nullopt, kT0);
  AddSite("gone");
  Thread gone_thread = AddThread("gone", "k");
  Comment last = Post(gone_thread.id, std::nullopt, kT0);  // the highest ids so far
  ASSERT_OK(store().Vote(last.id, "voter", "", 1, kT0));
  ASSERT_OK(store().RemoveSite("gone"));

  AddSite("new");
  Thread new_thread = AddThread("new", "k");
  EXPECT_GT(new_thread.id, gone_thread.id);
  Comment fresh = Post(new_thread.id, std::nullopt, kT0);
  EXPECT_GT(fresh.id, last.id);
  Result<Comment> voted = store().Vote(fresh.id, "voter", "", 1, kT0);  // no vote left behind
  ASSERT_OK(voted);
  EXPECT_EQ(voted->upvotes, 1);
}

TEST_P(StoreTest, RemoveUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().RemoveSite("absent").error(), Error::kUnknownSite);
}

// --- Threads ----------------------------------------------------------------------------------

TEST_P(StoreTest, EnsureThreadCreatesThenReturnsTheSameThread) {
  AddSite("s");
  Thread in;
  in.site_id = "s";
  in.key = "https://s.example.sn/politique/2024/03/12/article";
  in.title = "Élection présidentielle";
  in.body = "Le texte de l'article.";
  in.created_at = kT0;
  Result<Thread> created = store().EnsureThread(in);
  ASSERT_OK(created);
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->site_id, "s");
  EXPECT_EQ(created->key, in.key);
  EXPECT_EQ(created->title, in.title);
  EXPECT_EQ(created->body, in.body);
  EXPECT_FALSE(created->closed);
  EXPECT_EQ(created->comment_count, 0);
  EXPECT_EQ(created->created_at, kT0);

  Thread other = in;
  other.title = "Autre titre";
  other.body = "Autre texte";
  other.created_at = kT0 + 5000;
  Result<Thread> again = store().EnsureThread(other);
  ASSERT_OK(again);
  EXPECT_EQ(again->id, created->id);
  EXPECT_EQ(again->title, in.title);  // a non-empty title is never replaced
  EXPECT_EQ(again->body, in.body);
  EXPECT_EQ(again->created_at, kT0);

  Result<Thread> by_key = store().GetThread("s", in.key);
  ASSERT_OK(by_key);
  EXPECT_EQ(by_key->id, created->id);
  Result<Thread> by_id = store().GetThreadById(created->id);
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->key, in.key);
  EXPECT_EQ(by_id->title, in.title);
}

TEST_P(StoreTest, EnsureThreadFillsAnEmptyTitleAndBodyOnly) {
  AddSite("s");
  Thread bare;
  bare.site_id = "s";
  bare.key = "k";
  Result<Thread> created = store().EnsureThread(bare);
  ASSERT_OK(created);
  EXPECT_EQ(created->title, "");
  ASSERT_OK(store().SetThreadClosed(created->id, true));
  Post(created->id, std::nullopt, kT0);

  Thread titled = bare;
  titled.title = "Le titre";
  titled.body = "Le corps";
  titled.closed = false;
  Result<Thread> filled = store().EnsureThread(titled);
  ASSERT_OK(filled);
  EXPECT_EQ(filled->id, created->id);
  EXPECT_EQ(filled->title, "Le titre");
  EXPECT_EQ(filled->body, "Le corps");
  EXPECT_TRUE(filled->closed);  // nothing else changes
  EXPECT_EQ(filled->comment_count, 1);

  Thread retitled = bare;
  retitled.title = "Un autre titre";
  Result<Thread> kept = store().EnsureThread(retitled);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->title, "Le titre");
}

TEST_P(StoreTest, EnsureThreadOfUnknownSiteIsUnknownSite) {
  Thread thread;
  thread.site_id = "absent";
  thread.key = "k";
  EXPECT_EQ(store().EnsureThread(thread).error(), Error::kUnknownSite);
}

TEST_P(StoreTest, ThreadKeysAreScopedBySite) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "same-key");
  Thread b = AddThread("b", "same-key");
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(store().GetThread("c", "same-key").error(), Error::kUnknownThread);
}

TEST_P(StoreTest, UnknownThreadIsUnknownThread) {
  AddSite("s");
  EXPECT_EQ(store().GetThread("s", "absent").error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetThreadById(424242).error(), Error::kUnknownThread);
  EXPECT_EQ(store().SetThreadClosed(424242, true).error(), Error::kUnknownThread);
}

TEST_P(StoreTest, SetThreadClosedOpensAndCloses) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  ASSERT_OK(store().SetThreadClosed(thread.id, true));
  Result<Thread> closed = store().GetThreadById(thread.id);
  ASSERT_OK(closed);
  EXPECT_TRUE(closed->closed);
  ASSERT_OK(store().SetThreadClosed(thread.id, true));  // again: still OK
  ASSERT_OK(store().SetThreadClosed(thread.id, false));
  Result<Thread> open = store().GetThread("s", "k");
  ASSERT_OK(open);
  EXPECT_FALSE(open->closed);
}

TEST_P(StoreTest, SetThreadTitleReplacesTheTitle) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  ASSERT_OK(store().SetThreadTitle(thread.id, "Le titre de l'éditeur"));
  Result<Thread> titled = store().GetThread("s", "k");
  ASSERT_OK(titled);
  EXPECT_EQ(titled->title, "Le titre de l'éditeur");
  ASSERT_OK(store().SetThreadTitle(thread.id, "Un autre"));
  titled = store().GetThreadById(thread.id);
  ASSERT_OK(titled);
  EXPECT_EQ(titled->title, "Un autre");
  EXPECT_EQ(store().SetThreadTitle(thread.id + 1000, "x").error(), Error::kUnknownThread);
}

TEST_P(StoreTest, CountCommentsOfPresentAndAbsentKeys) {
  AddSite("s");
  AddSite("other");
  Thread one = AddThread("s", "one");
  Thread two = AddThread("s", "two");
  AddThread("s", "empty");
  Thread elsewhere = AddThread("other", "one");
  Post(one.id, std::nullopt, kT0);
  Comment root = Post(two.id, std::nullopt, kT0);
  Post(two.id, root.id, kT0 + 1);
  Post(two.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Post(elsewhere.id, std::nullopt, kT0);
  Post(elsewhere.id, std::nullopt, kT0);

  std::vector<std::string> keys = {"two", "absent", "empty", "one"};
  Result<std::vector<ThreadCount>> counts = store().CountComments("s", keys);
  ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 3u);  // "absent" has no thread
  std::map<std::string, std::int64_t> by_key;
  for (const ThreadCount& c : *counts) by_key[c.key] = c.count;
  EXPECT_EQ(by_key["two"], 2);  // replies count, held comments do not
  EXPECT_EQ(by_key["empty"], 0);
  EXPECT_EQ(by_key["one"], 1);  // the other site's "one" is not mixed in
  EXPECT_EQ(by_key.count("absent"), 0u);

  Result<std::vector<ThreadCount>> none = store().CountComments("s", {});
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  std::vector<std::string> unknown_site_keys = {"one"};
  Result<std::vector<ThreadCount>> unknown = store().CountComments("absent", unknown_site_keys);
  ASSERT_OK(unknown);
  EXPECT_THAT(*unknown, IsEmpty());
}

// --- Comments ---------------------------------------------------------------------------------

TEST_P(StoreTest, InsertCommentStoresEveryFieldAndSetsItsPlace) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment in = NewComment(thread.id, std::nullopt, kT0 + 42);
  in.id = 999;       // ignored
  in.root_id = 777;  // ignored
  in.depth = 5;      // ignored
  in.author = "Mamadou Diallo";
  in.email = "mamadou@example.sn";
  in.text = "**Très** juste !";
  in.html = "<p><strong>Très</strong> juste !</p>";
  in.edited_at = kT0 + 50;
  in.upvotes = 3;
  in.downvotes = 1;
  in.edit_token_hash = "ab12";
  in.client_hash = "cd34";
  in.source_id = "disqus-1";
  in.moderation = R"({"action":"pass"})";
  in.review = true;
  in.risk = 0.8125;
  Result<Comment> stored = store().InsertComment(in);
  ASSERT_OK(stored);
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->root_id, stored->id);
  EXPECT_EQ(stored->depth, 0);
  EXPECT_FALSE(stored->parent_id.has_value());

  Result<Comment> got = store().GetComment(stored->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->id, stored->id);
  EXPECT_EQ(got->thread_id, thread.id);
  EXPECT_FALSE(got->parent_id.has_value());
  EXPECT_EQ(got->root_id, stored->id);
  EXPECT_EQ(got->depth, 0);
  EXPECT_EQ(got->author, in.author);
  EXPECT_EQ(got->email, in.email);
  EXPECT_EQ(got->text, in.text);
  EXPECT_EQ(got->html, in.html);
  EXPECT_EQ(got->status, CommentStatus::kPublished);
  EXPECT_EQ(got->created_at, kT0 + 42);
  EXPECT_EQ(got->edited_at, std::optional<TimestampMs>(kT0 + 50));
  EXPECT_EQ(got->upvotes, 3);
  EXPECT_EQ(got->downvotes, 1);
  EXPECT_EQ(got->edit_token_hash, "ab12");
  EXPECT_EQ(got->client_hash, "cd34");
  EXPECT_EQ(got->source_id, "disqus-1");
  EXPECT_EQ(got->moderation, in.moderation);
  EXPECT_TRUE(got->review);
  EXPECT_DOUBLE_EQ(got->risk, 0.8125);
}

TEST_P(StoreTest, RiskIsKeptToFourDecimalsWithinZeroToOne) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  const std::pair<double, double> cases[] = {{0.0, 0.0}, {1.0, 1.0},  {0.73126, 0.7313},
                                             {1.7, 1.0}, {-0.3, 0.0}, {0.00004, 0.0}};
  for (const auto& [given, kept] : cases) {
    Comment in = NewComment(thread.id, std::nullopt, kT0);
    in.review = true;
    in.risk = given;
    Result<Comment> stored = store().InsertComment(in);
    ASSERT_OK(stored);
    EXPECT_DOUBLE_EQ(stored->risk, kept) << given;
    Result<Comment> got = store().GetComment(stored->id);
    ASSERT_OK(got);
    EXPECT_DOUBLE_EQ(got->risk, kept) << given;
  }
  // A comment inserted without a mark has none.
  Result<Comment> plain = store().GetComment(Post(thread.id, std::nullopt, kT0).id);
  ASSERT_OK(plain);
  EXPECT_FALSE(plain->review);
  EXPECT_EQ(plain->risk, 0.0);
}

TEST_P(StoreTest, SetCommentModerationReplacesTheDecisionAndTheReviewMark) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().SetCommentModeration(c.id, R"({"action":"review"})", true, 0.64));
  Result<Comment> got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->moderation, R"({"action":"review"})");
  EXPECT_TRUE(got->review);
  EXPECT_DOUBLE_EQ(got->risk, 0.64);
  EXPECT_EQ(got->text, c.text);  // nothing else changes
  EXPECT_EQ(got->status, CommentStatus::kPublished);
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentModeration(c.id, R"({"action":"publish"})", false, 0.0));
  got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->moderation, R"({"action":"publish"})");
  EXPECT_FALSE(got->review);
  EXPECT_EQ(got->risk, 0.0);
  EXPECT_EQ(store().SetCommentModeration(c.id + 1000, "{}", true, 0.5).error(),
            Error::kUnknownComment);
}

TEST_P(StoreTest, RepliesTakeTheirRootAndDepthFromTheParent) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment root = Post(thread.id, std::nullopt, kT0);
  Comment child = Post(thread.id, root.id, kT0 + 1);
  Comment grandchild = Post(thread.id, child.id, kT0 + 2);
  EXPECT_EQ(child.parent_id, std::optional<CommentId>(root.id));
  EXPECT_EQ(child.root_id, root.id);
  EXPECT_EQ(child.depth, 1);
  EXPECT_EQ(grandchild.root_id, root.id);
  EXPECT_EQ(grandchild.depth, 2);
  Result<Comment> got = store().GetComment(grandchild.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->parent_id, std::optional<CommentId>(child.id));
  EXPECT_EQ(got->root_id, root.id);
  EXPECT_EQ(got->depth, 2);
}

TEST_P(StoreTest, InsertCommentIntoUnknownThreadIsUnknownThread) {
  AddSite("s");
  EXPECT_EQ(store().InsertComment(NewComment(424242, std::nullopt, kT0)).error(),
            Error::kUnknownThread);
}

TEST_P(StoreTest, ParentOfAnotherThreadOrAbsentIsUnknownParent) {
  AddSite("s");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Comment in_a = Post(a.id, std::nullopt, kT0);
  EXPECT_EQ(store().InsertComment(NewComment(b.id, in_a.id, kT0 + 1)).error(),
            Error::kUnknownParent);
  EXPECT_EQ(store().InsertComment(NewComment(b.id, 424242, kT0 + 1)).error(),
            Error::kUnknownParent);
  EXPECT_EQ(CountOf(b.id), 0);  // nothing was inserted
  EXPECT_EQ(CountOf(a.id), 1);
}

TEST_P(StoreTest, OnlyPublishedCommentsAreCounted) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment root = Post(thread.id, std::nullopt, kT0);
  Post(thread.id, root.id, kT0 + 1);
  Post(thread.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Post(thread.id, std::nullopt, kT0 + 3, CommentStatus::kRejected);
  Post(thread.id, std::nullopt, kT0 + 4, CommentStatus::kDeleted);
  EXPECT_EQ(CountOf(thread.id), 2);
}

TEST_P(StoreTest, GetUnknownCommentIsUnknownComment) {
  EXPECT_EQ(store().GetComment(424242).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, UpdateCommentTextChangesTextHtmlAndEditTime) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().UpdateCommentText(c.id, "Corrigé", "<p>Corrigé</p>", kT0 + 60'000));
  Result<Comment> got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->text, "Corrigé");
  EXPECT_EQ(got->html, "<p>Corrigé</p>");
  EXPECT_EQ(got->edited_at, std::optional<TimestampMs>(kT0 + 60'000));
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->author, c.author);
  EXPECT_EQ(store().UpdateCommentText(424242, "x", "x", kT0).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, SetCommentStatusAdjustsTheCountBothWays) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment a = Post(thread.id, std::nullopt, kT0);
  Comment held = Post(thread.id, std::nullopt, kT0 + 1, CommentStatus::kHeld);
  EXPECT_EQ(CountOf(thread.id), 1);

  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kPublished));  // approved
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kDeleted));  // no change, no drift
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kRejected));  // not published either
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kHeld));
  EXPECT_EQ(CountOf(thread.id), 1);

  Result<Comment> got = store().GetComment(held.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, CommentStatus::kHeld);
  EXPECT_EQ(store().SetCommentStatus(424242, CommentStatus::kDeleted).error(),
            Error::kUnknownComment);
}

// --- Listing ----------------------------------------------------------------------------------

TEST_P(StoreTest, ListingShowsPublishedAndDeletedOnly) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment published = Post(thread.id, std::nullopt, kT0);
  Comment deleted = Post(thread.id, std::nullopt, kT0 + 1);
  Comment held = Post(thread.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Comment rejected = Post(thread.id, std::nullopt, kT0 + 3, CommentStatus::kRejected);
  Comment reply_published = Post(thread.id, deleted.id, kT0 + 4);
  Post(thread.id, deleted.id, kT0 + 5, CommentStatus::kHeld);  // held reply: hidden
  Comment reply_deleted = Post(thread.id, published.id, kT0 + 6);
  ASSERT_OK(store().SetCommentStatus(deleted.id, CommentStatus::kDeleted));
  ASSERT_OK(store().SetCommentStatus(reply_deleted.id, CommentStatus::kDeleted));

  for (Sort sort : {Sort::kOldest, Sort::kNewest, Sort::kBest}) {
    Result<TopLevelPage> page = store().ListTopLevel(thread.id, sort, std::nullopt, 10);
    ASSERT_OK(page);
    std::set<CommentId> ids;
    for (const Comment& c : page->comments) ids.insert(c.id);
    EXPECT_EQ(ids, (std::set<CommentId>{published.id, deleted.id})) << ToString(sort);
    EXPECT_FALSE(page->next.has_value());
  }
  std::vector<CommentId> roots = {published.id, deleted.id, held.id, rejected.id};
  Result<std::vector<Comment>> replies = store().ListReplies(thread.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(reply_published.id, reply_deleted.id));
  EXPECT_EQ((*replies)[1].status, CommentStatus::kDeleted);
}

TEST_P(StoreTest, ListTopLevelOfEmptyOrUnknownThreadIsEmpty) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  for (ThreadId id : {thread.id, ThreadId{424242}}) {
    Result<TopLevelPage> page = store().ListTopLevel(id, Sort::kOldest, std::nullopt, 20);
    ASSERT_OK(page);
    EXPECT_THAT(page->comments, IsEmpty());
    EXPECT_FALSE(page->next.has_value());
  }
}

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

TEST_P(PaginationTest, EveryPageSizeWalksEveryTopLevelCommentOnceInOrder) {
  for (Sort sort : {Sort::kOldest, Sort::kNewest, Sort::kBest}) {
    std::vector<CommentId> expected = Expected(sort);
    for (int limit : {1, 2, 7, 20, 56, 57, 58, 100}) {
      std::vector<Comment> walked = WalkTopLevel(thread_.id, sort, limit);
      std::vector<CommentId> ids = Ids(walked);
      EXPECT_EQ(std::set<CommentId>(ids.begin(), ids.end()).size(), ids.size())
          << "duplicates, sort " << ToString(sort) << " limit " << limit;
      EXPECT_THAT(ids, ElementsAreArray(expected))
          << "sort " << ToString(sort) << " limit " << limit;
    }
  }
}

TEST_P(PaginationTest, FirstPageSaysWhetherMoreFollow) {
  Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 20);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 20u);
  ASSERT_TRUE(page->next.has_value());
  Result<TopLevelPage> whole = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 57);
  ASSERT_OK(whole);
  EXPECT_EQ(whole->comments.size(), 57u);
  EXPECT_FALSE(whole->next.has_value());  // exactly full: no empty last page
}

TEST_P(PaginationTest, AHugeLimitReturnsEverythingOnOnePage) {
  Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kNewest, std::nullopt,
                                                   std::numeric_limits<int>::max());
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAreArray(Expected(Sort::kNewest)));
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(PaginationTest, ACommentPostedAfterTheFirstPageAppearsOnALaterOne) {
  Result<TopLevelPage> first = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 20);
  ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  Comment late = Post(thread_.id, std::nullopt, kT0 + 10'000'000);
  std::vector<CommentId> rest;
  std::optional<PageCursor> cursor = first->next;
  while (cursor.has_value()) {
    Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kOldest, cursor, 20);
    ASSERT_OK(page);
    for (const Comment& c : page->comments) rest.push_back(c.id);
    cursor = page->next;
  }
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.back(), late.id);
  EXPECT_EQ(rest.size(), 57u - 20u + 1u);
}

TEST_P(StoreTest, ListRepliesOfSeveralRootsOldestFirst) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Thread other = AddThread("s", "other");
  Comment r1 = Post(thread.id, std::nullopt, kT0);
  Comment r2 = Post(thread.id, std::nullopt, kT0 + 1);
  Comment r3 = Post(thread.id, std::nullopt, kT0 + 2);
  Comment r3a = Post(thread.id, r3.id, kT0 + 10);
  Comment r1a = Post(thread.id, r1.id, kT0 + 20);
  Post(thread.id, r2.id, kT0 + 25);                  // r2 is not asked for
  Comment r1a1 = Post(thread.id, r1a.id, kT0 + 30);  // depth 2, root r1
  Comment r3b = Post(thread.id, r3.id, kT0 + 30);    // same time as r1a1: id breaks the tie
  Comment r1b = Post(thread.id, r1.id, kT0 + 5);     // posted later, created earlier
  Comment foreign = Post(other.id, std::nullopt, kT0);
  Post(other.id, foreign.id, kT0 + 1);

  std::vector<CommentId> roots = {r3.id, r1.id};
  Result<std::vector<Comment>> replies = store().ListReplies(thread.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(r1b.id, r3a.id, r1a.id, r1a1.id, r3b.id));
  for (const Comment& c : *replies) EXPECT_GE(c.depth, 1);

  std::vector<CommentId> none;
  Result<std::vector<Comment>> empty = store().ListReplies(thread.id, none);
  ASSERT_OK(empty);
  EXPECT_THAT(*empty, IsEmpty());
  // Roots of another thread give nothing: the thread scopes the read.
  std::vector<CommentId> foreign_roots = {foreign.id};
  Result<std::vector<Comment>> scoped = store().ListReplies(thread.id, foreign_roots);
  ASSERT_OK(scoped);
  EXPECT_THAT(*scoped, IsEmpty());
}

TEST_P(StoreTest, ListRecentCommentsOfASite) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Thread elsewhere = AddThread("other", "a");
  Post(a.id, std::nullopt, kT0 - 1000);  // before `since`
  Comment c1 = Post(a.id, std::nullopt, kT0);
  Comment c2 = Post(b.id, std::nullopt, kT0 + 5, CommentStatus::kHeld);  // any status
  Comment c3 = Post(a.id, c1.id, kT0 + 5);
  Comment c4 = Post(b.id, std::nullopt, kT0 + 9, CommentStatus::kRejected);
  Post(elsewhere.id, std::nullopt, kT0 + 1);

  Result<std::vector<Comment>> all = store().ListRecentComments("s", kT0, 100);
  ASSERT_OK(all);
  EXPECT_THAT(Ids(*all), ElementsAre(c1.id, c2.id, c3.id, c4.id));
  // Over the limit: the latest ones, still oldest first.
  Result<std::vector<Comment>> latest = store().ListRecentComments("s", kT0, 2);
  ASSERT_OK(latest);
  EXPECT_THAT(Ids(*latest), ElementsAre(c3.id, c4.id));
  Result<std::vector<Comment>> none = store().ListRecentComments("absent", kT0, 100);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

TEST_P(StoreTest, FindImportedBySiteAndSourceId) {
  AddSite("s");
  AddSite("other");
  Thread thread = AddThread("s", "k");
  Thread elsewhere = AddThread("other", "k");
  Comment in = NewComment(thread.id, std::nullopt, kT0);
  in.source_id = "wp-1234";
  Result<Comment> imported = store().InsertComment(in);
  ASSERT_OK(imported);
  Post(thread.id, std::nullopt, kT0 + 1);  // not imported: empty source id

  Result<std::optional<CommentId>> found = store().FindImported("s", "wp-1234");
  ASSERT_OK(found);
  EXPECT_EQ(*found, std::optional<CommentId>(imported->id));
  Result<std::optional<CommentId>> absent = store().FindImported("s", "wp-9999");
  ASSERT_OK(absent);
  EXPECT_FALSE(absent->has_value());
  Result<std::optional<CommentId>> other_site = store().FindImported("other", "wp-1234");
  ASSERT_OK(other_site);
  EXPECT_FALSE(other_site->has_value());
  Result<std::optional<CommentId>> empty = store().FindImported("s", "");
  ASSERT_OK(empty);
  EXPECT_FALSE(empty->has_value());

  // The same source id again in the site is refused; in another site it is fine.
  Comment twice = NewComment(thread.id, std::nullopt, kT0 + 2);
  twice.source_id = "wp-1234";
  EXPECT_EQ(store().InsertComment(twice).error(), Error::kDuplicateImport);
  EXPECT_EQ(CountOf(thread.id), 2);
  twice.thread_id = elsewhere.id;
  EXPECT_OK(store().InsertComment(twice));
}

// --- Votes ------------------------------------------------------------------------------------

TEST_P(StoreTest, VoteUpAgainThenSwitch) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);

  Result<Comment> up = store().Vote(c.id, "voter-a", "", 1, kT0 + 1);
  ASSERT_OK(up);
  EXPECT_EQ(up->upvotes, 1);
  EXPECT_EQ(up->downvotes, 0);
  EXPECT_EQ(up->score(), 1);

  EXPECT_EQ(store().Vote(c.id, "voter-a", "", 1, kT0 + 2).error(), Error::kAlreadyVoted);
  Result<Comment> unchanged = store().GetComment(c.id);
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->upvotes, 1);

  Result<Comment> down = store().Vote(c.id, "voter-a", "", -1, kT0 + 3);
  ASSERT_OK(down);
  EXPECT_EQ(down->upvotes, 0);
  EXPECT_EQ(down->downvotes, 1);
  EXPECT_EQ(store().Vote(c.id, "voter-a", "", -1, kT0 + 4).error(), Error::kAlreadyVoted);

  Result<Comment> other = store().Vote(c.id, "voter-b", "", 1, kT0 + 5);
  ASSERT_OK(other);
  EXPECT_EQ(other->upvotes, 1);
  EXPECT_EQ(other->downvotes, 1);
  EXPECT_EQ(other->score(), 0);

  Result<Comment> back_up = store().Vote(c.id, "voter-a", "", 1, kT0 + 6);
  ASSERT_OK(back_up);
  EXPECT_EQ(back_up->upvotes, 2);
  EXPECT_EQ(back_up->downvotes, 0);
  Result<Comment> stored = store().GetComment(c.id);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->upvotes, 2);
  EXPECT_EQ(stored->downvotes, 0);
}

TEST_P(StoreTest, VoteMovesTheCommentInBestOrder) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment a = Post(thread.id, std::nullopt, kT0);
  Comment b = Post(thread.id, std::nullopt, kT0 + 1);
  ASSERT_OK(store().Vote(a.id, "v", "", 1, kT0 + 2));
  Result<TopLevelPage> page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(a.id, b.id));
  ASSERT_OK(store().Vote(a.id, "v", "", -1, kT0 + 3));
  page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(b.id, a.id));
}

TEST_P(StoreTest, AVoterIsOneClientAndOneBrowser) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  auto counts = [&](const Result<Comment>& r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::pair(r->upvotes, r->downvotes) : std::pair<std::int64_t, std::int64_t>();
  };
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "browser-1", 1, kT0)), std::pair(1L, 0L));
  // The same browser from another client, or the same client with another browser: one voter.
  EXPECT_EQ(store().Vote(c.id, "client-b", "browser-1", 1, kT0).error(), Error::kAlreadyVoted);
  EXPECT_EQ(store().Vote(c.id, "client-a", "browser-2", 1, kT0).error(), Error::kAlreadyVoted);
  EXPECT_EQ(store().Vote(c.id, "client-a", "", 1, kT0).error(), Error::kAlreadyVoted);
  // Another direction from either replaces the vote.
  EXPECT_EQ(counts(store().Vote(c.id, "client-b", "browser-1", -1, kT0 + 1)), std::pair(0L, 1L));
  // client-a's vote went with it: client-a votes again, as a voter of its own.
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "", 1, kT0 + 2)), std::pair(1L, 1L));
  // One request matching both votes (client-a's and browser-1's) replaces both by one.
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "browser-1", -1, kT0 + 3)), std::pair(0L, 1L));
  EXPECT_EQ(store().Vote(c.id, "client-a", "browser-1", -1, kT0 + 4).error(), Error::kAlreadyVoted);
  Result<Comment> stored = store().GetComment(c.id);
  ASSERT_OK(stored);
  EXPECT_EQ(std::pair(stored->upvotes, stored->downvotes), std::pair(0L, 1L));
}

TEST_P(StoreTest, DirectionZeroTakesTheVoteBack) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(c.id, "client-a", "browser-1", 1, kT0));
  ASSERT_OK(store().Vote(c.id, "client-b", "", -1, kT0));
  Result<Comment> undone = store().Vote(c.id, "client-a", "", 0, kT0 + 1);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->upvotes, 0);
  EXPECT_EQ(undone->downvotes, 1);
  // Nothing standing: nothing changes, and it is not an error.
  undone = store().Vote(c.id, "client-a", "browser-1", 0, kT0 + 2);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->downvotes, 1);
  // By the browser alone, from another client.
  ASSERT_OK(store().Vote(c.id, "client-a", "browser-1", 1, kT0 + 3));
  undone = store().Vote(c.id, "client-z", "browser-1", 0, kT0 + 4);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->upvotes, 0);
  // After taking it back, the voter votes again.
  Result<Comment> again = store().Vote(c.id, "client-a", "browser-1", 1, kT0 + 5);
  ASSERT_OK(again);
  EXPECT_EQ(again->upvotes, 1);
  EXPECT_EQ(store().Vote(c.id + 1000, "client-a", "", 0, kT0).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, RecentVotesCountAClientsStandingVotesSinceATime) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  std::vector<Comment> cs;
  for (int i = 0; i < 4; ++i) cs.push_back(Post(thread.id, std::nullopt, kT0 + i));
  ASSERT_OK(store().Vote(cs[0].id, "client-a", "", 1, kT0 + 100));
  ASSERT_OK(store().Vote(cs[1].id, "client-a", "", 1, kT0 + 200));
  ASSERT_OK(store().Vote(cs[2].id, "client-a", "", -1, kT0 + 300));
  ASSERT_OK(store().Vote(cs[3].id, "client-b", "", 1, kT0 + 300));
  Result<RecentActions> recent = store().RecentVotes("client-a", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 2);
  EXPECT_EQ(recent->oldest, kT0 + 200);
  recent = store().RecentVotes("client-a", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 3);
  EXPECT_EQ(recent->oldest, kT0 + 100);
  recent = store().RecentVotes("client-c", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 0);
  EXPECT_EQ(recent->oldest, 0);
  // A vote taken back no longer stands.
  ASSERT_OK(store().Vote(cs[1].id, "client-a", "", 0, kT0 + 400));
  recent = store().RecentVotes("client-a", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 1);
}

TEST_P(StoreTest, VoteOnUnknownCommentIsUnknownComment) {
  EXPECT_EQ(store().Vote(424242, "v", "", 1, kT0).error(), Error::kUnknownComment);
}

// --- Issue 6: site settings -------------------------------------------------------------------

TEST_P(StoreTest, SiteSettingsAreKeptAsGivenAndDefaultToAnEmptyObject) {
  AddSite("plain");
  Result<Site> plain = store().GetSite("plain");
  ASSERT_OK(plain);
  EXPECT_EQ(plain->settings, "{}");

  Site site = MakeSite("tuned");
  site.settings = R"({"max_depth":3,"premoderation":true})";
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("tuned");
  ASSERT_OK(got);
  EXPECT_EQ(got->settings, site.settings);

  site.settings = R"({"max_depth":5})";
  ASSERT_OK(store().UpdateSite(site));
  Result<std::vector<Site>> sites = store().ListSites();
  ASSERT_OK(sites);
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ((*sites)[0].settings, "{}");
  EXPECT_EQ((*sites)[1].settings, R"({"max_depth":5})");

  site.settings = "";  // empty: the defaults again
  ASSERT_OK(store().UpdateSite(site));
  got = store().GetSite("tuned");
  ASSERT_OK(got);
  EXPECT_EQ(got->settings, "{}");
}

// --- Issue 6: users, memberships, sessions ----------------------------------------------------

User MakeUser(std::string email) {
  User user;
  user.email = std::move(email);
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  user.created_at = kT0;
  return user;
}

std::vector<std::string> Emails(const std::vector<User>& users) {
  std::vector<std::string> out;
  for (const User& u : users) out.push_back(u.email);
  return out;
}

TEST_P(StoreTest, UsersAreStoredLowerCasedAndFoundWhateverTheCase) {
  Result<User> created = store().CreateUser(MakeUser("Awa.Ndiaye@Example.SN"));
  ASSERT_OK(created);
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->email, "awa.ndiaye@example.sn");
  EXPECT_EQ(created->failed_logins, 0);
  EXPECT_EQ(created->locked_until, 0);

  Result<User> by_email = store().GetUserByEmail("AWA.NDIAYE@example.sn");
  ASSERT_OK(by_email);
  EXPECT_EQ(by_email->id, created->id);
  EXPECT_EQ(by_email->password_hash, MakeUser("").password_hash);
  EXPECT_EQ(by_email->created_at, kT0);

  Result<User> by_id = store().GetUser(created->id);
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->email, "awa.ndiaye@example.sn");

  // The same address in another case is the same user.
  EXPECT_EQ(store().CreateUser(MakeUser("awa.ndiaye@EXAMPLE.sn")).error(), Error::kUserExists);
  EXPECT_EQ(store().GetUser(created->id + 1000).error(), Error::kUnknownUser);
  EXPECT_EQ(store().GetUserByEmail("personne@example.sn").error(), Error::kUnknownUser);
}

TEST_P(StoreTest, ListUsersIsOrderedByEmailWithTheirMemberships) {
  AddSite("a-site");
  AddSite("b-site");
  Result<std::vector<User>> none = store().ListUsers();
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  User moussa = MakeUser("moussa@example.sn");
  moussa.memberships = {{"b-site", Role::kModerator}, {"a-site", Role::kAdmin}};
  Result<User> m = store().CreateUser(moussa);
  ASSERT_OK(m);
  EXPECT_THAT(m->memberships, ElementsAre(Membership{"a-site", Role::kAdmin},
                                          Membership{"b-site", Role::kModerator}));
  ASSERT_OK(store().CreateUser(MakeUser("aminata@example.sn")));
  ASSERT_OK(store().CreateUser(MakeUser("Zeynab@example.sn")));
  Result<std::vector<User>> users = store().ListUsers();
  ASSERT_OK(users);
  EXPECT_THAT(Emails(*users),
              ElementsAre("aminata@example.sn", "moussa@example.sn", "zeynab@example.sn"));
  EXPECT_THAT((*users)[0].memberships, IsEmpty());
  EXPECT_THAT((*users)[1].memberships, ElementsAre(Membership{"a-site", Role::kAdmin},
                                                   Membership{"b-site", Role::kModerator}));

  User stray = MakeUser("stray@example.sn");
  stray.memberships = {{"absent", Role::kAdmin}};
  EXPECT_EQ(store().CreateUser(stray).error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetUserByEmail("stray@example.sn").error(), Error::kUnknownUser);
}

TEST_P(StoreTest, MembershipsAreAddedChangedAndRemoved) {
  AddSite("dakar");
  AddSite("abidjan");
  Result<User> user = store().CreateUser(MakeUser("mod@example.sn"));
  ASSERT_OK(user);
  ASSERT_OK(store().SetMembership(user->id, {"dakar", Role::kModerator}));
  ASSERT_OK(store().SetMembership(user->id, {"abidjan", Role::kModerator}));
  ASSERT_OK(store().SetMembership(user->id, {"dakar", Role::kAdmin}));  // changes the role
  Result<User> got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, ElementsAre(Membership{"abidjan", Role::kModerator},
                                            Membership{"dakar", Role::kAdmin}));
  EXPECT_EQ(got->RoleOn("dakar"), Role::kAdmin);

  ASSERT_OK(store().RemoveMembership(user->id, "abidjan"));
  ASSERT_OK(store().RemoveMembership(user->id, "abidjan"));  // absent: OK
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, ElementsAre(Membership{"dakar", Role::kAdmin}));

  EXPECT_EQ(store().SetMembership(user->id + 1000, {"dakar", Role::kAdmin}).error(),
            Error::kUnknownUser);
  EXPECT_EQ(store().SetMembership(user->id, {"absent", Role::kAdmin}).error(), Error::kUnknownSite);
  EXPECT_EQ(store().RemoveMembership(user->id + 1000, "dakar").error(), Error::kUnknownUser);

  // A removed site takes its memberships with it.
  ASSERT_OK(store().RemoveSite("dakar"));
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, IsEmpty());
}

TEST_P(StoreTest, PasswordAndLoginStateChange) {
  Result<User> user = store().CreateUser(MakeUser("admin@example.sn"));
  ASSERT_OK(user);
  Result<User> other = store().CreateUser(MakeUser("other@example.sn"));
  ASSERT_OK(other);
  ASSERT_OK(store().CreateSession({"mine", user->id, "csrf-a", kT0, kT0 + 9000}));
  ASSERT_OK(store().CreateSession({"theirs", other->id, "csrf-b", kT0, kT0 + 9000}));
  ASSERT_OK(store().SetPassword(user->id, "$argon2id$new"));
  // A new password ends the user's sessions, and only theirs.
  EXPECT_EQ(store().GetSession("mine", kT0).error(), Error::kUnauthorized);
  EXPECT_OK(store().GetSession("theirs", kT0));
  ASSERT_OK(store().SetLoginState(user->id, 3, kT0 + 60'000));
  Result<User> got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->password_hash, "$argon2id$new");
  EXPECT_EQ(got->failed_logins, 3);
  EXPECT_EQ(got->locked_until, kT0 + 60'000);
  ASSERT_OK(store().SetLoginState(user->id, 0, 0));
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->failed_logins, 0);
  EXPECT_EQ(got->locked_until, 0);
  EXPECT_EQ(store().SetPassword(user->id + 1000, "x").error(), Error::kUnknownUser);
  EXPECT_EQ(store().SetLoginState(user->id + 1000, 1, 0).error(), Error::kUnknownUser);
}

TEST_P(StoreTest, SessionsLiveUntilTheyExpireOrAreDeleted) {
  Result<User> user = store().CreateUser(MakeUser("mod@example.sn"));
  ASSERT_OK(user);
  Session session{"hash-1", user->id, "csrf-1", kT0, kT0 + 1000};
  ASSERT_OK(store().CreateSession(session));
  ASSERT_OK(store().CreateSession({"hash-2", user->id, "csrf-2", kT0, kT0 + 5000}));
  ASSERT_OK(store().CreateSession({"hash-3", user->id, "csrf-3", kT0, kT0 + 9000}));

  Result<Session> got = store().GetSession("hash-1", kT0 + 999);
  ASSERT_OK(got);
  EXPECT_EQ(got->token_hash, "hash-1");
  EXPECT_EQ(got->user_id, user->id);
  EXPECT_EQ(got->csrf_token, "csrf-1");
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->expires_at, kT0 + 1000);
  EXPECT_EQ(store().GetSession("hash-1", kT0 + 1000).error(), Error::kUnauthorized);  // expired
  EXPECT_EQ(store().GetSession("absent", kT0).error(), Error::kUnauthorized);

  ASSERT_OK(store().DeleteSession("hash-2"));
  ASSERT_OK(store().DeleteSession("hash-2"));  // absent: OK
  EXPECT_EQ(store().GetSession("hash-2", kT0).error(), Error::kUnauthorized);

  Result<std::int64_t> removed = store().DeleteExpiredSessions(kT0 + 1000);
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 1);  // hash-1; hash-3 lives on
  EXPECT_OK(store().GetSession("hash-3", kT0 + 1000));
  removed = store().DeleteExpiredSessions(kT0 + 1000);
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 0);

  EXPECT_EQ(store().CreateSession({"hash-4", user->id + 1000, "c", kT0, kT0 + 1}).error(),
            Error::kUnknownUser);
  // A removed user takes their sessions with them.
  ASSERT_OK(store().RemoveUser(user->id));
  EXPECT_EQ(store().GetSession("hash-3", kT0).error(), Error::kUnauthorized);
  EXPECT_EQ(store().GetUser(user->id).error(), Error::kUnknownUser);
  EXPECT_EQ(store().RemoveUser(user->id).error(), Error::kUnknownUser);
}

// --- Issue 6: the moderation queue ------------------------------------------------------------

// The moderation JSON of a decision with these reason codes (the pipeline's shape).
std::string ModerationJson(const std::vector<std::string>& codes) {
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

TEST_P(QueueTest, AQueryNeedsSites) {
  EXPECT_EQ(store().QueryComments(CommentQuery{}).error(), Error::kInvalidArgument);
}

TEST_P(QueueTest, FiltersByStatusSiteThreadAuthorAndAnyStatusByDefault) {
  AddSite("a");
  AddSite("b");
  AddSite("c");
  Thread a1 = AddThread("a", "1");
  Thread a2 = AddThread("a", "2");
  Thread b1 = AddThread("b", "1");
  Thread c1 = AddThread("c", "1");
  Comment held_a1 = Add(a1.id, kT0 + 1, CommentStatus::kHeld, "Awa", "un");
  Comment pub_a1 = Add(a1.id, kT0 + 2, CommentStatus::kPublished, "Moussa", "deux");
  Comment rej_a2 = Add(a2.id, kT0 + 3, CommentStatus::kRejected, "Awa", "trois");
  Comment held_b1 = Add(b1.id, kT0 + 4, CommentStatus::kHeld, "Awa", "quatre");
  Comment reply = Add(a1.id, kT0 + 5, CommentStatus::kHeld, "Fatou", "cinq", {}, pub_a1.id);
  Comment del_a2 = Add(a2.id, kT0 + 6, CommentStatus::kDeleted, "Awa", "six");
  Add(c1.id, kT0 + 7, CommentStatus::kHeld, "Awa", "sept");  // site c is never asked for

  // Any status, sites a and b, newest first; replies included.
  EXPECT_THAT(WalkIds(Sites({"a", "b"})),
              ElementsAre(del_a2.id, reply.id, held_b1.id, rej_a2.id, pub_a1.id, held_a1.id));

  CommentQuery held = Sites({"a", "b"});
  held.status = CommentStatus::kHeld;
  EXPECT_THAT(WalkIds(held), ElementsAre(reply.id, held_b1.id, held_a1.id));
  held.newest_first = false;
  EXPECT_THAT(WalkIds(held), ElementsAre(held_a1.id, held_b1.id, reply.id));

  CommentQuery one_site = Sites({"b"});
  EXPECT_THAT(WalkIds(one_site), ElementsAre(held_b1.id));

  CommentQuery thread = Sites({"a", "b"});
  thread.thread_id = a2.id;
  EXPECT_THAT(WalkIds(thread), ElementsAre(del_a2.id, rej_a2.id));

  CommentQuery author = Sites({"a", "b"});
  author.author = "Awa";
  EXPECT_THAT(WalkIds(author), ElementsAre(del_a2.id, held_b1.id, rej_a2.id, held_a1.id));
  author.author = "awa";  // the author filter is exact
  EXPECT_THAT(WalkIds(author), IsEmpty());

  CommentQuery combined = Sites({"a", "b"});
  combined.status = CommentStatus::kHeld;
  combined.author = "Awa";
  combined.thread_id = a1.id;
  EXPECT_THAT(WalkIds(combined), ElementsAre(held_a1.id));

  CommentQuery unknown = Sites({"absent"});
  EXPECT_THAT(WalkIds(unknown), IsEmpty());

  // Every field comes back, as GetComment returns it.
  Result<CommentPage> page = store().QueryComments(one_site);
  ASSERT_OK(page);
  ASSERT_EQ(page->comments.size(), 1u);
  Result<Comment> direct = store().GetComment(held_b1.id);
  ASSERT_OK(direct);
  const Comment& listed = page->comments[0];
  EXPECT_EQ(listed.thread_id, direct->thread_id);
  EXPECT_EQ(listed.author, direct->author);
  EXPECT_EQ(listed.text, direct->text);
  EXPECT_EQ(listed.html, direct->html);
  EXPECT_EQ(listed.status, CommentStatus::kHeld);
  EXPECT_EQ(listed.moderation, direct->moderation);
  EXPECT_EQ(listed.created_at, kT0 + 4);
  EXPECT_EQ(listed.open_reports, 0);
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(QueueTest, ReasonCodeMatchesTheExactQuotedCodeOnly) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment spam = Add(t.id, kT0 + 1, CommentStatus::kHeld, "A", "x", {"spam"});
  Comment both = Add(t.id, kT0 + 2, CommentStatus::kHeld, "B", "x", {"toxicity", "spam"});
  Comment longer = Add(t.id, kT0 + 3, CommentStatus::kHeld, "C", "x", {"spam_link"});
  Add(t.id, kT0 + 4, CommentStatus::kHeld, "D", "spam dans le texte", {"flood"});
  Comment wild = Add(t.id, kT0 + 5, CommentStatus::kHeld, "E", "x", {"off_topic"});

  CommentQuery q = Sites({"a"});
  q.reason_code = "spam";
  EXPECT_THAT(WalkIds(q), ElementsAre(both.id, spam.id));
  q.reason_code = "spam_link";
  EXPECT_THAT(WalkIds(q), ElementsAre(longer.id));
  q.reason_code = "off_topic";
  EXPECT_THAT(WalkIds(q), ElementsAre(wild.id));
  // LIKE's wildcards in the code are plain characters.
  q.reason_code = "off%";
  EXPECT_THAT(WalkIds(q), IsEmpty());
  q.reason_code = "off_topi_";
  EXPECT_THAT(WalkIds(q), IsEmpty());
  q.reason_code = "spa";
  EXPECT_THAT(WalkIds(q), IsEmpty());
}

TEST_P(QueueTest, TextSearchIsACaseInsensitiveLiteralSubstringOfTextOrAuthor) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment hundred = Add(t.id, kT0 + 1, CommentStatus::kHeld, "Awa", "Remise de 100% ce soir");
  Comment thousand = Add(t.id, kT0 + 2, CommentStatus::kHeld, "Awa", "1000 personnes");
  Comment underscore = Add(t.id, kT0 + 3, CommentStatus::kHeld, "Awa", "mon_pseudo ici");
  Comment other = Add(t.id, kT0 + 4, CommentStatus::kHeld, "Awa", "monXpseudo ici");
  Comment by_author = Add(t.id, kT0 + 5, CommentStatus::kPublished, "Casino_Royal", "bonjour");
  Comment backslash = Add(t.id, kT0 + 6, CommentStatus::kHeld, "Awa", R"(C:\temp)");

  CommentQuery q = Sites({"a"});
  q.text_contains = "100%";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
  q.text_contains = "n_p";
  EXPECT_THAT(WalkIds(q), ElementsAre(underscore.id));
  q.text_contains = "REMISE";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
  q.text_contains = "casino";  // the author's name
  EXPECT_THAT(WalkIds(q), ElementsAre(by_author.id));
  q.text_contains = "pseudo";
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id, underscore.id));
  q.text_contains = R"(:\t)";
  EXPECT_THAT(WalkIds(q), ElementsAre(backslash.id));
  q.text_contains = "000";
  EXPECT_THAT(WalkIds(q), ElementsAre(thousand.id));
  q.text_contains = "%";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
}

TEST_P(QueueTest, EveryPageSizeWalksEveryCommentOnceInBothOrders) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  std::vector<Comment> all;
  // Many share a creation time, across both sites: ties are broken by id.
  for (int i = 0; i < 23; ++i) {
    all.push_back(Add(i % 2 == 0 ? a.id : b.id, kT0 + i / 4,
                      i % 3 == 0 ? CommentStatus::kPublished : CommentStatus::kHeld, "A", "x"));
  }
  std::vector<CommentId> oldest = Ids(all);  // inserted in (created_at, id) order
  std::vector<CommentId> newest(oldest.rbegin(), oldest.rend());
  for (int limit : {1, 2, 3, 5, 7, 22, 23, 24, 500}) {
    CommentQuery q = Sites({"a", "b"});
    q.limit = limit;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(newest)) << "limit " << limit;
    q.newest_first = false;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(oldest)) << "limit " << limit;
  }
  // Filtered walks too.
  std::vector<CommentId> held_oldest;
  for (const Comment& c : all) {
    if (c.status == CommentStatus::kHeld) held_oldest.push_back(c.id);
  }
  CommentQuery held = Sites({"a", "b"});
  held.status = CommentStatus::kHeld;
  held.newest_first = false;
  held.limit = 4;
  EXPECT_THAT(WalkIds(held), ElementsAreArray(held_oldest));
}

TEST_P(QueueTest, TheLimitIsClampedToOneToFiveHundred) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  for (int i = 0; i < 3; ++i) Add(t.id, kT0 + i, CommentStatus::kHeld, "A", "x");
  CommentQuery q = Sites({"a"});
  q.limit = 0;
  Result<CommentPage> page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 1u);
  EXPECT_TRUE(page->next.has_value());
  q.limit = -5;
  page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 1u);
  q.limit = 1'000'000;
  page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 3u);
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(QueueTest, ACommentArrivingBetweenPagesIsNeitherLostNorRepeatedOldestFirst) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  std::vector<CommentId> expected;
  for (int i = 0; i < 4; ++i)
    expected.push_back(Add(t.id, kT0 + i, CommentStatus::kHeld, "A", "x").id);
  CommentQuery q = Sites({"a"});
  q.newest_first = false;
  q.limit = 3;
  Result<CommentPage> first = store().QueryComments(q);
  ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  expected.push_back(Add(t.id, kT0 + 10, CommentStatus::kHeld, "A", "x").id);
  q.after = first->next;
  std::vector<CommentId> seen = Ids(first->comments);
  for (CommentId id : WalkIds(q)) seen.push_back(id);
  EXPECT_THAT(seen, ElementsAreArray(expected));
}

// --- Review after publishing -------------------------------------------------------------------

TEST_P(QueueTest, TheReviewQueueHasThePublishedMarkedCommentsHighestRiskFirst) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread a2 = AddThread("a", "2");
  Thread b = AddThread("b", "1");
  const Comment low = AddReview(a.id, kT0, 0.35);
  const Comment high = AddReview(a2.id, kT0 + 1, 0.9);
  const Comment tie_old = AddReview(a.id, kT0 + 2, 0.6);
  const Comment tie_new = AddReview(a.id, kT0 + 3, 0.6);
  const Comment other_site = AddReview(b.id, kT0 + 4, 0.99);
  AddReview(a.id, kT0 + 5, 0.95, CommentStatus::kHeld);      // held: the held queue's
  AddReview(a.id, kT0 + 6, 0.97, CommentStatus::kRejected);  // not shown to readers
  Add(a.id, kT0 + 7, CommentStatus::kPublished, "A", "sans marque");

  // Highest risk first; equal risks newest (highest id) first.
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(high.id, tie_new.id, tie_old.id, low.id));
  EXPECT_THAT(WalkIds(ReviewQueue({"a", "b"})),
              ElementsAre(other_site.id, high.id, tie_new.id, tie_old.id, low.id));
  const std::vector<Comment> listed = Walk(ReviewQueue({"a"}));
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_TRUE(listed[0].review);
  EXPECT_DOUBLE_EQ(listed[0].risk, 0.9);
  // The other filters combine with it.
  CommentQuery in_thread = ReviewQueue({"a"});
  in_thread.thread_id = a2.id;
  EXPECT_THAT(WalkIds(in_thread), ElementsAre(high.id));
  // Without the risk order, the review filter keeps the time order.
  CommentQuery by_time = ReviewQueue({"a"});
  by_time.by_risk = false;
  by_time.newest_first = false;
  EXPECT_THAT(WalkIds(by_time), ElementsAre(low.id, high.id, tie_old.id, tie_new.id));
  // An author's deletion takes a comment out of the queue.
  ASSERT_OK(store().SetCommentStatus(low.id, CommentStatus::kDeleted));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(high.id, tie_new.id, tie_old.id));
}

TEST_P(QueueTest, EveryPageSizeWalksTheReviewQueueOnceByRisk) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  std::vector<Comment> all;
  for (int i = 0; i < 17; ++i) {
    // Few distinct risks, so that pages end inside runs of equal risks.
    all.push_back(AddReview(t.id, kT0 + i, 0.25 * (i % 4) + 0.1));
  }
  std::vector<Comment> expected = all;
  std::sort(expected.begin(), expected.end(), [](const Comment& x, const Comment& y) {
    return x.risk != y.risk ? x.risk > y.risk : x.id > y.id;
  });
  for (int limit : {1, 2, 3, 4, 5, 16, 17, 18, 500}) {
    CommentQuery q = ReviewQueue({"a"});
    q.limit = limit;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(Ids(expected))) << "limit " << limit;
  }
}

TEST_P(QueueTest, AnyModeratorDecisionClearsTheReviewMarkAndKeepsTheRisk) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  const Comment approved = AddReview(t.id, kT0, 0.5);
  const Comment unpublished = AddReview(t.id, kT0 + 1, 0.7);
  const Comment rejected = AddReview(t.id, kT0 + 2, 0.8);
  const Comment waiting = AddReview(t.id, kT0 + 3, 0.4);
  EXPECT_EQ(CountOf(t.id), 4);
  ASSERT_OK(store().ModerateComment(approved.id, CommentStatus::kPublished));  // left as it is
  ASSERT_OK(store().ModerateComment(unpublished.id, CommentStatus::kHeld));
  ASSERT_OK(store().ModerateComment(rejected.id, CommentStatus::kRejected));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(waiting.id));
  EXPECT_EQ(CountOf(t.id), 2);
  for (CommentId id : {approved.id, unpublished.id, rejected.id}) {
    Result<Comment> got = store().GetComment(id);
    ASSERT_OK(got);
    EXPECT_FALSE(got->review) << id;
  }
  Result<Comment> kept = store().GetComment(unpublished.id);
  ASSERT_OK(kept);
  EXPECT_DOUBLE_EQ(kept->risk, 0.7);
  // Published again by a moderator: still reviewed, not back in the queue.
  ASSERT_OK(store().ModerateComment(unpublished.id, CommentStatus::kPublished));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(waiting.id));
  // An edit the pipeline sends to review marks it again.
  ASSERT_OK(store().SetCommentModeration(approved.id, R"({"action":"review"})", true, 0.45));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(approved.id, waiting.id));
}

// --- Issue 6: moderation and reports ----------------------------------------------------------

Report MakeReport(CommentId id, std::string reporter, TimestampMs at,
                  ReportReason reason = ReportReason::kSpam) {
  Report r;
  r.comment_id = id;
  r.reason = reason;
  r.note = "pub déguisée";
  r.reporter_hash = std::move(reporter);
  r.created_at = at;
  return r;
}

TEST_P(QueueTest, ModerateCommentKeepsTheCountExactAndResolvesReports) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment held = Add(t.id, kT0, CommentStatus::kHeld, "A", "x");
  Comment published = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  EXPECT_EQ(CountOf(t.id), 1);

  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(t.id), 2);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));  // no change
  EXPECT_EQ(CountOf(t.id), 2);
  ASSERT_OK(store().ModerateComment(published.id, CommentStatus::kRejected));
  EXPECT_EQ(CountOf(t.id), 1);
  ASSERT_OK(store().ModerateComment(published.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(t.id), 1);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kHeld));
  EXPECT_EQ(CountOf(t.id), 0);
  Result<Comment> got = store().GetComment(held.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, CommentStatus::kHeld);
  EXPECT_EQ(store().ModerateComment(published.id + 1000, CommentStatus::kPublished).error(),
            Error::kUnknownComment);

  // Reports open until a moderator acts on the comment, whatever the decision.
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  Result<std::int64_t> open = store().AddReport(MakeReport(held.id, "r1", kT0 + 10));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 1);
  open = store().AddReport(MakeReport(held.id, "r2", kT0 + 11));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));  // approved as is
  EXPECT_EQ(CountOf(t.id), 1);
  Result<std::vector<Report>> reports = store().ListReports(held.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_TRUE((*reports)[0].resolved);
  EXPECT_TRUE((*reports)[1].resolved);
  open = store().AddReport(MakeReport(held.id, "r3", kT0 + 12));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 1);  // only the new one is open
  // SetCommentStatus (an author's own deletion) resolves nothing.
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(t.id), 0);
  CommentQuery q = Sites({"a"});
  q.reported_only = true;
  EXPECT_THAT(WalkIds(q), ElementsAre(held.id));
}

TEST_P(QueueTest, ReportsAreOnePerReaderAndCountedUntilResolved) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment c = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment quiet = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment other = Add(t.id, kT0 + 2, CommentStatus::kHeld, "C", "z");

  Report first = MakeReport(c.id, "reader-1", kT0 + 20, ReportReason::kHate);
  first.note = "";
  ASSERT_OK(store().AddReport(first));
  Result<std::int64_t> open = store().AddReport(MakeReport(c.id, "reader-2", kT0 + 10));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "reader-1", kT0 + 30)).error(),
            Error::kAlreadyReported);
  ASSERT_OK(store().AddReport(MakeReport(other.id, "reader-1", kT0 + 30)));  // another comment
  EXPECT_EQ(store().AddReport(MakeReport(c.id + 1000, "reader-9", kT0)).error(),
            Error::kUnknownComment);
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "", kT0)).error(), Error::kInvalidArgument);

  Result<std::vector<Report>> reports = store().ListReports(c.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);  // oldest first
  EXPECT_EQ((*reports)[0].reporter_hash, "reader-2");
  EXPECT_EQ((*reports)[0].reason, ReportReason::kSpam);
  EXPECT_EQ((*reports)[0].note, "pub déguisée");
  EXPECT_EQ((*reports)[0].created_at, kT0 + 10);
  EXPECT_EQ((*reports)[0].comment_id, c.id);
  EXPECT_FALSE((*reports)[0].resolved);
  EXPECT_GT((*reports)[0].id, 0);
  EXPECT_EQ((*reports)[1].reporter_hash, "reader-1");
  EXPECT_EQ((*reports)[1].reason, ReportReason::kHate);
  EXPECT_EQ((*reports)[1].note, "");
  Result<std::vector<Report>> none = store().ListReports(quiet.id);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());

  // The queue counts open reports and can show only reported comments.
  CommentQuery q = Sites({"a"});
  std::vector<Comment> listed = Walk(q);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, other.id);
  EXPECT_EQ(listed[0].open_reports, 1);
  EXPECT_EQ(listed[1].id, quiet.id);
  EXPECT_EQ(listed[1].open_reports, 0);
  EXPECT_EQ(listed[2].id, c.id);
  EXPECT_EQ(listed[2].open_reports, 2);
  q.reported_only = true;
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id, c.id));
  q.status = CommentStatus::kPublished;
  EXPECT_THAT(WalkIds(q), ElementsAre(c.id));

  ASSERT_OK(store().ModerateComment(c.id, CommentStatus::kPublished));
  q.status.reset();
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id));
  // A reader who reported before the decision still cannot report twice.
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "reader-2", kT0 + 40)).error(),
            Error::kAlreadyReported);
}

TEST_P(QueueTest, AReaderIsOneClientAndOneBrowserForReportsToo) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment c = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Report first = MakeReport(c.id, "client-1", kT0);
  first.range_hash = "range-1";
  first.token_hash = "browser-1";
  ASSERT_OK(store().AddReport(first));
  // The same browser from another client is the same reader.
  Report same_browser = MakeReport(c.id, "client-2", kT0 + 1);
  same_browser.token_hash = "browser-1";
  EXPECT_EQ(store().AddReport(same_browser).error(), Error::kAlreadyReported);
  // Another client of the same range with another browser is another reader.
  Report neighbour = MakeReport(c.id, "client-3", kT0 + 2);
  neighbour.range_hash = "range-1";
  neighbour.token_hash = "browser-3";
  Result<std::int64_t> open = store().AddReport(neighbour);
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  Result<std::vector<Report>> reports = store().ListReports(c.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].range_hash, "range-1");
  EXPECT_EQ((*reports)[0].token_hash, "browser-1");
  EXPECT_EQ((*reports)[0].outcome, ReportOutcome::kNone);
  EXPECT_FALSE((*reports)[0].burst);
}

TEST_P(QueueTest, ModeratorsDecisionsAreTheReportersRecord) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment bad1 = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment bad2 = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment fine = Add(t.id, kT0 + 2, CommentStatus::kPublished, "C", "z");
  Comment target = Add(t.id, kT0 + 3, CommentStatus::kPublished, "D", "w");
  for (const Comment& c : {bad1, bad2, fine}) {
    ASSERT_OK(store().AddReport(MakeReport(c.id, "careful", kT0 + 10)));
    ASSERT_OK(store().AddReport(MakeReport(c.id, "zealous", kT0 + 10)));
  }
  ASSERT_OK(store().ModerateComment(bad1.id, CommentStatus::kRejected));
  ASSERT_OK(store().ModerateComment(bad2.id, CommentStatus::kHeld));
  ASSERT_OK(store().ModerateComment(fine.id, CommentStatus::kPublished));
  Result<std::vector<Report>> decided = store().ListReports(bad1.id);
  ASSERT_OK(decided);
  EXPECT_EQ((*decided)[0].outcome, ReportOutcome::kUpheld);
  decided = store().ListReports(fine.id);
  ASSERT_OK(decided);
  EXPECT_EQ((*decided)[0].outcome, ReportOutcome::kDismissed);
  EXPECT_TRUE((*decided)[0].resolved);

  Report burst = MakeReport(target.id, "careful", kT0 + 20);
  burst.range_hash = "range-c";
  burst.burst = true;
  ASSERT_OK(store().AddReport(burst));
  ASSERT_OK(store().AddReport(MakeReport(target.id, "newcomer", kT0 + 21)));
  Result<std::vector<OpenReport>> open = store().ListOpenReports(target.id);
  ASSERT_OK(open);
  ASSERT_EQ(open->size(), 2u);  // oldest first
  EXPECT_EQ((*open)[0].reporter_hash, "careful");
  EXPECT_EQ((*open)[0].range_hash, "range-c");
  EXPECT_EQ((*open)[0].created_at, kT0 + 20);
  EXPECT_TRUE((*open)[0].burst);
  EXPECT_EQ((*open)[0].upheld, 2);
  EXPECT_EQ((*open)[0].dismissed, 1);
  EXPECT_EQ((*open)[1].reporter_hash, "newcomer");
  EXPECT_EQ((*open)[1].upheld, 0);
  EXPECT_EQ((*open)[1].dismissed, 0);
  EXPECT_FALSE((*open)[1].burst);
  // Resolved reports are no longer open.
  open = store().ListOpenReports(bad1.id);
  ASSERT_OK(open);
  EXPECT_THAT(*open, IsEmpty());
}

TEST_P(QueueTest, RecentReportsAndOpenBurstsOfSomeSites) {
  AddSite("a");
  AddSite("b");
  Thread ta = AddThread("a", "1");
  Thread tb = AddThread("b", "1");
  Comment a1 = Add(ta.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment a2 = Add(ta.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment b1 = Add(tb.id, kT0 + 2, CommentStatus::kPublished, "C", "z");
  ASSERT_OK(store().AddReport(MakeReport(a1.id, "client-1", kT0 + 100)));
  ASSERT_OK(store().AddReport(MakeReport(a2.id, "client-1", kT0 + 200)));
  ASSERT_OK(store().AddReport(MakeReport(b1.id, "client-1", kT0 + 300)));
  Result<RecentActions> recent = store().RecentReports("client-1", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 2);
  EXPECT_EQ(recent->oldest, kT0 + 200);
  recent = store().RecentReports("client-2", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 0);
  EXPECT_EQ(recent->oldest, 0);

  const std::vector<std::string> a = {"a"};
  const std::vector<std::string> ab = {"a", "b"};
  Result<std::int64_t> bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 0);
  for (const char* client : {"client-2", "client-3"}) {
    Report r = MakeReport(a1.id, client, kT0 + 400);
    r.burst = true;
    ASSERT_OK(store().AddReport(r));
  }
  Report rb = MakeReport(b1.id, "client-2", kT0 + 400);
  rb.burst = true;
  ASSERT_OK(store().AddReport(rb));
  bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 2);  // comments, not reports
  bursts = store().CountReportBursts(a);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 1);
  bursts = store().CountReportBursts(std::vector<std::string>{});
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 0);
  // A moderator's decision closes the burst.
  ASSERT_OK(store().ModerateComment(a1.id, CommentStatus::kPublished));
  bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 1);
}

// --- API keys ---------------------------------------------------------------------------------

TEST_P(StoreTest, ApiKeysAreCreatedFoundByHashListedAndRemoved) {
  AddSite("a");
  AddSite("b");
  ApiKey key;
  key.site_id = "a";
  key.name = "CMS";
  key.key_hash = "hash-1";
  key.hint = "plb_abcd";
  key.per_minute = 30;
  key.created_at = kT0;
  Result<ApiKey> one = store().CreateApiKey(key);
  ASSERT_OK(one);
  EXPECT_GT(one->id, 0);
  key.name = "Outil";
  key.key_hash = "hash-2";
  key.per_minute = 60;
  Result<ApiKey> two = store().CreateApiKey(key);
  ASSERT_OK(two);
  EXPECT_GT(two->id, one->id);
  key.site_id = "b";
  key.key_hash = "hash-3";
  ASSERT_OK(store().CreateApiKey(key));

  Result<ApiKey> found = store().FindApiKey("hash-1");
  ASSERT_OK(found);
  EXPECT_EQ(found->id, one->id);
  EXPECT_EQ(found->site_id, "a");
  EXPECT_EQ(found->name, "CMS");
  EXPECT_EQ(found->hint, "plb_abcd");
  EXPECT_EQ(found->per_minute, 30);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(store().FindApiKey("hash-9").error(), Error::kUnknownApiKey);
  Result<std::vector<ApiKey>> listed = store().ListApiKeys("a");
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "CMS");
  EXPECT_EQ((*listed)[1].name, "Outil");

  // A key is removed from its own site only.
  EXPECT_EQ(store().RemoveApiKey("b", one->id).error(), Error::kUnknownApiKey);
  ASSERT_OK(store().RemoveApiKey("a", one->id));
  EXPECT_EQ(store().FindApiKey("hash-1").error(), Error::kUnknownApiKey);
  EXPECT_EQ(store().RemoveApiKey("a", one->id).error(), Error::kUnknownApiKey);

  key.site_id = "nowhere";
  key.key_hash = "hash-4";
  EXPECT_EQ(store().CreateApiKey(key).error(), Error::kUnknownSite);
  key.site_id = "a";
  key.key_hash = "";
  EXPECT_EQ(store().CreateApiKey(key).error(), Error::kInvalidArgument);
  // A site's keys go with it.
  ASSERT_OK(store().RemoveSite("a"));
  EXPECT_EQ(store().FindApiKey("hash-2").error(), Error::kUnknownApiKey);
  EXPECT_OK(store().FindApiKey("hash-3"));
}

// --- Issue 6: author history and facts --------------------------------------------------------

TEST_P(QueueTest, AuthorHistoryCountsByNameOrClientHashOnOneSite) {
  AddSite("a");
  AddSite("b");
  Thread t = AddThread("a", "1");
  Thread other_site = AddThread("b", "1");
  auto add = [&](ThreadId thread, std::string author, std::string client, CommentStatus status) {
    Comment c = NewComment(thread, std::nullopt, kT0, status);
    c.author = std::move(author);
    c.client_hash = std::move(client);
    ASSERT_OK(store().InsertComment(c));
  };
  add(t.id, "Awa", "h1", CommentStatus::kPublished);
  add(t.id, "Awa", "h2", CommentStatus::kPublished);
  add(t.id, "Awa", "", CommentStatus::kHeld);
  add(t.id, "Autre", "h1", CommentStatus::kRejected);  // same client, another name
  add(t.id, "Autre", "h9", CommentStatus::kDeleted);   // neither
  add(t.id, "Anonyme", "", CommentStatus::kRejected);  // empty hash matches nothing
  add(other_site.id, "Awa", "h1", CommentStatus::kRejected);

  Result<AuthorHistory> h = store().GetAuthorHistory("a", "Awa", "h1");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 2);
  EXPECT_EQ(h->held, 1);
  EXPECT_EQ(h->rejected, 1);
  EXPECT_EQ(h->deleted, 0);

  h = store().GetAuthorHistory("a", "Awa", "");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 2);
  EXPECT_EQ(h->held, 1);
  EXPECT_EQ(h->rejected, 0);

  h = store().GetAuthorHistory("a", "Personne", "h9");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 0);
  EXPECT_EQ(h->deleted, 1);

  h = store().GetAuthorHistory("a", "", "");
  ASSERT_OK(h);
  EXPECT_EQ(h->published + h->held + h->rejected + h->deleted, 0);
}

TEST_P(QueueTest, CommentFactsAreTheSitesCommentsOfAHalfOpenRangeOldestFirst) {
  AddSite("a");
  AddSite("b");
  Thread t = AddThread("a", "1");
  Thread u = AddThread("a", "2");
  Thread other = AddThread("b", "1");
  Add(t.id, kT0 - 1, CommentStatus::kPublished, "A", "x");
  Comment first = Add(t.id, kT0, CommentStatus::kHeld, "A", "x", {"spam"});
  Comment second = Add(u.id, kT0 + 5, CommentStatus::kRejected, "A", "x");
  Comment third = Add(t.id, kT0 + 5, CommentStatus::kDeleted, "A", "x");
  Add(t.id, kT0 + 10, CommentStatus::kPublished, "A", "x");  // until is excluded
  Add(other.id, kT0 + 1, CommentStatus::kPublished, "A", "x");

  Result<std::vector<CommentFact>> facts = store().ListCommentFacts("a", kT0, kT0 + 10);
  ASSERT_OK(facts);
  ASSERT_EQ(facts->size(), 3u);
  EXPECT_EQ((*facts)[0].id, first.id);
  EXPECT_EQ((*facts)[0].status, CommentStatus::kHeld);
  EXPECT_EQ((*facts)[0].created_at, kT0);
  EXPECT_EQ((*facts)[0].moderation, ModerationJson({"spam"}));
  EXPECT_EQ((*facts)[1].id, second.id);
  EXPECT_EQ((*facts)[1].status, CommentStatus::kRejected);
  EXPECT_EQ((*facts)[2].id, third.id);
  EXPECT_EQ((*facts)[2].status, CommentStatus::kDeleted);

  Result<std::vector<CommentFact>> empty = store().ListCommentFacts("a", kT0 + 20, kT0 + 30);
  ASSERT_OK(empty);
  EXPECT_THAT(*empty, IsEmpty());
}

// --- Issue 6: bans ----------------------------------------------------------------------------

Ban MakeBan(std::string site, std::string author, std::string client, std::string email,
            TimestampMs created_at, TimestampMs expires_at) {
  Ban ban;
  ban.site_id = std::move(site);
  ban.author_folded = std::move(author);
  ban.client_hash = std::move(client);
  ban.email_hash = std::move(email);
  ban.reason = "insultes répétées";
  ban.created_by = 7;
  ban.created_at = created_at;
  ban.expires_at = expires_at;
  return ban;
}

std::vector<BanId> BanIds(const std::vector<Ban>& bans) {
  std::vector<BanId> out;
  for (const Ban& b : bans) out.push_back(b.id);
  return out;
}

TEST_P(StoreTest, BansAreAddedListedNewestFirstUntilTheyExpireAndRemoved) {
  AddSite("a");
  AddSite("b");
  Result<Ban> forever = store().AddBan(MakeBan("a", "awa", "", "", kT0, 0));
  ASSERT_OK(forever);
  EXPECT_GT(forever->id, 0);
  Result<Ban> short_ban = store().AddBan(MakeBan("a", "", "h1", "", kT0 + 1, kT0 + 100));
  ASSERT_OK(short_ban);
  Result<Ban> other = store().AddBan(MakeBan("b", "awa", "", "", kT0 + 2, 0));
  ASSERT_OK(other);
  EXPECT_EQ(store().AddBan(MakeBan("absent", "awa", "", "", kT0, 0)).error(), Error::kUnknownSite);
  EXPECT_EQ(store().AddBan(MakeBan("a", "", "", "", kT0, 0)).error(), Error::kInvalidArgument);

  Result<std::vector<Ban>> bans = store().ListBans("a", kT0 + 50);
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(short_ban->id, forever->id));
  bans = store().ListBans("a", kT0 + 100);  // the short ban expired at its expiry time
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(forever->id));

  Result<Ban> got = store().GetBan(short_ban->id);  // expired bans can still be read
  ASSERT_OK(got);
  EXPECT_EQ(got->site_id, "a");
  EXPECT_EQ(got->author_folded, "");
  EXPECT_EQ(got->client_hash, "h1");
  EXPECT_EQ(got->email_hash, "");
  EXPECT_EQ(got->reason, "insultes répétées");
  EXPECT_EQ(got->created_by, 7);
  EXPECT_EQ(got->created_at, kT0 + 1);
  EXPECT_EQ(got->expires_at, kT0 + 100);

  ASSERT_OK(store().RemoveBan(forever->id));
  EXPECT_EQ(store().GetBan(forever->id).error(), Error::kUnknownBan);
  EXPECT_EQ(store().RemoveBan(forever->id).error(), Error::kUnknownBan);
  bans = store().ListBans("a", kT0);
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(short_ban->id));

  // A removed site takes its bans with it.
  ASSERT_OK(store().RemoveSite("b"));
  EXPECT_EQ(store().GetBan(other->id).error(), Error::kUnknownBan);
}

TEST_P(StoreTest, FindBanMatchesOnEachNonEmptyFieldOfAnActiveBanOfTheSite) {
  AddSite("a");
  AddSite("b");
  Result<Ban> by_name = store().AddBan(MakeBan("a", "awa", "", "", kT0, 0));
  ASSERT_OK(by_name);
  Result<Ban> by_client = store().AddBan(MakeBan("a", "", "client-1", "", kT0, kT0 + 100));
  ASSERT_OK(by_client);
  Result<Ban> by_email = store().AddBan(MakeBan("a", "", "", "mail-1", kT0, 0));
  ASSERT_OK(by_email);
  ASSERT_OK(store().AddBan(MakeBan("b", "moussa", "client-2", "mail-2", kT0, 0)));

  auto find = [&](std::string_view site, std::string_view name, std::string_view client,
                  std::string_view email, TimestampMs now) -> std::optional<BanId> {
    Result<std::optional<Ban>> found = store().FindBan(site, name, client, email, now);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (!found.ok() || !found->has_value()) return std::nullopt;
    return (*found)->id;
  };
  EXPECT_EQ(find("a", "awa", "", "", kT0), by_name->id);
  EXPECT_EQ(find("a", "awa", "other", "other", kT0), by_name->id);
  EXPECT_EQ(find("a", "", "client-1", "", kT0 + 99), by_client->id);
  EXPECT_EQ(find("a", "", "client-1", "", kT0 + 100), std::nullopt);  // expired
  EXPECT_EQ(find("a", "fatou", "x", "mail-1", kT0), by_email->id);
  EXPECT_EQ(find("a", "fatou", "x", "y", kT0), std::nullopt);
  // Empty arguments never match a ban's empty fields.
  EXPECT_EQ(find("a", "", "", "", kT0), std::nullopt);
  // Bans are per site.
  EXPECT_EQ(find("b", "awa", "client-1", "mail-1", kT0), std::nullopt);
  EXPECT_EQ(find("a", "moussa", "client-2", "mail-2", kT0), std::nullopt);
  Result<std::optional<Ban>> full = store().FindBan("b", "", "client-2", "", kT0);
  ASSERT_OK(full);
  ASSERT_TRUE(full->has_value());
  EXPECT_EQ((*full)->author_folded, "moussa");
  EXPECT_EQ((*full)->email_hash, "mail-2");
}

// --- Issue 6: audit log -----------------------------------------------------------------------

AuditEntry MakeAudit(std::string site, std::string action, TimestampMs at) {
  AuditEntry e;
  e.site_id = std::move(site);
  e.user_id = 3;
  e.user_email = "mod@example.sn";
  e.action = std::move(action);
  e.reason = "spam";
  e.detail = R"({"note":"x"})";
  e.response_ms = 1234;
  e.at = at;
  return e;
}

TEST_P(StoreTest, AuditIsListedNewestFirstPageByPage) {
  AddSite("a");
  AddSite("b");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    AuditEntry e = MakeAudit("a", i % 2 == 0 ? "approve" : "reject", kT0 + i);
    if (i == 3) e.comment_id = 42;
    Result<AuditEntry> appended = store().AppendAudit(e);
    ASSERT_OK(appended);
    EXPECT_GT(appended->id, 0);
    ids.push_back(appended->id);
    ASSERT_OK(store().AppendAudit(MakeAudit("b", "ban", kT0 + i)));  // interleaved
  }
  EXPECT_EQ(store().AppendAudit(MakeAudit("absent", "ban", kT0)).error(), Error::kUnknownSite);

  std::vector<std::int64_t> newest(ids.rbegin(), ids.rend());
  std::vector<std::int64_t> walked;
  std::int64_t before = 0;
  for (int pages = 0; pages < 10; ++pages) {
    Result<std::vector<AuditEntry>> page = store().ListAudit("a", before, 3);
    ASSERT_OK(page);
    EXPECT_LE(page->size(), 3u);
    if (page->empty()) break;
    for (const AuditEntry& e : *page) {
      EXPECT_EQ(e.site_id, "a");
      walked.push_back(e.id);
    }
    before = page->back().id;
  }
  EXPECT_THAT(walked, ElementsAreArray(newest));

  Result<std::vector<AuditEntry>> all = store().ListAudit("a", 0, 100);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 7u);
  const AuditEntry& e = (*all)[3];  // the fourth from the end: i == 3
  EXPECT_EQ(e.id, ids[3]);
  EXPECT_EQ(e.user_id, 3);
  EXPECT_EQ(e.user_email, "mod@example.sn");
  EXPECT_EQ(e.action, "reject");
  EXPECT_EQ(e.comment_id, std::optional<CommentId>(42));
  EXPECT_EQ(e.reason, "spam");
  EXPECT_EQ(e.detail, R"({"note":"x"})");
  EXPECT_EQ(e.response_ms, 1234);
  EXPECT_EQ(e.at, kT0 + 3);
  EXPECT_EQ((*all)[0].comment_id, std::nullopt);

  Result<std::vector<AuditEntry>> clamped = store().ListAudit("a", 0, 0);  // limit 1 at least
  ASSERT_OK(clamped);
  EXPECT_EQ(clamped->size(), 1u);
  Result<std::vector<AuditEntry>> none = store().ListAudit("absent", 0, 10);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

// --- Issue 6: GDPR ----------------------------------------------------------------------------

TEST_P(QueueTest, CommentsByEmailAreFoundWhateverTheCaseAcrossSitesAndStatuses) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  auto add = [&](ThreadId thread, TimestampMs at, std::string email, CommentStatus status) {
    Comment c = NewComment(thread, std::nullopt, at, status);
    c.email = std::move(email);
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? inserted->id : 0;
  };
  CommentId second = add(b.id, kT0 + 2, "Awa@Example.SN", CommentStatus::kHeld);
  CommentId first = add(a.id, kT0 + 1, "awa@example.sn", CommentStatus::kPublished);
  CommentId third = add(a.id, kT0 + 3, "AWA@EXAMPLE.SN", CommentStatus::kRejected);
  add(a.id, kT0 + 4, "awa@example.sn.evil", CommentStatus::kPublished);
  add(a.id, kT0 + 5, "", CommentStatus::kPublished);

  Result<std::vector<Comment>> found = store().ListCommentsByEmail("awa@EXAMPLE.sn");
  ASSERT_OK(found);
  EXPECT_THAT(Ids(*found), ElementsAre(first, second, third));
  EXPECT_EQ((*found)[1].email, "Awa@Example.SN");  // as written
  Result<std::vector<Comment>> nobody = store().ListCommentsByEmail("");
  ASSERT_OK(nobody);
  EXPECT_THAT(*nobody, IsEmpty());
  Result<std::vector<Comment>> wild = store().ListCommentsByEmail("%");
  ASSERT_OK(wild);
  EXPECT_THAT(*wild, IsEmpty());
}

TEST_P(QueueTest, EraseCommentsByEmailEmptiesPersonalDataAndKeepsCountsAndPlaces) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  auto add = [&](ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
                 std::string email, CommentStatus status) {
    Comment c = NewComment(thread, parent, at, status);
    c.email = std::move(email);
    c.client_hash = "client";
    c.edit_token_hash = "token";
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  Comment root = add(a.id, std::nullopt, kT0, "awa@example.sn", CommentStatus::kPublished);
  Comment reply = add(a.id, root.id, kT0 + 1, "moussa@example.sn", CommentStatus::kPublished);
  Comment held = add(a.id, std::nullopt, kT0 + 2, "Awa@example.sn", CommentStatus::kHeld);
  Comment elsewhere = add(b.id, std::nullopt, kT0 + 3, "awa@example.sn", CommentStatus::kPublished);
  Comment kept = add(b.id, std::nullopt, kT0 + 4, "fatou@example.sn", CommentStatus::kPublished);
  EXPECT_EQ(CountOf(a.id), 2);
  EXPECT_EQ(CountOf(b.id), 2);

  Result<std::int64_t> erased = store().EraseCommentsByEmail("AWA@example.sn");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 3);
  EXPECT_EQ(CountOf(a.id), 1);  // the reply
  EXPECT_EQ(CountOf(b.id), 1);
  for (CommentId id : {root.id, held.id, elsewhere.id}) {
    Result<Comment> c = store().GetComment(id);
    ASSERT_OK(c);
    EXPECT_EQ(c->status, CommentStatus::kDeleted);
    EXPECT_EQ(c->text, "");
    EXPECT_EQ(c->html, "");
    EXPECT_EQ(c->author, "");
    EXPECT_EQ(c->email, "");
    EXPECT_EQ(c->client_hash, "");
    EXPECT_EQ(c->edit_token_hash, "");
  }
  Result<Comment> untouched = store().GetComment(kept.id);
  ASSERT_OK(untouched);
  EXPECT_EQ(untouched->email, "fatou@example.sn");
  EXPECT_EQ(untouched->text, kept.text);
  // The reply keeps its place under its erased root, a tombstone (so is the erased held
  // comment: every erased comment is a deleted one).
  std::vector<Comment> top = WalkTopLevel(a.id, Sort::kOldest, 10);
  EXPECT_THAT(Ids(top), ElementsAre(root.id, held.id));
  std::vector<CommentId> roots = {root.id};
  Result<std::vector<Comment>> replies = store().ListReplies(a.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(reply.id));

  Result<std::vector<Comment>> left = store().ListCommentsByEmail("awa@example.sn");
  ASSERT_OK(left);
  EXPECT_THAT(*left, IsEmpty());
  erased = store().EraseCommentsByEmail("awa@example.sn");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 0);
  erased = store().EraseCommentsByEmail("");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 0);
  EXPECT_EQ(CountOf(b.id), 1);
}

TEST_P(QueueTest, PurgeEmptiesOldEmailsClientHashesAndReporterHashes) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  auto add = [&](TimestampMs at, std::string email, std::string client) {
    Comment c = NewComment(t.id, std::nullopt, at);
    c.email = std::move(email);
    c.client_hash = std::move(client);
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  Comment old1 = add(kT0, "awa@example.sn", "h1");
  Comment old2 = add(kT0 + 1, "", "h2");
  Comment old3 = add(kT0 + 2, "", "");  // nothing to purge
  Comment recent = add(kT0 + 10, "moussa@example.sn", "h3");
  Report r1 = MakeReport(old1.id, "r1", kT0 + 3);
  r1.range_hash = "range-1";
  r1.token_hash = "browser-1";
  ASSERT_OK(store().AddReport(r1));
  ASSERT_OK(store().AddReport(MakeReport(old1.id, "r2", kT0 + 4)));
  Report r3 = MakeReport(old1.id, "r3", kT0 + 20);
  r3.range_hash = "range-3";
  r3.token_hash = "browser-3";
  ASSERT_OK(store().AddReport(r3));

  Result<std::int64_t> purged = store().PurgePersonalData(kT0 + 10);
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 2);
  for (CommentId id : {old1.id, old2.id, old3.id}) {
    Result<Comment> c = store().GetComment(id);
    ASSERT_OK(c);
    EXPECT_EQ(c->email, "");
    EXPECT_EQ(c->client_hash, "");
    EXPECT_EQ(c->status, CommentStatus::kPublished);
    EXPECT_EQ(c->text, "Bonjour à tous");
  }
  Result<Comment> kept = store().GetComment(recent.id);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->email, "moussa@example.sn");
  EXPECT_EQ(kept->client_hash, "h3");
  Result<std::vector<Report>> reports = store().ListReports(old1.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 3u);
  EXPECT_EQ((*reports)[0].reporter_hash, "");
  EXPECT_EQ((*reports)[0].range_hash, "");
  EXPECT_EQ((*reports)[0].token_hash, "");
  EXPECT_EQ((*reports)[1].reporter_hash, "");
  EXPECT_EQ((*reports)[2].reporter_hash, "r3");
  EXPECT_EQ((*reports)[2].range_hash, "range-3");
  EXPECT_EQ((*reports)[2].token_hash, "browser-3");
  EXPECT_FALSE((*reports)[0].resolved);  // still counted
  purged = store().PurgePersonalData(kT0 + 10);
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 0);
  // A purged reader may report again (nobody knows them any more), browser included.
  Result<std::int64_t> open = store().AddReport(r1);
  ASSERT_OK(open);
  EXPECT_EQ(*open, 4);
}

// --- Concurrency ------------------------------------------------------------------------------

TEST_P(StoreTest, ConcurrentInsertsStatusChangesAndReadsKeepTheCountExact) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 200;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::vector<CommentId>> ids(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::optional<CommentId> last;
      for (int i = 0; i < kPerWriter; ++i) {
        // Every third comment answers the writer's previous one.
        Comment in = NewComment(thread.id, i % 3 == 2 ? last : std::nullopt, kT0 + i);
        Result<Comment> c = store().InsertComment(in);
        if (!c.ok()) {
          ++failures;
          continue;
        }
        ids[w].push_back(c->id);
        last = c->id;
      }
    });
  }
  // Readers list the thread meanwhile.
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      while (writing.load()) {
        Result<TopLevelPage> page =
            store().ListTopLevel(thread.id, Sort::kNewest, std::nullopt, 20);
        if (!page.ok()) ++failures;
        std::vector<std::string> keys = {"k"};
        if (!store().CountComments("s", keys).ok()) ++failures;
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  writing.store(false);
  for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  threads.clear();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(CountOf(thread.id), kWriters * kPerWriter);
  std::set<CommentId> distinct;
  for (const auto& list : ids) distinct.insert(list.begin(), list.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kWriters * kPerWriter));

  // Each writer deletes the first 50 of its comments, concurrently.
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        if (!store().SetCommentStatus(ids[w][i], CommentStatus::kDeleted).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountOf(thread.id), kWriters * (kPerWriter - 50));
}

TEST_P(QueueTest, AutoRejectedCommentsAreKeptApartAndDeletedPastTheirCutoff) {
  AddSite("a");
  AddSite("b");
  const Thread thread = AddThread("a", "k");
  const Thread other = AddThread("b", "k");
  const Comment shown = Post(thread.id, std::nullopt, kT0);
  const Comment by_moderator = Add(thread.id, kT0 + 1, CommentStatus::kRejected, "Modou", "non");
  auto pipeline = [&](ThreadId t, TimestampMs at) {
    Comment c = NewComment(t, std::nullopt, at, CommentStatus::kRejected);
    c.auto_rejected = true;
    c.moderation = ModerationJson({"banned_word"});
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  const Comment old = pipeline(thread.id, kT0 + 2);
  const Comment recent = pipeline(thread.id, kT0 + 10);
  const Comment elsewhere = pipeline(other.id, kT0 + 2);
  EXPECT_TRUE(old.auto_rejected);
  EXPECT_FALSE(shown.auto_rejected);
  Result<Comment> read = store().GetComment(old.id);
  ASSERT_OK(read);
  EXPECT_TRUE(read->auto_rejected);
  EXPECT_EQ(read->status, CommentStatus::kRejected);
  // Never listed to readers nor counted.
  EXPECT_EQ(CountOf(thread.id), 1);
  Result<TopLevelPage> top = store().ListTopLevel(thread.id, Sort::kOldest, std::nullopt, 10);
  ASSERT_OK(top);
  EXPECT_THAT(Ids(top->comments), ElementsAre(shown.id));

  CommentQuery q;
  q.site_ids = {"a"};
  q.status = CommentStatus::kRejected;
  q.auto_rejected = true;
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(recent.id, old.id));
  q.auto_rejected = false;
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(by_moderator.id));
  q.auto_rejected.reset();
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(recent.id, old.id, by_moderator.id));

  // Published by a moderator (a false positive) then answered: kept even if rejected again.
  const Comment answered = pipeline(thread.id, kT0 + 3);
  ASSERT_OK(store().ModerateComment(answered.id, CommentStatus::kPublished));
  Post(thread.id, answered.id, kT0 + 20);
  ASSERT_OK(store().ModerateComment(answered.id, CommentStatus::kRejected));

  Result<std::int64_t> deleted = store().DeleteAutoRejected("a", kT0 + 10);
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 1);  // old; not recent (at the cutoff), nor the moderator's, nor answered
  EXPECT_EQ(store().GetComment(old.id).error(), Error::kUnknownComment);
  EXPECT_OK(store().GetComment(recent.id));
  EXPECT_OK(store().GetComment(by_moderator.id));
  EXPECT_OK(store().GetComment(answered.id));
  EXPECT_OK(store().GetComment(elsewhere.id));  // another site
  Result<std::int64_t> none = store().DeleteAutoRejected("absent", kT0 + 100);
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
  EXPECT_EQ(CountOf(thread.id), 2);
}

TEST_P(StoreTest, ACommentsAuditIsListedNewestFirst) {
  AddSite("a");
  AddSite("b");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    AuditEntry e = MakeAudit(i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "approve" : "reject", kT0 + i);
    e.comment_id = i < 4 ? 7 : 8;
    Result<AuditEntry> appended = store().AppendAudit(e);
    ASSERT_OK(appended);
    ids.push_back(appended->id);
  }
  ASSERT_OK(store().AppendAudit(MakeAudit("a", "settings", kT0 + 9)));  // about no comment
  Result<std::vector<AuditEntry>> of7 = store().ListCommentAudit(7, 10);
  ASSERT_OK(of7);
  std::vector<std::int64_t> got;
  for (const AuditEntry& e : *of7) got.push_back(e.id);
  EXPECT_THAT(got, ElementsAre(ids[3], ids[2], ids[1], ids[0]));
  EXPECT_EQ((*of7)[0].action, "reject");
  EXPECT_EQ((*of7)[0].user_email, "mod@example.sn");
  Result<std::vector<AuditEntry>> last = store().ListCommentAudit(7, 1);
  ASSERT_OK(last);
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0].id, ids[3]);
  Result<std::vector<AuditEntry>> none = store().ListCommentAudit(99, 10);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Backends, PaginationTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Backends, QueueTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace palabre::store
