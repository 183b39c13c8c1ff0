// A node whose database stops answering, and a node short of file descriptors, against the
// real binary: no request waits past the time budget, what needs no database (health, cached
// pages) is answered at once, and live streams stop at the caps instead of taking the node
// down.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client_testing.h"
#include "palabre_process.h"
#include "pg_cluster.h"
#include "server_fixture.h"
#include "store/sqlite/sqlite_db.h"

namespace palabre::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::chrono::milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string Comment(const std::string& author, const std::string& text) {
  return boost::json::serialize(boost::json::object{{"author", author}, {"text", text}});
}

constexpr char kThread[] = "/api/v1/threads/demo/stall/comments";

// While a reader is stuck (the database stalled): health and a cached page at once (well under
// the budget: 1 s leaves room for a loaded, sanitized CI machine), a write and readiness as
// 503 with Retry-After within the budget.
void ExpectAnswersWithinBudget(HttpClient& client, const std::string& cached_page,
                               std::chrono::milliseconds budget) {
  auto start = Clock::now();
  auto health = client.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_LT(Since(start), 1000ms) << "liveness waited on the database";

  start = Clock::now();
  auto page = client.Get(kThread);
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body, cached_page);
  EXPECT_LT(Since(start), 1000ms) << "a cached page waited on the database";

  start = Clock::now();
  auto posted = client.Post(kThread, Comment("Awa", "Un avis écrit pendant la panne."));
  const auto took = Since(start);
  EXPECT_EQ(posted.status, 503) << posted.body;
  EXPECT_FALSE(posted.Header("Retry-After").empty());
  EXPECT_NE(posted.body.find("\"unavailable\""), std::string::npos) << posted.body;
  EXPECT_LT(took, budget + 700ms) << "a write waited past the budget";
}

TEST(StallTest, ALockedSqliteDatabaseIsA503WithinTheBudgetWhileHealthAndCachedPagesAnswer) {
  TempDir dir;
  const std::string db = (dir.path() / "stall.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--db", db}, &out), 0) << out;
  PalabreServer server;
  // The defaults: a 3 s budget, SQLite waiting 2.5 s for a lock (a write gives up before the
  // budget answers for it, so a 503 means the comment was not stored).
  ASSERT_TRUE(server.Start(db, WithoutClassifier(dir.path()))) << server.log();
  HttpClient client("127.0.0.1", server.port());
  ASSERT_EQ(client.Post(kThread, Comment("Moussa", "Premier avis, avant la panne.")).status, 201);
  auto warm = client.Get(kThread);
  ASSERT_EQ(warm.status, 200);

  // Another process (this test) takes the database's write lock and keeps it.
  auto locker = store::sqlite::Db::Open(db, /*create=*/false);
  ASSERT_TRUE(locker.ok()) << locker.status().ToString();
  ASSERT_TRUE((*locker)->Exec("BEGIN IMMEDIATE").ok());
  ExpectAnswersWithinBudget(client, warm.body, 3000ms);
  // Readers are not blocked by a writer (WAL): the node stays ready.
  EXPECT_EQ(client.Get("/readyz").status, 200);

  ASSERT_TRUE((*locker)->Exec("ROLLBACK").ok());
  HttpClient after("127.0.0.1", server.port());
  auto posted = after.Post(kThread, Comment("Awa", "Un avis écrit après la panne."));
  EXPECT_EQ(posted.status, 201) << posted.body;
}

TEST(StallTest, AStoppedPostgresqlNeverHoldsARequestPastTheBudget) {
  PgCluster pg;
  ASSERT_TRUE(pg.Start()) << pg.error();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--db", pg.url()}, &out), 0)
      << out;
  TempDir dir;
  PalabreNode node;
  std::vector<std::string> args = WithoutClassifier(dir.path());
  args.insert(args.end(), {"--request-budget-ms", "2000"});
  ASSERT_TRUE(node.Start(pg.url() + "?statement_timeout_ms=1500&acquire_timeout_ms=1500", args))
      << node.log();
  HttpClient client("127.0.0.1", node.port());
  ASSERT_EQ(client.Post(kThread, Comment("Moussa", "Premier avis, avant la panne.")).status, 201);
  auto warm = client.Get(kThread);
  ASSERT_EQ(warm.status, 200);

  ASSERT_TRUE(pg.Freeze());
  ExpectAnswersWithinBudget(client, warm.body, 2000ms);
  auto start = Clock::now();
  HttpClient probe("127.0.0.1", node.port());
  EXPECT_EQ(probe.Get("/readyz").status, 503);
  EXPECT_LT(Since(start), 2700ms);
  ASSERT_TRUE(pg.Thaw());

  // Back: connections that timed out were dropped, fresh ones serve.
  int status = 0;
  for (int i = 0; i < 50 && status != 201; ++i) {
    HttpClient after("127.0.0.1", node.port());
    status = after.Post(kThread, Comment("Awa", "Un avis écrit après la panne.")).status;
    if (status != 201) std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(status, 201);
  HttpClient ready("127.0.0.1", node.port());
  EXPECT_EQ(ready.Get("/readyz").status, 200);
}

TEST(StallTest, UnderALowOpenFileLimitStreamsStopAtTheCapAndTheNodeStaysUp) {
  TempDir dir;
  const std::string db = (dir.path() / "streams.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--db", db}, &out), 0) << out;
  PalabreServer server;
  server.set_open_files_limit(160);  // the node may keep 160 - 64 = 96 streams
  std::vector<std::string> args = WithoutClassifier(dir.path());
  args.insert(args.end(), {"--trust-proxy", "--max-streams-per-client", "4"});
  ASSERT_TRUE(server.Start(db, args)) << server.log();
  EXPECT_NE(server.log().find("open files: limit 160"), std::string::npos) << server.log();
  const std::string events = "/api/v1/threads/demo/stall/events";

  // One client: four streams, then 429.
  std::vector<std::unique_ptr<SseClient>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<SseClient>("127.0.0.1", server.port()));
    ASSERT_EQ(open.back()->Open(events, {{"X-Forwarded-For", "198.51.100.7"}}), 200) << i;
  }
  SseClient fifth("127.0.0.1", server.port());
  EXPECT_EQ(fifth.Open(events, {{"X-Forwarded-For", "198.51.100.7"}}), 429);
  EXPECT_FALSE(fifth.Header("Retry-After").empty());

  // Many clients: the node stops at its cap with 503, never runs out of descriptors.
  int refused = 0;
  for (int i = 0; i < 120; ++i) {
    auto stream = std::make_unique<SseClient>("127.0.0.1", server.port());
    const int status =
        stream->Open(events, {{"X-Forwarded-For", "203.0.113." + std::to_string(i + 1)}});
    if (status == 200) {
      open.push_back(std::move(stream));
    } else {
      EXPECT_EQ(status, 503) << i;
      ++refused;
    }
  }
  EXPECT_EQ(open.size(), 96u);
  EXPECT_EQ(refused, 120 - (96 - 4));
  // The node still serves, and a comment reaches the open streams.
  HttpClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.Get("/healthz").status, 200);
  auto posted = client.Post(kThread, Comment("Awa", "Un avis pour tous les lecteurs."));
  ASSERT_EQ(posted.status, 201) << posted.body;
  bool got = false;
  for (int i = 0; i < 5 && !got; ++i) {
    auto e = open.front()->Next(2s);
    got = e && e->event == "comment";
  }
  EXPECT_TRUE(got);
}

}  // namespace
}  // namespace palabre::testing
