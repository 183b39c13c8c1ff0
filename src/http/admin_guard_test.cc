#include "http/admin_guard.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "http/cookies.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::http {
namespace {

class AdminGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    tmp_ = std::make_unique<service::TempStore>(
        std::string("guard_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_NE(tmp_->get(), nullptr);
    service::SiteService sites(*tmp_->get(), clock_);
    service::SiteInput in;
    in.id = "demo";
    in.name = "Demo";
    ASSERT_TRUE(sites.Add(in).ok());
    service::AuthOptions o;
    o.password_cost = PasswordCost::kTest;
    auth_ = std::make_unique<service::AuthService>(*tmp_->get(), clock_, o);
    ASSERT_TRUE(auth_->AddUser("mod@example.test", kPassword, Role::kModerator, "demo").ok());
    auto login = auth_->Login("mod@example.test", kPassword, "10.0.0.1");
    ASSERT_TRUE(login.ok()) << login.status().ToString();
    cookie_ = std::string(kSessionCookie) + "=" + login->token;
    csrf_ = login->csrf_token;
  }

  // A request with the given headers (views into `storage_`, kept for the request's life).
  Request Make(Method method, std::vector<std::pair<std::string, std::string>> headers) {
    storage_ = std::move(headers);
    Request req;
    req.method = method;
    for (const auto& [name, value] : storage_) req.headers.push_back({name, value});
    return req;
  }
  Error Check(const Request& req) {
    Response res;
    const auto who = AdminGuard(*auth_).Check(req, res);
    if (who) {
      EXPECT_EQ(who->user.email, "mod@example.test");
      return Error::kOk;
    }
    const std::string body(res.Body());
    for (Error e : {Error::kUnauthorized, Error::kCsrfFailed}) {
      if (body.find(std::string("\"") + std::string(ErrorCode(e)) + "\"") != std::string::npos) {
        EXPECT_NE(res.extra_headers().find("Cache-Control: no-store"), std::string::npos);
        return e;
      }
    }
    return Error::kInternal;
  }

  static constexpr const char* kPassword = "correct horse battery";
  FakeClock clock_;
  std::unique_ptr<service::TempStore> tmp_;
  std::unique_ptr<service::AuthService> auth_;
  std::string cookie_;
  std::string csrf_;
  std::vector<std::pair<std::string, std::string>> storage_;
};

TEST_F(AdminGuardTest, ReadsNeedASession) {
  EXPECT_EQ(Check(Make(Method::kGet, {})), Error::kUnauthorized);
  EXPECT_EQ(Check(Make(Method::kGet, {{"Cookie", "palabre_session="}})), Error::kUnauthorized);
  EXPECT_EQ(Check(Make(Method::kGet, {{"Cookie", "palabre_session=forged"}})),
            Error::kUnauthorized);
  EXPECT_EQ(Check(Make(Method::kGet, {{"Cookie", "theme=dark; " + cookie_}})), Error::kOk);
  clock_.AdvanceMs(auth_->options().session_ms + 1);  // expired
  EXPECT_EQ(Check(Make(Method::kGet, {{"Cookie", cookie_}})), Error::kUnauthorized);
}

TEST_F(AdminGuardTest, WritesNeedTheTokenAndOurOrigin) {
  for (Method m : {Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    EXPECT_EQ(Check(Make(m, {{"Cookie", cookie_}})), Error::kCsrfFailed);
    EXPECT_EQ(Check(Make(m, {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_ + "0"}})),
              Error::kCsrfFailed);
    EXPECT_EQ(Check(Make(m, {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}})), Error::kOk);
    EXPECT_EQ(Check(Make(m, {{"Cookie", cookie_},
                             {"X-CSRF-Token", csrf_},
                             {"Host", "journal.example"},
                             {"Origin", "http://journal.example"}})),
              Error::kOk);
    EXPECT_EQ(Check(Make(m, {{"Cookie", cookie_},
                             {"X-CSRF-Token", csrf_},
                             {"Host", "journal.example"},
                             {"Origin", "https://evil.example"}})),
              Error::kCsrfFailed);
    // No session at all is 401 first, whatever the token.
    EXPECT_EQ(Check(Make(m, {{"X-CSRF-Token", csrf_}})), Error::kUnauthorized);
  }
  // Behind the TLS proxy our origin is https.
  Request req = Make(Method::kPost, {{"Cookie", cookie_},
                                     {"X-CSRF-Token", csrf_},
                                     {"Host", "journal.example"},
                                     {"Origin", "https://journal.example"}});
  EXPECT_EQ(Check(req), Error::kCsrfFailed);
  req.https = true;
  EXPECT_EQ(Check(req), Error::kOk);
}

}  // namespace
}  // namespace palabre::http
