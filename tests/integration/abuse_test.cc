// Abuse by ordinary readers, as an attacker would try it against the real binary: made-up
// reporter and voter ids, reports from one network, the analysis API without a key and its
// word lists, names that reverse their line or hide characters, a first poster naming the
// article, and request bodies and queries that two parsers would read two ways. Each test
// failed before readers were bound to their address and browser (docs/SECURITY.md, "Reader
// actions").
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "http/http_client_testing.h"
#include "palabre_process.h"
#include "server_fixture.h"
#include "store/store.h"

namespace palabre::testing {
namespace {

using boost::json::value;

// A site "demo" (origin https://example.test, a banned word of its own, threshold 3), an API
// key of it and a key with a budget of 2 requests a minute, and the server behind a "proxy"
// (--trust-proxy), so that each request says its address in X-Forwarded-For.
class AbuseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string db = (dir_->path() / "abuse.db").string();
    std::string out;
    ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--origin",
                          "https://example.test", "--db", db},
                         &out),
              0)
        << out;
    {
      auto store = store::OpenStore(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      auto site = (*store)->GetSite("demo");
      ASSERT_TRUE(site.ok());
      site->settings = R"({"banned_words":["zorglub"],"report_threshold":3})";
      ASSERT_TRUE((*store)->UpdateSite(*site).ok());
    }
    key_ = NewKey(db, {});
    slow_key_ = NewKey(db, {"--per-minute", "2"});
    EXPECT_FALSE(key_.empty());
    EXPECT_FALSE(slow_key_.empty());
    server_ = std::make_unique<PalabreServer>();
    std::vector<std::string> args = WithoutClassifier(dir_->path());
    args.push_back("--trust-proxy");
    ASSERT_TRUE(server_->Start(db, args)) << server_->log();
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()); }

  // `palabre site key add demo` prints the key once.
  static std::string NewKey(const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {"site", "key", "add", "demo", "--name", "tests", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out;
    EXPECT_EQ(RunPalabre(args, &out), 0) << out;
    const auto at = out.find("plb_");
    if (at == std::string::npos) return {};
    return out.substr(at, out.find('\n', at) - at);
  }

  static HttpClient Client() { return HttpClient("127.0.0.1", server_->port()); }
  static value Json(const HttpResponse& r) { return JsonOf(r); }
  static Headers From(const std::string& address, Headers more = {}) {
    more.emplace_back("X-Forwarded-For", address);
    return more;
  }

  // A comment on demo/KEY by a reader of 10.9.x.y (a network none of the attackers use).
  static std::int64_t MustPost(const std::string& key, const std::string& text) {
    const int n = ++posts_;
    boost::json::object body{{"author", "Auteur " + std::to_string(n)}, {"text", text}};
    auto r =
        Client().Post("/api/v1/threads/demo/" + key + "/comments", boost::json::serialize(body),
                      From("10.9." + std::to_string(n / 250) + "." + std::to_string(n % 250)));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Json(r).at("comment").at("id").as_int64() : 0;
  }
  static bool InPublicThread(const std::string& key, std::int64_t id) {
    const value v = Json(Client().Get("/api/v1/threads/demo/" + key + "/comments?limit=100"));
    for (const auto& c : v.at("comments").as_array()) {
      if (c.at("id").as_int64() == id) return true;
    }
    return false;
  }
  static std::int64_t Upvotes(const std::string& key, std::int64_t id) {
    const value v = Json(Client().Get("/api/v1/threads/demo/" + key + "/comments?limit=100"));
    for (const auto& c : v.at("comments").as_array()) {
      if (c.at("id").as_int64() == id) return c.at("upvotes").as_int64();
    }
    return -1;
  }
  static std::string Metrics() { return Client().Get("/metrics").body; }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<PalabreServer> server_;
  static std::string key_;
  static std::string slow_key_;
  static int posts_;
};

