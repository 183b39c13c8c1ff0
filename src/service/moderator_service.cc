#include "service/moderator_service.h"

#include <unicode/timezone.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "core/crypto.h"
#include "core/text/ascii.h"
#include "core/text/utf8.h"
#include "moderation/checks/lexicon_check.h"
#include "moderation/normalize.h"
#include "service/auth_service.h"

namespace palabre::service {
namespace {

constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxBulk = 500;
constexpr std::size_t kMaxText = 500;  // ban reasons and notes, code points

Result<std::string> CleanNote(std::string_view in, std::string_view what) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/false);
  if (!cleaned.ok()) return cleaned.status();
  if (text::CodePointCount(*cleaned) > kMaxText) {
    return Status(Error::kInvalidArgument, std::string(what) + ": 500 characters at most");
  }
  return cleaned;
}

// Offset of the zone from UTC at `t`, in ms (UTC for an unknown zone).
std::int64_t ZoneOffsetMs(std::string_view zone_name, TimestampMs t) {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone_name.data(), static_cast<std::int32_t>(zone_name.size())))));
  if (!zone) return 0;
  std::int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(t), false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return std::int64_t{raw} + dst;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// "YYYY-MM-DD" of a day number since 1970-01-01 (H. Hinnant's civil_from_days).
std::string DateOfDay(std::int64_t z) {
  z += 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

std::int64_t Percentile(std::vector<std::int64_t>& v, int pct) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank.
  std::size_t rank = (static_cast<std::size_t>(pct) * v.size() + 99) / 100;
  if (rank == 0) rank = 1;
  return v[rank - 1];
}

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

// The status a decision audited as `action` leaves, and whether it may be undone.
std::optional<CommentStatus> StatusAfter(std::string_view action) {
  if (action == "approve" || action == "false_positive") return CommentStatus::kPublished;
  if (action == "reject") return CommentStatus::kRejected;
  if (action == "unpublish") return CommentStatus::kHeld;
  return std::nullopt;
}

std::vector<moderation::Reason> ReasonsOf(const Comment& c) {
  auto d = moderation::ParseDecisionJson(c.moderation);
  if (!d.ok()) return {};
  return std::move(d->reasons);
}

}  // namespace

std::optional<CommentId> ClusterOf(const std::vector<moderation::Reason>& reasons) {
  for (const moderation::Reason& r : reasons) {
    if ((r.code == "duplicate" || r.code == "copy_paste") && r.comment_id > 0) {
      return r.comment_id;
    }
  }
  return std::nullopt;
}

struct ModeratorService::Target {
  Comment comment;
  Thread thread;
  Site site;
};

ModeratorService::ModeratorService(store::Store& store, CommentService& comments,
                                   const Clock& clock)
    : store_(store), comments_(comments), clock_(clock) {}

Result<ModeratorService::Target> ModeratorService::Load(const User& user, CommentId id) {
  auto comment = store_.GetComment(id);
  if (!comment.ok()) return comment.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, thread->site_id, Role::kModerator));
  auto site = store_.GetSite(thread->site_id);
  if (!site.ok()) return site.status();
  return Target{std::move(comment).value(), std::move(thread).value(), std::move(site).value()};
}

