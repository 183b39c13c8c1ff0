// Sites managed without deleting them, against the real binary: `palabre site update`, the demo
// that accepts posts from its own page (browsers send Origin even to the page's own server),
// the console's site route (GET/PUT /api/v1/admin/sites/{site}) and the refused-origin count
// (palabre_origin_refused_total, the console's list of origins to add).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "http/http_client_testing.h"
#include "palabre_process.h"
#include "server_fixture.h"
#include "service/auth_service.h"
#include "store/store.h"

namespace palabre::testing {
namespace {

using boost::json::value;

constexpr char kPassword[] = "correct horse battery staple";

std::string FieldOf(const HttpResponse& r) {
  const value v = JsonOf(r);
  const auto* field = v.is_object() && v.as_object().contains("error")
                          ? v.at("error").as_object().if_contains("field")
                          : nullptr;
  return field != nullptr && field->is_string() ? std::string(field->as_string()) : "";
}

std::vector<std::string> OriginsIn(const std::string& db, const std::string& site) {
  auto store = store::OpenStore(db);
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return {};
  auto s = (*store)->GetSite(site);
  EXPECT_TRUE(s.ok());
  return s.ok() ? s->origins : std::vector<std::string>{};
}

// ---- palabre site update ----

TEST(SiteUpdateCliTest, ChangesASiteInPlaceAndKeepsItsDiscussions) {
  TempDir dir;
  const std::string db = (dir.path() / "sites.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "lejournal", "--name", "Le Journal", "--origin",
                        "https://lejournal.example", "--db", db},
                       &out),
            0)
      << out;
  ASSERT_EQ(RunPalabre({"thread", "title", "lejournal", "article-1", "La crue", "--db", db}, &out),
            0)
      << out;

  ASSERT_EQ(
      RunPalabre({"site", "update", "lejournal", "--name", "Le Journal du Mali", "--add-origin",
                  "https://WWW.lejournal.example/", "--tz", "Africa/Bamako", "--db", db},
                 &out),
      0)
      << out;
  EXPECT_EQ(out,
            "lejournal\tLe Journal du Mali\tfr\tAfrica/Bamako\t"
            "https://lejournal.example,https://www.lejournal.example\n");
  ASSERT_EQ(RunPalabre({"site", "update", "lejournal", "--remove-origin",
                        "https://lejournal.example", "--db", db},
                       &out),
            0)
      << out;
  EXPECT_EQ(OriginsIn(db, "lejournal"), std::vector<std::string>{"https://www.lejournal.example"});
  ASSERT_EQ(RunPalabre({"site", "update", "lejournal", "--origin", "http://localhost:8080",
                        "--origin", "http://127.0.0.1:8080", "--db", db},
                       &out),
            0)
      << out;
  EXPECT_EQ(OriginsIn(db, "lejournal"),
            (std::vector<std::string>{"http://localhost:8080", "http://127.0.0.1:8080"}));

  // The discussion is still there, and the change is in the audit log.
  auto store = store::OpenStore(db);
  ASSERT_TRUE(store.ok());
  auto thread = (*store)->GetThread("lejournal", "article-1");
  ASSERT_TRUE(thread.ok()) << thread.status().ToString();
  EXPECT_EQ(thread->title, "La crue");
  auto audit = (*store)->ListAudit("lejournal", 0, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "site");
  EXPECT_EQ((*audit)[0].user_email, "(command line)");
}

TEST(SiteUpdateCliTest, RefusesWhatSiteAddRefusesWithAClearMessage) {
  TempDir dir;
  const std::string db = (dir.path() / "sites.db").string();
  std::string out;
  ASSERT_EQ(
      RunPalabre({"site", "add", "lejournal", "--origin", "https://lejournal.example", "--db", db},
                 &out),
      0)
      << out;
  EXPECT_EQ(
      RunPalabre({"site", "update", "lejournal", "--add-origin", "lejournal.example", "--db", db},
                 &out),
      1);
  EXPECT_NE(out.find("origins: origin must start with http:// or https://"), std::string::npos)
      << out;
  EXPECT_EQ(RunPalabre({"site", "update", "lejournal", "--add-origin",
                        "https://lejournal.example/article", "--db", db},
                       &out),
            1);
  EXPECT_NE(out.find("origins: origin is scheme://host[:port], no path"), std::string::npos) << out;
  EXPECT_EQ(RunPalabre({"site", "update", "lejournal", "--remove-origin", "https://autre.example",
                        "--db", db},
                       &out),
            1);
  EXPECT_NE(out.find("https://autre.example is not one of the site's"), std::string::npos) << out;
  EXPECT_EQ(RunPalabre({"site", "update", "lejournal", "--tz", "Afrique/Dakar", "--db", db}, &out),
            1);
  EXPECT_NE(out.find("time_zone: unknown time zone"), std::string::npos) << out;
  EXPECT_EQ(RunPalabre({"site", "update", "autre", "--tz", "UTC", "--db", db}, &out), 1);
  EXPECT_NE(out.find("unknown_site"), std::string::npos) << out;
  EXPECT_EQ(RunPalabre({"site", "update", "lejournal", "--db", db}, &out), 2);
  EXPECT_NE(out.find("nothing to change"), std::string::npos) << out;
  EXPECT_NE(RunPalabre({"site", "update", "lejournal", "--origin", "https://a.example",
                        "--add-origin", "https://b.example", "--db", db},
                       &out),
            0);
  EXPECT_EQ(OriginsIn(db, "lejournal"), std::vector<std::string>{"https://lejournal.example"});
}

