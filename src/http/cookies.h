// Cookies: reading the Cookie header (RFC 6265 section 5.4) and writing the Set-Cookie values of
// the moderator console's session (docs/API.md, "Moderator console API").
//
// Reading is tolerant, as browsers are, and bounded, as a server must be: pairs are split on
// ";", a pair without "=" or with an empty or non-token name is skipped, a value in double
// quotes loses them, a value with bytes RFC 6265 does not allow in a cookie (controls, space,
// '"', ',', ';', '\') is skipped. At most kMaxCookieBytes of all Cookie headers and
// kMaxCookies pairs are looked at; the rest is ignored. Nothing here fails or throws.
// Writing: HttpOnly, SameSite=Strict, Path=/, Max-Age, and Secure unless the request came to a
// loopback host over plain HTTP (a developer's machine; behind a trusted proxy the scheme is
// X-Forwarded-Proto's, Request::https).
// Pure functions; thread-safe. Returned views point into the request's headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace palabre::http {

inline constexpr std::size_t kMaxCookies = 64;
inline constexpr std::size_t kMaxCookieBytes = 8 * 1024;

// The session cookie of the moderator console.
inline constexpr std::string_view kSessionCookie = "palabre_session";

struct Cookie {
  std::string_view name;
  std::string_view value;
};

// Appends the well-formed pairs of one Cookie header value to `out`, within the limits
// (counting what `out` already holds).
void ParseCookieHeader(std::string_view header, std::vector<Cookie>& out);

// The value of the first cookie called `name` in the request's Cookie headers, if any.
std::optional<std::string_view> FindCookie(const Request& req, std::string_view name);

// True for a Host header value naming this machine: "localhost" (and "*.localhost"),
// 127.0.0.0/8 and [::1], with or without a port.
bool IsLoopbackHost(std::string_view host);

// Whether cookies set in answer to `req` get Secure: always, except over plain HTTP to a
// loopback host.
bool WantsSecureCookie(const Request& req);

// The request's own origin, "http://host:port" or "https://host" (scheme from Request::https,
// host from the Host header, lower-cased). Empty without a Host header.
std::string OwnOrigin(const Request& req);

// True when the request's Origin header is absent, or equal to OwnOrigin (ASCII
// case-insensitively). "null" and any other origin are false.
bool SameOriginOrAbsent(const Request& req);

struct SetCookie {
  std::string name;
  std::string value;
  std::int64_t max_age_s = 0;  // 0: delete the cookie now
  bool secure = true;
};

// "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Strict[; Secure]". Empty if the name is
// not a token or the value holds a byte a cookie may not (the caller then sends nothing).
std::string SetCookieValue(const SetCookie& cookie);

}  // namespace palabre::http