std::unique_ptr<TempDir> AbuseTest::dir_;
std::unique_ptr<PalabreServer> AbuseTest::server_;
std::string AbuseTest::key_;
std::string AbuseTest::slow_key_;
int AbuseTest::posts_ = 0;

TEST_F(AbuseTest, ThreeMadeUpReporterIdsFromOneAddressNoLongerHideAComment) {
  const std::int64_t id = MustPost("reports-1", "Un avis que quelqu'un veut faire disparaître.");
  const std::string path = "/api/v1/comments/" + std::to_string(id) + "/reports";
  HttpClient client = Client();
  // The attack of the report: three ids chosen by the client, from one address.
  auto first = client.Post(path, R"({"reason":"spam","reporter":"r1"})", From("192.0.2.66"));
  ASSERT_EQ(first.status, 201) << first.body;
  for (const char* body :
       {R"({"reason":"spam","reporter":"r2"})", R"({"reason":"spam","reporter":"r3"})",
        R"({"reason":"spam","token":"made-up-browser-token-3"})"}) {
    auto again = client.Post(path, body, From("192.0.2.66"));
    EXPECT_EQ(again.status, 409) << body;
    EXPECT_EQ(CodeOf(again), "already_reported");
  }
  EXPECT_TRUE(InPublicThread("reports-1", id));
  // Nor do many addresses of that network: one range counts once.
  for (int i = 1; i <= 10; ++i) {
    auto r = client.Post(path, R"({"reason":"spam"})", From("192.0.2." + std::to_string(100 + i)));
    EXPECT_EQ(r.status, 201) << r.body;
  }
  EXPECT_TRUE(InPublicThread("reports-1", id));
  // Readers of three networks do (the site's threshold is 3).
  for (const char* address : {"198.51.100.7", "203.0.113.7"}) {
    auto r = client.Post(path, R"({"reason":"abuse"})", From(address));
    EXPECT_EQ(r.status, 201) << r.body;
  }
  EXPECT_FALSE(InPublicThread("reports-1", id));
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find("palabre_reports_total{outcome=\"duplicate\"} 3"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("palabre_reports_total{outcome=\"held\"} 1"), std::string::npos);
  // Eleven reports within minutes: a burst.
  EXPECT_NE(metrics.find("palabre_report_bursts_total 1"), std::string::npos);
}

TEST_F(AbuseTest, OneAddressReportsTwentyTimesAnHourAtMost) {
  HttpClient client = Client();
  int accepted = 0;
  HttpResponse last;
  for (int i = 0; i < 21; ++i) {
    const std::int64_t id = MustPost("reports-2", "Avis numéro " + std::to_string(i) + ".");
    last = client.Post("/api/v1/comments/" + std::to_string(id) + "/reports",
                       R"({"reason":"other"})", From("192.0.2.77"));
    if (last.status == 201) ++accepted;
  }
  EXPECT_EQ(accepted, 20);
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(CodeOf(last), "too_many_reports");
  EXPECT_GE(std::stoi(last.Header("Retry-After")), 3000);
}

