// CommentWriter: what an author does to their comment — post it, edit it within the edit
// window, delete it. Each call reads the comment's site once (SiteRegistry) and hands it down,
// normalises each field once (core/text), enforces the site's bans and settings (pre-moderation,
// closing old threads), asks the Moderator, writes through the Store and bumps the thread's
// version (ThreadVersions), which tells the live listeners. Thread-safe.
#pragma once

#include <string_view>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "moderation/decision.h"
#include "service/comment_types.h"
#include "service/site_registry.h"
#include "service/site_settings.h"
#include "service/thread_versions.h"
#include "store/store.h"

namespace palabre::service {

class CommentWriter {
 public:
  CommentWriter(store::Store& store, moderation::Moderator& moderator, SiteRegistry& sites,
                ThreadVersions& versions, const Clock& clock, const Limits& limits)
      : store_(store),
        moderator_(moderator),
        sites_(sites),
        versions_(versions),
        clock_(clock),
        limits_(limits) {}

  // kUnknownSite, kKeyInvalid, validation errors, kBanned (a ban of the site matches the
  // folded name, the client hash or the e-mail hash), kThreadClosed (closed, or older than the
  // site's close_after_days), kUnknownParent, kThreadCreationDisabled, kCommentNotPublished
  // (reply to a held comment). A moderation reject or flood is not an error: see
  // PostOutput::decision. Pre-moderation turns a publish (or a review) into a hold with the
  // reason {check "premoderation", code "premoderation_all" or "premoderation_new"}. A review
  // decision publishes the comment as any other and marks it for review (Comment::review, with
  // the decision's review_risk): readers cannot tell it apart. With notify_email, a kept
  // comment signs the address up for its replies (PostOutput::notify; kUnavailable when the
  // deployment sends no mail).
  Result<PostOutput> Post(const PostInput& in);

  // Author's edit within Limits::edit_window_ms, with the edit token given at post time. The
  // new text goes through moderation again: on reject the old text stays and the decision says
  // why (PostOutput::decision, comment unchanged); on hold the comment leaves the public thread.
  // Bans and pre-moderation apply to edits as to new comments (kBanned; under pre-moderation
  // "all" an edited comment returns to the queue). A comment that leaves the thread this way
  // is announced like a moderated one (the removed-listener). The new text's decision replaces
  // the stored one, and with it the review mark: set when the decision is review and the
  // comment stays published, cleared otherwise.
  // kUnknownComment, kBadEditToken, kEditWindowExpired, kBanned, validation errors.
  Result<PostOutput> Edit(CommentId id, std::string_view edit_token, std::string_view text);
  Status Delete(CommentId id, std::string_view edit_token);

 private:
  // kBanned if a ban of the site matches the comment's author name, client hash or
  // e-mail at `now`.
  Status CheckBan(const Site& site, const Comment& comment, TimestampMs now);
  // Turns a publish decision into a hold when the site pre-moderates (all comments, or authors
  // with fewer than premoderation_min_approved published comments), with its reason.
  Status Premoderate(const SiteSettings& settings, const Site& site, const Comment& comment,
                     moderation::Decision& decision);
  Result<Comment> OwnComment(CommentId id, std::string_view edit_token);
  // Signs `email` up for the replies to stored `comment` (PostInput::notify_email).
  NotifyOutcome SignUp(const Comment& comment, const std::string& email);

  store::Store& store_;
  moderation::Moderator& moderator_;
  SiteRegistry& sites_;
  ThreadVersions& versions_;
  const Clock& clock_;
  const Limits& limits_;
};

}  // namespace palabre::service
