#include "service/auth_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    tmp_ = std::make_unique<TempStore>(
        std::string("auth_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_NE(tmp_->get(), nullptr);
    SiteService sites(*tmp_->get(), clock_);
    for (const char* id : {"a", "b"}) {
      SiteInput in;
      in.id = id;
      in.name = id;
      ASSERT_TRUE(sites.Add(in).ok());
    }
    AuthOptions o;
    o.password_cost = PasswordCost::kTest;
    auth_ = std::make_unique<AuthService>(*tmp_->get(), clock_, o);
    ASSERT_TRUE(auth_->AddUser("Mod@Example.com", kPassword, Role::kModerator, "a").ok());
  }

  static constexpr const char* kPassword = "correct horse battery";
  FakeClock clock_;
  std::unique_ptr<TempStore> tmp_;
  std::unique_ptr<AuthService> auth_;
};

TEST(PasswordHashTest, VerifiesOnlyTheRightPassword) {
  ASSERT_TRUE(InitCrypto());
  auto hash = HashPassword("mot de passe très long", PasswordCost::kTest);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "mot de passe très long"));
  EXPECT_FALSE(VerifyPassword(*hash, "mot de passe tres long"));
  EXPECT_FALSE(VerifyPassword("garbage", "x"));
  EXPECT_FALSE(VerifyPassword("", ""));
}

TEST_F(AuthServiceTest, AddUserValidatesAndAddsMemberships) {
  EXPECT_EQ(auth_->AddUser("not-an-email", kPassword, Role::kAdmin, "a").error(),
            Error::kEmailInvalid);
  EXPECT_EQ(auth_->AddUser("x@example.com", "court", Role::kAdmin, "a").error(),
            Error::kWeakPassword);
  // 12 code points, not 12 bytes: "éééééééééééé" is long enough, "ééééé" is not.
  EXPECT_EQ(auth_->AddUser("y@example.com", "ééééé", Role::kAdmin, "a").error(),
            Error::kWeakPassword);
  EXPECT_TRUE(auth_->AddUser("y@example.com", "éééééééééééé", Role::kAdmin, "a").ok());
  EXPECT_EQ(auth_->AddUser("x@example.com", kPassword, Role::kAdmin, "nope").error(),
            Error::kUnknownSite);
  auto again = auth_->AddUser("mod@example.com", "", Role::kAdmin, "b");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->email, "mod@example.com");
  EXPECT_EQ(again->RoleOn("a"), Role::kModerator);
  EXPECT_EQ(again->RoleOn("b"), Role::kAdmin);
  EXPECT_TRUE(again->password_hash.empty());
  auto users = auth_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 2u);
}

TEST_F(AuthServiceTest, LoginAuthenticateLogout) {
  auto login = auth_->Login("MOD@example.com", kPassword, "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_FALSE(login->token.empty());
  EXPECT_FALSE(login->csrf_token.empty());
  EXPECT_EQ(login->expires_at, clock_.NowMs() + 12LL * 3600 * 1000);
  auto who = auth_->Authenticate(login->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user.email, "mod@example.com");
  EXPECT_EQ(who->session.token_hash, HashHex(login->token));  // only the hash is kept
  EXPECT_EQ(auth_->Authenticate("forged").error(), Error::kUnauthorized);
  EXPECT_EQ(auth_->Authenticate("").error(), Error::kUnauthorized);
  ASSERT_TRUE(auth_->Logout(login->token).ok());
  EXPECT_EQ(auth_->Authenticate(login->token).error(), Error::kUnauthorized);
}

TEST_F(AuthServiceTest, SessionsExpireAfterTwelveHours) {
  auto login = auth_->Login("mod@example.com", kPassword, "10.0.0.1");
  ASSERT_TRUE(login.ok());
  clock_.AdvanceMs(12LL * 3600 * 1000 - 1000);
  EXPECT_TRUE(auth_->Authenticate(login->token).ok());
  clock_.AdvanceMs(2000);
  EXPECT_EQ(auth_->Authenticate(login->token).error(), Error::kUnauthorized);
  auto purged = auth_->PurgeExpiredSessions();
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
}

TEST_F(AuthServiceTest, FiveFailuresLockTheAccountFifteenMinutes) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(auth_->Login("mod@example.com", "wrong password!", "10.0.0.1").error(),
              Error::kLoginFailed);
  }
  int retry = 0;
  EXPECT_EQ(auth_->Login("mod@example.com", "wrong password!", "10.0.0.2", &retry).error(),
            Error::kAccountLocked);
  EXPECT_EQ(retry, 15 * 60);
  // Locked: even the right password is refused, from any address.
  retry = 0;
  EXPECT_EQ(auth_->Login("mod@example.com", kPassword, "10.0.0.3", &retry).error(),
            Error::kAccountLocked);
  EXPECT_GT(retry, 0);
  clock_.AdvanceMs(15 * 60 * 1000 + 1);
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "10.0.0.3").ok());
  // Success reset the counter: four more failures do not lock.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(auth_->Login("mod@example.com", "wrong password!", "10.0.0.4").error(),
              Error::kLoginFailed);
  }
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "10.0.0.4").ok());
}

