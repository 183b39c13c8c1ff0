#include "service/event_hub.h"

#include <algorithm>

namespace palabre::service {

void EventHub::Subscriber::SetWake(std::function<void()> wake) {
  bool pending = false;
  {
    MutexLock lock(mu_);
    wake_ = wake ? std::make_shared<const std::function<void()>>(std::move(wake)) : nullptr;
    pending = !queue_.empty() || dropped_.load();
  }
  if (pending) Wake();
}

void EventHub::Subscriber::Wake() {
  std::shared_ptr<const std::function<void()>> wake;
  {
    MutexLock lock(mu_);
    wake = wake_;
  }
  if (wake) (*wake)();
}

bool EventHub::Subscriber::Push(const HubEventPtr& event) {
  if (dropped_.load()) return false;
  bool was_empty = false;
  bool overflow = false;
  {
    MutexLock lock(mu_);
    if (queue_.size() >= capacity_) {
      overflow = true;
      dropped_.store(true);
      queue_.clear();
    } else {
      was_empty = queue_.empty();
      queue_.push_back(event);
    }
  }
  // A consumer that has not drained yet has a wake pending already.
  if (overflow || was_empty) Wake();
  return !overflow;
}

bool EventHub::Subscriber::Replace(const HubEventPtr& event) {
  bool was_empty = false;
  {
    MutexLock lock(mu_);
    if (dropped_.load()) return false;
    was_empty = queue_.empty();
    queue_.clear();
    queue_.push_back(event);
  }
  if (was_empty) Wake();
  return true;
}

void EventHub::Subscriber::Close() {
  {
    MutexLock lock(mu_);
    dropped_.store(true);
    queue_.clear();
    wake_ = nullptr;
  }
}

bool EventHub::Subscriber::Drain(std::vector<HubEventPtr>& out) {
  MutexLock lock(mu_);
  if (dropped_.load()) return false;
  for (auto& e : queue_) out.push_back(std::move(e));
  queue_.clear();
  return true;
}

std::string EventHub::Topic(std::string_view site_id, std::string_view key) {
  std::string t;
  t.reserve(site_id.size() + 1 + key.size());
  t.append(site_id);
  t.push_back('\x1f');
  t.append(key);
  return t;
}

std::shared_ptr<EventHub::Subscriber> EventHub::Subscribe(std::string_view site_id,
                                                          std::string_view key) {
  auto sub = std::make_shared<Subscriber>(Topic(site_id, key), capacity_);
  MutexLock lock(mu_);
  topics_[sub->topic_].push_back(sub);
  count_.fetch_add(1);
  return sub;
}

void EventHub::Remove(const std::shared_ptr<Subscriber>& subscriber) {
  MutexLock lock(mu_);
  auto it = topics_.find(subscriber->topic_);
  if (it == topics_.end()) return;
  auto& subs = it->second;
  auto pos = std::find(subs.begin(), subs.end(), subscriber);
  if (pos == subs.end()) return;
  *pos = std::move(subs.back());
  subs.pop_back();
  count_.fetch_sub(1);
  if (subs.empty()) topics_.erase(it);
}

void EventHub::Unsubscribe(const std::shared_ptr<Subscriber>& subscriber) {
  if (!subscriber) return;
  subscriber->Close();
  Remove(subscriber);
}

bool EventHub::HasSubscribers(std::string_view site_id, std::string_view key) const {
  if (count_.load() == 0) return false;
  const std::string topic = Topic(site_id, key);
  MutexLock lock(mu_);
  return topics_.find(topic) != topics_.end();
}

std::size_t EventHub::Publish(std::string_view site_id, std::string_view key, HubEventPtr event) {
  std::vector<std::shared_ptr<Subscriber>> subs;
  {
    MutexLock lock(mu_);
    auto it = topics_.find(Topic(site_id, key));
    if (it == topics_.end()) return 0;
    subs = it->second;
  }
  std::size_t delivered = 0;
  for (const auto& s : subs) {
    if (s->Push(event)) {
      ++delivered;
    } else {
      Remove(s);  // too slow, or gone: the consumer sees Drain() == false and closes
    }
  }
  return delivered;
}

std::size_t EventHub::Broadcast(HubEventPtr event) {
  std::vector<std::shared_ptr<Subscriber>> subs;
  {
    MutexLock lock(mu_);
    subs.reserve(count_.load());
    for (const auto& [topic, topic_subs] : topics_) {
      subs.insert(subs.end(), topic_subs.begin(), topic_subs.end());
    }
  }
  std::size_t delivered = 0;
  for (const auto& s : subs) {
    if (s->Replace(event)) ++delivered;
  }
  return delivered;
}

}  // namespace palabre::service
