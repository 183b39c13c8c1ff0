#include "service/comment_writer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <utility>

#include "core/crypto.h"
#include "core/email.h"
#include "core/text/ascii.h"
#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "moderation/normalize.h"
#include "service/reader_actions.h"
#include "service/reader_hashes.h"
#include "service/thread_key.h"

namespace palabre::service {
namespace {

constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;

// Cleans a single-line field and checks its length in code points.
Result<std::string> CleanField(std::string_view in, std::size_t max, Error too_long) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/true);
  if (!cleaned.ok()) return cleaned.status();
  if (text::CodePointCount(*cleaned) > max) {
    return Status(too_long, std::to_string(max) + " characters at most");
  }
  return cleaned;
}

Result<std::string> CleanText(std::string_view in, std::size_t max) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/false);
  if (!cleaned.ok()) return cleaned.status();
  if (cleaned->empty()) return Status(Error::kTextEmpty, "blank text");
  if (text::CodePointCount(*cleaned) > max) {
    return Status(Error::kTextTooLong, std::to_string(max) + " characters at most");
  }
  return cleaned;
}

// Cuts valid UTF-8 to at most `max` code points.
std::string CutToCodePoints(std::string s, std::size_t max) {
  s.resize(text::CodePointPrefixBytes(s, max));
  return s;
}

}  // namespace

Result<PostOutput> CommentWriter::Post(const PostInput& in) {
  auto site = sites_.Get(in.site_id);
  if (!site.ok()) return site.status();
  const SiteSettings settings = sites_.SettingsFor(*site);
  auto key = ThreadKey(in.key, limits_.max_key);
  if (!key.ok()) return key.status();

  auto author = CleanField(in.author, limits_.max_author, Error::kAuthorTooLong);
  if (!author.ok()) return author.status();
  if (author->empty()) return Status(Error::kAuthorMissing, "display name required");
  auto email = CleanField(in.email, limits_.max_email, Error::kEmailTooLong);
  if (!email.ok()) return email.status();
  if (!email->empty() && !LooksLikeEmail(*email)) {
    return Status(Error::kEmailInvalid, "not an e-mail address");
  }
  auto notify_email = CleanField(in.notify_email, limits_.max_email, Error::kEmailTooLong);
  if (!notify_email.ok()) return notify_email.status();
  if (!notify_email->empty() && !LooksLikeEmail(*notify_email)) {
    return Status(Error::kEmailInvalid, "not an e-mail address");
  }
  if (!in.reader_token.empty() && !IsValidReaderToken(in.reader_token)) {
    return Status(Error::kInvalidArgument, "token: 16 to 128 of A-Z a-z 0-9 - _");
  }
  auto body = CleanText(in.text, limits_.max_text);
  if (!body.ok()) return body.status();

  // The thread: existing, or the one a first post would create.
  Thread thread;
  bool thread_exists = false;
  auto found = store_.GetThread(site->id, *key);
  if (found.ok()) {
    thread = std::move(found).value();
    thread_exists = true;
  } else if (found.error() != Error::kUnknownThread) {
    return found.status();
  } else if (!site->auto_create_threads) {
    return Status(Error::kThreadCreationDisabled, "site creates threads explicitly");
  } else {
    thread.site_id = site->id;
    thread.key = *key;
    thread.created_at = clock_.NowMs();
  }
  // A title comes from the publisher's page only (see PostInput::origin); a reader never
  // names an article, not even the first one to comment on it.
  std::string title;
  const bool from_publisher =
      !in.origin.empty() &&
      std::find(site->origins.begin(), site->origins.end(), in.origin) != site->origins.end();
  if (from_publisher && thread.title.empty()) {
    auto cleaned = CleanField(in.title, limits_.max_title * 4, Error::kInvalidArgument);
    if (cleaned.ok()) title = CutToCodePoints(std::move(cleaned).value(), limits_.max_title);
  }
  if (!thread_exists) thread.title = title;
  if (thread.closed) return Status(Error::kThreadClosed, "thread closed");
  if (thread_exists && settings.close_after_days > 0 &&
      clock_.NowMs() - thread.created_at > settings.close_after_days * kDayMs) {
    return Status(Error::kThreadClosed, "thread older than the site's close_after_days");
  }

  Comment comment;
  comment.thread_id = thread.id;
  if (in.parent_id) {
    if (!thread_exists) return Status(Error::kUnknownParent, "no such comment in this thread");
    auto parent = store_.GetComment(*in.parent_id);
    if (!parent.ok()) {
      if (parent.error() == Error::kUnknownComment) {
        return Status(Error::kUnknownParent, "no such comment in this thread");
      }
      return parent.status();
    }
    if (parent->thread_id != thread.id) {
      return Status(Error::kUnknownParent, "no such comment in this thread");
    }
    if (parent->status != CommentStatus::kPublished) {
      return Status(Error::kCommentNotPublished, "cannot answer this comment");
    }
    comment.parent_id = in.parent_id;
  }
  comment.author = std::move(author).value();
  comment.email = std::move(email).value();
  comment.text = std::move(body).value();
  comment.created_at = clock_.NowMs();
  comment.client_hash = ClientHash(in.client_address, *site);
  if (!in.reader_token.empty())
    comment.replies_token = RepliesFeedToken(in.reader_token, site->salt);
  // Bans come before anything else is judged
  PALABRE_RETURN_IF_ERROR(CheckBan(*site, comment, comment.created_at));

  PostOutput out;
  out.site = *site;
  out.decision = moderator_.Evaluate(*site, thread, comment);
  // A refusal for flooding is not a judgement of the text: nothing is kept.
  if (out.decision.rate_limited()) {
    out.comment = std::move(comment);
    return out;
  }
  const bool rejected = out.decision.action == moderation::Action::kReject;
  if (rejected && settings.keep_rejected_days <= 0) {
    out.comment = std::move(comment);
    return out;
  }
  if (rejected) {
    // Kept for the console's "Rejetés automatiquement" view (a moderator may publish a false
    // positive) until the site's keep_rejected_days pass; no edit token: its author cannot see
    // or change it, and no reader ever does.
    comment.status = CommentStatus::kRejected;
    comment.auto_rejected = true;
  } else {
    PALABRE_RETURN_IF_ERROR(Premoderate(settings, *site, comment, out.decision));
    comment.status = out.decision.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
    // Review: published like any other comment, and queued for a moderator's second look.
    comment.review = out.decision.review();
    comment.risk = comment.review ? out.decision.review_risk() : 0.0;
    out.edit_token = RandomToken();
    comment.edit_token_hash = HashHex(out.edit_token);
  }
  comment.moderation = out.decision.ToJson();
  comment.html = text::RenderMarkdown(comment.text);

  if (!thread_exists) {
    auto ensured = store_.EnsureThread(thread);
    if (!ensured.ok()) return ensured.status();
    thread = std::move(ensured).value();
    comment.thread_id = thread.id;
  } else if (!title.empty()) {
    // An untitled thread (created by a post without the publisher's Origin) gets its title.
    PALABRE_RETURN_IF_ERROR(store_.SetThreadTitle(thread.id, title));
    thread.title = title;
  }
  auto stored = store_.InsertComment(comment);
  if (!stored.ok()) return stored.status();
  out.comment = std::move(stored).value();
  // What the pipeline rejected stays out of the duplicate and flood history, as when it was
  // not kept at all.
  if (!rejected) moderator_.Record(*site, out.comment, &out.decision);
  if (!notify_email->empty() && !rejected) out.notify = SignUp(out.comment, *notify_email);
  if (out.comment.status == CommentStatus::kPublished)
    versions_.Published(*site, thread, out.comment);
  return out;
}

