#include "service/outbox_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <deque>

#include "core/crypto.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

using ::testing::HasSubstr;

// Answers each POST with the next scripted result (200 once the script is used up), and keeps
// what it was sent.
class FakeTransport final : public WebhookTransport {
 public:
  TransportResult Post(const WebhookRequest& request, std::chrono::milliseconds) override {
    MutexLock lock(mu_);
    sent_.push_back(request);
    if (script_.empty()) return TransportResult{200, ""};
    TransportResult next = script_.front();
    script_.pop_front();
    return next;
  }
  void Then(TransportResult r) {
    MutexLock lock(mu_);
    script_.push_back(std::move(r));
  }
  std::vector<WebhookRequest> sent() {
    MutexLock lock(mu_);
    return sent_;
  }

 private:
  Mutex mu_;
  std::deque<TransportResult> script_ GUARDED_BY(mu_);
  std::vector<WebhookRequest> sent_ GUARDED_BY(mu_);
};

std::string Header(const WebhookRequest& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

class OutboxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    Result<Thread> seeded = SeedJournal(store(), clock_.NowMs());
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
    thread_ = *seeded;
    Webhook webhook;
    webhook.site_id = "s";
    webhook.url = "https://hooks.example.sn/palabre";
    webhook.events = kAllWebhookEvents;
    webhook.secret = "whsec_test";
    webhook.created_at = clock_.NowMs();
    auto added = store().AddWebhook(webhook);
    ASSERT_TRUE(added.ok());
    webhook_ = *added;
  }

  store::Store& store() { return *db_.get(); }

  Comment Post(CommentStatus status, std::string text = "Paix à leurs âmes.") {
    Comment c;
    c.thread_id = thread_.id;
    c.author = "Awa";
    c.text = std::move(text);
    c.html = "<p>" + c.text + "</p>";
    c.status = status;
    c.created_at = clock_.NowMs();
    auto stored = store().InsertComment(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : Comment{};
  }

  std::vector<OutboxEntry> Rows(std::optional<OutboxState> state) {
    auto rows = store().ListOutbox("s", state, 100);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<OutboxEntry>{};
  }

  OutboxSenderOptions Options() {
    OutboxSenderOptions o;
    o.first_retry = std::chrono::seconds(10);
    o.max_retry = std::chrono::seconds(60);
    o.give_up_after = std::chrono::minutes(5);
    o.public_url = "https://palabre.example.sn";
    return o;
  }

  TempStore db_{"outbox_sender"};
  FakeClock clock_;
  FakeTransport transport_;
  Thread thread_;
  Webhook webhook_;
};

TEST_F(OutboxSenderTest, DeliversSignedPayloadsAndMarksThemSent) {
  const Comment held = Post(CommentStatus::kHeld);
  OutboxSender sender(store(), transport_, clock_, Options());
  Result<int> handled = sender.RunOnce();
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(*handled, 1);
  ASSERT_EQ(transport_.sent().size(), 1u);
  const WebhookRequest r = transport_.sent()[0];
  EXPECT_EQ(r.url, "https://hooks.example.sn/palabre");
  EXPECT_EQ(Header(r, "X-Palabre-Event"), "comment.held");
  EXPECT_EQ(Header(r, "X-Palabre-Signature"),
            SignWebhook("whsec_test", clock_.NowMs() / 1000, r.body));
  const boost::json::object body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("comment").at("id").as_int64(), held.id);
  EXPECT_EQ(body.at("comment").at("thread").at("title").as_string(), "Attaque à Kidal");
  EXPECT_EQ(body.at("console_url").as_string(), "https://palabre.example.sn/admin#queue/held");

  const auto sent = Rows(OutboxState::kSent);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].item.attempts, 1);
  EXPECT_EQ(sender.stats().sent, 1);
  EXPECT_EQ(*sender.RunOnce(), 0);  // nothing is sent twice
  EXPECT_EQ(transport_.sent().size(), 1u);
}

