#include "service/moderation_queue.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "service/auth_service.h"
#include "service/cursor.h"

namespace palabre::service {
namespace {

// Where a comment is read: see QueueItem::url.
std::string CommentUrl(const Site& site, const Thread& thread, CommentId id) {
  std::string_view key = thread.key;
  if (const auto hash = key.find('#'); hash != std::string_view::npos) key = key.substr(0, hash);
  std::string url;
  if (key.starts_with("https://") || key.starts_with("http://")) {
    url = key;
  } else if (key.starts_with("/") && !key.starts_with("//") && !site.origins.empty()) {
    url = site.origins.front() + std::string(key);
  } else {
    return "";
  }
  return url + "#palabre-c" + std::to_string(id);
}

}  // namespace

std::vector<moderation::Reason> ReasonsOf(const Comment& c) {
  auto d = moderation::ParseDecisionJson(c.moderation);
  if (!d.ok()) return {};
  return std::move(d->reasons);
}

std::optional<CommentId> ClusterOf(const std::vector<moderation::Reason>& reasons) {
  for (const moderation::Reason& r : reasons) {
    if ((r.code == "duplicate" || r.code == "copy_paste") && r.comment_id > 0) {
      return r.comment_id;
    }
  }
  return std::nullopt;
}

Result<ModeratedComment> ModerationQueue::Load(const User& user, CommentId id) {
  auto comment = store_.GetComment(id);
  if (!comment.ok()) return comment.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, thread->site_id, Role::kModerator));
  auto site = store_.GetSite(thread->site_id);
  if (!site.ok()) return site.status();
  return ModeratedComment{std::move(comment).value(), std::move(thread).value(),
                          std::move(site).value()};
}

Result<QueueItem> ModerationQueue::MakeItem(const Comment& comment, const Thread& thread,
                                            const Site& site, text::Lang lang) {
  QueueItem item;
  item.comment = comment;
  item.comment.edit_token_hash.clear();
  item.comment.client_hash.clear();
  item.site_id = site.id;
  item.thread = thread;
  item.thread.body.clear();
  const TimestampMs now = clock_.NowMs();
  item.relative_time = text::RelativeTime(comment.created_at, now, lang, site.time_zone);
  item.full_time = text::FullDateTime(comment.created_at, lang, site.time_zone);
  item.reasons = ReasonsOf(comment);
  item.cluster = ClusterOf(item.reasons);
  auto reports = store_.ListReports(comment.id);
  if (!reports.ok()) return reports.status();
  for (palabre::Report& r : *reports) {
    r.reporter_hash.clear();
    r.range_hash.clear();
    r.token_hash.clear();
    if (!r.resolved) ++item.open_reports;
    if (!r.resolved && r.burst) item.report_burst = true;
  }
  item.reports = std::move(reports).value();
  auto history = store_.GetAuthorHistory(site.id, comment.author, comment.client_hash);
  if (!history.ok()) return history.status();
  item.history = *history;
  if (comment.parent_id) {
    auto parent = store_.GetComment(*comment.parent_id);
    if (parent.ok()) {
      item.parent = std::move(parent).value();
      item.parent->email.clear();
      item.parent->edit_token_hash.clear();
      item.parent->client_hash.clear();
    } else if (parent.error() != Error::kUnknownComment) {
      return parent.status();
    }
  }
  item.url = CommentUrl(site, thread, comment.id);
  auto decisions = store_.ListCommentAudit(comment.id, 1);
  if (!decisions.ok()) return decisions.status();
  if (!decisions->empty()) item.last_decision = std::move(decisions->front());
  return item;
}

Result<std::vector<UserSite>> ModerationQueue::Sites(const User& user) {
  std::vector<UserSite> out;
  for (const Membership& m : user.memberships) {
    auto site = store_.GetSite(m.site_id);
    if (!site.ok()) {
      if (site.error() == Error::kUnknownSite) continue;
      return site.status();
    }
    out.push_back(UserSite{site->id, site->name, m.role});
  }
  std::sort(out.begin(), out.end(),
            [](const UserSite& a, const UserSite& b) { return a.id < b.id; });
  return out;
}

Result<QueuePage> ModerationQueue::Queue(const User& user, const QueueQuery& query) {
  store::CommentQuery q;
  if (!query.site_id.empty()) {
    PALABRE_RETURN_IF_ERROR(AuthService::Require(user, query.site_id, Role::kModerator));
    q.site_ids.push_back(query.site_id);
  } else {
    for (const Membership& m : user.memberships) q.site_ids.push_back(m.site_id);
    if (q.site_ids.empty()) return QueuePage{};
  }
  if (query.status == "reported") {
    q.reported_only = true;
  } else if (query.status == "auto_rejected") {
    q.status = CommentStatus::kRejected;
    q.auto_rejected = true;
  } else if (query.status == "review") {
    q.review_only = true;
    q.by_risk = true;
  } else {
    const auto status = ParseCommentStatus(query.status.empty() ? "held" : query.status);
    if (!status || *status == CommentStatus::kDeleted) {
      return Status(Error::kInvalidArgument,
                    "status: held, review, published, rejected, auto_rejected or reported");
    }
    q.status = *status;
    if (*status == CommentStatus::kRejected) q.auto_rejected = false;
  }
  q.thread_id = query.thread_id;
  q.reason_code = query.reason_code;
  q.text_contains = query.text;
  q.author = query.author;
  q.newest_first = query.newest_first;
  q.limit = std::clamp(query.limit, 1, 100);
  if (!query.cursor.empty()) {
    auto cursor = DecodeCursor(query.cursor);
    if (!cursor.ok()) return cursor.status();
    q.after = *cursor;
  }
  auto page = store_.QueryComments(q);
  if (!page.ok()) return page.status();
  QueuePage out;
  std::unordered_map<ThreadId, Thread> threads;
  std::unordered_map<std::string, Site> sites;
  for (const Comment& c : page->comments) {
    auto t = threads.find(c.thread_id);
    if (t == threads.end()) {
      auto thread = store_.GetThreadById(c.thread_id);
      if (!thread.ok()) return thread.status();
      t = threads.emplace(c.thread_id, std::move(thread).value()).first;
    }
    auto s = sites.find(t->second.site_id);
    if (s == sites.end()) {
      auto site = store_.GetSite(t->second.site_id);
      if (!site.ok()) return site.status();
      s = sites.emplace(site->id, std::move(site).value()).first;
    }
    auto item = MakeItem(c, t->second, s->second, query.lang);
    if (!item.ok()) return item.status();
    item->open_reports = std::max(item->open_reports, c.open_reports);
    out.items.push_back(std::move(item).value());
  }
  if (page->next) out.next_cursor = EncodeCursor(*page->next);
  auto bursts = store_.CountReportBursts(q.site_ids);
  if (!bursts.ok()) return bursts.status();
  out.report_bursts = *bursts;
  return out;
}

Result<QueueItem> ModerationQueue::Item(const User& user, CommentId id, text::Lang lang) {
  auto target = Load(user, id);
  if (!target.ok()) return target.status();
  return MakeItem(target->comment, target->thread, target->site, lang);
}

}  // namespace palabre::service
