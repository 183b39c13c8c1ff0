#include "service/thread_changes.h"

namespace palabre::service {

void ThreadChanges::OnModerated(const Comment& comment) {
  auto thread = store_.GetThreadById(comment.thread_id);
  if (!thread.ok()) return;
  auto site = sites_.Get(thread->site_id);
  if (!site.ok()) {
    versions_.Bump(thread->site_id, thread->key);
    return;
  }
  if (comment.status == CommentStatus::kPublished) {
    versions_.Published(*site, *thread, comment);
  } else {
    versions_.Removed(*site, *thread, comment.id);
  }
}

void ThreadChanges::OnRemoteChange(const store::Change& change) {
  if (change.kind == store::ChangeKind::kResync) {
    // Every thread at once, those never versioned here too (a cached page of one of them may
    // be stale).
    versions_.BumpAll();
    sites_.ForgetAll();
    versions_.TellReset();
    return;
  }
  versions_.Bump(change.site_id, change.key);
  if (change.kind == store::ChangeKind::kCommentVoted ||
      change.kind == store::ChangeKind::kThreadChanged || change.comment_id == 0) {
    return;
  }
  auto comment = store_.GetComment(change.comment_id);
  if (!comment.ok()) return;
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return;
  auto site = sites_.Get(thread->site_id);
  if (!site.ok()) return;
  if (change.kind == store::ChangeKind::kCommentInserted)
    moderator_.Record(*site, *comment, nullptr);
  // Delete empties the text, then changes the status: never push the empty shell in between.
  if (comment->status == CommentStatus::kPublished && !comment->text.empty()) {
    versions_.Announce(*site, *thread, *comment);
  }
}

}  // namespace palabre::service
