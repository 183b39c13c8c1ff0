// The Store conformance suite (store_conformance_testing.h), NotificationStore: webhooks, and
// the outbox rows the other roles' writes add in their transactions.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

Webhook MakeWebhook(std::string site, std::uint32_t events) {
  Webhook webhook;
  webhook.site_id = std::move(site);
  webhook.url = "https://hooks.example.sn/" + webhook.site_id;
  webhook.format = WebhookFormat::kSlack;
  webhook.events = events;
  webhook.secret = "secret-" + webhook.site_id;
  webhook.created_at = kT0;
  return webhook;
}

constexpr std::uint32_t Bit(WebhookEvent e) { return static_cast<std::uint32_t>(e); }

// The pending rows, oldest first, as (webhook, event, subject).
struct Row {
  WebhookId webhook;
  WebhookEvent event;
  std::int64_t subject;
  friend bool operator==(const Row&, const Row&) = default;
};
void PrintTo(const Row& r, std::ostream* os) {
  *os << "{" << r.webhook << ", " << ToString(r.event) << ", " << r.subject << "}";
}

// The pending rows of `site` ("" every site's), oldest first.
std::vector<Row> PendingRows(Store& store, std::string_view site) {
  Result<std::vector<OutboxEntry>> rows = store.ListOutbox(site, OutboxState::kPending, 100);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<Row> out;
  if (!rows.ok()) return out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    out.push_back({it->item.webhook_id, it->item.event, it->item.subject_id});
  }
  return out;
}

TEST_P(StoreTest, WebhooksAreAddedListedPerSiteAndRemoved) {
  AddSite("a");
  AddSite("b");
  Result<Webhook> first = store().AddWebhook(MakeWebhook("a", kAllWebhookEvents));
  ASSERT_OK(first);
  EXPECT_GT(first->id, 0);
  Webhook telegram = MakeWebhook("a", Bit(WebhookEvent::kCommentHeld));
  telegram.format = WebhookFormat::kTelegram;
  telegram.url = "https://api.telegram.org/bot1:A/sendMessage?chat_id=-1";
  Result<Webhook> second = store().AddWebhook(telegram);
  ASSERT_OK(second);
  ASSERT_OK(store().AddWebhook(MakeWebhook("b", 1)));
  EXPECT_EQ(store().AddWebhook(MakeWebhook("absent", 1)).error(), Error::kUnknownSite);

  Result<std::vector<Webhook>> of_a = store().ListWebhooks("a");
  ASSERT_OK(of_a);
  ASSERT_EQ(of_a->size(), 2u);
  EXPECT_EQ((*of_a)[0].id, first->id);
  EXPECT_EQ((*of_a)[1].id, second->id);
  EXPECT_EQ((*of_a)[1].format, WebhookFormat::kTelegram);
  EXPECT_EQ((*of_a)[1].url, telegram.url);
  EXPECT_EQ((*of_a)[1].events, Bit(WebhookEvent::kCommentHeld));
  EXPECT_EQ((*of_a)[1].secret, "secret-a");
  EXPECT_EQ((*of_a)[1].created_at, kT0);
  Result<std::vector<Webhook>> all = store().ListWebhooks("");
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 3u);

  Result<Webhook> got = store().GetWebhook(first->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->url, "https://hooks.example.sn/a");
  ASSERT_OK(store().RemoveWebhook(first->id));
  EXPECT_EQ(store().GetWebhook(first->id).error(), Error::kUnknownWebhook);
  EXPECT_EQ(store().RemoveWebhook(first->id).error(), Error::kUnknownWebhook);
  EXPECT_EQ(store().ListWebhooks("a")->size(), 1u);
}

