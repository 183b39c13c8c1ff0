#include "http/handlers/common.h"

#include <charconv>

#include "service/reader_actions.h"

namespace palabre::http::handlers {

void SetJson(Response& res, int status, std::string body) {
  res.status = status;
  res.content_type = kJsonType;
  res.body = std::move(body);
  res.AddHeader("Cache-Control", "no-store");
}

Result<JsonObject> ParseJsonBody(const Request& req, const JsonLimits& limits) {
  std::string_view type = req.Header("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  static constexpr std::string_view kJson = "application/json";
  bool json = type.size() == kJson.size();
  for (std::size_t i = 0; json && i < kJson.size(); ++i) {
    const char c = type[i] >= 'A' && type[i] <= 'Z' ? static_cast<char>(type[i] + 32) : type[i];
    json = c == kJson[i];
  }
  if (!json) return Status(Error::kUnsupportedMediaType, "Content-Type is not application/json");
  return JsonObject::Parse(req.body, limits);
}

Result<std::string> ReaderToken(const JsonObject& body, std::string_view legacy) {
  auto token = body.String("token");
  if (!token.ok()) return token.status();
  if (token->has_value()) return std::move(**token);
  // The former field held any id a client chose: one that cannot be a token is ignored (the
  // reader is then their address alone), so that older widgets keep working.
  auto old = body.String(legacy);
  if (old.ok() && old->has_value() && service::IsValidReaderToken(**old)) {
    return std::move(**old);
  }
  return std::string();
}

std::optional<CommentId> ParseId(std::string_view s) {
  CommentId id = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

}  // namespace palabre::http::handlers
