// The fixture of the moderator console's HTTP tests (admin_test.cc, admin_reports_test.cc):
// one real palabre binary for the suite, moderators' accounts created in its database, and
// helpers to log in and call the console's API with a session. Test-only.
#pragma once

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

using boost::json::value;

inline constexpr char kPassword[] = "correct horse battery staple";

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

  static value Json(const HttpResponse& r) { return JsonOf(r); }
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

  inline static std::unique_ptr<TempDir> dir_;
  inline static std::unique_ptr<PalabreServer> server_;
  inline static int addresses_ = 0;
};

}  // namespace palabre::testing
