#include "http/handlers/admin_bans_handler.h"

#include <limits>

#include "http/admin_json.h"
#include "http/errors.h"
#include "http/handlers/admin_common.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {

void AdminBansHandler::List(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto site = req.query.Get("site");
  if (!site || site->empty()) return SetFieldError(res, Error::kInvalidArgument, lang, "site");
  auto bans = moderator_.ListBans(who.user, *site);
  if (!bans.ok()) return SetError(res, bans.status(), lang);
  std::string json = "{\"bans\":[";
  for (std::size_t i = 0; i < bans->size(); ++i) {
    if (i > 0) json += ',';
    AppendBan(json, (*bans)[i]);
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

void AdminBansHandler::Add(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto comment_id = body->Int("comment_id");
  auto days = body->Int("days");
  auto reason = body->String("reason");
  auto by = body->StringArray("by", 3);
  if (!comment_id.ok()) return SetFieldError(res, comment_id.status(), lang, "comment_id");
  if (!days.ok()) return SetFieldError(res, days.status(), lang, "days");
  if (!reason.ok()) return SetFieldError(res, reason.status(), lang, "reason");
  if (!by.ok()) return SetFieldError(res, by.status(), lang, "by");
  if (!comment_id->has_value() || **comment_id <= 0) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "comment_id");
  }
  const std::int64_t d = days->value_or(0);
  if (d < 0 || d > std::numeric_limits<int>::max()) {
    return SetFieldError(res, Error::kInvalidArgument, lang, "days");
  }
  service::BanInput in;
  in.comment_id = **comment_id;
  in.days = static_cast<int>(d);
  in.reason = reason->value_or("");
  if (by->has_value()) {
    in.by_name = in.by_address = in.by_email = false;
    for (const std::string& field : **by) {
      if (field == "name") {
        in.by_name = true;
      } else if (field == "address") {
        in.by_address = true;
      } else if (field == "email") {
        in.by_email = true;
      } else {
        return SetFieldError(res, Error::kInvalidArgument, lang, "by");
      }
    }
  }
  auto ban = moderator_.AddBan(who.user, in);
  if (!ban.ok()) return SetError(res, ban.status(), lang);
  std::string json = "{\"ban\":";
  AppendBan(json, *ban);
  json += '}';
  SetJson(res, 201, std::move(json));
}

void AdminBansHandler::Remove(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));  // positive decimal, as comment ids
  if (!id) return SetError(res, Error::kUnknownBan, lang);
  const Status removed = moderator_.RemoveBan(who.user, *id);
  if (!removed.ok()) return SetError(res, removed, lang);
  SetNoContent(res);
}

}  // namespace palabre::http::handlers
