// No acknowledged comment is lost: the server is killed with SIGKILL right after answering 201,
// restarted on the same database, and the comment is listed.
#include "server_fixture.h"

namespace palabre::testing {
namespace {

TEST(Durability, CommentSurvivesKill9RightAfter201) {
  TempDir dir;
  const auto db = dir.path() / "t.db";
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--db", db.string()}, &out), 0)
      << out;
  PalabreServer server;
  const auto args = WithoutClassifier(dir.path());
  ASSERT_TRUE(server.Start(db, args)) << server.log();
  std::vector<std::int64_t> ids;
  {
    HttpClient client("127.0.0.1", server.port());
    for (int i = 0; i < 3; ++i) {
      auto r =
          client.Post("/api/v1/threads/demo/durable/comments",
                      R"({"author":"Lecteur )" + std::to_string(i) +
                          R"(","text":"Ceci doit survivre, numéro )" + std::to_string(i) + R"(."})",
                      {{"X-Forwarded-For", "10.9.9." + std::to_string(i)}});
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(boost::json::parse(r.body).at("comment").at("id").as_int64());
    }
  }
  server.Kill();  // at once, no flush, no clean shutdown

  ASSERT_TRUE(server.Start(db, args)) << server.log();
  HttpClient client("127.0.0.1", server.port());
  auto r = client.Get("/api/v1/threads/demo/durable/comments");
  ASSERT_EQ(r.status, 200) << r.error;
  const auto v = boost::json::parse(r.body);
  EXPECT_EQ(v.at("thread").at("count").as_int64(), 3);
  std::vector<std::int64_t> listed;
  for (const auto& c : v.at("comments").as_array()) listed.push_back(c.at("id").as_int64());
  EXPECT_EQ(listed, ids);
}

TEST(Durability, SigtermStopsGracefully) {
  TempDir dir;
  const auto db = dir.path() / "t.db";
  ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--db", db.string()}), 0);
  PalabreServer server;
  ASSERT_TRUE(server.Start(db)) << server.log();
  HttpClient idle("127.0.0.1", server.port());
  ASSERT_EQ(idle.Get("/healthz").status, 200);  // a kept-alive connection stays open
  SseClient stream("127.0.0.1", server.port());
  ASSERT_EQ(stream.Open("/api/v1/threads/demo/k/events"), 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server.Terminate(), 0) << server.log();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace palabre::testing
