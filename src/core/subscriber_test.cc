#include "core/subscriber.h"

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace palabre {
namespace {

class MailLinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto()); }
};

TEST_F(MailLinkTest, SignedTokenParsesAndVerifiesUntilItExpires) {
  const std::string token = SignMailLink(MailLinkPurpose::kConfirm, 42, 1000, "salt-a");
  const std::optional<MailLink> link = ParseMailLink(token);
  ASSERT_TRUE(link.has_value()) << token;
  EXPECT_EQ(link->purpose, MailLinkPurpose::kConfirm);
  EXPECT_EQ(link->subscriber_id, 42);
  EXPECT_EQ(link->expires_unix, 1000);
  EXPECT_TRUE(VerifyMailLink(*link, "salt-a", 999));
  EXPECT_TRUE(VerifyMailLink(*link, "salt-a", 1000));
  EXPECT_FALSE(VerifyMailLink(*link, "salt-a", 1001)) << "expired";
  EXPECT_FALSE(VerifyMailLink(*link, "salt-b", 999)) << "another site's key";
}

TEST_F(MailLinkTest, UnsubscribeLinksDoNotExpire) {
  const std::string token = SignMailLink(MailLinkPurpose::kUnsubscribe, 7, 0, "salt");
  const std::optional<MailLink> link = ParseMailLink(token);
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->purpose, MailLinkPurpose::kUnsubscribe);
  EXPECT_TRUE(VerifyMailLink(*link, "salt", 4'000'000'000));
}

TEST_F(MailLinkTest, AnyChangedPartBreaksTheSignature) {
  const std::string token = SignMailLink(MailLinkPurpose::kConfirm, 42, 1000, "salt");
  const std::string mac = token.substr(token.rfind('.') + 1);
  for (const std::string& forged :
       {"u.42.1000." + mac, "c.43.1000." + mac, "c.42.2000." + mac, "c.42.0." + mac}) {
    const std::optional<MailLink> link = ParseMailLink(forged);
    ASSERT_TRUE(link.has_value()) << forged;
    EXPECT_FALSE(VerifyMailLink(*link, "salt", 10)) << forged;
  }
}

TEST_F(MailLinkTest, MalformedTokensAreRefused) {
  const std::string mac(64, 'a');
  for (const std::string& bad :
       {std::string(), std::string("c"), "x.1.0." + mac, "c.0.0." + mac, "c.01.0." + mac,
        "c.-1.0." + mac, "c.1.0." + mac.substr(1), "c.1.0." + std::string(64, 'A'), "c.1." + mac,
        "c.1.0.0." + mac, "c.99999999999999999999.0." + mac,
        "c.1.0." + mac + std::string(200, 'a')}) {
    EXPECT_FALSE(ParseMailLink(bad).has_value()) << bad;
  }
}

TEST(NotifyOutcomeTest, ASignUpSendsOneConfirmationAnHourUntilConfirmed) {
  Subscriber s;
  EXPECT_EQ(SignUpOutcome(s, 1'000'000), NotifyOutcome::kConfirmSent);
  s.confirm_sent_at = 1'000'000;
  EXPECT_EQ(SignUpOutcome(s, 1'000'000 + kConfirmResendMs - 1), NotifyOutcome::kConfirmPending);
  EXPECT_EQ(SignUpOutcome(s, 1'000'000 + kConfirmResendMs), NotifyOutcome::kConfirmSent);
  s.confirmed_at = 1'000'001;
  EXPECT_EQ(SignUpOutcome(s, 1'000'002), NotifyOutcome::kConfirmed);
}

TEST(NotifyOutcomeTest, NamesAreTheApisStrings) {
  EXPECT_EQ(ToString(NotifyOutcome::kConfirmSent), "confirm_sent");
  EXPECT_EQ(ToString(NotifyOutcome::kConfirmPending), "confirm_pending");
  EXPECT_EQ(ToString(NotifyOutcome::kConfirmed), "confirmed");
  EXPECT_EQ(ToString(NotifyOutcome::kUnavailable), "unavailable");
}

}  // namespace
}  // namespace palabre
