#include "service/site_settings.h"

namespace palabre::service {

std::string_view ToString(Premoderation p) {
  switch (p) {
    case Premoderation::kNone:
      return "none";
    case Premoderation::kNew:
      return "new";
    case Premoderation::kAll:
      return "all";
  }
  return "none";
}

std::string_view ToString(LinkPolicy p) {
  switch (p) {
    case LinkPolicy::kAllow:
      return "allow";
    case LinkPolicy::kHold:
      return "hold";
    case LinkPolicy::kReject:
      return "reject";
  }
  return "hold";
}

Result<SiteSettings> ParseSiteSettings(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
std::string ToJson(const SiteSettings&) { return "{}"; }
Status ApplyTo(const SiteSettings&, moderation::ModerationConfig&) {
  return Status(Error::kInternal, "not implemented");
}

}  // namespace palabre::service
