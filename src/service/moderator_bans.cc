#include "service/moderator_bans.h"

#include <algorithm>
#include <boost/json.hpp>
#include <utility>

#include "core/crypto.h"
#include "core/text/ascii.h"
#include "moderation/normalize.h"
#include "service/auth_service.h"

namespace palabre::service {
namespace {

constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;

}  // namespace

Result<Ban> ModeratorBans::AddBan(const User& user, const BanInput& in) {
  if (in.days < 0 || in.days > 3650) return Status(Error::kInvalidArgument, "days: 0..3650");
  auto reason = CleanModeratorNote(in.reason, "reason");
  if (!reason.ok()) return reason.status();
  auto target = queue_.Load(user, in.comment_id);
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
    ModeratedComment t{std::move(h), std::move(thread).value(), target->site};
    PALABRE_RETURN_IF_ERROR(decisions_.Moderate(user, t, CommentStatus::kRejected, "reject",
                                                ToString(RejectReason::kOther), reject_detail));
  }
  return added;
}

Status ModeratorBans::RemoveBan(const User& user, BanId id) {
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

Result<std::vector<Ban>> ModeratorBans::ListBans(const User& user, std::string_view site_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  auto bans = store_.ListBans(site_id, clock_.NowMs());
  if (!bans.ok()) return bans.status();
  return bans;
}

}  // namespace palabre::service
