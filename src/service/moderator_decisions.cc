#include "service/moderator_decisions.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <utility>

#include "core/text/utf8.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxBulk = 500;
constexpr std::size_t kMaxText = 500;  // notes and reasons, code points

// The status a decision audited as `action` leaves, and whether it may be undone.
std::optional<CommentStatus> StatusAfter(std::string_view action) {
  if (action == "approve" || action == "false_positive") return CommentStatus::kPublished;
  if (action == "reject") return CommentStatus::kRejected;
  if (action == "unpublish") return CommentStatus::kHeld;
  return std::nullopt;
}

}  // namespace

Result<std::string> CleanModeratorNote(std::string_view in, std::string_view what) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/false);
  if (!cleaned.ok()) return cleaned.status();
  if (text::CodePointCount(*cleaned) > kMaxText) {
    return Status(Error::kInvalidArgument, std::string(what) + ": 500 characters at most");
  }
  return cleaned;
}

Status ModeratorDecisions::Moderate(const User& user, const ModeratedComment& target,
                                    CommentStatus status, std::string_view action,
                                    std::string_view reason, std::string_view detail) {
  PALABRE_RETURN_IF_ERROR(store_.ModerateComment(target.comment.id, status));
  const TimestampMs now = clock_.NowMs();
  std::string audited_detail = detail.empty() ? "{}" : std::string(detail);
  if (target.comment.review && audited_detail.size() >= 2 && audited_detail.back() == '}') {
    // The decision closes the comment's review: the log says it was one, and how risky. (The
    // detail is this service's own JSON object: the members go in before its closing brace.)
    char risk[32];
    std::snprintf(risk, sizeof risk, "%.4g", target.comment.risk);
    audited_detail.pop_back();
    if (audited_detail != "{") audited_detail += ',';
    audited_detail += "\"review\":true,\"risk\":";
    audited_detail += risk;
    audited_detail += '}';
  }
  AuditEntry entry;
  entry.site_id = target.site.id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = std::string(action);
  entry.comment_id = target.comment.id;
  entry.reason = std::string(reason);
  entry.detail = std::move(audited_detail);
  entry.response_ms = std::max<std::int64_t>(0, now - target.comment.created_at);
  entry.at = now;
  auto appended = store_.AppendAudit(entry);
  Comment changed = target.comment;
  changed.status = status;
  changed.review = false;
  changes_.OnModerated(changed);
  return appended.ok() ? Status::Ok() : appended.status();
}

Result<QueueItem> ModeratorDecisions::Approve(const User& user, CommentId id, text::Lang lang) {
  auto target = queue_.Load(user, id);
  if (!target.ok()) return target.status();
  if (target->comment.status == CommentStatus::kDeleted) {
    return Status(Error::kCommentNotPublished, "deleted by its author");
  }
  PALABRE_RETURN_IF_ERROR(
      Moderate(user, *target, CommentStatus::kPublished, "approve", "",
               "{\"from\":\"" + std::string(ToString(target->comment.status)) + "\"}"));
  return queue_.Item(user, id, lang);
}

Result<QueueItem> ModeratorDecisions::Reject(const User& user, CommentId id, RejectReason reason,
                                             std::string_view note, text::Lang lang) {
  auto cleaned = CleanModeratorNote(note, "note");
  if (!cleaned.ok()) return cleaned.status();
  auto target = queue_.Load(user, id);
  if (!target.ok()) return target.status();
  if (target->comment.status == CommentStatus::kDeleted) {
    return Status(Error::kCommentNotPublished, "deleted by its author");
  }
  boost::json::object detail;
  detail["from"] = ToString(target->comment.status);
  if (!cleaned->empty()) detail["note"] = *cleaned;
  PALABRE_RETURN_IF_ERROR(Moderate(user, *target, CommentStatus::kRejected, "reject",
                                   ToString(reason), boost::json::serialize(detail)));
  return queue_.Item(user, id, lang);
}

Result<QueueItem> ModeratorDecisions::Unpublish(const User& user, CommentId id,
                                                std::string_view reason, text::Lang lang) {
  auto cleaned = CleanModeratorNote(reason, "reason");
  if (!cleaned.ok()) return cleaned.status();
  auto target = queue_.Load(user, id);
  if (!target.ok()) return target.status();
  if (target->comment.status != CommentStatus::kPublished) {
    return Status(Error::kCommentNotPublished, "only a published comment is unpublished");
  }
  std::string why = std::move(cleaned).value();
  if (why.empty() && target->comment.review) {
    // Unpublished from the review queue with one key: the review's own reasons say why.
    std::vector<std::string> codes;
    for (const moderation::Reason& r : ReasonsOf(target->comment)) {
      if (r.action != moderation::Action::kReview) continue;
      if (std::find(codes.begin(), codes.end(), r.code) != codes.end()) continue;
      why += (codes.empty() ? "review: " : ", ") + r.code;
      codes.push_back(r.code);
    }
    if (codes.empty()) why = "review";
  }
  PALABRE_RETURN_IF_ERROR(
      Moderate(user, *target, CommentStatus::kHeld, "unpublish", why, "{\"from\":\"published\"}"));
  return queue_.Item(user, id, lang);
}

