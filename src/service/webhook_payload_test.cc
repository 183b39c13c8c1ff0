#include "service/webhook_payload.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/crypto.h"

namespace palabre::service {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

class WebhookPayloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    facts_.item.id = 41;
    facts_.item.webhook_id = 3;
    facts_.item.site_id = "journal";
    facts_.item.event = WebhookEvent::kCommentHeld;
    facts_.item.subject_id = 7;
    facts_.item.created_at = 1'700'000'000'000;
    facts_.webhook.id = 3;
    facts_.webhook.url = "https://hooks.example.sn/in";
    facts_.webhook.secret = "whsec_abc";
    facts_.site.id = "journal";
    facts_.site.name = "Le <Journal> & Co";
    facts_.site.locale = "fr";
    facts_.site.salt = "salt-1";
    Comment c;
    c.id = 7;
    c.thread_id = 2;
    c.author = "Awa";
    c.text = "Il faut <b>brûler</b> leur QG";
    c.status = CommentStatus::kHeld;
    c.created_at = 1'700'000'000'000;
    c.moderation =
        R"({"action":"hold","reasons":[{"check":"violence","code":"incitement",)"
        R"("detail":"appel à brûler","score":0.9,"action":"hold","spans":[[0,8]]}],"scores":{}})";
    facts_.comment = c;
    Thread t;
    t.id = 2;
    t.key = "/securite/kidal";
    t.title = "Attaque à Kidal";
    facts_.thread = t;
    facts_.public_url = "https://palabre.example.sn";
  }
  WebhookFacts facts_;
};