TEST_P(StoreTest, EventsAddOneRowPerSubscribedWebhookOfTheirSite) {
  AddSite("a");
  AddSite("b");
  const Thread thread = AddThread("a", "k");
  const Thread other_site = AddThread("b", "k");
  Result<Webhook> everything = store().AddWebhook(MakeWebhook("a", kAllWebhookEvents));
  ASSERT_OK(everything);
  Result<Webhook> held_only = store().AddWebhook(MakeWebhook("a", Bit(WebhookEvent::kCommentHeld)));
  ASSERT_OK(held_only);
  ASSERT_OK(store().AddWebhook(MakeWebhook("b", kAllWebhookEvents)));
  const WebhookId all = everything->id;
  const WebhookId held = held_only->id;

  const Comment published = Post(thread.id, std::nullopt, kT0);
  const Comment waiting = Post(thread.id, std::nullopt, kT0 + 1, CommentStatus::kHeld);
  EXPECT_THAT(PendingRows(store(), "a"),
              ElementsAre(Row{all, WebhookEvent::kCommentPublished, published.id},
                          Row{all, WebhookEvent::kCommentHeld, waiting.id},
                          Row{held, WebhookEvent::kCommentHeld, waiting.id}));

  // A moderator's approval, a report, a ban; an author deleting their own comment says nothing,
  // a moderator removing one is a rejection.
  ASSERT_OK(store().ModerateComment(waiting.id, CommentStatus::kPublished));
  Report report;
  report.comment_id = published.id;
  report.reason = ReportReason::kSpam;
  report.reporter_hash = "r1";
  report.created_at = kT0 + 2;
  ASSERT_OK(store().AddReport(report));
  Ban ban;
  ban.site_id = "a";
  ban.author_folded = "awa";
  ban.created_at = kT0 + 3;
  Result<Ban> banned = store().AddBan(ban);
  ASSERT_OK(banned);
  const Comment own = Post(thread.id, std::nullopt, kT0 + 4);
  ASSERT_OK(store().SetCommentStatus(own.id, CommentStatus::kDeleted));
  ASSERT_OK(store().ModerateComment(published.id, CommentStatus::kDeleted));
  ASSERT_OK(store().SetCommentStatus(waiting.id, CommentStatus::kHeld));  // re-held
  ASSERT_OK(store().SetCommentStatus(waiting.id, CommentStatus::kHeld));  // no change: no event

  std::vector<Row> rows = PendingRows(store(), "a");
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_THAT(std::vector<Row>(rows.begin() + 3, rows.end()),
              ElementsAre(Row{all, WebhookEvent::kCommentPublished, waiting.id},
                          Row{all, WebhookEvent::kCommentReported, published.id},
                          Row{all, WebhookEvent::kUserBanned, banned->id},
                          Row{all, WebhookEvent::kCommentPublished, own.id},
                          Row{all, WebhookEvent::kCommentRejected, published.id},
                          Row{all, WebhookEvent::kCommentHeld, waiting.id},
                          Row{held, WebhookEvent::kCommentHeld, waiting.id}));

  // Imported comments are history: no row. Other sites' events stay theirs.
  Comment imported = NewComment(thread.id, std::nullopt, kT0 + 5);
  imported.source_id = "disqus:1";
  ASSERT_OK(store().InsertComment(imported));
  EXPECT_EQ(PendingRows(store(), "a").size(), 10u);
  Post(other_site.id, std::nullopt, kT0);
  EXPECT_EQ(PendingRows(store(), "b").size(), 1u);
  EXPECT_EQ(PendingRows(store(), "").size(), 11u);

  Result<std::vector<OutboxEntry>> listed = store().ListOutbox("a", std::nullopt, 2);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);  // newest first, at most the limit
  EXPECT_GT((*listed)[0].item.id, (*listed)[1].item.id);
  EXPECT_EQ((*listed)[0].item.site_id, "a");
  EXPECT_GT((*listed)[0].item.created_at, 0);
  EXPECT_EQ((*listed)[0].state, OutboxState::kPending);
  EXPECT_EQ((*listed)[0].item.attempts, 0);

  // Removing a webhook drops its rows.
  ASSERT_OK(store().RemoveWebhook(held));
  EXPECT_EQ(PendingRows(store(), "a").size(), 8u);
}

