#include "http/admin_guard.h"

#include "http/cookies.h"
#include "http/errors.h"

namespace palabre::http {

std::optional<service::Authenticated> AdminGuard::Check(const Request& req, Response& res) const {
  const text::Lang lang = PreferredLang(req);
  const std::optional<std::string_view> token = FindCookie(req, kSessionCookie);
  if (!token || token->empty()) {
    SetError(res, Error::kUnauthorized, lang);
    return std::nullopt;
  }
  auto who = auth_.Authenticate(*token);
  if (!who.ok()) {
    // kUnauthorized, or the store's kUnavailable/kInternal as they are.
    SetError(res, who.status(), lang);
    return std::nullopt;
  }
  if (IsWrite(req.method)) {
    const Status csrf = service::AuthService::CheckCsrf(who->session, req.Header("X-CSRF-Token"));
    if (!csrf.ok() || !SameOriginOrAbsent(req)) {
      SetError(res, Error::kCsrfFailed, lang);
      return std::nullopt;
    }
  }
  return std::move(who).value();
}

}  // namespace palabre::http
