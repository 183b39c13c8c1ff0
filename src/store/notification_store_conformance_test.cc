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

// --- Reply mails ---------------------------------------------------------------------------------

namespace palabre::store {
namespace {

// The pending mail rows of `site`, oldest first, as (subscriber, event, subject).
std::vector<Row> PendingMail(Store& store, std::string_view site) {
  Result<std::vector<OutboxEntry>> rows = store.ListOutbox(site, OutboxState::kPending, 100);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<Row> out;
  if (!rows.ok()) return out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    if (it->item.subscriber_id == 0) continue;
    EXPECT_EQ(it->item.webhook_id, 0);
    out.push_back({it->item.subscriber_id, it->item.event, it->item.subject_id});
  }
  return out;
}

TEST_P(StoreTest, ASignUpQueuesOneConfirmationAnHourUntilTheAddressIsConfirmed) {
  AddSite("a");
  AddSite("b");
  const Thread thread = AddThread("a", "k");
  const Comment first = Post(thread.id, std::nullopt, kT0);
  const Comment second = Post(thread.id, std::nullopt, kT0 + 1);
  const Comment third = Post(thread.id, std::nullopt, kT0 + 2);

  Result<Subscription> signed_up = store().Subscribe(first.id, "Awa.Diop@Example.SN", kT0);
  ASSERT_OK(signed_up);
  const SubscriberId id = signed_up->subscriber.id;
  EXPECT_GT(id, 0);
  EXPECT_EQ(signed_up->outcome, NotifyOutcome::kConfirmSent);
  EXPECT_EQ(signed_up->subscriber.site_id, "a");
  EXPECT_EQ(signed_up->subscriber.email, "Awa.Diop@Example.SN");
  EXPECT_FALSE(signed_up->subscriber.confirmed());
  EXPECT_THAT(PendingMail(store(), "a"),
              ElementsAre(Row{id, WebhookEvent::kMailConfirm, first.id}));

  // The same address in another case, within the hour: the same subscriber, no second mail.
  Result<Subscription> again = store().Subscribe(second.id, "awa.diop@example.sn", kT0 + 1000);
  ASSERT_OK(again);
  EXPECT_EQ(again->subscriber.id, id);
  EXPECT_EQ(again->outcome, NotifyOutcome::kConfirmPending);
  EXPECT_EQ(PendingMail(store(), "a").size(), 1u);
  // An hour later, one more.
  Result<Subscription> later =
      store().Subscribe(second.id, "AWA.DIOP@example.sn", kT0 + kConfirmResendMs);
  ASSERT_OK(later);
  EXPECT_EQ(later->outcome, NotifyOutcome::kConfirmSent);
  EXPECT_EQ(PendingMail(store(), "a").size(), 2u);

  ASSERT_OK(store().ConfirmSubscriber(id, kT0 + kConfirmResendMs + 5));
  ASSERT_OK(store().ConfirmSubscriber(id, kT0 + kConfirmResendMs + 9));  // keeps the first time
  Result<Subscriber> got = store().GetSubscriber(id);
  ASSERT_OK(got);
  EXPECT_EQ(got->confirmed_at, kT0 + kConfirmResendMs + 5);
  Result<Subscription> confirmed = store().Subscribe(third.id, "awa.diop@example.sn", kT0 + 1);
  ASSERT_OK(confirmed);
  EXPECT_EQ(confirmed->outcome, NotifyOutcome::kConfirmed);
  EXPECT_EQ(PendingMail(store(), "a").size(), 2u);

  // Another site: another subscriber.
  const Thread other = AddThread("b", "k");
  const Comment elsewhere = Post(other.id, std::nullopt, kT0);
  Result<Subscription> on_b = store().Subscribe(elsewhere.id, "awa.diop@example.sn", kT0);
  ASSERT_OK(on_b);
  EXPECT_NE(on_b->subscriber.id, id);
  EXPECT_EQ(on_b->outcome, NotifyOutcome::kConfirmSent);

  EXPECT_EQ(store().Subscribe(999999, "x@example.sn", kT0).error(), Error::kUnknownComment);
  EXPECT_EQ(store().GetSubscriber(999999).error(), Error::kUnknownSubscriber);
  EXPECT_EQ(store().ConfirmSubscriber(999999, kT0).error(), Error::kUnknownSubscriber);
}

TEST_P(StoreTest, APublishedReplyQueuesOneMailForTheConfirmedSubscriberOfItsParent) {
  AddSite("a");
  const Thread thread = AddThread("a", "k");
  Comment mine = NewComment(thread.id, std::nullopt, kT0);
  mine.author = "Awa";
  mine.client_hash = "client-awa";
  Result<Comment> parent = store().InsertComment(mine);
  ASSERT_OK(parent);
  Result<Subscription> sub = store().Subscribe(parent->id, "awa@example.sn", kT0);
  ASSERT_OK(sub);
  const SubscriberId id = sub->subscriber.id;
  const std::size_t confirm_rows = PendingMail(store(), "a").size();
  ASSERT_EQ(confirm_rows, 1u);

  // Unconfirmed: a reply sends nothing.
  Post(thread.id, parent->id, kT0 + 1);
  EXPECT_EQ(PendingMail(store(), "a").size(), confirm_rows);
  ASSERT_OK(store().ConfirmSubscriber(id, kT0 + 2));

  // Confirmed: a published reply is queued; a held one once approved, and only once however
  // often it comes and goes; a rejected one never.
  const Comment reply = Post(thread.id, parent->id, kT0 + 3);
  const Comment held = Post(thread.id, parent->id, kT0 + 4, CommentStatus::kHeld);
  const Comment refused = Post(thread.id, parent->id, kT0 + 5, CommentStatus::kHeld);
  ASSERT_OK(store().ModerateComment(refused.id, CommentStatus::kRejected));
  EXPECT_THAT(PendingMail(store(), "a"),
              ElementsAre(Row{id, WebhookEvent::kMailConfirm, parent->id},
                          Row{id, WebhookEvent::kMailReply, reply.id}));
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kHeld));
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  EXPECT_THAT(PendingMail(store(), "a"),
              ElementsAre(Row{id, WebhookEvent::kMailConfirm, parent->id},
                          Row{id, WebhookEvent::kMailReply, reply.id},
                          Row{id, WebhookEvent::kMailReply, held.id}));

  // The subscriber's own replies (same e-mail; or same name from the same client), a reply to
  // another comment, and an imported reply: nothing.
  Comment own_email = NewComment(thread.id, parent->id, kT0 + 6);
  own_email.author = "Awa D.";
  own_email.email = "AWA@example.sn";
  ASSERT_OK(store().InsertComment(own_email));
  Comment own_client = NewComment(thread.id, parent->id, kT0 + 7);
  own_client.client_hash = "client-awa";
  ASSERT_OK(store().InsertComment(own_client));
  Post(thread.id, reply.id, kT0 + 8);
  Comment imported = NewComment(thread.id, parent->id, kT0 + 9);
  imported.source_id = "disqus:9";
  ASSERT_OK(store().InsertComment(imported));
  EXPECT_EQ(PendingMail(store(), "a").size(), 3u);

  Result<std::vector<OutboxEntry>> own = store().ListSubscriberOutbox(id, 10);
  ASSERT_OK(own);
  ASSERT_EQ(own->size(), 3u);  // newest first
  EXPECT_EQ((*own)[0].item.subject_id, held.id);
  EXPECT_EQ((*own)[2].item.event, WebhookEvent::kMailConfirm);

  // Sent rows count toward the site's daily total; a deferred row waits without an attempt.
  Result<std::vector<OutboxItem>> claimed = store().ClaimOutbox(kT0 + 100, kT0 + 200, 10);
  ASSERT_OK(claimed);
  ASSERT_EQ(claimed->size(), 3u);
  ASSERT_OK(
      store().FinishOutbox((*claimed)[0].id, OutboxState::kSent, "", kT0 + 150, 0, kT0 + 150));
  ASSERT_OK(store().DeferOutbox((*claimed)[1].id, kT0 + 5000));
  EXPECT_EQ(store().DeferOutbox((*claimed)[0].id, kT0 + 5000).error(), Error::kInvalidArgument);
  EXPECT_EQ(*store().CountMailSent("a", kT0 + 150), 1);
  EXPECT_EQ(*store().CountMailSent("a", kT0 + 151), 0);
  Result<std::vector<OutboxEntry>> pending = store().ListOutbox("a", OutboxState::kPending, 10);
  ASSERT_OK(pending);
  bool seen = false;
  for (const OutboxEntry& e : *pending) {
    if (e.item.id != (*claimed)[1].id) continue;
    seen = true;
    EXPECT_EQ(e.next_attempt_at, kT0 + 5000);
    EXPECT_EQ(e.item.attempts, 0);
  }
  EXPECT_TRUE(seen);
  // Released: claimable again once due, not before.
  Result<std::vector<OutboxItem>> early = store().ClaimOutbox(kT0 + 4999, kT0 + 6000, 10);
  ASSERT_OK(early);
  for (const OutboxItem& item : *early) EXPECT_NE(item.id, (*claimed)[1].id);
}

