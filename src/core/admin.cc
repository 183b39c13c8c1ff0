#include "core/admin.h"

#include <algorithm>

namespace palabre {

std::string_view ToString(Role r) {
  switch (r) {
    case Role::kModerator:
      return "moderator";
    case Role::kAdmin:
      return "admin";
  }
  return "moderator";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "moderator") return Role::kModerator;
  if (s == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::optional<Role> User::RoleOn(std::string_view site_id) const {
  auto it = std::find_if(memberships.begin(), memberships.end(),
                         [site_id](const Membership& m) { return m.site_id == site_id; });
  if (it == memberships.end()) return std::nullopt;
  return it->role;
}

std::string_view ToString(RejectReason r) {
  switch (r) {
    case RejectReason::kSpam:
      return "spam";
    case RejectReason::kThreat:
      return "threat";
    case RejectReason::kHate:
      return "hate";
    case RejectReason::kHarassment:
      return "harassment";
    case RejectReason::kOffTopic:
      return "off_topic";
    case RejectReason::kIllegal:
      return "illegal";
    case RejectReason::kOther:
      return "other";
  }
  return "other";
}

std::optional<RejectReason> ParseRejectReason(std::string_view s) {
  for (RejectReason r :
       {RejectReason::kSpam, RejectReason::kThreat, RejectReason::kHate, RejectReason::kHarassment,
        RejectReason::kOffTopic, RejectReason::kIllegal, RejectReason::kOther}) {
    if (ToString(r) == s) return r;
  }
  return std::nullopt;
}

std::string_view ToString(ReportReason r) {
  switch (r) {
    case ReportReason::kSpam:
      return "spam";
    case ReportReason::kAbuse:
      return "abuse";
    case ReportReason::kHate:
      return "hate";
    case ReportReason::kThreat:
      return "threat";
    case ReportReason::kOffTopic:
      return "off_topic";
    case ReportReason::kOther:
      return "other";
  }
  return "other";
}

std::optional<ReportReason> ParseReportReason(std::string_view s) {
  for (ReportReason r : {ReportReason::kSpam, ReportReason::kAbuse, ReportReason::kHate,
                         ReportReason::kThreat, ReportReason::kOffTopic, ReportReason::kOther}) {
    if (ToString(r) == s) return r;
  }
  return std::nullopt;
}

std::string_view ToString(ReportOutcome o) {
  switch (o) {
    case ReportOutcome::kNone:
      return "";
    case ReportOutcome::kUpheld:
      return "upheld";
    case ReportOutcome::kDismissed:
      return "dismissed";
  }
  return "";
}

std::optional<ReportOutcome> ParseReportOutcome(std::string_view s) {
  for (ReportOutcome o :
       {ReportOutcome::kNone, ReportOutcome::kUpheld, ReportOutcome::kDismissed}) {
    if (ToString(o) == s) return o;
  }
  return std::nullopt;
}

}  // namespace palabre