TEST_F(WebhookPayloadTest, PalabreFormatIsVersionedAndCarriesTheCommentAndItsReasons) {
  const WebhookRequest r = BuildWebhookRequest(facts_, 1'700'000'100);
  EXPECT_EQ(r.url, "https://hooks.example.sn/in");
  const json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("version").as_int64(), 1);
  EXPECT_EQ(body.at("event").as_string(), "comment.held");
  EXPECT_EQ(body.at("id").as_string(), DeliveryId(facts_.item, facts_.site));
  EXPECT_EQ(body.at("occurred_at").as_string(), "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(body.at("site").at("name").as_string(), "Le <Journal> & Co");
  const json::object& c = body.at("comment").as_object();
  EXPECT_EQ(c.at("id").as_int64(), 7);
  EXPECT_EQ(c.at("text").as_string(), "Il faut <b>brûler</b> leur QG");
  EXPECT_EQ(c.at("status").as_string(), "held");
  EXPECT_TRUE(c.at("parent_id").is_null());
  EXPECT_EQ(c.at("thread").at("key").as_string(), "/securite/kidal");
  EXPECT_EQ(c.at("reasons").at(0).at("code").as_string(), "incitement");
  EXPECT_EQ(c.at("reasons").at(0).at("action").as_string(), "hold");
  EXPECT_FALSE(c.contains("open_reports"));
  EXPECT_EQ(body.at("console_url").as_string(), "https://palabre.example.sn/admin#queue/held");
  // Nothing personal beyond the name the author chose.
  EXPECT_THAT(r.body, Not(HasSubstr("salt")));
}

TEST_F(WebhookPayloadTest, HeadersSignTheBodyAndNameTheDelivery) {
  const WebhookRequest r = BuildWebhookRequest(facts_, 1'700'000'100);
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Content-Type"], "application/json");
  EXPECT_EQ(h["X-Palabre-Event"], "comment.held");
  EXPECT_EQ(h["X-Palabre-Delivery"], h["Idempotency-Key"]);
  EXPECT_EQ(h["X-Palabre-Signature"], SignWebhook("whsec_abc", 1'700'000'100, r.body));
  // The delivery id: stable for a row, different for another row or another installation.
  const std::string id = DeliveryId(facts_.item, facts_.site);
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(id, DeliveryId(facts_.item, facts_.site));
  OutboxItem other = facts_.item;
  other.id = 42;
  EXPECT_NE(id, DeliveryId(other, facts_.site));
  Site elsewhere = facts_.site;
  elsewhere.salt = "salt-2";
  EXPECT_NE(id, DeliveryId(facts_.item, elsewhere));
}

TEST_F(WebhookPayloadTest, SlackTextIsEscapedAndLinksTheConsole) {
  facts_.webhook.format = WebhookFormat::kSlack;
  const json::object body = json::parse(BuildWebhookRequest(facts_, 1).body).as_object();
  ASSERT_EQ(body.size(), 1u);
  const std::string text(body.at("text").as_string());
  EXPECT_THAT(text,
              HasSubstr("Commentaire en attente de modération · Le &lt;Journal&gt; &amp; Co"));
  EXPECT_THAT(text, HasSubstr("Awa sur « Attaque à Kidal » :"));
  EXPECT_THAT(text, HasSubstr("« Il faut &lt;b&gt;brûler&lt;/b&gt; leur QG »"));
  EXPECT_THAT(text, HasSubstr("Motifs : incitement"));
  EXPECT_THAT(text, HasSubstr("<https://palabre.example.sn/admin#queue/held|Ouvrir la console>"));
}

TEST_F(WebhookPayloadTest, TelegramNamesTheChatAndSpeaksTheSitesLanguage) {
  facts_.webhook.format = WebhookFormat::kTelegram;
  facts_.webhook.url = "https://api.telegram.org/bot1:AA/sendMessage?chat_id=-100123&x=1";
  facts_.site.locale = "en";
  facts_.item.event = WebhookEvent::kCommentReported;
  facts_.open_reports = {ReportReason::kThreat, ReportReason::kHate};
  const json::object body = json::parse(BuildWebhookRequest(facts_, 1).body).as_object();
  EXPECT_EQ(body.at("chat_id").as_string(), "-100123");
  EXPECT_TRUE(body.at("disable_web_page_preview").as_bool());
  const std::string text(body.at("text").as_string());
  EXPECT_THAT(text, HasSubstr("Comment reported · Le <Journal> & Co"));  // plain text
  EXPECT_THAT(text, HasSubstr("Reasons: threat, hate"));
  EXPECT_THAT(text,
              HasSubstr("Open the console : https://palabre.example.sn/admin#queue/reported"));
}

TEST_F(WebhookPayloadTest, LongTextsAreCutOnACharacterBoundary) {
  facts_.webhook.format = WebhookFormat::kSlack;
  facts_.comment->text = std::string(299, 'a') + "é" + std::string(50, 'b');
  const json::object body = json::parse(BuildWebhookRequest(facts_, 1).body).as_object();
  const std::string text(body.at("text").as_string());
  EXPECT_THAT(text, HasSubstr(std::string(299, 'a') + "… »"));
}

TEST_F(WebhookPayloadTest, ABanNamesTheAuthorAndReasonWithoutHashes) {
  facts_.item.event = WebhookEvent::kUserBanned;
  facts_.item.subject_id = 5;
  facts_.comment.reset();
  facts_.thread.reset();
  Ban ban;
  ban.id = 5;
  ban.author_folded = "spammeur";
  ban.client_hash = "c1ienthash";
  ban.reason = "liens répétés";
  facts_.ban = ban;
  const WebhookRequest r = BuildWebhookRequest(facts_, 1);
  const json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("ban").at("id").as_int64(), 5);
  EXPECT_EQ(body.at("ban").at("author").as_string(), "spammeur");
  EXPECT_EQ(body.at("ban").at("reason").as_string(), "liens répétés");
  EXPECT_TRUE(body.at("ban").at("expires_at").is_null());
  EXPECT_FALSE(body.contains("comment"));
  EXPECT_THAT(r.body, Not(HasSubstr("c1ienthash")));
  EXPECT_EQ(body.at("console_url").as_string(), "https://palabre.example.sn/admin#bans/journal");
}

TEST_F(WebhookPayloadTest, WithoutAPublicUrlThereIsNoConsoleLink) {
  facts_.public_url.clear();
  const json::object body = json::parse(BuildWebhookRequest(facts_, 1).body).as_object();
  EXPECT_FALSE(body.contains("console_url"));
}

}  // namespace
}  // namespace palabre::service
