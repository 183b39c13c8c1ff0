#include "service/site_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>

#include "core/crypto.h"
#include "core/text/ascii.h"
#include "core/text/relative_time.h"
#include "core/text/utf8.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxNameCodePoints = 200;
constexpr std::size_t kMaxOrigins = 50;

Result<std::string> CheckName(std::string_view raw) {
  auto name = text::NormalizeUserText(raw, /*single_line=*/true);
  if (!name.ok()) return Status(Error::kInvalidArgument, "name: " + name.status().message());
  if (name->empty()) return Status(Error::kInvalidArgument, "name: must not be empty");
  if (text::CodePointCount(*name) > kMaxNameCodePoints) {
    return Status(Error::kInvalidArgument, "name: at most 200 characters");
  }
  return name;
}

// Normalized, duplicates merged (first one kept), at most kMaxOrigins.
Status AddOrigins(const std::vector<std::string>& raw, std::vector<std::string>& out) {
  for (const std::string& r : raw) {
    auto origin = NormalizeOrigin(r);
    if (!origin.ok())
      return Status(Error::kInvalidArgument, "origins: " + origin.status().message());
    if (std::find(out.begin(), out.end(), *origin) == out.end()) out.push_back(*origin);
  }
  if (out.size() > kMaxOrigins) return Status(Error::kInvalidArgument, "origins: at most 50");
  return Status::Ok();
}

Status CheckTimeZone(std::string_view tz) {
  if (!text::IsKnownTimeZone(std::string(tz))) {
    return Status(Error::kInvalidArgument,
                  "time_zone: unknown time zone (IANA name, e.g. Africa/Dakar)");
  }
  return Status::Ok();
}

}  // namespace

bool IsValidSiteId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Result<std::string> NormalizeOrigin(std::string_view origin) {
  std::string o = text::AsciiLower(origin);
  if (!o.empty() && o.back() == '/') o.pop_back();
  std::string_view rest;
  std::string_view default_port;
  std::size_t scheme_size = 0;
  if (o.starts_with("https://")) {
    scheme_size = 8;
    default_port = "443";
  } else if (o.starts_with("http://")) {
    scheme_size = 7;
    default_port = "80";
  } else {
    return Status(Error::kInvalidArgument, "origin must start with http:// or https://");
  }
  rest = std::string_view(o).substr(scheme_size);
  const Status bad(Error::kInvalidArgument, "origin is scheme://host[:port], no path");
  const bool chars_ok =
      !rest.empty() && rest.size() <= 253 && std::all_of(rest.begin(), rest.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
               c == '[' || c == ']';
      });
  if (!chars_ok) return bad;
  // host: a name, or an IPv6 address in brackets; then an optional :port, 1..65535.
  std::size_t host_end = 0;
  if (rest.front() == '[') {
    host_end = rest.find(']');
    if (host_end == std::string_view::npos || host_end == 1) return bad;
    ++host_end;
  } else {
    host_end = std::min(rest.find(':'), rest.size());
    if (host_end == 0 || rest.substr(0, host_end).find_first_of("[]") != std::string_view::npos) {
      return bad;
    }
  }
  if (host_end < rest.size()) {
    if (rest[host_end] != ':') return bad;
    const std::string_view port = rest.substr(host_end + 1);
    unsigned value = 0;
    const auto r = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || r.ec != std::errc() || r.ptr != port.data() + port.size() || value == 0 ||
        value > 65535) {
      return bad;
    }
    if (port == default_port) o.resize(scheme_size + host_end);  // what browsers send
  }
  return o;
}

Result<Site> SiteService::Add(const SiteInput& in) {
  if (!IsValidSiteId(in.id)) {
    return Status(Error::kSiteIdInvalid, "site id: 1 to 64 of a-z, 0-9 and -");
  }
  Site site;
  site.id = in.id;
  auto name = CheckName(in.name.empty() ? in.id : in.name);
  if (!name.ok()) return name.status();
  site.name = std::move(name).value();
  PALABRE_RETURN_IF_ERROR(AddOrigins(in.origins, site.origins));
  if (in.locale != "fr" && in.locale != "en") {
    return Status(Error::kInvalidArgument, "locale: fr or en");
  }
  site.locale = in.locale;
  PALABRE_RETURN_IF_ERROR(CheckTimeZone(in.time_zone));
  site.time_zone = in.time_zone;
  site.auto_create_threads = in.auto_create_threads;
  site.salt = RandomToken(16);
  site.created_at = clock_.NowMs();
  PALABRE_RETURN_IF_ERROR(store_.CreateSite(site));
  return site;
}

Result<Site> SiteService::Update(std::string_view id, const SiteChange& change,
                                 const SiteActor& actor) {
  auto found = store_.GetSite(id);
  if (!found.ok()) return found.status();
  const Site before = *found;
  Site site = std::move(found).value();
  if (change.name) {
    auto name = CheckName(*change.name);
    if (!name.ok()) return name.status();
    site.name = std::move(name).value();
  }
  std::vector<std::string> origins;
  if (change.origins) {
    PALABRE_RETURN_IF_ERROR(AddOrigins(*change.origins, origins));
  } else {
    origins = site.origins;
  }
  for (const std::string& raw : change.remove_origins) {
    auto origin = NormalizeOrigin(raw);
    if (!origin.ok())
      return Status(Error::kInvalidArgument, "origins: " + origin.status().message());
    const auto at = std::find(origins.begin(), origins.end(), *origin);
    if (at == origins.end()) {
      return Status(Error::kInvalidArgument, "origins: " + *origin + " is not one of the site's");
    }
    origins.erase(at);
  }
  PALABRE_RETURN_IF_ERROR(AddOrigins(change.add_origins, origins));
  site.origins = std::move(origins);
  if (change.time_zone) {
    PALABRE_RETURN_IF_ERROR(CheckTimeZone(*change.time_zone));
    site.time_zone = *change.time_zone;
  }

  boost::json::object detail;
  if (site.name != before.name) detail["name"] = site.name;
  if (site.origins != before.origins) {
    boost::json::array list;
    for (const std::string& o : site.origins) list.emplace_back(o);
    detail["origins"] = std::move(list);
  }
  if (site.time_zone != before.time_zone) detail["time_zone"] = site.time_zone;
  if (detail.empty()) return site;
  PALABRE_RETURN_IF_ERROR(store_.UpdateSite(site));
  AuditEntry entry;
  entry.site_id = site.id;
  entry.user_id = actor.user_id;
  entry.user_email = actor.email;
  entry.action = "site";
  entry.detail = boost::json::serialize(detail);
  entry.at = clock_.NowMs();
  auto audited = store_.AppendAudit(entry);
  if (!audited.ok()) return audited.status();
  return site;
}

}  // namespace palabre::service
