// EventHub: live updates of threads, publish/subscribe per (site, article key).
//
// Subscribers (one per Server-Sent Events connection) each have a bounded queue of events.
// Publish appends an event to the queue of every subscriber of its thread and calls the
// subscriber's wake function (outside any lock of the hub); the consumer then Drains its
// queue. A subscriber whose queue is full (a consumer that does not keep up) is dropped: its
// next Drain returns false and it no longer receives anything. Events are formatted once by
// the publisher, in each language, and shared by every subscriber (no copy per subscriber).
// Broadcast sends one event to every subscriber of every thread and takes the place of what
// each has queued: it is for a reset ("reload everything"), which makes the earlier events moot,
// so it never overflows a queue and a slow consumer is not dropped for it.
// Thread-safe: Publish, Broadcast, Subscribe and Unsubscribe from any thread; a Subscriber's
// Drain from one consumer at a time.
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/relative_time.h"
#include "core/thread_annotations.h"

namespace palabre::service {

// One event, already in its wire form, per language.
struct HubEvent {
  std::string fr;
  std::string en;
  const std::string& For(text::Lang lang) const { return lang == text::Lang::kEn ? en : fr; }
};
using HubEventPtr = std::shared_ptr<const HubEvent>;

class EventHub {
 public:
  class Subscriber {
   public:
    explicit Subscriber(std::string topic, std::size_t capacity)
        : topic_(std::move(topic)), capacity_(capacity) {}
    // Called (from the publishing thread) whenever events arrive or the subscriber is
    // dropped; called at once if events are already queued. Must be cheap and must not call
    // back into the hub.
    void SetWake(std::function<void()> wake);
    // Moves the queued events to `out`. False once dropped (queue overflow) or unsubscribed.
    bool Drain(std::vector<HubEventPtr>& out);
    bool dropped() const { return dropped_.load(); }

   private:
    friend class EventHub;
    // False if the queue is full: the subscriber is then dropped.
    bool Push(const HubEventPtr& event);
    // Replaces the queue with `event` alone; false if already dropped.
    bool Replace(const HubEventPtr& event);
    void Close();
    void Wake();

    const std::string topic_;
    const std::size_t capacity_;
    Mutex mu_;
    std::deque<HubEventPtr> queue_ GUARDED_BY(mu_);
    std::shared_ptr<const std::function<void()>> wake_ GUARDED_BY(mu_);
    std::atomic<bool> dropped_{false};
  };

  // `queue_capacity`: events a subscriber may have waiting before it is dropped.
  explicit EventHub(std::size_t queue_capacity = 256) : capacity_(queue_capacity) {}
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  std::shared_ptr<Subscriber> Subscribe(std::string_view site_id, std::string_view key);
  // Idempotent; the subscriber's Drain returns false afterwards.
  void Unsubscribe(const std::shared_ptr<Subscriber>& subscriber);
  // Returns the number of subscribers the event was queued for.
  std::size_t Publish(std::string_view site_id, std::string_view key, HubEventPtr event);
  // Queues `event` for every subscriber of every thread, in place of the events each had
  // waiting (see above), and wakes them. The subscribers are gathered under the hub's lock,
  // then served outside it. Returns the number of subscribers the event was queued for.
  std::size_t Broadcast(HubEventPtr event);

  // True if (site_id, key) has a subscriber: publishers skip formatting events otherwise.
  bool HasSubscribers(std::string_view site_id, std::string_view key) const;
  std::size_t subscriber_count() const { return count_.load(); }

 private:
  static std::string Topic(std::string_view site_id, std::string_view key);
  void Remove(const std::shared_ptr<Subscriber>& subscriber);

  const std::size_t capacity_;
  mutable Mutex mu_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Subscriber>>> topics_ GUARDED_BY(mu_);
  std::atomic<std::size_t> count_{0};
};

}  // namespace palabre::service
