#include "service/webhook_admin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class WebhookAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    for (const char* id : {"a", "b"}) {
      Site site;
      site.id = id;
      site.name = id;
      site.salt = "salt";
      ASSERT_TRUE(db_.get()->CreateSite(site).ok());
    }
    admin_.id = 1;
    admin_.email = "admin@example.sn";
    admin_.memberships = {{"a", Role::kAdmin}};
    moderator_.id = 2;
    moderator_.email = "mod@example.sn";
    moderator_.memberships = {{"a", Role::kModerator}};
  }

  static WebhookInput Input(std::string url = "https://hooks.example.sn/x") {
    return WebhookInput{std::move(url), WebhookFormat::kPalabre,
                        static_cast<std::uint32_t>(WebhookEvent::kCommentHeld)};
  }

  TempStore db_{"webhook_admin"};
  FakeClock clock_;
  WebhookAdmin admin_svc_{*db_.get(), clock_};
  User admin_;
  User moderator_;
};

TEST_F(WebhookAdminTest, AddGivesTheSecretOnceListHidesItRemoveForgetsIt) {
  Result<Webhook> added = admin_svc_.Add(admin_, "a", Input());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_THAT(added->secret, StartsWith("whsec_"));
  EXPECT_GT(added->secret.size(), 40u);
  Result<Webhook> second = admin_svc_.Add("a", Input());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->secret, added->secret);

  Result<std::vector<Webhook>> listed = admin_svc_.List(admin_, "a");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].secret, "");
  EXPECT_EQ((*listed)[0].url, "https://hooks.example.sn/x");

  // Another site's id does not reach this site's webhook.
  EXPECT_EQ(admin_svc_.Remove("b", added->id).error(), Error::kUnknownWebhook);
  ASSERT_TRUE(admin_svc_.Remove(admin_, "a", added->id).ok());
  EXPECT_EQ(admin_svc_.Remove(admin_, "a", added->id).error(), Error::kUnknownWebhook);
  EXPECT_EQ(admin_svc_.List("a")->size(), 1u);

  Result<std::vector<AuditEntry>> audit = db_.get()->ListAudit("a", 0, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "webhook_remove");
  EXPECT_EQ((*audit)[1].action, "webhook_add");
  EXPECT_THAT((*audit)[1].detail, HasSubstr("hooks.example.sn comment.held"));
  EXPECT_THAT((*audit)[1].detail, ::testing::Not(HasSubstr("/x")));
}

TEST_F(WebhookAdminTest, RefusesBadInputAndUsersWithoutTheAdminRole) {
  EXPECT_EQ(admin_svc_.Add(admin_, "a", Input("http://hooks.example.sn/x")).error(),
            Error::kInvalidArgument);
  WebhookInput none = Input();
  none.events = 0;
  EXPECT_EQ(admin_svc_.Add("a", none).error(), Error::kInvalidArgument);
  none.events = 64;
  EXPECT_EQ(admin_svc_.Add("a", none).error(), Error::kInvalidArgument);
  EXPECT_EQ(admin_svc_.Add("nope", Input()).error(), Error::kUnknownSite);
  EXPECT_EQ(admin_svc_.Add(moderator_, "a", Input()).error(), Error::kForbidden);
  EXPECT_EQ(admin_svc_.Add(admin_, "b", Input()).error(), Error::kForbidden);
  EXPECT_EQ(admin_svc_.List(moderator_, "a").error(), Error::kForbidden);
  EXPECT_EQ(admin_svc_.Deliveries(moderator_, "a", std::nullopt, 10).error(), Error::kForbidden);

  for (std::size_t i = 0; i < kMaxWebhooksPerSite; ++i)
    ASSERT_TRUE(admin_svc_.Add("a", Input()).ok());
  Result<Webhook> over = admin_svc_.Add("a", Input());
  EXPECT_EQ(over.error(), Error::kInvalidArgument);
  EXPECT_THAT(over.status().message(), HasSubstr("at most 20"));
}

}  // namespace
}  // namespace palabre::service