Result<QueueItem> ModeratorService::MakeItem(const Comment& comment, const Thread& thread,
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

Result<std::vector<UserSite>> ModeratorService::Sites(const User& user) {
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

Result<QueuePage> ModeratorService::Queue(const User& user, const QueueQuery& query) {
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

Result<QueueItem> ModeratorService::Item(const User& user, CommentId id, text::Lang lang) {
  auto target = Load(user, id);
  if (!target.ok()) return target.status();
  return MakeItem(target->comment, target->thread, target->site, lang);
}

Status ModeratorService::Moderate(const User& user, const Target& target, CommentStatus status,
                                  std::string_view action, std::string_view reason,
                                  std::string_view detail) {
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
  comments_.OnModerated(changed);
  return appended.ok() ? Status::Ok() : appended.status();
}

Result<QueueItem> ModeratorService::Approve(const User& user, CommentId id, text::Lang lang) {
  auto target = Load(user, id);
  if (!target.ok()) return target.status();
  if (target->comment.status == CommentStatus::kDeleted) {
    return Status(Error::kCommentNotPublished, "deleted by its author");
  }
  PALABRE_RETURN_IF_ERROR(
      Moderate(user, *target, CommentStatus::kPublished, "approve", "",
               "{\"from\":\"" + std::string(ToString(target->comment.status)) + "\"}"));
  return Item(user, id, lang);
}

Result<QueueItem> ModeratorService::Reject(const User& user, CommentId id, RejectReason reason,
                                           std::string_view note, text::Lang lang) {
  auto cleaned = CleanNote(note, "note");
  if (!cleaned.ok()) return cleaned.status();
  auto target = Load(user, id);
  if (!target.ok()) return target.status();
  if (target->comment.status == CommentStatus::kDeleted) {
    return Status(Error::kCommentNotPublished, "deleted by its author");
  }
  boost::json::object detail;
  detail["from"] = ToString(target->comment.status);
  if (!cleaned->empty()) detail["note"] = *cleaned;
  PALABRE_RETURN_IF_ERROR(Moderate(user, *target, CommentStatus::kRejected, "reject",
                                   ToString(reason), boost::json::serialize(detail)));
  return Item(user, id, lang);
}

Result<QueueItem> ModeratorService::Unpublish(const User& user, CommentId id,
                                              std::string_view reason, text::Lang lang) {
  auto cleaned = CleanNote(reason, "reason");
  if (!cleaned.ok()) return cleaned.status();
  auto target = Load(user, id);
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
  return Item(user, id, lang);
}

Result<QueueItem> ModeratorService::FalsePositive(const User& user, CommentId id, text::Lang lang) {
  auto target = Load(user, id);
  if (!target.ok()) return target.status();
  if (!target->comment.auto_rejected || target->comment.status != CommentStatus::kRejected) {
    return Status(Error::kNotAutoRejected, "not a comment the pipeline rejected");
  }
  PALABRE_RETURN_IF_ERROR(Moderate(user, *target, CommentStatus::kPublished, "false_positive", "",
                                   "{\"from\":\"rejected\"}"));
  return Item(user, id, lang);
}

Result<QueueItem> ModeratorService::Undo(const User& user, CommentId id, text::Lang lang) {
  auto target = Load(user, id);
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
  comments_.OnModerated(changed);
  if (!appended.ok()) return appended.status();
  return Item(user, id, lang);
}

Result<BulkResult> ModeratorService::Bulk(const User& user, const BulkInput& in) {
  if (in.ids.empty() == !in.cluster.has_value()) {
    return Status(Error::kInvalidArgument, "ids or cluster, one of them");
  }
  if (in.ids.size() > kMaxBulk) return Status(Error::kInvalidArgument, "ids: 500 at most");
  std::vector<CommentId> ids = in.ids;
  if (in.cluster) {
    auto head = Load(user, *in.cluster);
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

Result<Ban> ModeratorService::AddBan(const User& user, const BanInput& in) {
  if (in.days < 0 || in.days > 3650) return Status(Error::kInvalidArgument, "days: 0..3650");
  auto reason = CleanNote(in.reason, "reason");
  if (!reason.ok()) return reason.status();
  auto target = Load(user, in.comment_id);
  if (!target.ok()) return target.status();
  const Comment& c = target->comment;
  const TimestampMs now = clock_.NowMs();
  Ban ban;
  ban.site_id = target->site.id;
  boost::json::array by;
  if (in.by_name) {
    ban.author_folded = moderation::FoldName(c.author);
    if (!ban.author_folded.empty()) by.emplace_back("name");
  }
  if (in.by_address && !c.client_hash.empty()) {
    ban.client_hash = c.client_hash;
    by.emplace_back("address");
  }
  if (in.by_email) {
    if (c.email.empty()) return Status(Error::kInvalidArgument, "by: the comment has no e-mail");
    ban.email_hash = HashHex(text::AsciiLower(c.email), target->site.salt);
    by.emplace_back("email");
  }
  if (by.empty()) return Status(Error::kInvalidArgument, "by: nothing to ban by");
  ban.reason = std::move(reason).value();
  ban.created_by = user.id;
  ban.created_at = now;
  ban.expires_at = in.days == 0 ? 0 : now + in.days * kDayMs;
  auto added = store_.AddBan(ban);
  if (!added.ok()) return added.status();

  boost::json::object detail;
  detail["ban_id"] = added->id;
  detail["days"] = in.days;
  detail["by"] = by;
  AuditEntry entry;
  entry.site_id = ban.site_id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "ban";
  entry.comment_id = c.id;
  entry.reason = ban.reason;
  entry.detail = boost::json::serialize(detail);
  entry.response_ms = std::max<std::int64_t>(0, now - c.created_at);
  entry.at = now;
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();

  // The author's held comments on the site are rejected with them.
  store::CommentQuery q;
  q.site_ids = {ban.site_id};
  q.status = CommentStatus::kHeld;
  q.newest_first = false;
  q.limit = 500;
  std::vector<Comment> matched;
  for (int pages = 0; pages < 100; ++pages) {
    auto page = store_.QueryComments(q);
    if (!page.ok()) return page.status();
    for (const Comment& h : page->comments) {
      const bool match =
          (!ban.author_folded.empty() && moderation::FoldName(h.author) == ban.author_folded) ||
          (!ban.client_hash.empty() && h.client_hash == ban.client_hash) ||
          (!ban.email_hash.empty() && !h.email.empty() &&
           HashHex(text::AsciiLower(h.email), target->site.salt) == ban.email_hash);
      if (match) matched.push_back(h);
    }
    if (!page->next) break;
    q.after = page->next;
  }
  const std::string reject_detail = "{\"ban_id\":" + std::to_string(added->id) + "}";
  for (Comment& h : matched) {
    auto thread = store_.GetThreadById(h.thread_id);
    if (!thread.ok()) return thread.status();
    Target t{std::move(h), std::move(thread).value(), target->site};
    PALABRE_RETURN_IF_ERROR(Moderate(user, t, CommentStatus::kRejected, "reject",
                                     ToString(RejectReason::kOther), reject_detail));
  }
  return added;
}

Status ModeratorService::RemoveBan(const User& user, BanId id) {
  auto ban = store_.GetBan(id);
  if (!ban.ok()) return ban.status();
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, ban->site_id, Role::kModerator));
  PALABRE_RETURN_IF_ERROR(store_.RemoveBan(id));
  AuditEntry entry;
  entry.site_id = ban->site_id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "unban";
  entry.reason = ban->reason;
  entry.detail = "{\"ban_id\":" + std::to_string(id) + "}";
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  return audited.ok() ? Status::Ok() : audited.status();
}

Result<std::vector<Ban>> ModeratorService::ListBans(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  auto bans = store_.ListBans(site_id, clock_.NowMs());
  if (!bans.ok()) return bans.status();
  return bans;
}

Result<SiteSettings> ModeratorService::GetSettings(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  auto settings = ParseSiteSettings(site->settings);
  if (!settings.ok()) return SiteSettings{};  // what the service applies too
  return settings;
}

Result<SiteSettings> ModeratorService::PutSettings(const User& user, std::string_view site_id,
                                                   std::string_view json) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto settings = ParseSiteSettings(json);
  if (!settings.ok()) return settings.status();
  {  // Refuse what the pipeline could not build (a malformed lexicon term) before saving.
    moderation::ModerationConfig probe;
    PALABRE_RETURN_IF_ERROR(ApplyTo(*settings, probe));
    auto lexicon = moderation::LexiconCheck::Create(probe.lexicon);
    if (!lexicon.ok()) {
      return Status(Error::kInvalidArgument,
                    "banned_words/suspect_words: " + lexicon.status().message());
    }
  }
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  site->settings = ToJson(*settings);
  PALABRE_RETURN_IF_ERROR(store_.UpdateSite(*site));
  AuditEntry entry;
  entry.site_id = site->id;
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "settings";
  entry.detail = site->settings;
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();
  PALABRE_RETURN_IF_ERROR(comments_.SiteChanged(site->id));
  return settings;
}

Result<Site> ModeratorService::GetSite(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  return store_.GetSite(site_id);
}

Result<Site> ModeratorService::UpdateSite(const User& user, std::string_view site_id,
                                          const SiteChange& change) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  SiteService sites(store_, clock_);
  auto site = sites.Update(site_id, change, SiteActor{user.id, user.email});
  if (!site.ok()) return site.status();
  PALABRE_RETURN_IF_ERROR(comments_.SiteChanged(site->id));
  return site;
}

Result<std::vector<AuditEntry>> ModeratorService::Audit(const User& user, std::string_view site_id,
                                                        std::int64_t before_id, int limit) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  if (limit <= 0) limit = 50;
  return store_.ListAudit(site_id, before_id, std::min(limit, 200));
}

