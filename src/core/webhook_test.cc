#include "core/webhook.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/crypto.h"

namespace palabre {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(WebhookEvents, NamesRoundTripAndListsParseToBits) {
  for (std::uint32_t bit = 1; bit <= 16; bit <<= 1) {
    const auto event = static_cast<WebhookEvent>(bit);
    EXPECT_EQ(ParseWebhookEvent(ToString(event)), event) << bit;
  }
  EXPECT_EQ(ParseWebhookEvent("comment.deleted"), std::nullopt);
  // The outbox's mail rows have names, but no webhook subscribes to them.
  EXPECT_EQ(ToString(WebhookEvent::kMailReply), "mail.reply");
  EXPECT_EQ(ToString(WebhookEvent::kMailConfirm), "mail.confirm");
  EXPECT_EQ(ParseWebhookEvent("mail.reply"), std::nullopt);
  EXPECT_FALSE(ParseWebhookEvents("mail.confirm").ok());

  Result<std::uint32_t> bits = ParseWebhookEvents(" comment.held , comment.reported");
  ASSERT_TRUE(bits.ok());
  EXPECT_EQ(*bits, 6u);
  EXPECT_THAT(WebhookEventNames(*bits), ElementsAre("comment.held", "comment.reported"));
  EXPECT_EQ(*ParseWebhookEvents("all"), kAllWebhookEvents);
  EXPECT_EQ(WebhookEventNames(kAllWebhookEvents).size(), 5u);

  Result<std::uint32_t> unknown = ParseWebhookEvents("comment.held,comment.eaten");
  EXPECT_EQ(unknown.error(), Error::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(), HasSubstr("comment.eaten"));
  EXPECT_EQ(ParseWebhookEvents("").error(), Error::kInvalidArgument);
  EXPECT_EQ(ParseWebhookEvents("comment.held,").error(), Error::kInvalidArgument);
}

TEST(WebhookEvents, StatusesAnnounceTheirEventAndAnAuthorsDeletionNothing) {
  EXPECT_EQ(EventForStatus(CommentStatus::kPublished), WebhookEvent::kCommentPublished);
  EXPECT_EQ(EventForStatus(CommentStatus::kHeld), WebhookEvent::kCommentHeld);
  EXPECT_EQ(EventForStatus(CommentStatus::kRejected), WebhookEvent::kCommentRejected);
  EXPECT_EQ(EventForStatus(CommentStatus::kDeleted), std::nullopt);
}

TEST(WebhookUrl, HttpsAnywhereHttpOnlyToLoopback) {
  const auto ok = [](std::string_view url) {
    return ValidateWebhookUrl(url, WebhookFormat::kPalabre).ok();
  };
  EXPECT_TRUE(ok("https://hooks.example.sn/palabre"));
  EXPECT_TRUE(ok("https://hooks.example.sn:8443/p?x=1"));
  EXPECT_TRUE(ok("http://127.0.0.1:9000/hook"));
  EXPECT_TRUE(ok("http://localhost/hook"));
  EXPECT_TRUE(ok("http://[::1]:9000/hook"));
  EXPECT_FALSE(ok("http://hooks.example.sn/palabre"));
  EXPECT_FALSE(ok("http://127.0.0.1.example.sn/hook"));
  EXPECT_FALSE(ok("ftp://hooks.example.sn/"));
  EXPECT_FALSE(ok("https:///nohost"));
  EXPECT_FALSE(ok("https://user:pass@hooks.example.sn/"));
  EXPECT_FALSE(ok("https://hooks.example.sn/a b"));
  EXPECT_FALSE(ok("https://hooks.example.sn/é"));
  EXPECT_FALSE(ok("https://[::1/hook"));
  EXPECT_FALSE(ok("https://x.sn/" + std::string(2000, 'a')));
}

TEST(WebhookUrl, TelegramNeedsTheBotApiSendMessageUrlWithAChat) {
  EXPECT_TRUE(ValidateWebhookUrl("https://api.telegram.org/bot123:ABC/sendMessage?chat_id=-10042",
                                 WebhookFormat::kTelegram)
                  .ok());
  EXPECT_FALSE(ValidateWebhookUrl("https://api.telegram.org/bot123:ABC/sendMessage",
                                  WebhookFormat::kTelegram)
                   .ok());
  EXPECT_FALSE(
      ValidateWebhookUrl("https://hooks.example.sn/hook?chat_id=1", WebhookFormat::kTelegram).ok());
}

TEST(WebhookSignature, HmacSha256MatchesRfc4231AndTheSignatureSignsTimeAndBody) {
  ASSERT_TRUE(InitCrypto());
  // RFC 4231, test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const std::string signature = SignWebhook("s3cret", 1700000000, R"({"a":1})");
  EXPECT_EQ(signature, "t=1700000000,v1=" + HmacSha256Hex("s3cret", R"(1700000000.{"a":1})"));
  EXPECT_NE(signature, SignWebhook("s3cret", 1700000001, R"({"a":1})"));
  EXPECT_NE(signature, SignWebhook("s3cret", 1700000000, R"({"a":2})"));
  EXPECT_NE(signature, SignWebhook("other", 1700000000, R"({"a":1})"));
}

TEST(OutboxStates, RoundTrip) {
  for (OutboxState s : {OutboxState::kPending, OutboxState::kSent, OutboxState::kFailed}) {
    EXPECT_EQ(ParseOutboxState(ToString(s)), s);
  }
  EXPECT_EQ(ParseOutboxState("lost"), std::nullopt);
  EXPECT_EQ(ParseWebhookFormat(ToString(WebhookFormat::kTelegram)), WebhookFormat::kTelegram);
  EXPECT_EQ(ParseWebhookFormat("discord"), std::nullopt);
}

}  // namespace
}  // namespace palabre
