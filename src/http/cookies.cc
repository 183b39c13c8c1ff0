#include "http/cookies.h"

#include <charconv>

#include "core/text/ascii.h"

namespace palabre::http {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// RFC 6265 cookie-octet: visible ASCII but '"', ',', ';' and '\'.
bool IsCookieOctet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

bool IsCookieValue(std::string_view v) {
  for (const char c : v) {
    if (!IsCookieOctet(c)) return false;
  }
  return true;
}

// What is left of the limits while reading a request's Cookie headers.
struct Budget {
  std::size_t bytes = kMaxCookieBytes;
  std::size_t pairs = kMaxCookies;
};

// Calls fn(cookie) for each well-formed pair of `header` within `budget`; stops early when fn
// returns true (found). Returns true if it stopped early.
template <typename Fn>
bool ForEachPair(std::string_view header, Budget& budget, Fn&& fn) {
  std::size_t start = 0;
  while (start < header.size() && budget.pairs > 0) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    const std::size_t used = end - start + 1;
    if (used > budget.bytes) {  // a pair cut by the limit is not read at all
      budget.bytes = 0;
      return false;
    }
    budget.bytes -= used;
    --budget.pairs;
    const std::string_view pair = header.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = text::TrimAscii(pair.substr(0, eq));
    std::string_view value = text::TrimAscii(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!IsToken(name) || !IsCookieValue(value)) continue;
    if (fn(Cookie{name, value})) return true;
  }
  return false;
}

// "host[:port]" lower-cased, without the scheme's default port.
std::string NormalizeHost(std::string_view host, bool https) {
  const std::string_view default_port = https ? ":443" : ":80";
  if (host.size() > default_port.size() && host.ends_with(default_port) &&
      host[host.size() - default_port.size() - 1] != ':') {
    host.remove_suffix(default_port.size());
  }
  return text::AsciiLower(host);
}

}  // namespace

void ParseCookieHeader(std::string_view header, std::vector<Cookie>& out) {
  Budget budget;
  budget.pairs = out.size() >= kMaxCookies ? 0 : kMaxCookies - out.size();
  ForEachPair(header, budget, [&out](const Cookie& c) {
    out.push_back(c);
    return false;
  });
}

std::optional<std::string_view> FindCookie(const Request& req, std::string_view name) {
  Budget budget;
  std::optional<std::string_view> found;
  for (const HeaderField& h : req.headers) {
    if (budget.bytes == 0 || budget.pairs == 0) break;
    if (!text::EqualsIgnoreCase(h.name, "Cookie")) continue;
    if (ForEachPair(h.value, budget, [&](const Cookie& c) {
          if (c.name != name) return false;
          found = c.value;
          return true;
        })) {
      break;
    }
  }
  return found;
}

bool IsLoopbackHost(std::string_view host) {
  host = text::TrimAscii(host);
  if (host.starts_with('[')) {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return false;
    return host.substr(1, close - 1) == "::1";
  }
  if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string_view::npos) return false;
    host = host.substr(0, colon);
  }
  if (text::EqualsIgnoreCase(host, "localhost")) return true;
  if (host.size() > 10 && text::EqualsIgnoreCase(host.substr(host.size() - 10), ".localhost"))
    return true;
  // 127.0.0.0/8, dotted decimal, four parts.
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    const std::string_view part = host.substr(start, end - start);
    unsigned v = 0;
    const auto r = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || part.size() > 3 || r.ec != std::errc() ||
        r.ptr != part.data() + part.size() || v > 255) {
      return false;
    }
    if (parts == 0 && v != 127) return false;
    ++parts;
    start = end + 1;
    if (end == host.size()) break;
  }
  return parts == 4;
}

bool WantsSecureCookie(const Request& req) {
  return req.https || !IsLoopbackHost(req.Header("Host"));
}

std::string OwnOrigin(const Request& req) {
  const std::string_view host = text::TrimAscii(req.Header("Host"));
  if (host.empty()) return {};
  std::string out(req.https ? "https://" : "http://");
  out += NormalizeHost(host, req.https);  // built by parts: GCC 12 -Wrestrict misfires on "+"
  return out;
}

bool SameOriginOrAbsent(const Request& req) {
  const std::string_view origin = text::TrimAscii(req.Header("Origin"));
  if (origin.empty()) return true;
  const std::string own = OwnOrigin(req);
  if (own.empty()) return false;
  const bool https = origin.size() > 8 && text::EqualsIgnoreCase(origin.substr(0, 8), "https://");
  const bool http = origin.size() > 7 && text::EqualsIgnoreCase(origin.substr(0, 7), "http://");
  if (!https && !http) return false;  // "null", other schemes
  std::string normalized(https ? "https://" : "http://");
  normalized += NormalizeHost(origin.substr(https ? 8 : 7), https);
  return normalized == own;
}

std::string SetCookieValue(const SetCookie& cookie) {
  if (!IsToken(cookie.name) || !IsCookieValue(cookie.value)) return {};
  std::string out;
  out.reserve(cookie.name.size() + cookie.value.size() + 80);
  out += cookie.name;
  out += '=';
  out += cookie.value;
  out += "; Path=/; Max-Age=";
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, cookie.max_age_s > 0 ? cookie.max_age_s : 0);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
  out += "; HttpOnly; SameSite=Strict";
  if (cookie.secure) out += "; Secure";
  return out;
}

}  // namespace palabre::http
