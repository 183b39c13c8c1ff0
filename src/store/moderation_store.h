// ModerationStore: the moderators' view of comments (queue and search, decisions, an
// author's history, the facts the per-site report reads) and the append-only audit log.
// Part of Store (store.h), whose contract applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"
#include "store/comment_store.h"

namespace palabre::store {

// What the moderation console lists: comments of some sites, filtered, newest or oldest first,
// one page at a time (keyset on (created_at, id)).
struct CommentQuery {
  std::vector<std::string> site_ids;    // required, non-empty: the sites the user may see
  std::optional<CommentStatus> status;  // unset: any status
  // Set: only comments whose Comment::auto_rejected equals it.
  std::optional<bool> auto_rejected;
  bool reported_only = false;  // only comments with unresolved reports
  // Only published comments marked for review (Comment::review) that no moderator decided on.
  bool review_only = false;
  std::optional<ThreadId> thread_id;  // only this thread
  // Only comments whose moderation JSON contains `"code":"<reason_code>"` exactly (a literal
  // match: % and _ are plain characters).
  std::string reason_code;
  // Case-insensitive literal substring of the text or the author's name (% and _ are plain
  // characters). Case folding: ASCII letters in SQLite, the database's locale in PostgreSQL.
  std::string text_contains;
  std::string author;        // exact display name
  bool newest_first = true;  // (created_at, id) descending; false: ascending
  // (risk, id) descending instead (the review queue: highest risk first); newest_first is then
  // ignored and the cursor's key is RiskKey(risk).
  bool by_risk = false;
  std::optional<PageCursor> after;  // key = created_at (or RiskKey); from CommentPage::next
  int limit = 50;                   // clamped to 1..500
};

// Comment::risk as the store keeps it and the risk order's cursor carries it: ten-thousandths,
// 0..10000 (a risk outside 0..1 is clamped).
std::int64_t RiskKey(double risk);
double RiskOfKey(std::int64_t key);

struct CommentPage {
  std::vector<Comment> comments;  // with open_reports filled
  std::optional<PageCursor> next;
};

// An author's past on a site, by display name or client hash (either matching counts; a comment
// matching both counts once).
struct AuthorHistory {
  std::int64_t published = 0;
  std::int64_t held = 0;
  std::int64_t rejected = 0;
  std::int64_t deleted = 0;
};

// One comment as the per-site report reads it.
struct CommentFact {
  CommentId id = 0;
  CommentStatus status = CommentStatus::kPublished;
  TimestampMs created_at = 0;
  std::string moderation;  // the pipeline's decision JSON
};

class ModerationStore {
 public:
  ModerationStore() = default;
  ModerationStore(const ModerationStore&) = delete;
  ModerationStore& operator=(const ModerationStore&) = delete;
  virtual ~ModerationStore() = default;

  // The moderation queue and search: comments of any status (unless query.status says one),
  // replies included, with their open_reports. kInvalidArgument if site_ids is empty.
  virtual Result<CommentPage> QueryComments(const CommentQuery& query) = 0;
  // Changes a comment's status as a moderator does: like SetCommentStatus (counts stay exact),
  // and marks its open reports resolved, even when the status does not change (approving a
  // reported comment as it is dismisses its reports): outcome kDismissed when `status` is
  // published, kUpheld otherwise; and clears its review mark (a moderator has now looked at it;
  // its risk stays). kUnknownComment.
  virtual Status ModerateComment(CommentId id, CommentStatus status) = 0;
  // Counts of the site's comments by status whose author is `author` or whose client hash is
  // `client_hash` (an empty one of either matches nothing).
  virtual Result<AuthorHistory> GetAuthorHistory(std::string_view site_id, std::string_view author,
                                                 std::string_view client_hash) = 0;
  // Comments of a site created in [since, until), any status, oldest first (reports).
  virtual Result<std::vector<CommentFact>> ListCommentFacts(std::string_view site_id,
                                                            TimestampMs since,
                                                            TimestampMs until) = 0;

  // Audit log: append only. AppendAudit: id set (ids grow with time); kUnknownSite.
  virtual Result<AuditEntry> AppendAudit(const AuditEntry& entry) = 0;
  // The site's entries, newest (highest id) first, with id < before_id when before_id > 0, at
  // most `limit` (clamped to 1..500). The next page: before_id = the last entry's id.
  virtual Result<std::vector<AuditEntry>> ListAudit(std::string_view site_id,
                                                    std::int64_t before_id, int limit) = 0;
  // The entries about one comment (AuditEntry::comment_id), newest (highest id) first, at most
  // `limit` (clamped to 1..500); none for a comment without any.
  virtual Result<std::vector<AuditEntry>> ListCommentAudit(CommentId id, int limit) = 0;
};

}  // namespace palabre::store