TEST_P(StoreTest, ClaimsLeaseRowsRetriesWaitAndFinishedRowsAreDoneAndPurged) {
  AddSite("a");
  const Thread thread = AddThread("a", "k");
  ASSERT_OK(store().AddWebhook(MakeWebhook("a", kAllWebhookEvents)));
  const Comment c1 = Post(thread.id, std::nullopt, kT0);
  const Comment c2 = Post(thread.id, std::nullopt, kT0 + 1);
  const Comment c3 = Post(thread.id, std::nullopt, kT0 + 2);

  Result<std::vector<OutboxItem>> first = store().ClaimOutbox(kT0, kT0 + 1000, 2);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 2u);  // oldest first, at most the limit
  EXPECT_EQ((*first)[0].subject_id, c1.id);
  EXPECT_EQ((*first)[1].subject_id, c2.id);
  EXPECT_EQ((*first)[0].event, WebhookEvent::kCommentPublished);
  EXPECT_EQ((*first)[0].attempts, 0);
  // Claimed rows are nobody else's until the lease ends.
  Result<std::vector<OutboxItem>> second = store().ClaimOutbox(kT0 + 10, kT0 + 1000, 10);
  ASSERT_OK(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].subject_id, c3.id);
  EXPECT_TRUE(store().ClaimOutbox(kT0 + 999, kT0 + 2000, 10)->empty());

  // One sent, one to retry later, one given up.
  ASSERT_OK(store().FinishOutbox((*first)[0].id, OutboxState::kSent, "", kT0 + 20, 0, kT0 + 5));
  ASSERT_OK(store().FinishOutbox((*first)[1].id, OutboxState::kPending, "HTTP 503", kT0 + 20,
                                 kT0 + 5000, kT0 + 5));
  ASSERT_OK(store().FinishOutbox((*second)[0].id, OutboxState::kFailed, "HTTP 410", kT0 + 30, 0,
                                 kT0 + 6));
  EXPECT_EQ(store().FinishOutbox(999999, OutboxState::kSent, "", kT0, 0, kT0).error(),
            Error::kInvalidArgument);

  EXPECT_TRUE(store().ClaimOutbox(kT0 + 4999, kT0 + 9000, 10)->empty());  // not due yet
  Result<std::vector<OutboxItem>> retry = store().ClaimOutbox(kT0 + 5000, kT0 + 9000, 10);
  ASSERT_OK(retry);
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ((*retry)[0].subject_id, c2.id);
  EXPECT_EQ((*retry)[0].attempts, 1);
  EXPECT_EQ((*retry)[0].first_attempt_at, kT0 + 5);
  // A sender that died: its lease runs out and the row is claimed again.
  Result<std::vector<OutboxItem>> again = store().ClaimOutbox(kT0 + 9000, kT0 + 12000, 10);
  ASSERT_OK(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].id, (*retry)[0].id);
  ASSERT_OK(store().FinishOutbox((*again)[0].id, OutboxState::kSent, "", kT0 + 9100, 0, kT0 + 9));

  Result<std::vector<OutboxEntry>> failed = store().ListOutbox("a", OutboxState::kFailed, 10);
  ASSERT_OK(failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].last_error, "HTTP 410");
  EXPECT_EQ((*failed)[0].done_at, kT0 + 30);
  EXPECT_EQ((*failed)[0].item.attempts, 1);
  Result<std::vector<OutboxEntry>> sent = store().ListOutbox("a", OutboxState::kSent, 10);
  ASSERT_OK(sent);
  ASSERT_EQ(sent->size(), 2u);
  EXPECT_EQ((*sent)[0].item.attempts, 2);
  EXPECT_EQ((*sent)[0].item.first_attempt_at, kT0 + 5);  // the first attempt's time stays

  Result<std::int64_t> purged = store().PurgeOutbox(kT0 + 100);  // done before: 2 rows
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 2);
  EXPECT_EQ(store().ListOutbox("a", std::nullopt, 10)->size(), 1u);
}

TEST_P(StoreTest, ConcurrentClaimsNeverHandTheSameRowTwice) {
  AddSite("a");
  const Thread thread = AddThread("a", "k");
  ASSERT_OK(store().AddWebhook(MakeWebhook("a", kAllWebhookEvents)));
  constexpr int kRows = 60;
  for (int i = 0; i < kRows; ++i) Post(thread.id, std::nullopt, kT0 + i);
  std::vector<std::vector<OutboxId>> got(4);
  std::vector<std::thread> claimers;
  for (std::size_t t = 0; t < got.size(); ++t) {
    claimers.emplace_back([&, t] {
      for (int round = 0; round < 40; ++round) {
        Result<std::vector<OutboxItem>> items = store().ClaimOutbox(kT0 + 100, kT0 + 100000, 3);
        if (!items.ok()) continue;
        for (const OutboxItem& item : *items) got[t].push_back(item.id);
      }
    });
  }
  for (std::thread& t : claimers) t.join();
  std::set<OutboxId> distinct;
  std::size_t total = 0;
  for (const auto& ids : got) {
    total += ids.size();
    distinct.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(total, distinct.size());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kRows));
}

}  // namespace
}  // namespace palabre::store
