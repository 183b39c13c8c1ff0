// CommentStore: the comments of a thread as readers see and write them, and their votes.
// Part of Store (store.h), whose contract (durability, exact counts, listings, thread-safety,
// failures) applies.
#pragma once

#include <cstdint>
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

// A reader's recent votes or reports (by the hash of their client) since some time: how many,
// and when the oldest of them was made (0 when there is none). Budgets per hour read it.
struct RecentActions {
  std::int64_t count = 0;
  TimestampMs oldest = 0;
};

class CommentStore {
 public:
  CommentStore() = default;
  CommentStore(const CommentStore&) = delete;
  CommentStore& operator=(const CommentStore&) = delete;
  virtual ~CommentStore() = default;

  // Comments.
  // Inserts `comment` (its id, root_id and depth are ignored and set from the parent) and
  // returns it as stored. kUnknownThread; kUnknownParent if parent_id is not a comment of the
  // same thread; kDuplicateImport if the site already has a comment with the same non-empty
  // source_id. The given upvotes and downvotes are kept (imports), and so are review, risk and
  // auto_rejected.
  virtual Result<Comment> InsertComment(const Comment& comment) = 0;
  virtual Result<Comment> GetComment(CommentId id) = 0;  // kUnknownComment
  virtual Status UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                   TimestampMs edited_at) = 0;              // kUnknownComment
  virtual Status SetCommentStatus(CommentId id, CommentStatus status) = 0;  // kUnknownComment
  // The moderation decision of an edited text: replaces Comment::moderation and the review mark
  // (review, risk). kUnknownComment.
  virtual Status SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                      double risk) = 0;
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
  // The latest `limit` published replies to the site's comments whose replies_token is
  // `replies_token`, newest first (by time, then id), but for those that carry that token
  // themselves (the reader's own). None for an empty token or a limit below 1.
  virtual Result<std::vector<Comment>> ListRepliesTo(std::string_view site_id,
                                                     std::string_view replies_token, int limit) = 0;
  // The latest `limit` published comments (replies and comments queued for review included) of
  // a site, or of one of its threads when `thread` is not 0, newest first (by time, then id):
  // the Atom feeds. None for a limit below 1.
  virtual Result<std::vector<Comment>> ListLatestPublished(std::string_view site_id,
                                                           ThreadId thread, int limit) = 0;
  // The comment imported with this source id into this site, if any.
  virtual Result<std::optional<CommentId>> FindImported(std::string_view site_id,
                                                        std::string_view source_id) = 0;

  // Votes. A voter is known by `voter_hash` (the client's hash) and, when not empty,
  // `token_hash` (the widget's per-browser token): an existing vote of the comment matching
  // either is the same voter's. direction +1 or -1 votes: the same direction again (every
  // matching vote has it) is kAlreadyVoted; otherwise the matching votes are replaced by this
  // one. direction 0 takes the matching votes back (none: nothing changes, not an error).
  // Counts stay exact. kUnknownComment; kInvalidArgument for another direction or an empty
  // voter_hash. Returns the updated comment.
  virtual Result<Comment> Vote(CommentId id, std::string_view voter_hash,
                               std::string_view token_hash, int direction, TimestampMs at) = 0;
  // The votes standing under `voter_hash` (any comment) made or changed at or after `since`.
  virtual Result<RecentActions> RecentVotes(std::string_view voter_hash, TimestampMs since) = 0;
};

}  // namespace palabre::store
