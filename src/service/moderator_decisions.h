// ModeratorDecisions: a moderator's decisions on comments — approve, reject, unpublish, "faux
// positif", undo, and the same in bulk. Each writes one AuditEntry (who, what, when, why, and
// the time since the comment arrived, response_ms) and goes through ThreadChanges::OnModerated
// so that response caches and live clients follow. Any decision on a comment waiting for review
// ends its review (Store::ModerateComment clears the mark); its audit detail then also has
// "review": true and the "risk". Thread-safe.
#pragma once

#include <string_view>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "service/moderation_queue.h"
#include "service/moderator_types.h"
#include "service/thread_changes.h"
#include "store/store.h"

namespace palabre::service {

class ModeratorDecisions {
 public:
  ModeratorDecisions(store::Store& store, ModerationQueue& queue, ThreadChanges& changes,
                     const Clock& clock)
      : store_(store), queue_(queue), changes_(changes), clock_(clock) {}

  // Publishes a held, rejected or reported comment and resolves its reports; approving a
  // published comment leaves it published (dismisses its reports, ends its review).
  // kUnknownComment, kForbidden, kCommentNotPublished for a deleted comment.
  Result<QueueItem> Approve(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);
  // Rejects (hides for good) any comment but a deleted one. The note goes into the audit.
  Result<QueueItem> Reject(const User& user, CommentId id, RejectReason reason,
                           std::string_view note, text::Lang lang = text::Lang::kFr);
  // Holds a published comment (kCommentNotPublished otherwise). A comment waiting for review
  // unpublished without a reason is audited with "review: <its review reasons' codes>".
  Result<QueueItem> Unpublish(const User& user, CommentId id, std::string_view reason,
                              text::Lang lang = text::Lang::kFr);
  // "Faux positif": publishes a comment the pipeline rejected on arrival (Comment::
  // auto_rejected, still rejected), audited as "false_positive" so that `palabre train
  // --from-decisions` takes it as legitimate. kNotAutoRejected otherwise; kUnknownComment,
  // kForbidden.
  Result<QueueItem> FalsePositive(const User& user, CommentId id,
                                  text::Lang lang = text::Lang::kFr);
  // "Annuler": puts back the status a comment had before its last decision (approve, reject,
  // unpublish, false_positive), when that decision is this user's and at most kUndoWindowMs
  // old; audited as "undo" (detail: the undone entry's id and action, and the status put
  // back). Reports the decision resolved stay resolved and an ended review stays ended.
  // kUndoNotPossible (no decision, another user's, an undo, or the comment's status changed
  // since), kUndoExpired; kUnknownComment, kForbidden.
  Result<QueueItem> Undo(const User& user, CommentId id, text::Lang lang = text::Lang::kFr);
  static constexpr TimestampMs kUndoWindowMs = 30'000;

  // Each comment on its own: failures are listed, not fatal. kInvalidArgument if neither or
  // both of ids and cluster are given, or more than 500 ids; kForbidden/kUnknownComment for
  // the cluster's comment.
  Result<BulkResult> Bulk(const User& user, const BulkInput& in);

  // Sets the comment's status, audits the action (with `reason` and the JSON object
  // `detail`) and tells ThreadChanges. For the decisions above and a ban's rejections.
  Status Moderate(const User& user, const ModeratedComment& target, CommentStatus status,
                  std::string_view action, std::string_view reason, std::string_view detail);

 private:
  store::Store& store_;
  ModerationQueue& queue_;
  ThreadChanges& changes_;
  const Clock& clock_;
};

}  // namespace palabre::service
