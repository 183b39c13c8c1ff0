// ChangeFeed: the writes OTHER palabre processes made to a shared store, as they commit.
//
// Several palabre nodes behind a load balancer share one PostgreSQL database; each keeps
// per-process state derived from the writes it sees (response-cache versions, the moderation
// history, live-update subscribers). A node sees its own writes directly; the feed tells it
// about everybody else's. Each backend makes its own (Store::NewChangeFeed). PgStore's uses
// LISTEN/NOTIFY: every write that other nodes must hear about sends a notification in its own
// transaction, so a change is delivered if and only if it committed, in commit order, typically
// within a millisecond. SQLite's (one process is the whole deployment) never delivers anything.
//
// A Change names what changed, not the new state: the receiver reads the comment from the
// store if it needs it. Changes made through this process's own store are not delivered.
// Delivery is at most once: a change committed while the feed was cut off from the database is
// lost, and the feed then delivers one kResync when it is back, meaning "anything may have
// changed": receivers drop whatever they derived (cached pages) rather than trust it.
//
// Thread-safety: Start and Stop from one thread (the app's); the callback runs on the feed's
// own thread, one change at a time, and must not call Stop.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

enum class ChangeKind {
  kCommentInserted,  // a new comment, any status (comment_id)
  kCommentEdited,    // text and html changed (comment_id)
  kCommentStatus,    // status changed: published, held, rejected, deleted (comment_id)
  kCommentVoted,     // up/down votes changed (comment_id)
  kThreadChanged,    // closed or reopened, title or body filled (comment_id 0)
  kResync,           // the feed lost its connection and is back: anything may have changed
};
std::string_view ToString(ChangeKind kind);

struct Change {
  ChangeKind kind = ChangeKind::kResync;
  std::string site_id;  // empty for kResync
  std::string key;      // the thread's key; empty for kResync
  CommentId comment_id = 0;
  friend bool operator==(const Change&, const Change&) = default;
};

class ChangeFeed {
 public:
  using Callback = std::function<void(const Change&)>;

  ChangeFeed() = default;
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;
  virtual ~ChangeFeed() = default;  // implementations stop first

  // Starts delivering changes to `callback` on the feed's thread. Returns at once: a feed that
  // cannot reach its database yet keeps trying in the background (and delivers kResync once
  // connected after an outage). kInvalidArgument if already started.
  virtual Status Start(Callback callback) = 0;
  // Stops and joins the feed's thread: no callback runs after it returns. Idempotent.
  virtual void Stop() = 0;
  // Waits up to `timeout` until the feed receives changes (PgStore: its LISTEN is active);
  // false if it does not by then (it keeps trying, and delivers a kResync once it listens: the
  // caller went on without it). A node waits for it before serving, so that it misses no change
  // committed after it starts answering. At once for a silent feed.
  virtual bool WaitListening(std::chrono::milliseconds timeout) = 0;
};

// A feed that never delivers anything: the feed of a store only this process writes to
// (Store::NewChangeFeed of SQLite). Start, Stop and WaitListening behave as above.
std::unique_ptr<ChangeFeed> NewSilentChangeFeed();

}  // namespace palabre::store
