#include "service/site_service.h"

#include <algorithm>
#include <cctype>

#include "core/crypto.h"
#include "core/text/relative_time.h"
#include "core/text/utf8.h"

namespace palabre::service {

bool IsValidSiteId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Result<std::string> NormalizeOrigin(std::string_view origin) {
  std::string o(origin);
  std::transform(o.begin(), o.end(), o.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!o.empty() && o.back() == '/') o.pop_back();
  std::string_view rest;
  if (o.starts_with("https://")) {
    rest = std::string_view(o).substr(8);
  } else if (o.starts_with("http://")) {
    rest = std::string_view(o).substr(7);
  } else {
    return Status(Error::kInvalidArgument, "origin must start with http:// or https://");
  }
  const bool ok =
      !rest.empty() && rest.size() <= 253 && std::all_of(rest.begin(), rest.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
               c == '[' || c == ']';
      });
  if (!ok) return Status(Error::kInvalidArgument, "origin is scheme://host[:port], no path");
  return o;
}

Result<Site> SiteService::Add(const SiteInput& in) {
  if (!IsValidSiteId(in.id)) {
    return Status(Error::kSiteIdInvalid, "site id: 1 to 64 of a-z, 0-9 and -");
  }
  Site site;
  site.id = in.id;
  auto name = text::NormalizeUserText(in.name.empty() ? in.id : in.name, /*single_line=*/true);
  if (!name.ok()) return name.status();
  site.name = std::move(name).value();
  for (const std::string& raw : in.origins) {
    auto origin = NormalizeOrigin(raw);
    if (!origin.ok()) return origin.status();
    site.origins.push_back(std::move(origin).value());
  }
  if (in.locale != "fr" && in.locale != "en") {
    return Status(Error::kInvalidArgument, "locale: fr or en");
  }
  site.locale = in.locale;
  if (!text::IsKnownTimeZone(in.time_zone)) {
    return Status(Error::kInvalidArgument, "unknown time zone (IANA name, e.g. Africa/Dakar)");
  }
  site.time_zone = in.time_zone;
  site.auto_create_threads = in.auto_create_threads;
  site.salt = RandomToken(16);
  site.created_at = clock_.NowMs();
  PALABRE_RETURN_IF_ERROR(store_.CreateSite(site));
  return site;
}

}  // namespace palabre::service