TEST_F(OutboxSenderTest, TemporaryFailuresBackOffWithJitterThenGiveUp) {
  Post(CommentStatus::kHeld);
  transport_.Then({503, "maintenance"});
  transport_.Then({0, "Connection refused"});
  transport_.Then({429, ""});
  OutboxSender sender(store(), transport_, clock_, Options());
  ASSERT_TRUE(sender.RunOnce().ok());
  std::vector<OutboxEntry> pending = Rows(OutboxState::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].last_error, "HTTP 503: maintenance");
  // The first backoff, 10 s, with its jitter: between 5 and 10 s.
  EXPECT_GE(pending[0].next_attempt_at, clock_.NowMs() + 5000);
  EXPECT_LE(pending[0].next_attempt_at, clock_.NowMs() + 10000);
  EXPECT_EQ(*sender.RunOnce(), 0);  // not due yet

  clock_.Set(pending[0].next_attempt_at);
  ASSERT_EQ(*sender.RunOnce(), 1);
  pending = Rows(OutboxState::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].last_error, "Connection refused");
  EXPECT_GE(pending[0].next_attempt_at, clock_.NowMs() + 10000);  // 20 s with jitter
  EXPECT_LE(pending[0].next_attempt_at, clock_.NowMs() + 20000);

  // Past give_up_after since the first attempt: failed, with the reason.
  clock_.AdvanceMs(6 * 60 * 1000);
  ASSERT_EQ(*sender.RunOnce(), 1);
  const auto failed = Rows(OutboxState::kFailed);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_THAT(failed[0].last_error, HasSubstr("gave up after 3 attempts: HTTP 429"));
  EXPECT_EQ(failed[0].item.attempts, 3);
  EXPECT_EQ(sender.stats().retried, 2);
  EXPECT_EQ(sender.stats().failed, 1);
}

TEST_F(OutboxSenderTest, BackoffDoublesUpToItsCeiling) {
  OutboxSender sender(store(), transport_, clock_, Options());
  EXPECT_EQ(sender.Backoff(1), std::chrono::seconds(10));
  EXPECT_EQ(sender.Backoff(2), std::chrono::seconds(20));
  EXPECT_EQ(sender.Backoff(3), std::chrono::seconds(40));
  EXPECT_EQ(sender.Backoff(4), std::chrono::seconds(60));
  EXPECT_EQ(sender.Backoff(60), std::chrono::seconds(60));
}

TEST_F(OutboxSenderTest, PermanentFailuresAreNotRetried) {
  Post(CommentStatus::kHeld);
  transport_.Then({410, "Gone"});
  OutboxSender sender(store(), transport_, clock_, Options());
  ASSERT_EQ(*sender.RunOnce(), 1);
  const auto failed = Rows(OutboxState::kFailed);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].last_error, "HTTP 410: Gone");
  clock_.AdvanceMs(3600 * 1000);
  EXPECT_EQ(*sender.RunOnce(), 0);
  EXPECT_EQ(transport_.sent().size(), 1u);
}

TEST_F(OutboxSenderTest, AnErasedCommentIsSentWithoutItsText) {
  const Comment c = Post(CommentStatus::kHeld, "Mon numéro : 77 123 45 67");
  ASSERT_TRUE(store().DeleteSiteContent("s").ok());
  OutboxSender sender(store(), transport_, clock_, Options());
  ASSERT_EQ(*sender.RunOnce(), 1);
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_THAT(transport_.sent()[0].body, ::testing::Not(HasSubstr("77 123")));
  const boost::json::object body = boost::json::parse(transport_.sent()[0].body).as_object();
  EXPECT_EQ(body.at("comment").as_object().size(), 1u);  // its id only
  EXPECT_EQ(body.at("comment").at("id").as_int64(), c.id);
}

TEST_F(OutboxSenderTest, WorkersDeliverInTheBackgroundAndStopCleanly) {
  OutboxSenderOptions options = Options();
  options.poll = std::chrono::milliseconds(20);
  options.workers = 3;
  options.batch = 2;
  OutboxSender sender(store(), transport_, clock_, options);
  sender.Start();
  for (int i = 0; i < 9; ++i) Post(CommentStatus::kPublished);
  sender.Wake();
  for (int i = 0; i < 500 && transport_.sent().size() < 9; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  sender.Stop();
  EXPECT_EQ(transport_.sent().size(), 9u);  // each row once
  EXPECT_EQ(Rows(OutboxState::kSent).size(), 9u);
  std::set<std::string> ids;
  for (const WebhookRequest& r : transport_.sent()) ids.insert(Header(r, "Idempotency-Key"));
  EXPECT_EQ(ids.size(), 9u);
}

}  // namespace
}  // namespace palabre::service
