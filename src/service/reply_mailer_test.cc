#include "service/reply_mailer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "core/crypto.h"
#include "service/outbox_sender.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Keeps what it is given; answers with the next scripted result (sent once the script is used).
class FakeMail final : public MailTransport {
 public:
  MailResult Send(const MailMessage& message, std::chrono::milliseconds) override {
    MutexLock lock(mu_);
    sent_.push_back(message);
    if (script_.empty()) return MailResult{true, false, 250, ""};
    MailResult next = script_.front();
    script_.pop_front();
    return next;
  }
  void Then(MailResult r) {
    MutexLock lock(mu_);
    script_.push_back(std::move(r));
  }
  std::vector<MailMessage> sent() {
    MutexLock lock(mu_);
    return sent_;
  }

 private:
  Mutex mu_;
  std::deque<MailResult> script_ GUARDED_BY(mu_);
  std::vector<MailMessage> sent_ GUARDED_BY(mu_);
};

class NoWebhooks final : public WebhookTransport {
 public:
  TransportResult Post(const WebhookRequest&, std::chrono::milliseconds) override {
    ADD_FAILURE() << "no webhook here";
    return TransportResult{500, ""};
  }
};

// The token of the first `prefix` link in `text`.
std::string TokenAfter(const std::string& text, const std::string& prefix) {
  const std::size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  const std::size_t start = at + prefix.size();
  return text.substr(start, text.find_first_of(" \n\r\"<>", start) - start);
}

constexpr char kConfirm[] = "https://palabre.example.sn/mail/confirm/";
constexpr TimestampMs kMinute = 60 * 1000;

class ReplyMailerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    Result<Thread> seeded = SeedJournal(store(), clock_.NowMs());
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
    thread_ = *seeded;
    parent_ = Post("Awa", "Paix à leurs âmes.", std::nullopt);
  }

  store::Store& store() { return *db_.get(); }

  Comment Post(const std::string& author, const std::string& text, std::optional<CommentId> parent,
               CommentStatus status = CommentStatus::kPublished) {
    Comment c;
    c.thread_id = thread_.id;
    c.parent_id = parent;
    c.author = author;
    c.text = text;
    c.html = "<p>" + c.text + "</p>";
    c.status = status;
    c.created_at = clock_.NowMs();
    auto stored = store().InsertComment(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : Comment{};
  }

  // Signs Awa up for the replies to her comment and confirms the address.
  SubscriberId Confirmed() {
    auto subscribed = store().Subscribe(parent_.id, "awa@example.sn", clock_.NowMs());
    EXPECT_TRUE(subscribed.ok());
    EXPECT_TRUE(store().ConfirmSubscriber(subscribed->subscriber.id, clock_.NowMs()).ok());
    // Its confirmation row is moot now: sent as "not sent: already confirmed".
    Run();
    return subscribed->subscriber.id;
  }

  OutboxSender Sender(std::int64_t daily_cap = 100) {
    ReplyMailOptions mail;
    mail.sender.address = "noreply@journal.example.sn";
    mail.interval = std::chrono::minutes(15);
    mail.daily_cap = daily_cap;
    mailer_ = std::make_unique<ReplyMailer>(store(), links_, mail_, mail);
    OutboxSenderOptions o;
    o.public_url = "https://palabre.example.sn";
    o.mailer = mailer_.get();
    return OutboxSender(store(), webhooks_, clock_, o);
  }
  void Run(std::int64_t daily_cap = 100) {
    OutboxSender sender = Sender(daily_cap);
    ASSERT_TRUE(sender.RunOnce().ok());
  }
  std::vector<OutboxEntry> Rows(std::optional<OutboxState> state) {
    auto rows = store().ListOutbox("s", state, 100);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<OutboxEntry>{};
  }

  TempStore db_{"reply_mailer"};
  FakeClock clock_;
  FakeMail mail_;
  NoWebhooks webhooks_;
  MailLinks links_{store(), clock_, "https://palabre.example.sn"};
  std::unique_ptr<ReplyMailer> mailer_;
  Thread thread_;
  Comment parent_;
};

TEST_F(ReplyMailerTest, TheConfirmationMailCarriesALinkThatWorksForADay) {
  auto subscribed = store().Subscribe(parent_.id, "awa@example.sn", clock_.NowMs());
  ASSERT_TRUE(subscribed.ok());
  Run();
  ASSERT_EQ(mail_.sent().size(), 1u);
  const MailMessage m = mail_.sent()[0];
  EXPECT_EQ(m.to, "awa@example.sn");
  EXPECT_EQ(m.from, "noreply@journal.example.sn");
  EXPECT_THAT(m.text, HasSubstr("Attaque à Kidal"));
  const std::string token = TokenAfter(m.text, kConfirm);
  ASSERT_FALSE(token.empty()) << m.text;
  EXPECT_EQ(Rows(OutboxState::kSent).size(), 1u);

  // A day and a minute later the link no longer works; within the day it does, once or twice.
  clock_.AdvanceMs(24 * 60 * kMinute + kMinute);
  EXPECT_EQ(links_.Confirm(token).error(), Error::kUnknownSubscriber);
  clock_.AdvanceMs(-2 * kMinute);
  auto confirmed = links_.Confirm(token);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_TRUE(confirmed->subscriber.confirmed());
  EXPECT_EQ(confirmed->site.id, "s");
  EXPECT_TRUE(links_.Confirm(token).ok());
  EXPECT_TRUE(store().GetSubscriber(subscribed->subscriber.id)->confirmed());
  // An unsubscribe link is not a confirmation link, and the other way round.
  EXPECT_EQ(links_.Unsubscribe(token).error(), Error::kUnknownSubscriber);
}

