// PgChangeFeed: the ChangeFeed (store/change_feed.h) of a PgStore, over LISTEN/NOTIFY.
//
// It owns one connection of its own (not from the pool: a LISTEN connection must stay open and
// idle) and one thread, which waits in poll() on the connection's socket and on a wake-up pipe
// used by Stop(). Each notification on the store's channel is parsed (ParseNotification) and,
// unless its node is the feed's own store, handed to the callback. When the connection drops
// (server restart, network), the thread reconnects with a backoff (min_backoff doubling up to
// max_backoff), LISTENs again and delivers one kResync. The first LISTEN delivers one too when
// the first connection attempts failed, or when a WaitListening gave up before it (the node
// then served without the feed). A connection idle for `ping_interval` is checked with a
// trivial query, so a silently dead peer is noticed too.
//
// Thread-safety: as ChangeFeed. Failures: none returned after Start(); connection problems are
// retried forever (until Stop) and counted in connects().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/thread_annotations.h"
#include "store/change_feed.h"
#include "store/postgres/pg_pool.h"

namespace palabre::store::pg {

// A notification's content: who made the change, and the change.
struct Notification {
  std::string node;
  Change change;
};

// Parses "v1<TAB>node<TAB>kind<TAB>id<TAB>site<TAB>key" (pg_queries.h); the key may contain
// tabs. nullopt for anything else (another version, a foreign sender on the channel).
std::optional<Notification> ParseNotification(std::string_view payload);

struct FeedOptions {
  std::chrono::milliseconds min_backoff{50};
  std::chrono::milliseconds max_backoff{1000};
  std::chrono::milliseconds ping_interval{15000};
};

class PgChangeFeed final : public ChangeFeed {
 public:
  PgChangeFeed(std::string conninfo, Pool::Setup setup, std::string channel, std::string node_id,
               FeedOptions options = {});
  ~PgChangeFeed() override;

  Status Start(Callback callback) override;
  void Stop() override;

  bool WaitListening(std::chrono::milliseconds timeout) override;
  // Successful connections so far (1 after the first, +1 per reconnection).
  int connects() const { return connects_.load(); }

 private:
  void Run();
  // Sleeps up to `d`; false if Stop() woke it.
  bool Sleep(std::chrono::milliseconds d);
  void SetListening(bool listening);

  const std::string conninfo_;
  const Pool::Setup setup_;
  const std::string channel_;
  const std::string node_id_;
  const FeedOptions options_;

  Callback callback_;
  std::thread thread_;
  int wake_[2] = {-1, -1};  // pipe: Stop() writes a byte to wake the thread's poll()
  std::atomic<bool> stopping_{false};
  std::atomic<int> connects_{0};
  Mutex mu_;
  std::condition_variable_any listening_changed_;  // waits on mu_
  bool listening_ GUARDED_BY(mu_) = false;
  bool gave_up_ GUARDED_BY(mu_) = false;  // a WaitListening timed out since the last LISTEN
};

}  // namespace palabre::store::pg