// ---- palabre demo ----

std::string DemoKey(HttpClient& client) {
  const auto page = client.Get("/");
  EXPECT_EQ(page.status, 200);
  const std::string marker = "data-key=\"";
  const auto at = page.body.find(marker);
  if (at == std::string::npos) return "";
  const auto from = at + marker.size();
  return page.body.substr(from, page.body.find('"', from) - from);
}

// What the demo page's widget does, with the Origin a browser sends: post, then vote for and
// report the demo's `nth` comment (votes and reports are one per reader's address, and the
// demo's readers all come from 127.0.0.1).
void ReaderActsFrom(HttpClient& client, const std::string& key, const std::string& origin,
                    const std::string& address, std::size_t nth) {
  const Headers from = {{"Origin", origin}};
  boost::json::object body{{"author", "Awa Traoré"},
                           {"text", "Merci pour ce reportage sur la crue du fleuve, " + address}};
  const auto posted =
      client.Post("/api/v1/threads/demo/" + key + "/comments", boost::json::serialize(body), from);
  ASSERT_EQ(posted.status, 201) << origin << ": " << posted.body;
  EXPECT_EQ(posted.Header("Access-Control-Allow-Origin"), origin);
  const std::string comment =
      "/api/v1/comments/" + std::to_string(JsonOf(posted).at("comment").at("id").as_int64());
  // Someone else's comment: a vote and a report from the same page.
  const auto others = JsonOf(client.Get("/api/v1/threads/demo/" + key + "/comments?sort=oldest"));
  const std::string first =
      "/api/v1/comments/" +
      std::to_string(others.at("comments").as_array().at(nth).at("id").as_int64());
  ASSERT_NE(first, comment);
  const auto vote = client.Post(
      first + "/votes", R"({"vote":"up","token":"demo-browser-token-)" + address + R"("})", from);
  EXPECT_EQ(vote.status, 200) << origin << ": " << vote.body;
  const auto report =
      client.Post(first + "/reports",
                  R"({"reason":"spam","token":"demo-browser-token-)" + address + R"("})", from);
  EXPECT_EQ(report.status, 201) << origin << ": " << report.body;
}

