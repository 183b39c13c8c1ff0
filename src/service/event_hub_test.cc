#include "service/event_hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace palabre::service {
namespace {

HubEventPtr Event(std::string fr, std::string en = "en") {
  auto e = std::make_shared<HubEvent>();
  e->fr = std::move(fr);
  e->en = std::move(en);
  return e;
}

TEST(EventHub, DeliversToSubscribersOfTheThreadOnly) {
  EventHub hub;
  auto a = hub.Subscribe("demo", "article-1");
  auto b = hub.Subscribe("demo", "article-1");
  auto other = hub.Subscribe("demo", "article-2");
  EXPECT_EQ(hub.subscriber_count(), 3u);
  EXPECT_TRUE(hub.HasSubscribers("demo", "article-1"));
  EXPECT_FALSE(hub.HasSubscribers("other", "article-1"));
  EXPECT_EQ(hub.Publish("demo", "article-1", Event("bonjour", "hello")), 2u);
  std::vector<HubEventPtr> got;
  EXPECT_TRUE(a->Drain(got));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]->For(text::Lang::kFr), "bonjour");
  EXPECT_EQ(got[0]->For(text::Lang::kEn), "hello");
  got.clear();
  EXPECT_TRUE(b->Drain(got));
  EXPECT_EQ(got.size(), 1u);
  got.clear();
  EXPECT_TRUE(other->Drain(got));
  EXPECT_TRUE(got.empty());
}

TEST(EventHub, WakeIsCalledWhenEventsArrive) {
  EventHub hub;
  auto sub = hub.Subscribe("demo", "k");
  std::atomic<int> wakes{0};
  hub.Publish("demo", "k", Event("early"));  // before SetWake: woken at once when set
  sub->SetWake([&] { wakes.fetch_add(1); });
  EXPECT_EQ(wakes.load(), 1);
  hub.Publish("demo", "k", Event("second"));  // queue not drained: no second wake needed
  EXPECT_EQ(wakes.load(), 1);
  std::vector<HubEventPtr> got;
  sub->Drain(got);
  EXPECT_EQ(got.size(), 2u);
  hub.Publish("demo", "k", Event("third"));
  EXPECT_EQ(wakes.load(), 2);
}

TEST(EventHub, SlowSubscriberIsDropped) {
  EventHub hub(/*queue_capacity=*/3);
  auto slow = hub.Subscribe("demo", "k");
  auto fast = hub.Subscribe("demo", "k");
  std::atomic<int> slow_wakes{0};
  slow->SetWake([&] { slow_wakes.fetch_add(1); });
  std::vector<HubEventPtr> got;
  for (int i = 0; i < 5; ++i) {
    hub.Publish("demo", "k", Event(std::to_string(i)));
    fast->Drain(got);
  }
  EXPECT_EQ(got.size(), 5u);
  EXPECT_TRUE(slow->dropped());
  EXPECT_EQ(slow_wakes.load(), 2);  // first event, then the drop
  std::vector<HubEventPtr> none;
  EXPECT_FALSE(slow->Drain(none));
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(hub.subscriber_count(), 1u);
}

TEST(EventHub, UnsubscribeIsIdempotentAndStopsDelivery) {
  EventHub hub;
  auto sub = hub.Subscribe("demo", "k");
  hub.Unsubscribe(sub);
  hub.Unsubscribe(sub);
  EXPECT_EQ(hub.subscriber_count(), 0u);
  EXPECT_FALSE(hub.HasSubscribers("demo", "k"));
  EXPECT_EQ(hub.Publish("demo", "k", Event("x")), 0u);
  std::vector<HubEventPtr> got;
  EXPECT_FALSE(sub->Drain(got));
}

