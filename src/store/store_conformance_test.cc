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
  ASSERT_OK(store().Vote(root.id, "voter", 1, kT0 + 2));
  Comment kept = Post(kept_thread.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(kept.id, "voter", 1, kT0 + 2));

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
  Result<Comment> voted = store().Vote(again.id, "voter", 1, kT0 + 11);
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
  ASSERT_OK(store().Vote(last.id, "voter", 1, kT0));
  ASSERT_OK(store().RemoveSite("gone"));

  AddSite("new");
  Thread new_thread = AddThread("new", "k");
  EXPECT_GT(new_thread.id, gone_thread.id);
  Comment fresh = Post(new_thread.id, std::nullopt, kT0);
  EXPECT_GT(fresh.id, last.id);
  Result<Comment> voted = store().Vote(fresh.id, "voter", 1, kT0);  // no vote left behind
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
    ASSERT_OK(store().Vote(expected_[7].id, "v1", 1, kT0));
    ASSERT_OK(store().Vote(expected_[7].id, "v2", 1, kT0));
    ASSERT_OK(store().Vote(expected_[30].id, "v1", -1, kT0));
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

  Result<Comment> up = store().Vote(c.id, "voter-a", 1, kT0 + 1);
  ASSERT_OK(up);
  EXPECT_EQ(up->upvotes, 1);
  EXPECT_EQ(up->downvotes, 0);
  EXPECT_EQ(up->score(), 1);

  EXPECT_EQ(store().Vote(c.id, "voter-a", 1, kT0 + 2).error(), Error::kAlreadyVoted);
  Result<Comment> unchanged = store().GetComment(c.id);
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->upvotes, 1);

  Result<Comment> down = store().Vote(c.id, "voter-a", -1, kT0 + 3);
  ASSERT_OK(down);
  EXPECT_EQ(down->upvotes, 0);
  EXPECT_EQ(down->downvotes, 1);
  EXPECT_EQ(store().Vote(c.id, "voter-a", -1, kT0 + 4).error(), Error::kAlreadyVoted);

  Result<Comment> other = store().Vote(c.id, "voter-b", 1, kT0 + 5);
  ASSERT_OK(other);
  EXPECT_EQ(other->upvotes, 1);
  EXPECT_EQ(other->downvotes, 1);
  EXPECT_EQ(other->score(), 0);

  Result<Comment> back_up = store().Vote(c.id, "voter-a", 1, kT0 + 6);
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
  ASSERT_OK(store().Vote(a.id, "v", 1, kT0 + 2));
  Result<TopLevelPage> page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(a.id, b.id));
  ASSERT_OK(store().Vote(a.id, "v", -1, kT0 + 3));
  page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(b.id, a.id));
}

TEST_P(StoreTest, VoteOnUnknownCommentIsUnknownComment) {
  EXPECT_EQ(store().Vote(424242, "v", 1, kT0).error(), Error::kUnknownComment);
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

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Backends, PaginationTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace palabre::store