Result<SiteReport> ModeratorService::Report(const User& user, std::string_view site_id, int days) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  if (days < 1 || days > 90) return Status(Error::kInvalidArgument, "days: 1..90");
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  const TimestampMs now = clock_.NowMs();
  const std::int64_t offset = ZoneOffsetMs(site->time_zone, now);
  const std::int64_t today = FloorDiv(now + offset, kDayMs);
  const std::int64_t first = today - days + 1;
  const TimestampMs since = first * kDayMs - offset;

  SiteReport report;
  for (std::int64_t d = first; d <= today; ++d)
    report.days.push_back(SiteReport::Day{DateOfDay(d)});
  auto facts = store_.ListCommentFacts(site->id, since, now + 1);
  if (!facts.ok()) return facts.status();
  std::map<std::string, SiteReport::ReasonCount> reasons;
  for (const store::CommentFact& f : *facts) {
    const std::int64_t day =
        FloorDiv(f.created_at + ZoneOffsetMs(site->time_zone, f.created_at), kDayMs);
    if (day < first || day > today) continue;
    SiteReport::Day& slot = report.days[static_cast<std::size_t>(day - first)];
    const bool held = f.status == CommentStatus::kHeld;
    const bool rejected = f.status == CommentStatus::kRejected;
    if (f.status == CommentStatus::kPublished) ++slot.published;
    if (held) ++slot.held;
    if (rejected) ++slot.rejected;
    if (!held && !rejected) continue;
    auto decision = moderation::ParseDecisionJson(f.moderation);
    if (!decision.ok()) continue;
    std::vector<std::string> codes;
    for (const moderation::Reason& r : decision->reasons) {
      if (std::find(codes.begin(), codes.end(), r.code) != codes.end()) continue;
      codes.push_back(r.code);
      SiteReport::ReasonCount& rc = reasons[r.code];
      rc.code = r.code;
      if (held) ++rc.held;
      if (rejected) ++rc.rejected;
    }
  }
  for (auto& [code, rc] : reasons) report.reasons.push_back(rc);
  std::stable_sort(report.reasons.begin(), report.reasons.end(),
                   [](const SiteReport::ReasonCount& a, const SiteReport::ReasonCount& b) {
                     return a.held + a.rejected > b.held + b.rejected;
                   });

  std::vector<std::int64_t> response;
  std::int64_t before = 0;
  for (int pages = 0; pages < 1000; ++pages) {
    auto entries = store_.ListAudit(site->id, before, 500);
    if (!entries.ok()) return entries.status();
    bool older = false;
    for (const AuditEntry& e : *entries) {
      if (e.at < since) {
        older = true;
        break;
      }
      if (e.comment_id && (e.action == "approve" || e.action == "reject" ||
                           e.action == "unpublish" || e.action == "false_positive")) {
        response.push_back(e.response_ms);
      }
    }
    if (older || entries->size() < 500) break;
    before = entries->back().id;
  }
  report.response_count = static_cast<std::int64_t>(response.size());
  report.response_median_ms = Percentile(response, 50);
  report.response_p90_ms = Percentile(response, 90);
  return report;
}

