// The moderator console's HTTP API (docs/API.md, "Moderator console API", "Reader reports")
// against the real binary: sessions, CSRF, roles on every route, lock-out, cookies, the
// console page's headers, and a moderator's whole day (queue, approve, reject, ban, settings,
// audit, reader reports, review after publishing).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
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

struct Session {
  std::string cookie;  // "palabre_session=..."
  std::string csrf;
};

class AdminTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string db = (dir_->path() / "admin.db").string();
    std::string out;
    ASSERT_EQ(RunPalabre({"site", "add", "demo", "--name", "Demo", "--origin",
                          "https://example.test", "--db", db},
                         &out),
              0)
        << out;
    ASSERT_EQ(RunPalabre({"site", "add", "other", "--name", "Other", "--db", db}, &out), 0) << out;
    {
      // Accounts are made from the command line in production; here straight in the database.
      auto store = store::OpenStore(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      SystemClock clock;
      service::AuthOptions options;
      options.password_cost = PasswordCost::kTest;
      service::AuthService auth(**store, clock, options);
      for (const auto& [email, site, role] :
           std::vector<std::tuple<std::string, std::string, Role>>{
               {"admin@demo.test", "demo", Role::kAdmin},
               {"mod@other.test", "other", Role::kModerator},
               {"locked@demo.test", "demo", Role::kModerator},
               {"cookie@demo.test", "demo", Role::kModerator}}) {
        auto added = auth.AddUser(email, kPassword, role, site);
        ASSERT_TRUE(added.ok()) << email << ": " << added.status().ToString();
      }
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

  static value Json(const HttpResponse& r) {
    boost::system::error_code ec;
    value v = boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << r.body;
    return v;
  }
  static std::string CodeOf(const HttpResponse& r) {
    const value v = Json(r);
    if (!v.is_object() || !v.as_object().contains("error")) return "(no error: " + r.body + ")";
    return std::string(v.at("error").at("code").as_string());
  }
  // Each login from its own address: the per-address budget is not what these tests measure.
  static std::string NextAddress() { return "10.66.0." + std::to_string(++addresses_ % 250 + 1); }

  static HttpResponse LoginRaw(const std::string& email, const std::string& password,
                               Headers extra = {}) {
    extra.emplace_back("X-Forwarded-For", NextAddress());
    boost::json::object body{{"email", email}, {"password", password}};
    return Client().Post("/api/v1/admin/login", boost::json::serialize(body), extra);
  }
  static Session Login(const std::string& email) {
    const HttpResponse r = LoginRaw(email, kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    const std::string set = r.Header("Set-Cookie");
    s.cookie = set.substr(0, set.find(';'));
    if (r.status == 200) s.csrf = std::string(Json(r).at("csrf_token").as_string());
    return s;
  }
  static Headers Auth(const Session& s, bool csrf = true) {
    Headers h = {{"Cookie", s.cookie}};
    if (csrf) h.emplace_back("X-CSRF-Token", s.csrf);
    return h;
  }
  static HttpResponse Call(const Session* s, const std::string& method, const std::string& path,
                           const std::string& body = {}) {
    Headers h;
    if (s != nullptr) h = Auth(*s);
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Client().Request(method, path, body, h);
  }

  // A comment on demo/KEY by a reader of its own (name, address).
  static HttpResponse Post(const std::string& key, const std::string& author,
                           const std::string& text, const std::string& address = {}) {
    boost::json::object body{{"author", author}, {"text", text}};
    return Client().Post("/api/v1/threads/demo/" + key + "/comments", boost::json::serialize(body),
                         {{"X-Forwarded-For", address.empty() ? NextAddress() : address}});
  }
  static std::int64_t IdOf(const HttpResponse& r) {
    return Json(r).at("comment").at("id").as_int64();
  }
  static bool InPublicThread(const std::string& key, std::int64_t id) {
    const value v = Json(Client().Get("/api/v1/threads/demo/" + key + "/comments?limit=100"));
    for (const auto& c : v.at("comments").as_array()) {
      if (c.at("id").as_int64() == id) return true;
    }
    return false;
  }
  static HttpResponse PutSettings(const Session& s, const std::string& json) {
    return Call(&s, "PUT", "/api/v1/admin/sites/demo/settings", json);
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<PalabreServer> server_;
  static int addresses_;
};

std::unique_ptr<TempDir> AdminTest::dir_;
std::unique_ptr<PalabreServer> AdminTest::server_;
int AdminTest::addresses_ = 0;

TEST_F(AdminTest, EveryRouteNeeds401ASessionAnd403ARoleOnItsSite) {
  // Things of site "demo" to point at.
  const auto posted = Post("roles", "Lecteur Rôles", "Un commentaire pour les rôles.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string id = std::to_string(IdOf(posted));
  const Session admin = Login("admin@demo.test");
  const auto ban = Call(&admin, "POST", "/api/v1/admin/bans",
                        R"({"comment_id":)" + id + R"(,"days":1,"reason":"test des rôles"})");
  ASSERT_EQ(ban.status, 201) << ban.body;
  const std::string ban_id = std::to_string(Json(ban).at("ban").at("id").as_int64());

  struct Route {
    std::string method;
    std::string path;
    std::string body;
    int foreign_status;  // what a moderator of "other" gets
  };
  const std::vector<Route> routes = {
      {"POST", "/api/v1/admin/logout", "", 204},  // no site concerned: their own session
      {"GET", "/api/v1/admin/session", "", 200},
      {"GET", "/api/v1/admin/sites", "", 200},  // their own sites only
      {"GET", "/api/v1/admin/queue?site=demo", "", 403},
      {"POST", "/api/v1/admin/comments/" + id + "/approve", "", 403},
      {"POST", "/api/v1/admin/comments/" + id + "/reject", R"({"reason":"spam"})", 403},
      {"POST", "/api/v1/admin/comments/" + id + "/unpublish", R"({"reason":"x"})", 403},
      {"POST", "/api/v1/admin/comments/" + id + "/false-positive", "", 403},
      {"POST", "/api/v1/admin/comments/" + id + "/undo", "", 403},
      {"POST", "/api/v1/admin/comments/bulk", R"({"cluster":)" + id + R"(,"action":"approve"})",
       403},
      {"GET", "/api/v1/admin/bans?site=demo", "", 403},
      {"POST", "/api/v1/admin/bans", R"({"comment_id":)" + id + R"(,"days":1,"reason":"x"})", 403},
      {"DELETE", "/api/v1/admin/bans/" + ban_id, "", 403},
      {"GET", "/api/v1/admin/sites/demo/settings", "", 403},
      {"PUT", "/api/v1/admin/sites/demo/settings", R"({"report_threshold":5})", 403},
      {"GET", "/api/v1/admin/sites/demo/audit", "", 403},
      {"GET", "/api/v1/admin/sites/demo/report?days=7", "", 403},
      {"GET", "/api/v1/admin/sites/demo/keys", "", 403},
      {"POST", "/api/v1/admin/sites/demo/keys", R"({"name":"x"})", 403},
      {"DELETE", "/api/v1/admin/sites/demo/keys/1", "", 403},
  };
  for (const Route& r : routes) {
    SCOPED_TRACE(r.method + " " + r.path);
    const HttpResponse anonymous = Call(nullptr, r.method, r.path, r.body);
    EXPECT_EQ(anonymous.status, 401) << anonymous.body;
    EXPECT_EQ(CodeOf(anonymous), "unauthorized");
    EXPECT_EQ(anonymous.Header("Cache-Control"), "no-store");
    EXPECT_EQ(anonymous.Header("Access-Control-Allow-Origin"), "");

    Session bogus{"palabre_session=not-a-session", "x"};
    EXPECT_EQ(Call(&bogus, r.method, r.path, r.body).status, 401);

    const Session foreign = Login("mod@other.test");  // fresh: logout ends one
    const HttpResponse other = Call(&foreign, r.method, r.path, r.body);
    EXPECT_EQ(other.status, r.foreign_status) << other.body;
    if (r.foreign_status == 403) {
      EXPECT_EQ(CodeOf(other), "forbidden");
    }
    EXPECT_EQ(other.Header("Cache-Control"), "no-store");
  }
  // The comment and the ban are as they were.
  EXPECT_TRUE(InPublicThread("roles", IdOf(posted)));
  EXPECT_EQ(Call(&admin, "DELETE", "/api/v1/admin/bans/" + ban_id).status, 204);
}

TEST_F(AdminTest, WritesNeedTheCsrfTokenAndOurOrigin) {
  const Session admin = Login("admin@demo.test");
  const auto posted = Post("csrf", "Lecteur CSRF", "Un commentaire pour le jeton.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string path = "/api/v1/admin/comments/" + std::to_string(IdOf(posted)) + "/unpublish";
  HttpClient client = Client();

  auto r = client.Post(path, "{}", Auth(admin, /*csrf=*/false));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(CodeOf(r), "csrf_failed");
  r = client.Post(path, "{}", {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf + "x"}});
  EXPECT_EQ(CodeOf(r), "csrf_failed");
  r = client.Post(path, "{}", {{"Cookie", admin.cookie}, {"X-CSRF-Token", ""}});
  EXPECT_EQ(CodeOf(r), "csrf_failed");
  for (const char* origin : {"https://evil.example", "null", "https://example.test"}) {
    Headers h = Auth(admin);
    h.emplace_back("Origin", origin);
    r = client.Post(path, "{}", h);
    EXPECT_EQ(r.status, 403) << origin;
    EXPECT_EQ(CodeOf(r), "csrf_failed") << origin;
  }
  // Login refuses a foreign Origin too.
  EXPECT_EQ(CodeOf(LoginRaw("admin@demo.test", kPassword, {{"Origin", "https://evil.example"}})),
            "csrf_failed");
  // Reads need no token; a preflight from elsewhere is refused.
  EXPECT_EQ(client.Get("/api/v1/admin/session", Auth(admin, false)).status, 200);
  r = client.Request(
      "OPTIONS", path, {},
      {{"Origin", "https://example.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "");

  // The right token, with our own origin (the test client's Host is "127.0.0.1"): done.
  Headers h = Auth(admin);
  h.emplace_back("Origin", "http://127.0.0.1");
  r = client.Post(path, "{}", h);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r).at("comment").at("status").as_string(), "held");
  EXPECT_FALSE(InPublicThread("csrf", IdOf(posted)));
}

TEST_F(AdminTest, FiveFailuresLockTheAccountWithRetryAfter) {
  for (int i = 0; i < 5; ++i) {
    const auto r = LoginRaw("locked@demo.test", "wrong password number " + std::to_string(i));
    EXPECT_EQ(r.Header("Set-Cookie"), "");
    if (i == 4) {  // the failure that locks may already say so
      EXPECT_TRUE(r.status == 401 || r.status == 429) << r.body;
      continue;
    }
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(CodeOf(r), "login_failed");
  }
  for (const std::string& password : {std::string("still wrong!!"), std::string(kPassword)}) {
    const auto r = LoginRaw("locked@demo.test", password);
    EXPECT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(CodeOf(r), "account_locked");
    const std::string retry = r.Header("Retry-After");
    ASSERT_FALSE(retry.empty());
    EXPECT_GT(std::stoi(retry), 0);
    EXPECT_LE(std::stoi(retry), 15 * 60);
  }
  // An unknown account answers as a wrong password.
  const auto unknown = LoginRaw("nobody@demo.test", kPassword);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(CodeOf(unknown), "login_failed");
}

TEST_F(AdminTest, SessionCookieFlagsAndLogout) {
  const auto r = LoginRaw("cookie@demo.test", kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string set = r.Header("Set-Cookie");
  EXPECT_TRUE(set.starts_with("palabre_session=")) << set;
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("; SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("; Path=/"), std::string::npos) << set;
  EXPECT_NE(set.find("; Max-Age="), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP to 127.0.0.1: " << set;
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  const value v = Json(r);
  EXPECT_EQ(v.at("user").at("email").as_string(), "cookie@demo.test");
  EXPECT_EQ(v.at("user").at("sites").as_array().at(0).at("site").as_string(), "demo");
  EXPECT_EQ(v.at("user").at("sites").as_array().at(0).at("role").as_string(), "moderator");
  EXPECT_FALSE(v.at("user").as_object().contains("password_hash"));

  // Behind the TLS proxy (X-Forwarded-Proto: https), or to a public name: Secure.
  auto https = LoginRaw("cookie@demo.test", kPassword, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(https.Header("Set-Cookie").find("; Secure"), std::string::npos);

  const Session s{set.substr(0, set.find(';')), std::string(v.at("csrf_token").as_string())};
  auto session = Call(&s, "GET", "/api/v1/admin/session");
  ASSERT_EQ(session.status, 200);
  EXPECT_EQ(Json(session).at("csrf_token"), v.at("csrf_token"));
  auto out = Call(&s, "POST", "/api/v1/admin/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("Set-Cookie").find("palabre_session=; Path=/; Max-Age=0"), std::string::npos)
      << out.Header("Set-Cookie");
  EXPECT_EQ(Call(&s, "GET", "/api/v1/admin/session").status, 401);
}

TEST_F(AdminTest, ConsolePageAndDemoPageCarryAContentSecurityPolicy) {
  HttpClient client = Client();
  for (const char* path : {"/admin", "/admin/"}) {
    const auto r = client.Get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
    const std::string csp = r.Header("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
    EXPECT_NE(r.body.find("<div id=\"palabre-admin\">"), std::string::npos);
    EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  }
  // The front end's files, named with their version by the page, cached for good.
  const std::string page = client.Get("/admin").body;
  for (const char* file : {"/admin.js?v=", "/admin.css?v="}) {
    const std::size_t at = page.find(file);
    ASSERT_NE(at, std::string::npos) << file << " in " << page;
    const std::string url = page.substr(at, page.find('"', at) - at);
    const auto asset = client.Get(url);
    EXPECT_EQ(asset.status, 200) << url;
    EXPECT_EQ(asset.Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_FALSE(asset.body.empty());
  }

  // The demo page (palabre demo) is HTML too: the site-wide policy.
  TempDir demo_dir;
  PalabreServer demo;
  ASSERT_TRUE(demo.Start(demo_dir.path() / "demo.db", {}, "demo")) << demo.log();
  HttpClient demo_client("127.0.0.1", demo.port());
  const auto home = demo_client.Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(home.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(demo_client.Get("/admin").Header("X-Frame-Options"), "DENY");
}

TEST_F(AdminTest, AModeratorsDay) {
  const Session admin = Login("admin@demo.test");
  // Everything is held first.
  auto put = PutSettings(admin, R"({"premoderation":"all"})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Json(put).at("settings").at("premoderation").as_string(), "all");
  auto bad = PutSettings(admin, R"({"premoderation":"sometimes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(CodeOf(bad), "invalid_argument");
  EXPECT_EQ(Json(bad).at("error").at("field").as_string(), "premoderation") << bad.body;

  const auto held = Post("day", "Awa Traoré", "Merci pour ce reportage sur la crue du fleuve.");
  ASSERT_EQ(held.status, 202) << held.body;
  const std::int64_t held_id = IdOf(held);
  EXPECT_FALSE(InPublicThread("day", held_id));

  // The queue shows it with its reasons and the moderators' fields.
  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=held&order=newest");
  ASSERT_EQ(queue.status, 200) << queue.body;
  const value* item = nullptr;
  const value q = Json(queue);
  for (const auto& i : q.at("items").as_array()) {
    if (i.at("id").as_int64() == held_id) item = &i;
  }
  ASSERT_NE(item, nullptr) << queue.body;
  EXPECT_EQ(item->at("status").as_string(), "held");
  EXPECT_EQ(item->at("site").as_string(), "demo");
  EXPECT_EQ(item->at("thread").at("key").as_string(), "day");
  EXPECT_EQ(item->at("text").as_string(), "Merci pour ce reportage sur la crue du fleuve.");
  EXPECT_EQ(item->at("author").as_string(), "Awa Traoré");
  ASSERT_FALSE(item->at("reasons").as_array().empty());
  EXPECT_EQ(item->at("reasons").as_array()[0].at("code").as_string(), "premoderation_all");
  EXPECT_TRUE(item->at("reasons").as_array()[0].at("spans").is_array());
  EXPECT_TRUE(item->at("history").is_object());
  EXPECT_TRUE(item->at("cluster").is_null());
  EXPECT_TRUE(q.at("next_cursor").is_null() || q.at("next_cursor").is_string());

  // Approve: in the public thread at once.
  auto approved =
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(held_id) + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved).at("comment").at("status").as_string(), "published");
  EXPECT_TRUE(InPublicThread("day", held_id));

  // Reject with a reason.
  const auto spam =
      Post("day", "Vendeur", "Gagnez de l'argent facilement, écrivez-moi.", "10.77.0.1");
  ASSERT_EQ(spam.status, 202) << spam.body;
  const std::string spam_id = std::to_string(IdOf(spam));
  auto no_reason = Call(&admin, "POST", "/api/v1/admin/comments/" + spam_id + "/reject", "{}");
  EXPECT_EQ(no_reason.status, 400);
  auto rejected = Call(&admin, "POST", "/api/v1/admin/comments/" + spam_id + "/reject",
                       R"({"reason":"spam","note":"publicité"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Json(rejected).at("comment").at("status").as_string(), "rejected");

  // Ban its author by name: their next post is refused.
  auto ban = Call(&admin, "POST", "/api/v1/admin/bans",
                  R"({"comment_id":)" + spam_id + R"(,"days":0,"reason":"spam","by":["name"]})");
  ASSERT_EQ(ban.status, 201) << ban.body;
  const value b = Json(ban).at("ban");
  EXPECT_EQ(b.at("site").as_string(), "demo");
  EXPECT_TRUE(b.at("expires_at").is_null());
  EXPECT_FALSE(b.at("by_address").as_bool());
  auto bans = Call(&admin, "GET", "/api/v1/admin/bans?site=demo");
  ASSERT_EQ(bans.status, 200);
  EXPECT_FALSE(Json(bans).at("bans").as_array().empty());
  const auto again = Post("day", "Vendeur", "Encore une offre exceptionnelle pour vous.");
  EXPECT_EQ(again.status, 403) << again.body;
  EXPECT_EQ(CodeOf(again), "banned");

  // Settings change the next decision: premoderation off, the next comment is published.
  ASSERT_EQ(PutSettings(admin, R"({"premoderation":"none"})").status, 200);
  const auto published = Post("day", "Moussa", "Courage aux familles touchées par la crue.");
  EXPECT_EQ(published.status, 201) << published.body;

  // Bulk: each comment on its own.
  auto bulk = Call(&admin, "POST", "/api/v1/admin/comments/bulk",
                   R"({"ids":[)" + spam_id + R"(],"action":"reject","reason":"spam"})");
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_TRUE(Json(bulk).at("done").is_array());
  EXPECT_TRUE(Json(bulk).at("failed").is_array());

  // The audit log has it all, newest first.
  auto audit = Call(&admin, "GET", "/api/v1/admin/sites/demo/audit?limit=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::vector<std::string> actions;
  const value entries = Json(audit);  // kept: a range-for would outlive a temporary
  for (const auto& e : entries.at("entries").as_array()) {
    actions.emplace_back(e.at("action").as_string());
    EXPECT_EQ(e.at("user").as_string(), "admin@demo.test");
  }
  for (const char* action : {"approve", "reject", "ban", "settings"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
  auto report = Call(&admin, "GET", "/api/v1/admin/sites/demo/report?days=7");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(Json(report).at("days").as_array().size(), 7u);
  EXPECT_EQ(Call(&admin, "GET", "/api/v1/admin/sites/demo/report?days=91").status, 400);
  auto sites = Call(&admin, "GET", "/api/v1/admin/sites");
  ASSERT_EQ(sites.status, 200);
  EXPECT_EQ(Json(sites).at("sites").as_array().at(0).at("role").as_string(), "admin");
}

TEST_F(AdminTest, AutoRejectedCommentsAFalsePositiveAndUndo) {
  const Session admin = Login("admin@demo.test");
  auto put = PutSettings(admin, R"({"banned_words":["arnaqueur"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Json(put).at("settings").at("keep_rejected_days").as_int64(), 30);
  const auto rejected = Post("auto", "Lecteur Fâché", "Ce vendeur est un arnaqueur.");
  ASSERT_EQ(rejected.status, 422) << rejected.body;
  EXPECT_EQ(CodeOf(rejected), "rejected");

  // Kept for the console, never for readers.
  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=auto_rejected");
  ASSERT_EQ(queue.status, 200) << queue.body;
  const value listed = Json(queue);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << queue.body;
  EXPECT_EQ(items[0].at("text").as_string(), "Ce vendeur est un arnaqueur.");
  EXPECT_EQ(items[0].at("status").as_string(), "rejected");
  EXPECT_TRUE(items[0].at("auto_rejected").as_bool());
  EXPECT_EQ(items[0].at("reasons").as_array()[0].at("code").as_string(), "banned_word");
  const std::string id = std::to_string(items[0].at("id").as_int64());
  EXPECT_FALSE(InPublicThread("auto", items[0].at("id").as_int64()));
  auto rejected_tab = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=rejected");
  const value by_moderators = Json(rejected_tab);
  for (const auto& i : by_moderators.at("items").as_array()) {
    EXPECT_NE(std::to_string(i.at("id").as_int64()), id);
  }

  // "Faux positif": published at once, and the decision is the admin's to take back.
  auto published = Call(&admin, "POST", "/api/v1/admin/comments/" + id + "/false-positive");
  ASSERT_EQ(published.status, 200) << published.body;
  const value c = Json(published).at("comment");
  EXPECT_EQ(c.at("status").as_string(), "published");
  EXPECT_EQ(c.at("last_decision").at("action").as_string(), "false_positive");
  EXPECT_EQ(c.at("last_decision").at("user").as_string(), "admin@demo.test");
  EXPECT_TRUE(InPublicThread("auto", std::stoll(id)));
  auto twice = Call(&admin, "POST", "/api/v1/admin/comments/" + id + "/false-positive");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(CodeOf(twice), "not_auto_rejected");

  auto undone = Call(&admin, "POST", "/api/v1/admin/comments/" + id + "/undo");
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(Json(undone).at("comment").at("status").as_string(), "rejected");
  EXPECT_FALSE(InPublicThread("auto", std::stoll(id)));
  auto again = Call(&admin, "POST", "/api/v1/admin/comments/" + id + "/undo");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(CodeOf(again), "undo_not_possible");
  auto audit = Call(&admin, "GET", "/api/v1/admin/sites/demo/audit");
  ASSERT_EQ(audit.status, 200);
  const value newest = Json(audit).at("entries").as_array()[0];
  EXPECT_EQ(newest.at("action").as_string(), "undo");
  EXPECT_EQ(newest.at("detail").at("action").as_string(), "false_positive");
  EXPECT_EQ(newest.at("detail").at("to").as_string(), "rejected");
  ASSERT_EQ(PutSettings(admin, "{}").status, 200);
}

TEST_F(AdminTest, ReaderReportsHoldACommentAtTheThreshold) {
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(PutSettings(admin, R"({"report_threshold":2,"premoderation":"none"})").status, 200);
  const auto posted = Post("reports", "Lecteur Signalé", "Un avis tranché sur la question.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(posted)) + "/reports";
  HttpClient client = Client();

  // Each reader from a network of their own.
  const Headers reader1 = {{"X-Forwarded-For", "192.0.2.31"}};
  const Headers reader2 = {{"X-Forwarded-For", "198.51.100.32"}};
  const Headers reader3 = {{"X-Forwarded-For", "203.0.113.33"}};
  auto r = client.Post(path, R"({"reason":"abuse","token":"browser-token-00001"})",
                       {{"Origin", "https://example.test"}, reader1[0]});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json(r).at("reports").as_int64(), 1);
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "https://example.test");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"abuse"})", reader1)), "already_reported");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"boring"})", reader2)), "invalid_argument");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"spam"})",
                               {{"Origin", "https://evil.example"}, reader2[0]})),
            "origin_not_allowed");
  EXPECT_TRUE(InPublicThread("reports", IdOf(posted)));

  r = client.Post(path, R"({"reason":"hate","note":"insultant"})", reader2);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json(r).at("reports").as_int64(), 2);
  EXPECT_FALSE(InPublicThread("reports", IdOf(posted)));
  // Now held: no more reports, and the moderators see why.
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"spam"})", reader3)), "comment_not_published");
  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=reported");
  ASSERT_EQ(queue.status, 200) << queue.body;
  bool found = false;
  const value items = Json(queue);
  for (const auto& i : items.at("items").as_array()) {
    if (i.at("id").as_int64() != IdOf(posted)) continue;
    found = true;
    EXPECT_EQ(i.at("open_reports").as_int64(), 2);
    ASSERT_EQ(i.at("reports").as_array().size(), 2u);
    EXPECT_EQ(i.at("reports").as_array()[1].at("note").as_string(), "insultant");
  }
  EXPECT_TRUE(found) << queue.body;
  EXPECT_EQ(CodeOf(client.Post("/api/v1/comments/999999/reports", R"({"reason":"spam"})", reader3)),
            "unknown_comment");
}

// A site's settings send what two checks find to review: such comments are published at once
// (201, nothing said of the review), listed in the review queue riskiest first, and leave it
// when a moderator decides; analyze and the Perspective-compatible endpoint say "review".
TEST_F(AdminTest, ReviewAfterPublishing) {
  const Session admin = Login("admin@demo.test");
  auto put = PutSettings(admin, R"({"premoderation":"none","suspect_words":["corrompu"],
      "checks":{"shouting.action":"review","lexicon.suspect_action":"review"}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Json(put).at("settings").at("checks").at("shouting.action").as_string(), "review");

  const auto shouted =
      Post("review", "Kadiatou", "LES ROUTES DE KAYES SONT DANS UN ÉTAT LAMENTABLE");
  const auto suspect = Post("review", "Seydou", "Ce préfet est corrompu, tout le monde le sait.");
  const auto exclaimed = Post("review", "Fanta", "Les routes de Kayes, encore et toujours !!!!");
  const auto calm = Post("review", "Awa", "Merci pour cet article sur les routes.");
  for (const auto* r : {&shouted, &suspect, &exclaimed, &calm}) {
    ASSERT_EQ(r->status, 201) << r->body;
    const value v = Json(*r);
    EXPECT_EQ(v.at("status").as_string(), "published");
    // Readers' answers say nothing of the review.
    EXPECT_FALSE(v.as_object().contains("reasons")) << r->body;
    EXPECT_FALSE(v.at("comment").as_object().contains("review")) << r->body;
    EXPECT_EQ(r->body.find("review"), std::string::npos) << r->body;
    EXPECT_TRUE(InPublicThread("review", IdOf(*r)));
  }

  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review");
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::vector<std::int64_t> ids;
  {
    const value q = Json(queue);
    for (const auto& i : q.at("items").as_array()) {
      ids.push_back(i.at("id").as_int64());
      EXPECT_EQ(i.at("status").as_string(), "published");
      EXPECT_TRUE(i.at("review").as_bool());
    }
    ASSERT_EQ(ids, (std::vector<std::int64_t>{IdOf(shouted), IdOf(suspect), IdOf(exclaimed)}))
        << queue.body;  // risk 1.0 (all capitals), 0.6 (suspect word), 0.5 (!!!!)
    const auto& second = q.at("items").as_array()[1];
    EXPECT_DOUBLE_EQ(second.at("risk").to_number<double>(), 0.6);
    const auto& reason = second.at("reasons").as_array().at(0);
    EXPECT_EQ(reason.at("code").as_string(), "suspect_word");
    EXPECT_EQ(reason.at("action").as_string(), "review");
    ASSERT_FALSE(reason.at("spans").as_array().empty());
    const auto& span = reason.at("spans").as_array()[0].as_array();
    const std::string text(second.at("text").as_string());
    EXPECT_EQ(text.substr(span[0].as_int64(), span[1].as_int64() - span[0].as_int64()), "corrompu");
  }
  // Pages of one, by risk: the cursor walks the same order.
  auto first = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review&limit=1");
  ASSERT_EQ(first.status, 200);
  const std::string cursor(Json(first).at("next_cursor").as_string());
  auto next =
      Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review&limit=1&cursor=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(Json(next).at("items").as_array().at(0).at("id").as_int64(), IdOf(suspect));

  // Approve: stays published, leaves the queue.
  auto approved =
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(suspect)) + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved).at("comment").at("status").as_string(), "published");
  EXPECT_FALSE(Json(approved).at("comment").at("review").as_bool());
  EXPECT_TRUE(InPublicThread("review", IdOf(suspect)));
  // Unpublish: leaves the thread and the queue.
  auto unpublished =
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(shouted)) + "/unpublish",
           "{}");
  ASSERT_EQ(unpublished.status, 200) << unpublished.body;
  EXPECT_EQ(Json(unpublished).at("comment").at("status").as_string(), "held");
  EXPECT_FALSE(InPublicThread("review", IdOf(shouted)));
  queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review");
  ASSERT_EQ(queue.status, 200);
  {
    const value q = Json(queue);
    ASSERT_EQ(q.at("items").as_array().size(), 1u) << queue.body;
    EXPECT_EQ(q.at("items").as_array()[0].at("id").as_int64(), IdOf(exclaimed));
  }
  // Both decisions are in the audit log as reviews.
  auto audit = Call(&admin, "GET", "/api/v1/admin/sites/demo/audit?limit=10");
  ASSERT_EQ(audit.status, 200);
  {
    const value entries = Json(audit);
    const auto& newest = entries.at("entries").as_array();
    ASSERT_GE(newest.size(), 2u);
    EXPECT_EQ(newest[0].at("action").as_string(), "unpublish");
    EXPECT_EQ(newest[0].at("reason").as_string(), "review: shouting");
    EXPECT_TRUE(newest[0].at("detail").at("review").as_bool());
    EXPECT_EQ(newest[1].at("action").as_string(), "approve");
    EXPECT_TRUE(newest[1].at("detail").at("review").as_bool());
  }
  // A bad queue kind is refused.
  EXPECT_EQ(Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=revue").status, 400);

  // POST /api/v1/analyze judges with the key's site settings: the outcome is "review".
  auto made = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys", R"({"name":"revue"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Headers with_key = {{"X-Api-Key", std::string(Json(made).at("secret").as_string())}};
  HttpClient client = Client();
  auto analyzed = client.Post("/api/v1/analyze",
                              R"({"text":"LES ROUTES SONT DANS UN ÉTAT LAMENTABLE"})", with_key);
  ASSERT_EQ(analyzed.status, 200) << analyzed.body;
  EXPECT_EQ(Json(analyzed).at("action").as_string(), "review");
  EXPECT_EQ(Json(analyzed).at("reasons").as_array().at(0).at("action").as_string(), "review");
  auto plain = client.Post("/api/v1/analyze", R"({"text":"Merci pour l'article."})", with_key);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(Json(plain).at("action").as_string(), "publish");
  ASSERT_EQ(PutSettings(admin, "{}").status, 200);

  // The Perspective-compatible endpoint judges with the server's defaults under the key's
  // site settings: a server whose configuration sends shouting to review says so beside the
  // attribute scores.
  TempDir other_dir;
  const auto config = other_dir.path() / "moderation.conf";
  std::ofstream(config) << "moderation.toxicity.enabled = false\n"
                           "moderation.shouting.action = review\n";
  const std::string other_db = (other_dir.path() / "other.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "news", "--name", "News", "--db", other_db}, &out), 0)
      << out;
  ASSERT_EQ(
      RunPalabre({"site", "key", "add", "news", "--name", "perspective", "--db", other_db}, &out),
      0)
      << out;
  const auto plb = out.find("plb_");
  ASSERT_NE(plb, std::string::npos) << out;
  const std::string other_key = out.substr(plb, out.find('\n', plb) - plb);
  PalabreServer other;
  ASSERT_TRUE(other.Start(other_db, {"--moderation-config", config.string()})) << other.log();
  HttpClient perspective("127.0.0.1", other.port());
  const std::string request =
      R"({"comment":{"text":"%s"},"requestedAttributes":{"TOXICITY":{},"SPAM":{}}})";
  for (const auto& [text, action] : std::vector<std::pair<std::string, std::string>>{
           {"LES ROUTES SONT DANS UN ÉTAT LAMENTABLE", "review"},
           {"Merci pour l'article.", "publish"},
           {"Appelez le +223 76 12 34 56 sur WhatsApp", "hold"}}) {
    std::string body = request;
    body.replace(body.find("%s"), 2, text);
    auto r = perspective.Post("/v1alpha1/comments:analyze?key=" + other_key, body);
    ASSERT_EQ(r.status, 200) << r.body;
    const value v = Json(r);
    EXPECT_TRUE(v.at("attributeScores").at("TOXICITY").at("summaryScore").at("value").is_number());
    EXPECT_EQ(v.at("palabre").at("action").as_string(), action) << text;
  }
}

TEST_F(AdminTest, ABurstOfReportsRaisesTheConsolesAlert) {
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(PutSettings(admin, R"({"report_threshold":3,"premoderation":"none"})").status, 200);
  const auto posted = Post("burst", "Lecteur Ciblé", "Un avis qui attire une meute.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(posted)) + "/reports";
  HttpClient client = Client();
  // Five readers of one network within minutes: the comment stays, the moderators are told.
  for (int i = 1; i <= 5; ++i) {
    auto r = client.Post(path, R"({"reason":"spam"})",
                         {{"X-Forwarded-For", "192.0.2." + std::to_string(200 + i)}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  EXPECT_TRUE(InPublicThread("burst", IdOf(posted)));
  // Whatever the tab, the queue's answer carries the alert; the reported item is flagged.
  auto held = Call(&admin, "GET", "/api/v1/admin/queue?status=held");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(Json(held).at("report_bursts").as_int64(), 1);
  auto reported = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=reported");
  ASSERT_EQ(reported.status, 200);
  bool flagged = false;
  const value items = Json(reported);
  for (const auto& i : items.at("items").as_array()) {
    if (i.at("id").as_int64() == IdOf(posted)) flagged = i.at("report_burst").as_bool();
  }
  EXPECT_TRUE(flagged) << reported.body;
  // Another site's moderator sees no alert of demo's.
  const Session other = Login("mod@other.test");
  EXPECT_EQ(Json(Call(&other, "GET", "/api/v1/admin/queue")).at("report_bursts").as_int64(), 0);
  // The decision closes it.
  ASSERT_EQ(
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(posted)) + "/approve")
          .status,
      200);
  EXPECT_EQ(Json(Call(&admin, "GET", "/api/v1/admin/queue")).at("report_bursts").as_int64(), 0);
}

TEST_F(AdminTest, ApiKeysFromTheSitesPage) {
  const Session admin = Login("admin@demo.test");
  auto made = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys",
                   R"({"name":"Outil de modération","per_minute":5})");
  ASSERT_EQ(made.status, 201) << made.body;
  const value key = Json(made);
  const std::string secret(key.at("secret").as_string());
  EXPECT_EQ(secret.rfind("plb_", 0), 0u);
  EXPECT_EQ(key.at("key").at("name").as_string(), "Outil de modération");
  EXPECT_EQ(key.at("key").at("per_minute").as_int64(), 5);
  EXPECT_FALSE(key.at("key").as_object().contains("key_hash"));
  const std::string id = std::to_string(key.at("key").at("id").as_int64());
  // Shown once: the list has the hint only.
  auto listed = Call(&admin, "GET", "/api/v1/admin/sites/demo/keys");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_NE(listed.body.find(secret.substr(0, 8)), std::string::npos);
  // The key works, then stops at once when removed.
  const std::string body = R"({"text":"Bonjour à tous"})";
  EXPECT_EQ(Client().Post("/api/v1/analyze", body, {{"X-Api-Key", secret}}).status, 200);
  EXPECT_EQ(Call(&admin, "DELETE", "/api/v1/admin/sites/demo/keys/" + id).status, 204);
  EXPECT_EQ(Client().Post("/api/v1/analyze", body, {{"X-Api-Key", secret}}).status, 403);
  EXPECT_EQ(CodeOf(Call(&admin, "DELETE", "/api/v1/admin/sites/demo/keys/" + id)),
            "unknown_api_key");
  // A budget is 1..10000 requests a minute.
  auto zero = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys", R"({"per_minute":0})");
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(Json(zero).at("error").at("field").as_string(), "per_minute");
}

// The widget asks, on each page, where its author's comments stand: held ones are shown to their
// author only, with the reasons. The edit token proves authorship; a wrong token, another
// site or a missing comment are one and the same "unknown".
TEST_F(AdminTest, AnAuthorLearnsTheStatusOfTheirOwnCommentsWithTheirEditTokensOnly) {
  const std::string path = "/api/v1/comments/status?site=demo";
  const auto held = Post("mine", "Awa Traoré",
                         "Le communiqué complet est sur https://mairie-kayes.example/communique.");
  ASSERT_EQ(held.status, 202) << held.body;
  const std::int64_t id = IdOf(held);
  const std::string token(Json(held).at("edit_token").as_string());
  const auto other = Post("mine", "Moussa", "Un autre avis, sur un autre sujet, sans lien.");
  ASSERT_TRUE(other.status == 201 || other.status == 202) << other.body;
  const std::string other_token(Json(other).at("edit_token").as_string());
  const auto ask = [&](const std::string& site, const boost::json::array& items) {
    boost::json::object body{{"items", items}};
    return Client().Post("/api/v1/comments/status?site=" + site, boost::json::serialize(body));
  };
  const auto item = [](std::int64_t i, const std::string& t) {
    return boost::json::object{{"id", i}, {"edit_token", t}};
  };

  auto first = ask("demo", {item(id, token), item(id, other_token), item(IdOf(other), token),
                            item(987654321, token)});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("Cache-Control"), "no-store");
  const auto items = Json(first).at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].at("id").as_int64(), id);
  EXPECT_EQ(items[0].at("status").as_string(), "held");
  EXPECT_EQ(items[0].at("comment").at("id").as_int64(), id);
  EXPECT_EQ(items[0].at("comment").at("author").as_string(), "Awa Traoré");
  EXPECT_NE(items[0].at("comment").at("html").as_string().find("mairie-kayes"),
            boost::json::string::npos);
  ASSERT_FALSE(items[0].at("reasons").as_array().empty()) << first.body;
  EXPECT_FALSE(items[0].at("reasons").as_array()[0].as_object().contains("detail"));
  for (std::size_t i = 1; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(items[i].at("status").as_string(), "unknown");
    EXPECT_FALSE(items[i].as_object().contains("comment"));
    EXPECT_FALSE(items[i].as_object().contains("reasons"));
  }
  EXPECT_EQ(first.body.find("Moussa"), std::string::npos) << "another reader's comment";
  // Another site knows nothing of it.
  auto foreign = ask("other", {item(id, token)});
  ASSERT_EQ(foreign.status, 200) << foreign.body;
  EXPECT_EQ(Json(foreign).at("items").at(0).at("status").as_string(), "unknown");

  // Approved: published, the comment without reasons.
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(id) + "/approve").status,
      200);
  auto approved = ask("demo", {item(id, token)});
  const value published = Json(approved).at("items").at(0);
  EXPECT_EQ(published.at("status").as_string(), "published");
  EXPECT_EQ(published.at("comment").at("id").as_int64(), id);
  EXPECT_FALSE(published.as_object().contains("reasons"));
  // Rejected: said so with its reasons, the text not given back.
  const auto refused = Post("mine", "Awa Traoré", "Écrivez-moi sur https://vente.example/offre.");
  ASSERT_EQ(refused.status, 202) << refused.body;
  const std::int64_t refused_id = IdOf(refused);
  ASSERT_EQ(Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(refused_id) + "/reject",
                 R"({"reason":"spam"})")
                .status,
            200);
  const std::string refused_token(Json(refused).at("edit_token").as_string());
  const value rejected = Json(ask("demo", {item(refused_id, refused_token)})).at("items").at(0);
  EXPECT_EQ(rejected.at("status").as_string(), "rejected");
  EXPECT_FALSE(rejected.as_object().contains("comment"));
  EXPECT_TRUE(rejected.at("reasons").is_array());
  // Deleted by its author.
  EXPECT_EQ(Client()
                .Request("DELETE", "/api/v1/comments/" + std::to_string(id), {},
                         {{"X-Edit-Token", token}})
                .status,
            204);
  EXPECT_EQ(Json(ask("demo", {item(id, token)})).at("items").at(0).at("status").as_string(),
            "deleted");

  // Limits and malformed requests: JSON errors with stable codes.
  boost::json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(item(id, token));
  auto too_many = ask("demo", many);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(CodeOf(too_many), "invalid_argument");
  EXPECT_EQ(Json(too_many).at("error").at("field").as_string(), "items");
  many.pop_back();
  EXPECT_EQ(ask("demo", many).status, 200);
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[{"id":"1","edit_token":"x"}]})")),
            "invalid_argument");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({})")), "invalid_argument");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[)")), "invalid_json");
  EXPECT_EQ(CodeOf(Client().Post("/api/v1/comments/status", R"({"items":[]})")), "unknown_site");
  EXPECT_EQ(CodeOf(Client().Post("/api/v1/comments/status?site=nope", R"({"items":[]})")),
            "unknown_site");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[]})", {{"Content-Type", "text/plain"}})),
            "unsupported_media_type");

  // From the publisher's pages only (CORS): the preflight, then the answer.
  auto preflight = Client().Request("OPTIONS", path, {},
                                    {{"Origin", "https://example.test"},
                                     {"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(preflight.status, 204) << preflight.body;
  EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "https://example.test");
  auto allowed = Client().Post(path, R"({"items":[]})", {{"Origin", "https://example.test"}});
  EXPECT_EQ(allowed.status, 200) << allowed.body;
  EXPECT_EQ(allowed.Header("Access-Control-Allow-Origin"), "https://example.test");
  auto elsewhere = Client().Post(path, R"({"items":[]})", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(CodeOf(elsewhere), "origin_not_allowed");
}

}  // namespace
}  // namespace palabre::testing
