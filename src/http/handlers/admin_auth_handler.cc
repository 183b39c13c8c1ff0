#include "http/handlers/admin_auth_handler.h"

#include "http/admin_json.h"
#include "http/cookies.h"
#include "http/errors.h"
#include "http/handlers/admin_common.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {
namespace {

std::string SessionJson(const User& user, std::string_view csrf_token) {
  std::string json = "{\"user\":";
  AppendUser(json, user);
  json += ",\"csrf_token\":";
  AppendJsonString(json, csrf_token);
  json += '}';
  return json;
}

}  // namespace

void AdminAuthHandler::Login(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  if (!SameOriginOrAbsent(req)) return SetError(res, Error::kCsrfFailed, lang);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto email = body->String("email");
  auto password = body->String("password");
  if (!email.ok()) return SetError(res, email.status(), lang);
  if (!password.ok()) return SetError(res, password.status(), lang);
  int retry_after_s = 0;
  auto login =
      auth_.Login(email->value_or(""), password->value_or(""), req.client_address, &retry_after_s);
  if (!login.ok()) return SetError(res, login.status(), lang, retry_after_s);
  const std::int64_t max_age_s =
      std::max<std::int64_t>(1, (login->expires_at - clock_.NowMs()) / 1000);
  const std::string cookie = SetCookieValue(
      {std::string(kSessionCookie), login->token, max_age_s, WantsSecureCookie(req)});
  if (cookie.empty()) {
    return SetError(res, Status(Error::kInternal, "session token is not a cookie value"), lang);
  }
  res.AddHeader("Set-Cookie", cookie);
  SetJson(res, 200, SessionJson(login->user, login->csrf_token));
}

void AdminAuthHandler::Logout(Request& req, Response& res, const service::Authenticated&) {
  const text::Lang lang = PreferredLang(req);
  const Status out = auth_.Logout(FindCookie(req, kSessionCookie).value_or(""));
  if (!out.ok()) return SetError(res, out, lang);
  res.AddHeader("Set-Cookie",
                SetCookieValue({std::string(kSessionCookie), "", 0, WantsSecureCookie(req)}));
  SetNoContent(res);
}

void AdminAuthHandler::Session(Request&, Response& res, const service::Authenticated& who) {
  SetJson(res, 200, SessionJson(who.user, who.session.csrf_token));
}

}  // namespace palabre::http::handlers
