// Store: everything palabre keeps, in the domain's terms. One interface, several backends
// (SQLite, PostgreSQL); handlers and services never see SQL.
//
// Contract shared by every backend, pinned by store_conformance_test.cc:
// - A method that returns OK has made its change durable: an inserted comment survives the
//   process being killed right after the call returns.
// - Thread::comment_count counts the thread's published comments (replies included) and stays
//   exact under concurrent inserts, status changes and removals.
// - Listing methods return published comments and deleted ones (tombstones, so that replies
//   under a deleted comment keep their place); held and rejected comments only through
//   moderation methods.
// - Implementations are thread-safe: one Store is shared by all of the server's threads.
// Failures: kUnknownSite / kUnknownThread / kUnknownComment / kUnknownParent as named below,
// kUnavailable when the database cannot be reached (retry later), kInternal otherwise.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "store/account_store.h"
#include "store/ban_store.h"
#include "store/change_feed.h"
#include "store/comment_store.h"
#include "store/export_store.h"
#include "store/moderation_store.h"
#include "store/notification_store.h"
#include "store/privacy_store.h"
#include "store/report_store.h"
#include "store/site_store.h"

namespace palabre::store {

// The whole store: every role, as one backend implements them. The app opens one and hands
// each service the roles it uses (a Store& converts to any of them).
class Store : public SiteStore,
              public CommentStore,
              public AccountStore,
              public ModerationStore,
              public ReportStore,
              public BanStore,
              public PrivacyStore,
              public ExportStore,
              public NotificationStore {
 public:
  Store() = default;
  ~Store() override = default;

  // Answers a trivial query: the store is reachable and answering (readiness, /readyz).
  // kUnavailable (or the backend's bounded wait's failure) when it is not.
  virtual Status Ping() = 0;

  // The writes other processes make to the same database, as they commit (change_feed.h).
  // A backend only this process writes to returns a feed that never delivers anything.
  // The feed must not outlive the store.
  virtual std::unique_ptr<ChangeFeed> NewChangeFeed() = 0;

  // Runs `body`, whose writes through this store (on this thread) a backend may commit together,
  // for bulk work such as an import: they are durable when Batch returns OK, not each when it
  // returns. A write of `body` that fails changes nothing and leaves the others in place; if
  // `body` itself fails, its writes may be kept or not (each, or none), and Batch returns its
  // Status. Reads during `body` may not see its writes yet. Other threads' writes wait for the
  // batch, so keep one short (hundreds of writes). The default runs `body` as it is (each write
  // its own transaction); SQLite overrides it.
  virtual Status Batch(const std::function<Status()>& body) { return body(); }
};

// Opens the store named by `url`: "sqlite:///path/file.db", "sqlite:file.db" or a plain path
// (SQLite), creating and migrating it if needed. kInvalidArgument for an unknown scheme.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace palabre::store