NotifyOutcome CommentWriter::SignUp(const Comment& comment, const std::string& email) {
  if (!limits_.reply_mail) return NotifyOutcome::kUnavailable;
  // The comment is stored: a failure here must not turn the post into an error (the author
  // would post it again). The answer says the sign-up did not happen.
  Result<Subscription> subscribed = store_.Subscribe(comment.id, email, clock_.NowMs());
  if (!subscribed.ok()) {
    spdlog::warn("reply mail sign-up for comment {}: {}", comment.id,
                 subscribed.status().ToString());
    return NotifyOutcome::kUnavailable;
  }
  return subscribed->outcome;
}

Result<Comment> CommentWriter::OwnComment(CommentId id, std::string_view edit_token) {
  auto comment = store_.GetComment(id);
  if (!comment.ok()) return comment.status();
  if (comment->status == CommentStatus::kDeleted || comment->status == CommentStatus::kRejected) {
    return Status(Error::kUnknownComment, "comment gone");
  }
  if (edit_token.empty() || comment->edit_token_hash.empty() ||
      !ConstantTimeEquals(HashHex(edit_token), comment->edit_token_hash)) {
    return Status(Error::kBadEditToken, "edit token does not match");
  }
  if (clock_.NowMs() - comment->created_at > limits_.edit_window_ms) {
    return Status(Error::kEditWindowExpired, "edit window over");
  }
  return comment;
}