TEST_F(ReplyMailerTest, RepliesWithinTheIntervalWaitAndGoTogether) {
  const SubscriberId id = Confirmed();
  ASSERT_TRUE(mail_.sent().empty()) << "no confirmation for a confirmed address";
  Post("Moussa", "Premiere reponse.", parent_.id);
  Run();
  ASSERT_EQ(mail_.sent().size(), 1u);
  EXPECT_THAT(mail_.sent()[0].text, HasSubstr("Premiere reponse."));

  clock_.AdvanceMs(kMinute);
  Post("Fatou", "Deuxieme reponse.", parent_.id);
  clock_.AdvanceMs(kMinute);
  Post("Ibrahim", "Troisieme reponse.", parent_.id);
  Run();
  EXPECT_EQ(mail_.sent().size(), 1u) << "within 15 minutes of the last mail";
  std::vector<OutboxEntry> waiting = Rows(OutboxState::kPending);
  ASSERT_EQ(waiting.size(), 2u);
  for (const OutboxEntry& e : waiting) {
    EXPECT_EQ(e.item.attempts, 0) << "waiting is not failing";
    EXPECT_GT(e.next_attempt_at, clock_.NowMs());
  }

  clock_.AdvanceMs(13 * kMinute);
  Run();
  ASSERT_EQ(mail_.sent().size(), 2u);
  const MailMessage digest = mail_.sent()[1];
  EXPECT_THAT(digest.subject, HasSubstr("2 nouvelles réponses"));
  EXPECT_LT(digest.text.find("Deuxieme reponse."), digest.text.find("Troisieme reponse."));
  EXPECT_THAT(digest.text, Not(HasSubstr("Premiere reponse.")));
  EXPECT_TRUE(Rows(OutboxState::kPending).empty());
  // The unsubscribe link of the mail works, once.
  std::string unsubscribe;
  for (const auto& [name, value] : digest.headers) {
    if (name == "List-Unsubscribe") unsubscribe = value;
  }
  const std::string token =
      TokenAfter(unsubscribe, "<https://palabre.example.sn/mail/unsubscribe/");
  ASSERT_FALSE(token.empty()) << unsubscribe;
  ASSERT_TRUE(links_.Open(token, MailLinkPurpose::kUnsubscribe).ok());
  ASSERT_TRUE(links_.Unsubscribe(token).ok());
  EXPECT_EQ(store().GetSubscriber(id).error(), Error::kUnknownSubscriber);
  EXPECT_EQ(links_.Unsubscribe(token).error(), Error::kUnknownSubscriber);
}

TEST_F(ReplyMailerTest, AnUnpublishedReplyIsNotSentAndTheDailyCapMakesMailsWait) {
  Confirmed();
  const Comment removed = Post("Moussa", "Texte retire.", parent_.id);
  ASSERT_TRUE(store().ModerateComment(removed.id, CommentStatus::kRejected).ok());
  Run();
  EXPECT_TRUE(mail_.sent().empty());
  std::vector<OutboxEntry> done = Rows(OutboxState::kSent);
  ASSERT_FALSE(done.empty());
  EXPECT_THAT(done[0].last_error, HasSubstr("no longer published"));

  Post("Moussa", "Une reponse.", parent_.id);
  Run(/*daily_cap=*/1);
  ASSERT_EQ(mail_.sent().size(), 1u);
  clock_.AdvanceMs(20 * kMinute);
  Post("Fatou", "Une autre.", parent_.id);
  Run(/*daily_cap=*/1);
  EXPECT_EQ(mail_.sent().size(), 1u) << "the site's cap for 24 hours is reached";
  ASSERT_EQ(Rows(OutboxState::kPending).size(), 1u);
  EXPECT_GE(Rows(OutboxState::kPending)[0].next_attempt_at, clock_.NowMs() + 60 * kMinute);
}

TEST_F(ReplyMailerTest, ATemporarySmtpFailureIsRetriedAPermanentOneGivenUp) {
  Confirmed();
  mail_.Then(MailResult{false, true, 451, "try later"});
  Post("Moussa", "Une reponse.", parent_.id);
  Run();
  std::vector<OutboxEntry> pending = Rows(OutboxState::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].item.attempts, 1);
  EXPECT_THAT(pending[0].last_error, HasSubstr("SMTP 451"));

  mail_.Then(MailResult{false, false, 550, "no such mailbox"});
  clock_.AdvanceMs(60 * kMinute);
  Run();
  std::vector<OutboxEntry> failed = Rows(OutboxState::kFailed);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_THAT(failed[0].last_error, HasSubstr("SMTP 550"));
}

TEST_F(ReplyMailerTest, WithoutAMailerMailRowsWait) {
  Confirmed();
  Post("Moussa", "Une reponse.", parent_.id);
  OutboxSenderOptions o;
  OutboxSender sender(store(), webhooks_, clock_, o);
  ASSERT_TRUE(sender.RunOnce().ok());
  std::vector<OutboxEntry> pending = Rows(OutboxState::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_THAT(pending[0].last_error, HasSubstr("no SMTP server configured"));
}

}  // namespace
}  // namespace palabre::service