// A stranger who knows the e-mail locks the account for strangers only: the client the
// moderator logged in from keeps logging in, and its own typos do not lock anything.
TEST_F(AuthServiceTest, ALockOutDoesNotKeepOutTheClientTheModeratorLogsInFrom) {
  ASSERT_TRUE(auth_->Login("mod@example.com", kPassword, "192.0.2.10").ok());
  clock_.AdvanceMs(3600 * 1000);
  for (int i = 0; i < 5; ++i) {
    (void)auth_->Login("mod@example.com", "wrong password!", "203.0.113.66");
  }
  EXPECT_EQ(auth_->Login("mod@example.com", kPassword, "203.0.113.67").error(),
            Error::kAccountLocked);  // another stranger: locked
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "192.0.2.10").ok());
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(auth_->Login("mod@example.com", "wrong password!", "192.0.2.10").error(),
              Error::kLoginFailed);
  }
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "192.0.2.10").ok());
  // Trust lasts 30 days after the last success.
  clock_.AdvanceMs(31LL * 24 * 3600 * 1000);
  for (int i = 0; i < 5; ++i) {
    (void)auth_->Login("mod@example.com", "wrong password!", "203.0.113.68");
  }
  EXPECT_EQ(auth_->Login("mod@example.com", kPassword, "192.0.2.10").error(),
            Error::kAccountLocked);
}

TEST_F(AuthServiceTest, UnknownEmailLooksLikeAWrongPassword) {
  EXPECT_EQ(auth_->Login("nobody@example.com", kPassword, "10.0.0.1").error(), Error::kLoginFailed);
  EXPECT_EQ(auth_->Login("mod@example.com", "wrong password!", "10.0.0.1").error(),
            Error::kLoginFailed);
}

TEST_F(AuthServiceTest, PerAddressBudget) {
  for (int i = 0; i < 20; ++i) {
    // Appended, not "u" + std::string: GCC 12 at -O3 reports a false -Wrestrict on the latter.
    std::string email = "u";
    email += std::to_string(i);
    email += "@example.com";
    EXPECT_EQ(auth_->Login(email, "whatever password", "10.9.9.9").error(), Error::kLoginFailed);
  }
  int retry = 0;
  EXPECT_EQ(auth_->Login("mod@example.com", kPassword, "10.9.9.9", &retry).error(),
            Error::kAccountLocked);
  EXPECT_GT(retry, 0);
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "10.9.9.8").ok());
  clock_.AdvanceMs(10 * 60 * 1000 + 1);
  EXPECT_TRUE(auth_->Login("mod@example.com", kPassword, "10.9.9.9").ok());
}

TEST_F(AuthServiceTest, CsrfAndRoles) {
  auto login = auth_->Login("mod@example.com", kPassword, "10.0.0.1");
  ASSERT_TRUE(login.ok());
  auto who = auth_->Authenticate(login->token);
  ASSERT_TRUE(who.ok());
  EXPECT_TRUE(AuthService::CheckCsrf(who->session, login->csrf_token).ok());
  EXPECT_EQ(AuthService::CheckCsrf(who->session, "").error(), Error::kCsrfFailed);
  EXPECT_EQ(AuthService::CheckCsrf(who->session, login->token).error(), Error::kCsrfFailed);
  EXPECT_TRUE(AuthService::Require(who->user, "a", Role::kModerator).ok());
  EXPECT_EQ(AuthService::Require(who->user, "a", Role::kAdmin).error(), Error::kForbidden);
  EXPECT_EQ(AuthService::Require(who->user, "b", Role::kModerator).error(), Error::kForbidden);
}

TEST_F(AuthServiceTest, PasswordChangeAndRemoval) {
  auto before = auth_->Login("mod@example.com", kPassword, "10.0.0.1");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(auth_->SetPassword("mod@example.com", "short").error(), Error::kWeakPassword);
  EXPECT_TRUE(auth_->Authenticate(before->token).ok());  // a refused change ends nothing
  ASSERT_TRUE(auth_->SetPassword("mod@example.com", "a brand new passphrase").ok());
  // A new password ends the sessions opened with the old one.
  EXPECT_EQ(auth_->Authenticate(before->token).error(), Error::kUnauthorized);
  EXPECT_EQ(auth_->Login("mod@example.com", kPassword, "10.0.0.1").error(), Error::kLoginFailed);
  auto login = auth_->Login("mod@example.com", "a brand new passphrase", "10.0.0.1");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth_->RemoveUser("mod@example.com").ok());
  EXPECT_EQ(auth_->Authenticate(login->token).error(), Error::kUnauthorized);
  EXPECT_EQ(auth_->RemoveUser("mod@example.com").error(), Error::kUnknownUser);
}

}  // namespace
}  // namespace palabre::service