TEST_F(AbuseTest, HundredVoterIdsFromOneAddressCountOnce) {
  const std::int64_t id = MustPost("votes-1", "Votez pour moi, souvent.");
  const std::string path = "/api/v1/comments/" + std::to_string(id) + "/votes";
  HttpClient client = Client();
  int refused = 0;
  for (int i = 0; i < 100; ++i) {
    // Half as the ids of the old widget, half as well-formed browser tokens.
    const std::string body =
        i % 2 ? R"({"vote":"up","voter":"v)" + std::to_string(i) + "\"}"
              : R"({"vote":"up","token":"stuffed-token-)" + std::to_string(100000 + i) + "\"}";
    auto r = client.Post(path, body, From("192.0.2.88"));
    if (r.status == 409 && CodeOf(r) == "already_voted") ++refused;
  }
  EXPECT_EQ(refused, 99);
  EXPECT_EQ(Upvotes("votes-1", id), 1);
  // The vote is undone with DELETE (or "none"), and may then be cast again.
  auto undone = client.Request("DELETE", path, {}, From("192.0.2.88"));
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(Json(undone).at("upvotes").as_int64(), 0);
  auto again = client.Post(path, R"({"vote":"down"})", From("192.0.2.88"));
  ASSERT_EQ(again.status, 200) << again.body;
  auto none = client.Post(path, R"({"vote":"none"})", From("192.0.2.88"));
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(Json(none).at("downvotes").as_int64(), 0);
  // The author, from the address they posted from, does not vote on their own comment.
  const std::int64_t mine = MustPost("votes-1", "Mon propre avis.");
  const std::string author_address = "10.9.0." + std::to_string(posts_ % 250);
  auto own = client.Post("/api/v1/comments/" + std::to_string(mine) + "/votes", R"({"vote":"up"})",
                         From(author_address));
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(CodeOf(own), "own_comment");
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find("palabre_votes_refused_total{reason=\"already_voted\"} 99"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("palabre_votes_refused_total{reason=\"own_comment\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("palabre_votes_total{outcome=\"undone\"} 2"), std::string::npos);
}

