// The console's webhooks over HTTP (docs/API.md, "Moderator console API"): an admin adds one and
// reads its secret once, the list masks a chat's credential, deliveries are listed with their
// state, moderators and other sites' admins are refused, bad input names its field.
#include "admin_fixture.h"
#include "webhook_receiver.h"

namespace palabre::testing {
namespace {

using AdminWebhooksTest = AdminTest;

TEST_F(AdminWebhooksTest, AnAdminAddsListsAndRemovesWebhooksAndSeesTheirDeliveries) {
  const Session admin = Login("admin@demo.test");
  WebhookReceiver receiver;
  ASSERT_NE(receiver.port(), 0);
  auto made = Call(&admin, "POST", "/api/v1/admin/sites/demo/webhooks",
                   R"({"url":")" + receiver.url() + R"(","events":["comment.published"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string secret(Json(made).at("secret").as_string());
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  const std::int64_t id = Json(made).at("webhook").at("id").as_int64();
  EXPECT_EQ(Json(made).at("webhook").at("format").as_string(), "palabre");
  EXPECT_EQ(Json(made).at("webhook").at("events").at(0).as_string(), "comment.published");

  auto slack = Call(&admin, "POST", "/api/v1/admin/sites/demo/webhooks",
                    R"({"url":"https://hooks.slack.com/services/T0/B0/XyZsecret","format":"slack",)"
                    R"("events":["comment.held","comment.reported"]})");
  ASSERT_EQ(slack.status, 201) << slack.body;
  auto listed = Call(&admin, "GET", "/api/v1/admin/sites/demo/webhooks");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_EQ(listed.body.find("XyZsecret"), std::string::npos) << listed.body;
  EXPECT_NE(listed.body.find("https://hooks.slack.com/…"), std::string::npos) << listed.body;

  const auto posted = Post("webhooks", "Awa", "Merci pour ce reportage.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  ASSERT_TRUE(receiver.WaitFor(1, std::chrono::seconds(15)));
  EXPECT_TRUE(
      SignatureValid(receiver.deliveries()[0].signature, receiver.deliveries()[0].body, secret));
  HttpResponse deliveries;
  for (int i = 0; i < 100; ++i) {  // the sender records "sent" just after the receiver answers
    deliveries = Call(&admin, "GET", "/api/v1/admin/sites/demo/deliveries?state=sent");
    if (deliveries.status == 200 && !Json(deliveries).at("deliveries").as_array().empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  const value listed_deliveries = Json(deliveries);
  const auto& rows = listed_deliveries.at("deliveries").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("webhook").as_int64(), id);
  EXPECT_EQ(rows[0].at("event").as_string(), "comment.published");
  EXPECT_EQ(rows[0].at("subject").as_int64(), IdOf(posted));
  EXPECT_EQ(rows[0].at("attempts").as_int64(), 1);

  EXPECT_EQ(
      Call(&admin, "DELETE", "/api/v1/admin/sites/demo/webhooks/" + std::to_string(id)).status,
      204);
  auto again = Call(&admin, "DELETE", "/api/v1/admin/sites/demo/webhooks/" + std::to_string(id));
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(CodeOf(again), "unknown_webhook");
  auto audit = Call(&admin, "GET", "/api/v1/admin/sites/demo/audit");
  EXPECT_NE(audit.body.find("webhook_add"), std::string::npos);
  EXPECT_NE(audit.body.find("webhook_remove"), std::string::npos);
}

TEST_F(AdminWebhooksTest, RefusesModeratorsOtherSitesAndBadInputNamingTheField) {
  const Session admin = Login("admin@demo.test");
  const Session mod = Login("mod@other.test");
  EXPECT_EQ(CodeOf(Call(&mod, "GET", "/api/v1/admin/sites/other/webhooks")), "forbidden");
  EXPECT_EQ(CodeOf(Call(&admin, "GET", "/api/v1/admin/sites/other/webhooks")), "forbidden");
  EXPECT_EQ(CodeOf(Call(nullptr, "GET", "/api/v1/admin/sites/demo/webhooks")), "unauthorized");
  const auto field = [&](const std::string& body) {
    auto r = Call(&admin, "POST", "/api/v1/admin/sites/demo/webhooks", body);
    EXPECT_EQ(r.status, 400) << body;
    return r.status == 400 ? std::string(Json(r).at("error").at("field").as_string()) : "";
  };
  EXPECT_EQ(field(R"({"events":["comment.held"]})"), "url");
  EXPECT_EQ(field(R"({"url":"http://hooks.example.sn/x","events":["comment.held"]})"), "url");
  EXPECT_EQ(field(R"({"url":"https://hooks.example.sn/x","events":[]})"), "events");
  EXPECT_EQ(field(R"({"url":"https://hooks.example.sn/x","events":["comment.eaten"]})"), "events");
  EXPECT_EQ(
      field(R"({"url":"https://hooks.example.sn/x","format":"irc","events":["user.banned"]})"),
      "format");
  EXPECT_EQ(
      field(R"({"url":"https://hooks.example.sn/x","format":"telegram","events":["user.banned"]})"),
      "url");
  EXPECT_EQ(CodeOf(Call(&admin, "GET", "/api/v1/admin/sites/demo/deliveries?state=lost")),
            "invalid_argument");
  for (const char* limit : {"0", "201", "x"}) {
    EXPECT_EQ(CodeOf(Call(&admin, "GET",
                          std::string("/api/v1/admin/sites/demo/deliveries?limit=") + limit)),
              "invalid_argument")
        << limit;
  }
  EXPECT_EQ(CodeOf(Call(&admin, "DELETE", "/api/v1/admin/sites/demo/webhooks/abc")),
            "unknown_webhook");
}

}  // namespace
}  // namespace palabre::testing