Result<PostOutput> CommentWriter::Edit(CommentId id, std::string_view edit_token,
                                       std::string_view text) {
  auto comment = OwnComment(id, edit_token);
  if (!comment.ok()) return comment.status();
  auto body = CleanText(text, limits_.max_text);
  if (!body.ok()) return body.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = sites_.Get(thread->site_id);
  if (!site.ok()) return site.status();
  const TimestampMs now = clock_.NowMs();
  // A banned author edits nothing either: an edit could turn a published comment into what
  // the ban was for.
  PALABRE_RETURN_IF_ERROR(CheckBan(*site, *comment, now));

  Comment edited = *comment;
  edited.text = std::move(body).value();
  PostOutput out;
  out.site = *site;
  out.decision = moderator_.Evaluate(*site, *thread, edited);
  if (out.decision.action == moderation::Action::kReject || out.decision.rate_limited()) {
    out.comment = std::move(comment).value();
    return out;
  }
  // Pre-moderation judges the new text as it judges a new comment: under "all", an edited
  // comment goes back to the queue (an approved text must not turn into another one unseen).
  PALABRE_RETURN_IF_ERROR(Premoderate(sites_.SettingsFor(*site), *site, edited, out.decision));
  edited.html = text::RenderMarkdown(edited.text);
  edited.edited_at = now;
  PALABRE_RETURN_IF_ERROR(store_.UpdateCommentText(id, edited.text, edited.html, now));
  const bool was_published = edited.status == CommentStatus::kPublished;
  if (!out.decision.published() && was_published) {
    PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(id, CommentStatus::kHeld));
    edited.status = CommentStatus::kHeld;
  }
  // The stored decision and the review mark follow the text: an edit the pipeline sends to
  // review is queued again (even if a moderator had looked at the old text); one it publishes
  // plainly, or that stays held, is not in the review queue.
  edited.moderation = out.decision.ToJson();
  edited.review = out.decision.review() && edited.status == CommentStatus::kPublished;
  edited.risk = edited.review ? out.decision.review_risk() : 0.0;
  PALABRE_RETURN_IF_ERROR(
      store_.SetCommentModeration(id, edited.moderation, edited.review, edited.risk));
  out.comment = std::move(edited);
  if (out.comment.status == CommentStatus::kPublished) {
    versions_.Published(*site, *thread, out.comment);
  } else if (was_published) {
    versions_.Removed(*site, *thread, out.comment.id);  // leaves open pages (live "removed")
  } else {
    versions_.Bump(site->id, thread->key);
  }
  return out;
}

Status CommentWriter::CheckBan(const Site& site, const Comment& comment, TimestampMs now) {
  const std::string email_hash =
      comment.email.empty() ? "" : HashHex(text::AsciiLower(comment.email), site.salt);
  auto ban = store_.FindBan(site.id, moderation::FoldName(comment.author), comment.client_hash,
                            email_hash, now);
  if (!ban.ok()) return ban.status();
  if (ban->has_value()) return Status(Error::kBanned, "banned from this site");
  return Status::Ok();
}

Status CommentWriter::Premoderate(const SiteSettings& settings, const Site& site,
                                  const Comment& comment, moderation::Decision& decision) {
  if (!decision.published() || settings.premoderation == Premoderation::kNone) {
    return Status::Ok();
  }
  const bool all = settings.premoderation == Premoderation::kAll;
  if (!all) {
    auto history = store_.GetAuthorHistory(site.id, comment.author, comment.client_hash);
    if (!history.ok()) return history.status();
    if (history->published >= settings.premoderation_min_approved) return Status::Ok();
  }
  decision.reasons.push_back(moderation::Reason{
      "premoderation",
      all ? "premoderation_all" : "premoderation_new",
      all ? "Le site vérifie chaque commentaire avant publication."
          : "Nouvel auteur : ses premiers commentaires sont vérifiés avant publication.",
      1.0,
      moderation::Action::kHold,
      {},
      0});
  decision.action = moderation::Action::kHold;
  return Status::Ok();
}

Status CommentWriter::Delete(CommentId id, std::string_view edit_token) {
  auto comment = OwnComment(id, edit_token);
  if (!comment.ok()) return comment.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  // The text goes: a deleted comment keeps only its place in the thread.
  PALABRE_RETURN_IF_ERROR(store_.UpdateCommentText(id, "", "", clock_.NowMs()));
  PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(id, CommentStatus::kDeleted));
  versions_.Bump(thread->site_id, thread->key);
  return Status::Ok();
}

}  // namespace palabre::service
