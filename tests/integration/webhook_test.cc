// Webhooks through the real binary: `palabre webhook add` registers a receiver the test runs on
// 127.0.0.1; a held comment's event reaches it signed; a sender killed with SIGKILL in the middle
// of a delivery loses nothing, and the receiver sees every notification, once per idempotency
// key, after the restart.
#include <fstream>
#include <set>

#include <gmock/gmock.h>

#include "core/crypto.h"
#include "server_fixture.h"
#include "webhook_receiver.h"

namespace palabre::testing {
namespace {

// The moderation of these tests: no classifier, and shouting held (an all-caps comment is an
// easy held comment).
std::vector<std::string> ServeArgs(const std::filesystem::path& dir) {
  const auto path = dir / "moderation.conf";
  std::ofstream(path) << "moderation.toxicity.enabled = false\n"
                         "moderation.shouting.action = hold\n";
  return {"--moderation-config",
          path.string(),
          "--trust-proxy",
          "--public-url",
          "https://palabre.example.test/",
          "--webhook-timeout",
          "2",
          "--outbox-batch",
          "1",
          "--outbox-workers",
          "1"};
}

// Adds a webhook with the CLI and returns its secret ("" on failure, which fails the test).
std::string AddWebhook(const std::filesystem::path& db, const std::string& url,
                       const std::string& events) {
  std::string out;
  EXPECT_EQ(
      RunPalabre({"webhook", "add", url, "--site", "demo", "--events", events, "--db", db.string()},
                 &out),
      0)
      << out;
  const std::string marker = "signing secret (shown once): ";
  const std::size_t at = out.find(marker);
  EXPECT_NE(at, std::string::npos) << out;
  if (at == std::string::npos) return "";
  std::string secret = out.substr(at + marker.size());
  return secret.substr(0, secret.find('\n'));
}

HttpResponse Post(std::uint16_t port, int n, const std::string& text) {
  HttpClient client("127.0.0.1", port);
  return client.Post(
      "/api/v1/threads/demo/securite/comments",
      R"({"author":"Lecteur )" + std::to_string(n) + R"(","text":")" + text + R"("})",
      {{"X-Forwarded-For", "10.7.0." + std::to_string(n)}});
}

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    db_ = dir_.path() / "t.db";
    std::string out;
    ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Le Journal", "--origin",
                          "https://example.test", "--db", db_.string()},
                         &out),
              0)
        << out;
  }
  TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(WebhookTest, AHeldCommentReachesTheReceiverSignedAndOnlyTheEventsAskedFor) {
  WebhookReceiver receiver;
  ASSERT_NE(receiver.port(), 0);
  const std::string secret = AddWebhook(db_, receiver.url(), "comment.held");
  ASSERT_FALSE(secret.empty());
  std::string listed;
  ASSERT_EQ(RunPalabre({"webhook", "list", "--site", "demo", "--db", db_.string()}, &listed), 0);
  EXPECT_NE(listed.find(receiver.url()), std::string::npos) << listed;
  EXPECT_EQ(listed.find(secret), std::string::npos) << "the secret is shown once only";

  PalabreServer server;
  ASSERT_TRUE(server.Start(db_, ServeArgs(dir_.path()))) << server.log();
  const HttpResponse published = Post(server.port(), 1, "Merci pour cet article.");
  ASSERT_EQ(published.status, 201) << published.body;
  const HttpResponse held =
      Post(server.port(), 2, "LA TELE COUTE TROP CHER DANS CE PAYS, C'EST UNE HONTE TOTALE");
  ASSERT_EQ(held.status, 202) << held.body;
  const std::int64_t held_id = JsonOf(held).at("comment").at("id").as_int64();

  ASSERT_TRUE(receiver.WaitFor(1, std::chrono::seconds(15))) << server.log();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // nothing else comes
  const std::vector<Delivery> got = receiver.deliveries();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].event, "comment.held");
  EXPECT_TRUE(SignatureValid(got[0].signature, got[0].body, secret)) << got[0].signature;
  EXPECT_FALSE(SignatureValid(got[0].signature, got[0].body + " ", secret));
  EXPECT_FALSE(SignatureValid(got[0].signature, got[0].body, secret + "x"));
  EXPECT_EQ(got[0].id, got[0].key);
  const boost::json::value body = boost::json::parse(got[0].body);
  EXPECT_EQ(body.at("version").as_int64(), 1);
  EXPECT_EQ(body.at("id").as_string(), got[0].id);
  EXPECT_EQ(body.at("event").as_string(), "comment.held");
  EXPECT_EQ(body.at("comment").at("id").as_int64(), held_id);
  EXPECT_EQ(body.at("comment").at("status").as_string(), "held");
  EXPECT_EQ(body.at("comment").at("reasons").at(0).at("code").as_string(), "shouting");
  EXPECT_EQ(body.at("console_url").as_string(), "https://palabre.example.test/admin#queue/held");

  std::string deliveries;
  ASSERT_EQ(
      RunPalabre({"webhook", "deliveries", "--site", "demo", "--db", db_.string()}, &deliveries),
      0);
  EXPECT_NE(deliveries.find("sent\twebhook"), std::string::npos) << deliveries;
  EXPECT_NE(deliveries.find("comment.held " + std::to_string(held_id)), std::string::npos)
      << deliveries;
}