TEST_F(AbuseTest, AnalyzeNeedsAKeyAndAnswersScoresOnly) {
  HttpClient client = Client();
  const std::string text = R"({"text":"Quel zorglub, ce ministre."})";
  auto anonymous = client.Post("/api/v1/analyze", text);
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(CodeOf(anonymous), "api_key_missing");
  auto forged = client.Post("/api/v1/analyze", text, {{"X-Api-Key", "plb_forged"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(CodeOf(forged), "api_key_invalid");

  auto judged = client.Post("/api/v1/analyze", text, {{"Authorization", "Bearer " + key_}});
  ASSERT_EQ(judged.status, 200) << judged.body;
  const value v = Json(judged);
  EXPECT_EQ(v.at("action").as_string(), "reject");
  bool banned = false;
  for (const auto& r : v.at("reasons").as_array()) {
    banned = banned || r.at("code").as_string() == "banned_word";
    EXPECT_TRUE(r.as_object().contains("score"));
    EXPECT_FALSE(r.as_object().contains("detail"));
    EXPECT_FALSE(r.as_object().contains("spans"));
    EXPECT_FALSE(r.as_object().contains("comment_id"));
  }
  EXPECT_TRUE(banned) << judged.body;
  // The site's word list never comes back, not even the word the text holds.
  EXPECT_EQ(judged.body.find("zorglub"), std::string::npos) << judged.body;
  // A key speaks for its own site only.
  auto other_site =
      client.Post("/api/v1/analyze", R"({"text":"Bonjour","site":"other"})", {{"X-Api-Key", key_}});
  EXPECT_EQ(other_site.status, 403);

  // Perspective's endpoint takes Perspective's ?key=.
  const std::string perspective =
      R"({"comment":{"text":"Quel zorglub."},"requestedAttributes":{"PROFANITY":{}}})";
  EXPECT_EQ(client.Post("/v1alpha1/comments:analyze", perspective).status, 401);
  auto scored = client.Post("/v1alpha1/comments:analyze?key=" + key_, perspective);
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_DOUBLE_EQ(Json(scored)
                       .at("attributeScores")
                       .at("PROFANITY")
                       .at("summaryScore")
                       .at("value")
                       .to_number<double>(),
                   0.95);
  EXPECT_EQ(scored.body.find("zorglub"), std::string::npos);

  // Each key has its budget per minute.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(client.Post("/v1alpha1/comments:analyze?key=" + slow_key_, perspective).status, 200);
  }
  auto spent = client.Post("/v1alpha1/comments:analyze?key=" + slow_key_, perspective);
  EXPECT_EQ(spent.status, 429);
  EXPECT_EQ(CodeOf(spent), "api_rate_limited");
  EXPECT_GE(std::stoi(spent.Header("Retry-After")), 1);
}

TEST_F(AbuseTest, BidiControlsAndZeroWidthCharactersAreStripped) {
  // "Awa" + RIGHT-TO-LEFT OVERRIDE "exe.gpj" (shown as "jpg.exe"), a name with a ZWSP inside,
  // and a text hiding a ZWSP, a WORD JOINER and a BOM in a word.
  boost::json::object body{
      {"author", "A\u200Bwa \u202Eexe.gpj\u202C"},
      {"text",
       "Bon\u200Bjour \u2066\u2067\u2068tout\u2060 le\uFEFF monde \U0001F469\u200D\U0001F4BB"}};
  auto r = Client().Post("/api/v1/threads/demo/hygiene/comments", boost::json::serialize(body),
                         From("10.8.0.1"));
  ASSERT_EQ(r.status, 201) << r.body;
  const value c = Json(r).at("comment");
  EXPECT_EQ(c.at("author").as_string(), "Awa exe.gpj");
  // The joiner inside the emoji sequence stays.
  EXPECT_EQ(c.at("html").as_string(), "<p>Bonjour tout le monde \U0001F469\u200D\U0001F4BB</p>\n");
}

TEST_F(AbuseTest, AnAnonymousFirstPosterDoesNotNameTheArticle) {
  HttpClient client = Client();
  const std::string path = "/api/v1/threads/demo/title-1/comments";
  auto first = client.Post(path, R"({"author":"Pirate","text":"Premier !","title":"Titre pirate"})",
                           From("10.8.0.2"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto listed = Json(client.Get(path));
  EXPECT_EQ(listed.at("thread").at("title").as_string(), "");
  // From a foreign page, neither.
  auto foreign = client.Post(path, R"({"author":"Pirate","text":"Encore","title":"Titre pirate"})",
                             From("10.8.0.3", {{"Origin", "https://evil.example"}}));
  EXPECT_EQ(foreign.status, 403);
  // The widget on the publisher's page (its Origin) names it.
  auto widget =
      client.Post(path, R"({"author":"Lectrice","text":"Bien vu","title":"Le vrai titre"})",
                  From("10.8.0.4", {{"Origin", "https://example.test"}}));
  ASSERT_EQ(widget.status, 201) << widget.body;
  listed = Json(client.Get(path));
  EXPECT_EQ(listed.at("thread").at("title").as_string(), "Le vrai titre");
}

TEST_F(AbuseTest, DuplicateKeysNulsAndMalformedEscapesAreRefused) {
  HttpClient client = Client();
  const std::string path = "/api/v1/threads/demo/strict/comments";
  auto dup =
      client.Post(path, R"({"author":"Awa","text":"Bonjour","author":"Admin"})", From("10.8.0.5"));
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(CodeOf(dup), "duplicate_json_key");
  auto nul = client.Post(path, R"({"author":"Awa\u0000Admin","text":"Bonjour"})", From("10.8.0.6"));
  EXPECT_EQ(nul.status, 400);
  EXPECT_EQ(CodeOf(nul), "nul_character");
  auto nested =
      client.Post("/v1alpha1/comments:analyze?key=" + key_,
                  R"({"comment":{"text":"a","text":"b"},"requestedAttributes":{"SPAM":{}}})");
  EXPECT_EQ(CodeOf(nested), "duplicate_json_key");
  for (const char* target :
       {"/api/v1/counts?site=demo&keys=a%zz", "/api/v1/counts?site=demo&k%zzeys=a",
        "/api/v1/threads/demo/a%zz/comments"}) {
    auto r = client.Get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(CodeOf(r), "invalid_percent_encoding") << target;
  }
  // Nothing was stored.
  EXPECT_EQ(Json(client.Get(path)).at("thread").at("count").as_int64(), 0);
}

}  // namespace
}  // namespace palabre::testing
