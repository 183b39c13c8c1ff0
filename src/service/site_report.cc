#include "service/site_report.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/text/time_zone.h"
#include "service/auth_service.h"

namespace palabre::service {
namespace {

std::int64_t Percentile(std::vector<std::int64_t>& v, int pct) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank.
  std::size_t rank = (static_cast<std::size_t>(pct) * v.size() + 99) / 100;
  if (rank == 0) rank = 1;
  return v[rank - 1];
}

}  // namespace

Result<SiteReport> SiteReporter::Report(const User& user, std::string_view site_id, int days) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kModerator));
  if (days < 1 || days > 90) return Status(Error::kInvalidArgument, "days: 1..90");
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  const TimestampMs now = clock_.NowMs();
  const text::TimeZone zone(site->time_zone);  // once for the whole report
  const std::int64_t today = zone.LocalDay(now);
  const std::int64_t first = today - days + 1;
  const TimestampMs since = zone.DayStart(first);

  SiteReport report;
  for (std::int64_t d = first; d <= today; ++d)
    report.days.push_back(SiteReport::Day{text::DateOfDay(d)});
  auto facts = store_.ListCommentFacts(site->id, since, now + 1);
  if (!facts.ok()) return facts.status();
  std::map<std::string, SiteReport::ReasonCount> reasons;
  for (const store::CommentFact& f : *facts) {
    const std::int64_t day = zone.LocalDay(f.created_at);
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

}  // namespace palabre::service