Result<std::vector<ApiKey>> ModeratorService::ApiKeys(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto keys = store_.ListApiKeys(site_id);
  if (!keys.ok()) return keys.status();
  for (ApiKey& k : *keys) k.key_hash.clear();
  return keys;
}

namespace {

// {"id":N,"name":"…"}: the audit's detail of a key.
std::string KeyDetail(const ApiKey& key) {
  boost::json::object o;
  o["id"] = key.id;
  o["name"] = key.name;
  o["hint"] = key.hint;
  return boost::json::serialize(o);
}

}  // namespace

Result<NewApiKey> ModeratorService::AddApiKey(const User& user, std::string_view site_id,
                                              std::string_view name, int per_minute) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto made = CreateApiKey(store_, clock_, site_id, name, per_minute);
  if (!made.ok()) return made.status();
  AuditEntry entry;
  entry.site_id = std::string(site_id);
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "api_key_add";
  entry.detail = KeyDetail(made->key);
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();
  made->key.key_hash.clear();
  return made;
}

Status ModeratorService::RemoveApiKey(const User& user, std::string_view site_id, std::int64_t id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  auto keys = store_.ListApiKeys(site_id);
  if (!keys.ok()) return keys.status();
  const auto key =
      std::find_if(keys->begin(), keys->end(), [id](const ApiKey& k) { return k.id == id; });
  if (key == keys->end()) return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
  PALABRE_RETURN_IF_ERROR(store_.RemoveApiKey(site_id, id));
  AuditEntry entry;
  entry.site_id = std::string(site_id);
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = "api_key_remove";
  entry.detail = KeyDetail(*key);
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  return audited.ok() ? Status::Ok() : audited.status();
}

}  // namespace palabre::service
