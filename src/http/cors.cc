#include "http/cors.h"

#include <algorithm>
#include <charconv>

#include "http/errors.h"

namespace palabre::http {

Cors::Verdict Cors::Check(const Request& req, std::string_view origin,
                          std::string* known_site) const {
  if (origin.empty()) return Verdict::kNoOrigin;
  std::string site_id(req.Param("site"));
  if (site_id.empty()) {
    if (auto q = req.query.Get("site")) site_id = std::string(*q);
  }
  if (site_id.empty()) {
    const std::string_view id_text = req.Param("id");
    CommentId id = 0;
    const auto r = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (id_text.empty() || r.ec != std::errc() || r.ptr != id_text.data() + id_text.size() ||
        !site_of_comment_) {
      return Verdict::kUnknown;
    }
    auto found = site_of_comment_(id);
    if (!found.ok()) return Verdict::kUnknown;
    site_id = std::move(found).value();
  }
  auto site = site_(site_id);
  if (!site.ok()) return Verdict::kUnknown;
  *known_site = site->id;
  const auto& origins = site->origins;
  return std::find(origins.begin(), origins.end(), origin) != origins.end() ? Verdict::kAllowed
                                                                            : Verdict::kRefused;
}

void Cors::Refused(std::string_view site_id, std::string_view origin) const {
  if (refusals_ != nullptr) refusals_->Record(site_id, origin, clock_ ? clock_->NowMs() : 0);
}

bool Cors::Apply(const Request& req, Response& res) const {
  const std::string_view origin = req.Header("Origin");
  std::string site_id;
  const Verdict v = Check(req, origin, &site_id);
  if (v == Verdict::kAllowed) {
    res.AddHeader("Access-Control-Allow-Origin", origin);
    res.AddHeader("Access-Control-Expose-Headers", "Retry-After, ETag");
  }
  res.AddHeader("Vary", "Origin");
  if (v == Verdict::kRefused && IsWrite(req.method)) {
    Refused(site_id, origin);
    SetError(res, Error::kOriginNotAllowed, PreferredLang(req));
    return false;
  }
  return true;
}

void Cors::ApplyToRead(const Request& req, Response& res, const Site& site) {
  const std::string_view origin = req.Header("Origin");
  if (!origin.empty() &&
      std::find(site.origins.begin(), site.origins.end(), origin) != site.origins.end()) {
    res.AddHeader("Access-Control-Allow-Origin", origin);
    res.AddHeader("Access-Control-Expose-Headers", "Retry-After, ETag");
  }
  res.AddHeader("Vary", "Origin");
}

void Cors::Preflight(const Request& req, Response& res) const {
  const std::string_view origin = req.Header("Origin");
  res.AddHeader("Vary", "Origin");
  std::string site_id;
  const Verdict v = Check(req, origin, &site_id);
  if (v != Verdict::kAllowed) {
    // A preflight announces its method: a refused write is worth telling the operator about.
    const std::string_view method = req.Header("Access-Control-Request-Method");
    if (v == Verdict::kRefused && method != "GET" && method != "HEAD") Refused(site_id, origin);
    SetError(res, Error::kOriginNotAllowed, PreferredLang(req));
    return;
  }
  res.status = 204;
  res.content_type = {};
  res.AddHeader("Access-Control-Allow-Origin", origin);
  res.AddHeader("Access-Control-Allow-Methods", req.allow);
  res.AddHeader("Access-Control-Allow-Headers", "Content-Type, X-Edit-Token");
  res.AddHeader("Access-Control-Max-Age", 86400);
}

}  // namespace palabre::http
