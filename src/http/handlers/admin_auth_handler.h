// The console's login, logout and session (docs/API.md, "Moderator console API"):
//   POST /api/v1/admin/login   {"email","password"} → {"user","csrf_token"} + Set-Cookie;
//                              401 login_failed, 429 account_locked with Retry-After
//   POST /api/v1/admin/logout  → 204, session deleted, cookie cleared
//   GET  /api/v1/admin/session → {"user","csrf_token"}
// Login is the one console route without a session; it still refuses a foreign Origin (403
// csrf_failed: no logging a moderator's browser into another account). Logout and Session run
// behind AdminGuard. The cookie: cookies.h (HttpOnly, SameSite=Strict, Path=/, Max-Age = the
// session's lifetime, Secure unless plain HTTP to a loopback host). Thread-safe.
#pragma once

#include "core/clock.h"
#include "http/json.h"
#include "http/message.h"
#include "service/auth_service.h"

namespace palabre::http::handlers {

class AdminAuthHandler {
 public:
  AdminAuthHandler(service::AuthService& auth, const Clock& clock, JsonLimits limits)
      : auth_(auth), clock_(clock), limits_(limits) {}

  void Login(Request& req, Response& res);
  void Logout(Request& req, Response& res, const service::Authenticated& who);
  void Session(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::AuthService& auth_;
  const Clock& clock_;
  JsonLimits limits_;
};

}  // namespace palabre::http::handlers