TEST(DemoTest, AcceptsPostsVotesAndReportsFromItsOwnPageUnderEitherLoopbackName) {
  TempDir dir;
  const auto db = dir.path() / "demo.db";
  {
    PalabreServer demo;
    ASSERT_TRUE(demo.Start(db, {}, "demo")) << demo.log();
    HttpClient client("127.0.0.1", demo.port());
    const std::string key = DemoKey(client);
    ASSERT_FALSE(key.empty());
    const std::string port = std::to_string(demo.port());
    ReaderActsFrom(client, key, "http://127.0.0.1:" + port, "a", 0);
    ReaderActsFrom(client, key, "http://localhost:" + port, "b", 1);
    // Another page still may not post.
    const auto foreign = client.Post("/api/v1/threads/demo/" + key + "/comments",
                                     R"({"author":"X","text":"Bonjour à tous."})",
                                     {{"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign.status, 403);
    EXPECT_EQ(CodeOf(foreign), "origin_not_allowed");
  }
  // Run again on the same database, on another port: that one is allowed now, and only it.
  PalabreServer again;
  ASSERT_TRUE(again.Start(db, {"--public-url", "https://demo.example/article"}, "demo"))
      << again.log();
  const std::string port = std::to_string(again.port());
  EXPECT_EQ(OriginsIn(db.string(), "demo"),
            (std::vector<std::string>{"http://127.0.0.1:" + port, "http://localhost:" + port,
                                      "https://demo.example"}));
  HttpClient client("127.0.0.1", again.port());
  ReaderActsFrom(client, DemoKey(client), "https://demo.example", "c", 2);
}

TEST(DemoTest, ABadPublicUrlStopsItBeforeServing) {
  TempDir dir;
  std::string out;
  EXPECT_EQ(RunPalabre({"demo", "--db", (dir.path() / "demo.db").string(), "--listen",
                        "127.0.0.1:0", "--public-url", "demo.example"},
                       &out),
            2);
  EXPECT_NE(out.find("--public-url"), std::string::npos) << out;
}

// ---- the console's site route and refused origins ----

struct Session {
  std::string cookie;
  std::string csrf;
};

class AdminSiteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string db = (dir_->path() / "admin.db").string();
    std::string out;
    ASSERT_EQ(RunPalabre({"site", "add", "news", "--name", "News", "--origin",
                          "https://news.example", "--db", db},
                         &out),
              0)
        << out;
    ASSERT_EQ(RunPalabre({"site", "add", "other", "--db", db}, &out), 0) << out;
    {
      auto store = store::OpenStore(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      SystemClock clock;
      service::AuthOptions options;
      options.password_cost = PasswordCost::kTest;
      service::AuthService auth(**store, clock, options);
      ASSERT_TRUE(auth.AddUser("admin@news.test", kPassword, Role::kAdmin, "news").ok());
      ASSERT_TRUE(auth.AddUser("mod@news.test", kPassword, Role::kModerator, "news").ok());
      ASSERT_TRUE(auth.AddUser("admin@other.test", kPassword, Role::kAdmin, "other").ok());
    }
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

  static HttpClient Client() { return HttpClient("127.0.0.1", server_->port()); }
  static std::string NextAddress() { return "10.67.0." + std::to_string(++addresses_ % 250 + 1); }

  static Session Login(const std::string& email) {
    boost::json::object body{{"email", email}, {"password", kPassword}};
    const auto r = Client().Post("/api/v1/admin/login", boost::json::serialize(body),
                                 {{"X-Forwarded-For", NextAddress()}});
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    const std::string set = r.Header("Set-Cookie");
    s.cookie = set.substr(0, set.find(';'));
    if (r.status == 200) s.csrf = std::string(JsonOf(r).at("csrf_token").as_string());
    return s;
  }
  static HttpResponse Call(const Session& s, const std::string& method, const std::string& path,
                           const std::string& body = {}, bool csrf = true) {
    Headers h = {{"Cookie", s.cookie}};
    if (csrf) h.emplace_back("X-CSRF-Token", s.csrf);
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Client().Request(method, path, body, h);
  }
  static HttpResponse PostFrom(const std::string& origin) {
    const std::string address = NextAddress();
    boost::json::object body{{"author", "Lecteur " + address},
                             {"text", "Un avis sur la question du jour, depuis " + address}};
    return Client().Post("/api/v1/threads/news/article-1/comments", boost::json::serialize(body),
                         {{"Origin", origin}, {"X-Forwarded-For", address}});
  }
  static std::string RefusedLine(const std::string& site) {
    const auto metrics = Client().Get("/metrics");
    const std::string prefix = "palabre_origin_refused_total{site=\"" + site + "\"} ";
    const auto at = metrics.body.find(prefix);
    if (at == std::string::npos) return "";
    return metrics.body.substr(at, metrics.body.find('\n', at) - at);
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<PalabreServer> server_;
  static int addresses_;
};

std::unique_ptr<TempDir> AdminSiteTest::dir_;
std::unique_ptr<PalabreServer> AdminSiteTest::server_;
int AdminSiteTest::addresses_ = 0;

TEST_F(AdminSiteTest, ReadByItsModeratorsChangedByItsAdmins) {
  const Session mod = Login("mod@news.test");
  const Session other = Login("admin@other.test");
  const Session admin = Login("admin@news.test");
  const auto got = Call(mod, "GET", "/api/v1/admin/sites/news");
  ASSERT_EQ(got.status, 200) << got.body;
  const value site = JsonOf(got).at("site");
  EXPECT_EQ(site.at("name").as_string(), "News");
  EXPECT_EQ(site.at("origins"), boost::json::array({"https://news.example"}));
  EXPECT_EQ(site.at("time_zone").as_string(), "UTC");
  EXPECT_EQ(got.Header("Cache-Control"), "no-store");

  EXPECT_EQ(CodeOf(Call(other, "GET", "/api/v1/admin/sites/news")), "forbidden");
  const std::string change = R"({"name":"Les Nouvelles","time_zone":"Africa/Dakar"})";
  EXPECT_EQ(CodeOf(Call(mod, "PUT", "/api/v1/admin/sites/news", change)), "forbidden");
  EXPECT_EQ(CodeOf(Call(other, "PUT", "/api/v1/admin/sites/news", change)), "forbidden");
  EXPECT_EQ(CodeOf(Call(admin, "PUT", "/api/v1/admin/sites/news", change, /*csrf=*/false)),
            "csrf_failed");

  const auto put = Call(admin, "PUT", "/api/v1/admin/sites/news", change);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(JsonOf(put).at("site").at("name").as_string(), "Les Nouvelles");
  EXPECT_EQ(JsonOf(put).at("site").at("time_zone").as_string(), "Africa/Dakar");
  EXPECT_EQ(JsonOf(put).at("site").at("origins"), boost::json::array({"https://news.example"}));
  const auto audit = Call(admin, "GET", "/api/v1/admin/sites/news/audit");
  ASSERT_EQ(audit.status, 200);
  const value entries = JsonOf(audit);
  const auto& last = entries.at("entries").as_array().at(0);
  EXPECT_EQ(last.at("action").as_string(), "site");
  EXPECT_EQ(last.at("user").as_string(), "admin@news.test") << audit.body;
}

TEST_F(AdminSiteTest, BadValuesAreRefusedNamingTheField) {
  const Session admin = Login("admin@news.test");
  const std::string path = "/api/v1/admin/sites/news";
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"origins":["news.example"]})", "origins"},
           {R"({"origins":["https://news.example/path"]})", "origins"},
           {R"({"origins":"https://news.example"})", "origins"},
           {R"({"time_zone":"Afrique/Dakar"})", "time_zone"},
           {R"({"name":"   "})", "name"},
           {R"({"name":3})", "name"}}) {
    const auto r = Call(admin, "PUT", path, body);
    EXPECT_EQ(r.status, 400) << body << ": " << r.body;
    EXPECT_EQ(CodeOf(r), "invalid_argument") << body;
    EXPECT_EQ(FieldOf(r), field) << body << ": " << r.body;
  }
  const auto unknown = Call(admin, "PUT", path, R"({"locale":"en"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(CodeOf(unknown), "invalid_argument");
  EXPECT_EQ(CodeOf(Call(admin, "PUT", "/api/v1/admin/sites/news", "[1]")), "invalid_json");
  EXPECT_EQ(JsonOf(Call(admin, "GET", path)).at("site").at("origins"),
            boost::json::array({"https://news.example"}));
}

TEST_F(AdminSiteTest, RefusedOriginsAreCountedListedAndGoneOnceAllowed) {
  const Session admin = Login("admin@news.test");
  const std::string path = "/api/v1/admin/sites/news";
  ASSERT_EQ(PostFrom("https://news.example").status, 201);
  for (int i = 0; i < 2; ++i) {
    const auto refused = PostFrom("https://www.news.example");
    ASSERT_EQ(refused.status, 403);
    EXPECT_EQ(CodeOf(refused), "origin_not_allowed");
  }
  EXPECT_EQ(RefusedLine("news"), "palabre_origin_refused_total{site=\"news\"} 2");
  EXPECT_EQ(RefusedLine("other"), "");
  EXPECT_EQ(Client().Get("/metrics").body.find("www.news.example"), std::string::npos);

  const value before = JsonOf(Call(admin, "GET", path));
  ASSERT_EQ(before.at("refused_origins").as_array().size(), 1u) << before;
  const auto& refused = before.at("refused_origins").as_array().at(0);
  EXPECT_EQ(refused.at("origin").as_string(), "https://www.news.example");
  EXPECT_EQ(refused.at("count").as_int64(), 2);
  EXPECT_TRUE(refused.at("last_at").is_string());
  EXPECT_TRUE(before.at("refused_since").is_string());

  // The admin allows it: the next post from it is published at once, and the list is empty.
  const auto put = Call(admin, "PUT", path,
                        R"({"origins":["https://news.example","https://www.news.example"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_TRUE(JsonOf(put).at("refused_origins").as_array().empty()) << put.body;
  const auto now_allowed = PostFrom("https://www.news.example");
  EXPECT_EQ(now_allowed.status, 201) << now_allowed.body;
  EXPECT_EQ(RefusedLine("news"), "palabre_origin_refused_total{site=\"news\"} 2");
}

}  // namespace
}  // namespace palabre::testing
