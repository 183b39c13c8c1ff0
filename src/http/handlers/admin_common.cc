#include "http/handlers/admin_common.h"

#include <charconv>
#include <string>

#include "http/handlers/common.h"

namespace palabre::http::handlers {

Result<std::optional<std::int64_t>> QueryInt(const Request& req, std::string_view name) {
  const auto raw = req.query.Get(name);
  if (!raw) return std::optional<std::int64_t>();
  std::int64_t v = 0;
  const auto r = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (raw->empty() || r.ec != std::errc() || r.ptr != raw->data() + raw->size()) {
    return Status(Error::kInvalidArgument, std::string(name) + " is not an integer");
  }
  return std::optional<std::int64_t>(v);
}

Result<JsonObject> ParseOptionalJsonBody(const Request& req, const JsonLimits& limits) {
  if (req.body.empty()) return JsonObject::Parse("{}", limits);
  return ParseJsonBody(req, limits);
}

void SetNoContent(Response& res) {
  res.status = 204;
  res.content_type = {};
  res.body.clear();
  res.AddHeader("Cache-Control", "no-store");
}

}  // namespace palabre::http::handlers
