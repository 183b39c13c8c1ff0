#include "app/decision_data.h"

#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace palabre::app {
namespace {

namespace clf = moderation::classifier;

constexpr int kPage = 500;

// SplitMix64's finaliser: a well-mixed, platform-independent hash of the comment id.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Decision {
  std::string action;  // approve, reject, unpublish
  std::string reason;
  TimestampMs at = 0;
};

}  // namespace

std::optional<clf::Label> LabelForRejectReason(std::string_view reason) {
  const std::optional<RejectReason> r = ParseRejectReason(reason);
  if (!r) return std::nullopt;
  switch (*r) {
    case RejectReason::kThreat:
      return clf::Label::kThreat;
    case RejectReason::kHate:
      return clf::Label::kHate;
    case RejectReason::kHarassment:
      return clf::Label::kInsult;
    case RejectReason::kSpam:
      return clf::Label::kSpam;
    case RejectReason::kOffTopic:
    case RejectReason::kIllegal:
    case RejectReason::kOther:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<DecisionData> ReadModeratorDecisions(store::Store& store,
                                            const DecisionDataOptions& options) {
  if (options.site_id.empty()) return Status(Error::kInvalidArgument, "no site");
  if (options.holdout_percent < 0 || options.holdout_percent > 100) {
    return Status(Error::kInvalidArgument, "holdout must be 0..100 percent");
  }
  if (auto site = store.GetSite(options.site_id); !site.ok()) return site.status();

  // The latest decision on each comment, in the order first seen (newest first).
  std::unordered_map<CommentId, Decision> latest;
  std::vector<CommentId> order;
  // Undos not yet matched with the decision they took back (the next older one).
  std::unordered_map<CommentId, int> undone;
  std::int64_t before = 0;
  for (;;) {
    auto page = store.ListAudit(options.site_id, before, kPage);
    if (!page.ok()) return page.status();
    for (const AuditEntry& e : *page) {
      before = e.id;
      if (!e.comment_id) continue;
      if (latest.contains(*e.comment_id)) continue;  // an older decision, superseded
      if (e.action == "undo") {
        ++undone[*e.comment_id];
        continue;
      }
      const bool approve = e.action == "approve" || e.action == "false_positive";
      if (!approve && e.action != "reject" && e.action != "unpublish") continue;
      if (auto u = undone.find(*e.comment_id); u != undone.end() && u->second > 0) {
        --u->second;  // taken back by its author
        continue;
      }
      latest.emplace(*e.comment_id, Decision{approve ? "approve" : e.action, e.reason, e.at});
      order.push_back(*e.comment_id);
    }
    if (page->size() < static_cast<std::size_t>(kPage) || before <= 1) break;
  }

  DecisionData data;
  auto add = [&](const Comment& c, clf::Label label, const char* source) {
    clf::LabelledRow row{label, c.text, std::string("decisions:") + source, ""};
    const bool held_out =
        static_cast<int>(Mix(static_cast<std::uint64_t>(c.id)) % 100) < options.holdout_percent;
    (held_out ? data.held_out : data.train).push_back(std::move(row));
  };
  auto usable = [](const Comment& c, TimestampMs decided_at) {
    if (c.text.empty() || c.status == CommentStatus::kDeleted) return false;
    return !(c.edited_at && *c.edited_at > decided_at);
  };

  for (const CommentId id : order) {
    const Decision& d = latest.at(id);
    if (d.action == "unpublish") {
      ++data.counts.undecided;
      continue;
    }
    std::optional<clf::Label> label = clf::Label::kOk;
    if (d.action == "reject") {
      label = LabelForRejectReason(d.reason);
      if (!label) {
        ++data.counts.ignored_reason;
        continue;
      }
    }
    auto comment = store.GetComment(id);
    if (!comment.ok() && comment.error() != Error::kUnknownComment) return comment.status();
    if (!comment.ok() || !usable(*comment, d.at)) {
      ++data.counts.skipped;
      continue;
    }
    if (*label == clf::Label::kOk) {
      add(*comment, *label, "approved");
      ++data.counts.approved;
    } else {
      add(*comment, *label, "rejected");
      ++data.counts.rejected;
    }
  }

  store::CommentQuery query;
  query.site_ids = {options.site_id};
  query.status = CommentStatus::kPublished;
  query.newest_first = true;
  query.limit = kPage;
  while (data.counts.published < options.max_published) {
    auto page = store.QueryComments(query);
    if (!page.ok()) return page.status();
    for (const Comment& c : page->comments) {
      if (data.counts.published >= options.max_published) break;
      if (latest.contains(c.id) || c.open_reports > 0 || c.text.empty()) continue;
      add(c, clf::Label::kOk, "published");
      ++data.counts.published;
    }
    if (!page->next) break;
    query.after = page->next;
  }
  return data;
}

}  // namespace palabre::app