TEST_F(WebhookTest, ASenderKilledMidDeliveryLosesNothingAndKeysMakeRepeatsHarmless) {
  // The first request is held for 4 s: long enough to kill the sender while it waits.
  WebhookReceiver receiver(std::chrono::seconds(4));
  ASSERT_NE(receiver.port(), 0);
  const std::string secret = AddWebhook(db_, receiver.url(), "comment.held,comment.published");
  ASSERT_FALSE(secret.empty());

  PalabreServer server;
  const auto args = ServeArgs(dir_.path());
  ASSERT_TRUE(server.Start(db_, args)) << server.log();
  ASSERT_EQ(Post(server.port(), 1, "Premier commentaire, merci.").status, 201);
  ASSERT_TRUE(receiver.WaitFor(1, std::chrono::seconds(15))) << server.log();
  // Posted while the first delivery hangs: acknowledged, so in the outbox, not yet sent.
  for (int n = 2; n <= 5; ++n) {
    ASSERT_EQ(Post(server.port(), n, "Commentaire numéro " + std::to_string(n) + ", merci.").status,
              201);
  }
  server.Kill();  // SIGKILL in the middle of the first delivery

  ASSERT_TRUE(server.Start(db_, args)) << server.log();
  // The four others at once; the first once its lease (2 s × 1 row + 5 s) has run out.
  ASSERT_TRUE(receiver.WaitFor(6, std::chrono::seconds(30))) << server.log();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const std::vector<Delivery> got = receiver.deliveries();
  std::set<std::string> keys;
  for (const Delivery& d : got) {
    EXPECT_TRUE(SignatureValid(d.signature, d.body, secret));
    keys.insert(d.key);
  }
  EXPECT_EQ(keys.size(), 5u);  // every notification, once per key
  EXPECT_EQ(got.size(), 6u);   // the interrupted one came twice, with the same key
  std::size_t first_seen = 0;
  for (const Delivery& d : got) first_seen += d.key == got[0].key ? 1 : 0;
  EXPECT_EQ(first_seen, 2u);

  std::string pending;
  ASSERT_EQ(RunPalabre({"webhook", "deliveries", "--site", "demo", "--state", "pending", "--db",
                        db_.string()},
                       &pending),
            0);
  EXPECT_EQ(pending, "");
}

TEST_F(WebhookTest, TheGiveUpTimeIsAFlagWithBounds) {
  std::string out;
  EXPECT_NE(RunPalabre({"serve", "--db", db_.string(), "--outbox-give-up", "0"}, &out), 0);
  EXPECT_THAT(out, ::testing::HasSubstr("--outbox-give-up"));
  PalabreServer server;
  ASSERT_TRUE(server.Start(db_, {"--outbox-give-up", "72"})) << server.log();
}

}  // namespace
}  // namespace palabre::testing