TEST_P(StoreTest, UnsubscribingOrErasingTheAddressDropsTheSubscriberAndItsMails) {
  AddSite("a");
  const Thread thread = AddThread("a", "k");
  const Comment first = Post(thread.id, std::nullopt, kT0);
  const Comment second = Post(thread.id, std::nullopt, kT0 + 1);
  Result<Subscription> one = store().Subscribe(first.id, "one@example.sn", kT0);
  ASSERT_OK(one);
  Result<Subscription> two = store().Subscribe(second.id, "Two@example.sn", kT0);
  ASSERT_OK(two);
  ASSERT_OK(store().ConfirmSubscriber(one->subscriber.id, kT0));
  Post(thread.id, first.id, kT0 + 2);
  EXPECT_EQ(PendingMail(store(), "a").size(), 3u);  // two confirmations, one reply

  ASSERT_OK(store().RemoveSubscriber(one->subscriber.id));
  EXPECT_EQ(store().GetSubscriber(one->subscriber.id).error(), Error::kUnknownSubscriber);
  EXPECT_EQ(store().RemoveSubscriber(one->subscriber.id).error(), Error::kUnknownSubscriber);
  EXPECT_EQ(PendingMail(store(), "a").size(), 1u);
  // Its comment is no one's any more: a new reply queues nothing.
  Post(thread.id, first.id, kT0 + 3);
  EXPECT_EQ(PendingMail(store(), "a").size(), 1u);

  // palabre user-data erase: the address goes, even with no comment signed with it.
  ASSERT_OK(store().EraseCommentsByEmail("two@EXAMPLE.sn"));
  EXPECT_EQ(store().GetSubscriber(two->subscriber.id).error(), Error::kUnknownSubscriber);
  EXPECT_TRUE(PendingMail(store(), "a").empty());
}

}  // namespace
}  // namespace palabre::store
