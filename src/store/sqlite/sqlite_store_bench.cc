// Micro-benchmarks of SqliteStore on the shapes the server sees: a 1,000-comment thread where
// every fifth comment answers the previous one, first pages with their replies, posts, counts.
//
//   ninja -C build palabre_store_bench && build/store/palabre_store_bench
//
// Targets (server on 2 cores, response cache above the store): a first page with replies well
// under 5 ms cold, >= 2,000 sequential posts/s.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace palabre::store::sqlite {
namespace {

constexpr TimestampMs kT0 = 1'700'000'000'000;
constexpr int kThreadSize = 1000;
constexpr int kPage = 20;

Comment NewComment(ThreadId thread, std::optional<CommentId> parent, TimestampMs at) {
  Comment c;
  c.thread_id = thread;
  c.parent_id = parent;
  c.author = "Ousmane Sow";
  c.email = "ousmane@example.sn";
  c.text =
      "Je ne suis pas d'accord avec l'auteur : la situation à Dakar est plus nuancée, "
      "et les chiffres cités datent de l'an dernier.";
  c.html =
      "<p>Je ne suis pas d'accord avec l'auteur : la situation à Dakar est plus nuancée, "
      "et les chiffres cités datent de l'an dernier.</p>";
  c.created_at = at;
  c.edit_token_hash = std::string(64, 'a');
  c.client_hash = std::string(64, 'b');
  c.moderation = R"({"action":"pass","reasons":[]})";
  return c;
}

// One database for the whole run: a site, the big thread, ten small ones, a thread for posts.
struct Fixture {
  Fixture() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "palabre_bench_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir = pattern;
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(dir + "/bench.db");
    if (!opened.ok()) std::abort();
    store = std::move(opened).value();
    Site site;
    site.id = "site";
    if (!store->CreateSite(site).ok()) std::abort();
    big = Ensure("big");
    posts = Ensure("posts");
    std::optional<CommentId> previous;
    for (int i = 0; i < kThreadSize; ++i) {
      bool reply = i % 5 == 4;
      Result<Comment> c =
          store->InsertComment(NewComment(big, reply ? previous : std::nullopt, kT0 + i * 1000));
      if (!c.ok()) std::abort();
      previous = c->id;
      if (i % 7 == 0) {  // some votes, for a realistic best order
        std::string voter = std::to_string(i);
        if (!store->Vote(c->id, voter, "", i % 2 == 0 ? 1 : -1, kT0).ok()) {
          std::abort();
        }
      }
      if (i == 0) voted = c->id;
    }
    for (int t = 0; t < 8; ++t) {
      std::string key = std::to_string(t);
      key.insert(0, "article-");
      ThreadId id = Ensure(key);
      for (int i = 0; i < t; ++i) {
        if (!store->InsertComment(NewComment(id, std::nullopt, kT0 + i)).ok()) std::abort();
      }
      keys.push_back(key);
    }
    keys.push_back("absent-1");
    keys.push_back("absent-2");
  }
  ~Fixture() {
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  ThreadId Ensure(const std::string& key) {
    Thread thread;
    thread.site_id = "site";
    thread.key = key;
    thread.title = "Titre " + key;
    Result<Thread> t = store->EnsureThread(thread);
    if (!t.ok()) std::abort();
    return t->id;
  }

  std::string dir;
  std::unique_ptr<SqliteStore> store;
  ThreadId big = 0;
  ThreadId posts = 0;
  CommentId voted = 0;
  std::vector<std::string> keys;
};

Fixture& F() {
  static Fixture fixture;
  return fixture;
}

// What the server does for GET /threads/...: the first page of top-level comments, then the
// replies of those roots.
void FirstPageWithReplies(benchmark::State& state, Sort sort) {
  Fixture& f = F();
  std::vector<CommentId> roots;
  for (auto _ : state) {
    Result<TopLevelPage> page = f.store->ListTopLevel(f.big, sort, std::nullopt, kPage);
    if (!page.ok()) state.SkipWithError("ListTopLevel failed");
    roots.clear();
    for (const Comment& c : page->comments) roots.push_back(c.id);
    Result<std::vector<Comment>> replies = f.store->ListReplies(f.big, roots);
    if (!replies.ok()) state.SkipWithError("ListReplies failed");
    benchmark::DoNotOptimize(replies);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FirstPageWithReplies_Oldest(benchmark::State& state) {
  FirstPageWithReplies(state, Sort::kOldest);
}
void BM_FirstPageWithReplies_Newest(benchmark::State& state) {
  FirstPageWithReplies(state, Sort::kNewest);
}
void BM_FirstPageWithReplies_Best(benchmark::State& state) {
  FirstPageWithReplies(state, Sort::kBest);
}
BENCHMARK(BM_FirstPageWithReplies_Oldest)->ThreadRange(1, 4)->UseRealTime();
BENCHMARK(BM_FirstPageWithReplies_Newest);
BENCHMARK(BM_FirstPageWithReplies_Best);

void BM_InsertComment(benchmark::State& state) {
  Fixture& f = F();
  TimestampMs at = kT0;
  for (auto _ : state) {
    Result<Comment> c = f.store->InsertComment(NewComment(f.posts, std::nullopt, ++at));
    if (!c.ok()) state.SkipWithError("InsertComment failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InsertComment)->UseRealTime();

// The cold read the response cache makes after a write to the big thread: the write drops
// every reader connection's page cache, so this is the read as the server sees it after a post.
// Only the read is timed.
void BM_FirstPageWithRepliesAfterAWrite(benchmark::State& state) {
  Fixture& f = F();
  std::vector<CommentId> roots;
  static int direction = 1;  // kept across runs: every vote must be a real change
  for (auto _ : state) {
    state.PauseTiming();
    direction = -direction;
    if (!f.store->Vote(f.voted, "bench-voter", "", direction, kT0).ok()) {
      state.SkipWithError("Vote failed");
    }
    state.ResumeTiming();
    Result<TopLevelPage> page = f.store->ListTopLevel(f.big, Sort::kBest, std::nullopt, kPage);
    if (!page.ok()) state.SkipWithError("ListTopLevel failed");
    roots.clear();
    for (const Comment& c : page->comments) roots.push_back(c.id);
    Result<std::vector<Comment>> replies = f.store->ListReplies(f.big, roots);
    if (!replies.ok()) state.SkipWithError("ListReplies failed");
    benchmark::DoNotOptimize(replies);
  }
}
BENCHMARK(BM_FirstPageWithRepliesAfterAWrite)->UseRealTime();

void BM_CountComments10Keys(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    Result<std::vector<ThreadCount>> counts = f.store->CountComments("site", f.keys);
    if (!counts.ok()) state.SkipWithError("CountComments failed");
    benchmark::DoNotOptimize(counts);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountComments10Keys);

}  // namespace
}  // namespace palabre::store::sqlite