Result<QueueItem> ModeratorDecisions::FalsePositive(const User& user, CommentId id,
                                                    text::Lang lang) {
  auto target = queue_.Load(user, id);
  if (!target.ok()) return target.status();
  if (!target->comment.auto_rejected || target->comment.status != CommentStatus::kRejected) {
    return Status(Error::kNotAutoRejected, "not a comment the pipeline rejected");
  }
  PALABRE_RETURN_IF_ERROR(Moderate(user, *target, CommentStatus::kPublished, "false_positive", "",
                                   "{\"from\":\"rejected\"}"));
  return queue_.Item(user, id, lang);
}

Result<QueueItem> ModeratorDecisions::Undo(const User& user, CommentId id, text::Lang lang) {
  auto target = queue_.Load(user, id);
  if (!target.ok()) return target.status();
  auto last = store_.ListCommentAudit(id, 1);
  if (!last.ok()) return last.status();
  if (last->empty()) return Status(Error::kUndoNotPossible, "no decision on this comment");
  const AuditEntry& decision = last->front();
  const std::optional<CommentStatus> after = StatusAfter(decision.action);
  if (!after) return Status(Error::kUndoNotPossible, "the last action is not a decision");
  if (decision.user_id != user.id) {
    return Status(Error::kUndoNotPossible, "the last decision is another moderator's");
  }
  const TimestampMs now = clock_.NowMs();
  if (now - decision.at > kUndoWindowMs) {
    return Status(Error::kUndoExpired, "the decision is older than the undo window");
  }
  if (target->comment.status != *after) {
    return Status(Error::kUndoNotPossible, "the comment changed since the decision");
  }
  std::optional<CommentStatus> before;
  boost::system::error_code ec;
  const boost::json::value detail = boost::json::parse(decision.detail, ec);
  if (!ec && detail.is_object()) {
    if (const boost::json::value* from = detail.get_object().if_contains("from");
        from && from->is_string()) {
      before = ParseCommentStatus(std::string_view(from->get_string()));
    }
  }
  if (!before || *before == CommentStatus::kDeleted) {
    return Status(Error::kUndoNotPossible, "the decision does not say what it changed");
  }
  PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(id, *before));
  boost::json::object undone;
  undone["entry"] = decision.id;
  undone["action"] = decision.action;
  undone["to"] = ToString(*before);
  AuditEntry entry;
  entry.site_id = target->site.id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "undo";
  entry.comment_id = id;
  entry.detail = boost::json::serialize(undone);
  entry.at = now;
  auto appended = store_.AppendAudit(entry);
  Comment changed = target->comment;
  changed.status = *before;
  changes_.OnModerated(changed);
  if (!appended.ok()) return appended.status();
  return queue_.Item(user, id, lang);
}

Result<BulkResult> ModeratorDecisions::Bulk(const User& user, const BulkInput& in) {
  if (in.ids.empty() == !in.cluster.has_value()) {
    return Status(Error::kInvalidArgument, "ids or cluster, one of them");
  }
  if (in.ids.size() > kMaxBulk) return Status(Error::kInvalidArgument, "ids: 500 at most");
  std::vector<CommentId> ids = in.ids;
  if (in.cluster) {
    auto head = queue_.Load(user, *in.cluster);
    if (!head.ok()) return head.status();
    ids.push_back(*in.cluster);
    // Held comments and the comment their duplicate reason names; a campaign is a chain
    // (the third copy may name the second), so membership is followed to its end.
    std::vector<std::pair<CommentId, CommentId>> held;
    store::CommentQuery q;
    q.site_ids = {head->site.id};
    q.status = CommentStatus::kHeld;
    q.newest_first = false;
    q.limit = 500;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = store_.QueryComments(q);
      if (!page.ok()) return page.status();
      for (const Comment& c : page->comments) {
        if (auto named = ClusterOf(ReasonsOf(c)); named && c.id != *in.cluster) {
          held.emplace_back(c.id, *named);
        }
      }
      if (!page->next) break;
      q.after = page->next;
    }
    for (bool grew = true; grew && ids.size() <= kMaxBulk;) {
      grew = false;
      for (const auto& [id, named] : held) {
        if (std::find(ids.begin(), ids.end(), named) != ids.end() &&
            std::find(ids.begin(), ids.end(), id) == ids.end()) {
          ids.push_back(id);
          grew = true;
        }
      }
    }
  }
  BulkResult out;
  std::vector<CommentId> seen;
  for (CommentId id : ids) {
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    Result<QueueItem> r = in.action == BulkAction::kApprove ? Approve(user, id)
                                                            : Reject(user, id, in.reason, in.note);
    if (r.ok()) {
      out.done.push_back(id);
    } else {
      out.failed.push_back(BulkFailure{id, r.error()});
    }
  }
  return out;
}

}  // namespace palabre::service
