// PostgreSQL crashes and comes back while a client posts (issue 7), with the real binary: while
// it is down palabre answers 503 with Retry-After (never 500, never a hang), it reconnects by
// itself, and every comment it acknowledged (201) is in the database afterwards. The server is
// stopped in "immediate" mode, a crash without shutdown checkpoint: what was acknowledged must
// come back from the WAL. The test has its own cluster (pg_cluster.h).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client_testing.h"
#include "palabre_process.h"
#include "pg_cluster.h"

namespace palabre::testing {
namespace {

using namespace std::chrono_literals;

constexpr char kComments[] = "/api/v1/threads/demo/load/comments";

struct Tally {
  std::mutex mu;
  std::vector<std::int64_t> acknowledged;  // 201: published
  int held = 0;                            // 202: stored but not listed; should not happen
  int unavailable = 0;                     // 503 with Retry-After
  int unavailable_without_retry_after = 0;
  std::map<int, int> unexpected;  // any other status -> how many (0: no answer at all)
  std::string example;            // the body of the first unexpected answer
};

std::int64_t IdOf(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return 0;
  const auto* comment = v.as_object().if_contains("comment");
  if (comment == nullptr || !comment->is_object()) return 0;
  const auto* id = comment->as_object().if_contains("id");
  return id && id->is_int64() ? id->as_int64() : 0;
}

// Every comment id of the thread, walking the pages.
std::set<std::int64_t> StoredIds(HttpClient& client) {
  std::set<std::int64_t> ids;
  std::string cursor;
  for (int pages = 0; pages < 1000; ++pages) {
    HttpResponse page = client.Get(std::string(kComments) + "?limit=1000&depth=1" +
                                   (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(page.status, 200) << page.body;
    if (page.status != 200) break;
    boost::json::value json = boost::json::parse(page.body);
    for (const auto& c : json.at("comments").as_array()) ids.insert(c.at("id").as_int64());
    const auto& next = json.at("next_cursor");
    if (!next.is_string()) break;
    cursor = std::string(next.as_string());
  }
  return ids;
}

TEST(PgFaultTest, ACrashUnderLoadIsA503WithRetryAfterAndLosesNoAcknowledgedComment) {
  PgCluster pg;
  ASSERT_TRUE(pg.Start()) << pg.error();
  TempDir dir;
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--db", pg.url()}, &out), 0) << out;
  // One client posting fast from 127.0.0.1: no flood or duplicate control in the way.
  const std::string conf = WriteModerationConfig(
      dir.path(), {"moderation.flood.enabled = false", "moderation.duplicate.enabled = false"});
  PalabreNode node;
  ASSERT_TRUE(node.Start(pg.url(), {"--moderation-config", conf})) << node.log();

  Tally tally;
  std::atomic<bool> stop{false};
  std::atomic<int> posted_after_resume{-1};  // -1 until the server is back
  std::thread client([&] {
    HttpClient http("127.0.0.1", node.port(), 10s);
    for (int i = 0; !stop.load(); ++i) {
      boost::json::object body;
      body["author"] = "Lecteur " + std::to_string(i % 50);
      body["text"] = "Commentaire de charge numéro " + std::to_string(i);
      HttpResponse r = http.Post(kComments, boost::json::serialize(body));
      std::lock_guard lock(tally.mu);
      if (r.status == 201) {
        tally.acknowledged.push_back(IdOf(r.body));
        if (posted_after_resume.load() >= 0) ++posted_after_resume;
      } else if (r.status == 202) {
        ++tally.held;
      } else if (r.status == 503) {
        ++(r.Header("Retry-After").empty() ? tally.unavailable_without_retry_after
                                           : tally.unavailable);
      } else {
        if (tally.unexpected.empty()) tally.example = r.error + r.body;
        ++tally.unexpected[r.status];
      }
      std::this_thread::sleep_for(2ms);
    }
  });

  std::this_thread::sleep_for(1s);
  ASSERT_TRUE(pg.Halt("immediate")) << pg.error();  // a crash, mid-load
  std::this_thread::sleep_for(1500ms);
  const int before_resume = [&] {
    std::lock_guard lock(tally.mu);
    return tally.unavailable;
  }();
  ASSERT_TRUE(pg.Resume()) << pg.error();
  posted_after_resume = 0;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (posted_after_resume.load() < 50 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  stop = true;
  client.join();

  EXPECT_GE(before_resume, 1) << "no 503 while PostgreSQL was down";
  EXPECT_EQ(tally.unavailable_without_retry_after, 0);
  EXPECT_EQ(tally.held, 0) << "moderation held a load comment: the test's texts should pass";
  EXPECT_TRUE(tally.unexpected.empty())
      << tally.unexpected.size() << " other statuses, first: " << tally.unexpected.begin()->first
      << " " << tally.example;
  EXPECT_GE(posted_after_resume.load(), 50) << "palabre did not reconnect by itself";
  RecordProperty("acknowledged", static_cast<int>(tally.acknowledged.size()));
  RecordProperty("unavailable", tally.unavailable);

  // Every acknowledged comment is there (more may be: a commit cut off before its answer).
  HttpClient reader("127.0.0.1", node.port());
  const std::set<std::int64_t> stored = StoredIds(reader);
  int missing = 0;
  for (std::int64_t id : tally.acknowledged) {
    if (id <= 0 || !stored.contains(id)) ++missing;
  }
  EXPECT_EQ(missing, 0) << "of " << tally.acknowledged.size() << " acknowledged comments";
  EXPECT_GE(stored.size(), tally.acknowledged.size());
  HttpResponse count = reader.Get("/api/v1/counts?site=demo&keys=load");
  ASSERT_EQ(count.status, 200) << count.body;
  boost::json::value counts = boost::json::parse(count.body);
  EXPECT_EQ(counts.at("counts").at("load").as_int64(), static_cast<std::int64_t>(stored.size()))
      << count.body;
}

}  // namespace
}  // namespace palabre::testing