TEST(EventHub, BroadcastReachesEverySubscriberOfEveryThread) {
  EventHub hub;
  auto a = hub.Subscribe("demo", "article-1");
  auto b = hub.Subscribe("demo", "article-2");
  auto c = hub.Subscribe("other", "article-1");
  auto gone = hub.Subscribe("demo", "article-1");
  hub.Unsubscribe(gone);
  std::atomic<int> wakes{0};
  for (const auto& s : {a, b, c}) s->SetWake([&] { wakes.fetch_add(1); });
  EXPECT_EQ(hub.Broadcast(Event("reset", "reset-en")), 3u);
  EXPECT_EQ(wakes.load(), 3);
  for (const auto& s : {a, b, c}) {
    std::vector<HubEventPtr> got;
    EXPECT_TRUE(s->Drain(got));
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0]->For(text::Lang::kFr), "reset");
    EXPECT_EQ(got[0]->For(text::Lang::kEn), "reset-en");
  }
  std::vector<HubEventPtr> none;
  EXPECT_FALSE(gone->Drain(none));
  // Later events follow the reset as usual.
  EXPECT_EQ(hub.Publish("demo", "article-1", Event("after")), 1u);
  std::vector<HubEventPtr> got;
  EXPECT_TRUE(a->Drain(got));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]->fr, "after");
}

TEST(EventHub, BroadcastTakesThePlaceOfQueuedEventsAndNeverOverflows) {
  EventHub hub(/*queue_capacity=*/2);
  auto full = hub.Subscribe("demo", "k");
  std::atomic<int> wakes{0};
  full->SetWake([&] { wakes.fetch_add(1); });
  EXPECT_EQ(hub.Publish("demo", "k", Event("1")), 1u);
  EXPECT_EQ(hub.Publish("demo", "k", Event("2")), 1u);  // the queue is full now
  EXPECT_EQ(wakes.load(), 1);
  EXPECT_EQ(hub.Broadcast(Event("reset")), 1u);
  EXPECT_EQ(wakes.load(), 1);  // not drained yet: its wake is still pending
  EXPECT_FALSE(full->dropped());
  EXPECT_EQ(hub.Publish("demo", "k", Event("3")), 1u);  // room again: reset + 3
  std::vector<HubEventPtr> got;
  EXPECT_TRUE(full->Drain(got));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]->fr, "reset");
  EXPECT_EQ(got[1]->fr, "3");
  EXPECT_EQ(hub.subscriber_count(), 1u);
}

TEST(EventHub, BroadcastSkipsADroppedSubscriber) {
  EventHub hub(/*queue_capacity=*/1);
  auto slow = hub.Subscribe("demo", "k");
  auto other = hub.Subscribe("demo", "k2");
  hub.Publish("demo", "k", Event("1"));
  hub.Publish("demo", "k", Event("2"));  // overflow: dropped
  ASSERT_TRUE(slow->dropped());
  EXPECT_EQ(hub.Broadcast(Event("reset")), 1u);
  std::vector<HubEventPtr> got;
  EXPECT_FALSE(slow->Drain(got));
  EXPECT_TRUE(got.empty());
}

TEST(EventHub, BroadcastWhileSubscribersComeAndGo) {
  EventHub hub;
  std::vector<std::shared_ptr<EventHub::Subscriber>> subs;
  for (int i = 0; i < 20; ++i) subs.push_back(hub.Subscribe("demo", std::to_string(i)));
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    int i = 0;
    while (!stop.load()) hub.Unsubscribe(hub.Subscribe("other", std::to_string(i++ % 7)));
  });
  for (int i = 0; i < 200; ++i) EXPECT_GE(hub.Broadcast(Event("reset")), 20u);
  stop.store(true);
  churn.join();
  for (auto& s : subs) {
    std::vector<HubEventPtr> got;
    EXPECT_TRUE(s->Drain(got));
    EXPECT_EQ(got.size(), 1u);
  }
  EXPECT_EQ(hub.subscriber_count(), 20u);
}

TEST(EventHub, ConcurrentPublishAndSubscribe) {
  EventHub hub(100000);
  std::atomic<bool> stop{false};
  std::vector<std::shared_ptr<EventHub::Subscriber>> subs;
  for (int i = 0; i < 50; ++i) subs.push_back(hub.Subscribe("demo", "k"));
  std::thread churn([&] {
    while (!stop.load()) hub.Unsubscribe(hub.Subscribe("demo", "k"));
  });
  std::vector<std::thread> publishers;
  for (int t = 0; t < 2; ++t) {
    publishers.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) hub.Publish("demo", "k", Event("e"));
    });
  }
  for (auto& p : publishers) p.join();
  stop.store(true);
  churn.join();
  for (auto& s : subs) {
    std::vector<HubEventPtr> got;
    EXPECT_TRUE(s->Drain(got));
    EXPECT_EQ(got.size(), 2000u);
  }
}

}  // namespace
}  // namespace palabre::service
