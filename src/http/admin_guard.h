// AdminGuard: what every request of the moderator console API goes through before its handler
// (docs/API.md, "Moderator console API").
//
// 1. The session: the `palabre_session` cookie (cookies.h) given to AuthService::Authenticate;
//    none, unknown or expired: 401 unauthorized.
// 2. For a write (POST, PUT, PATCH, DELETE): the X-CSRF-Token header must equal the session's
//    token (AuthService::CheckCsrf, constant time), and an Origin header, when the browser
//    sends one, must be the request's own origin (scheme and Host): 403 csrf_failed.
// The role on the site concerned is checked by ModeratorService (403 forbidden), which knows
// the site of a comment or a ban. Console routes get no CORS headers; every answer here is
// "Cache-Control: no-store". Thread-safe if AuthService is.
#pragma once

#include <optional>

#include "http/message.h"
#include "service/auth_service.h"

namespace palabre::http {

class AdminGuard {
 public:
  explicit AdminGuard(service::AuthService& auth) : auth_(auth) {}

  // The request's user and session, or nullopt with the error written into `res`.
  std::optional<service::Authenticated> Check(const Request& req, Response& res) const;

 private:
  service::AuthService& auth_;
};

}  // namespace palabre::http
