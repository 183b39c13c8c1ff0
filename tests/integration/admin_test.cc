// The moderator console's HTTP API (docs/API.md, "Moderator console API") against the real
// binary: sessions, CSRF, roles on every route, lock-out, cookies, the console page's headers,
// a moderator's whole day (queue, approve, reject, ban, settings, audit) and auto-rejected
// comments; reader reports, review after publishing and API keys: admin_reports_test.cc.
#include "admin_fixture.h"

namespace palabre::testing {
namespace {

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

}  // namespace
}  // namespace palabre::testing
