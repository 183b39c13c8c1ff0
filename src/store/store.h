// Store: everything palabre keeps, in the domain's terms. One interface, several backends
// (SQLite now, PostgreSQL next); handlers and services never see SQL.
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

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

// Position after which a page of top-level comments continues. Orders: oldest is
// (created_at, id) ascending, newest the same descending, best (score, id) descending. key is
// the creation time (oldest/newest) or the score (best); id breaks ties. A best cursor may skip
// or repeat a comment whose score changes between pages. Opaque to clients (service encodes it).
struct PageCursor {
  std::int64_t key = 0;
  CommentId id = 0;
  friend bool operator==(const PageCursor&, const PageCursor&) = default;
};

struct TopLevelPage {
  std::vector<Comment> comments;
  std::optional<PageCursor> next;  // set when more top-level comments follow
};

struct ThreadCount {
  std::string key;
  std::int64_t count = 0;
};

class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Sites.
  virtual Status CreateSite(const Site& site) = 0;        // kSiteExists
  virtual Status UpdateSite(const Site& site) = 0;        // keeps created_at; kUnknownSite
  virtual Result<Site> GetSite(std::string_view id) = 0;  // kUnknownSite
  virtual Result<std::vector<Site>> ListSites() = 0;      // ordered by id
  virtual Status RemoveSite(std::string_view id) = 0;     // with its threads; kUnknownSite

  // Threads.
  virtual Result<Thread> GetThread(std::string_view site_id,
                                   std::string_view key) = 0;  // kUnknownThread
  virtual Result<Thread> GetThreadById(ThreadId id) = 0;       // kUnknownThread
  // Returns the thread (site_id, key), creating it from `thread` if absent. An existing
  // thread's empty title or body is filled from `thread`; nothing else changes. kUnknownSite.
  virtual Result<Thread> EnsureThread(const Thread& thread) = 0;
  virtual Status SetThreadClosed(ThreadId id, bool closed) = 0;  // kUnknownThread
  // Published-comment counts of the given keys, in the order asked; keys without a thread are
  // absent.
  virtual Result<std::vector<ThreadCount>> CountComments(std::string_view site_id,
                                                         std::span<const std::string> keys) = 0;

  // Comments.
  // Inserts `comment` (its id, root_id and depth are ignored and set from the parent) and
  // returns it as stored. kUnknownThread; kUnknownParent if parent_id is not a comment of the
  // same thread; kDuplicateImport if the site already has a comment with the same non-empty
  // source_id. The given upvotes and downvotes are kept (imports).
  virtual Result<Comment> InsertComment(const Comment& comment) = 0;
  virtual Result<Comment> GetComment(CommentId id) = 0;  // kUnknownComment
  virtual Status UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                   TimestampMs edited_at) = 0;              // kUnknownComment
  virtual Status SetCommentStatus(CommentId id, CommentStatus status) = 0;  // kUnknownComment
  // One page of a thread's top-level comments in `sort` order, after `after` if given.
  virtual Result<TopLevelPage> ListTopLevel(ThreadId thread, Sort sort,
                                            std::optional<PageCursor> after, int limit) = 0;
  // Every listed reply (depth >= 1) whose root is one of `roots`, oldest first.
  virtual Result<std::vector<Comment>> ListReplies(ThreadId thread,
                                                   std::span<const CommentId> roots) = 0;
  // Comments of a site created at or after `since`, any status, oldest first; when more than
  // `limit` match, the latest `limit` (moderation warms its duplicate and flood indexes with
  // these at start-up).
  virtual Result<std::vector<Comment>> ListRecentComments(std::string_view site_id,
                                                          TimestampMs since, int limit) = 0;
  // The comment imported with this source id into this site, if any.
  virtual Result<std::optional<CommentId>> FindImported(std::string_view site_id,
                                                        std::string_view source_id) = 0;

  // Votes. direction is +1 or -1; one vote per (comment, voter): a new direction replaces the
  // voter's old one, the same direction again is kAlreadyVoted. Returns the updated comment.
  virtual Result<Comment> Vote(CommentId id, std::string_view voter_hash, int direction,
                               TimestampMs at) = 0;
};

// Opens the store named by `url`: "sqlite:///path/file.db", "sqlite:file.db" or a plain path
// (SQLite), creating and migrating it if needed. kInvalidArgument for an unknown scheme.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace palabre::store
