#include "import/thread_identity.h"

#include "core/text/ascii.h"

namespace palabre::import {
namespace {

struct UrlParts {
  std::string scheme;  // lower case, "" for a bare path
  std::string host;    // lower case, with its port
  std::string path;    // no query, fragment or trailing slash; "/" at least
};

UrlParts Split(std::string_view url) {
  UrlParts p;
  url = text::TrimAscii(url);
  if (const std::size_t cut = url.find_first_of("?#"); cut != std::string_view::npos) {
    url = url.substr(0, cut);
  }
  if (const std::size_t scheme = url.find("://");
      scheme != std::string_view::npos &&
      url.substr(0, scheme).find('/') == std::string_view::npos) {
    p.scheme = text::AsciiLower(url.substr(0, scheme));
    url.remove_prefix(scheme + 3);
    const std::size_t slash = url.find('/');
    p.host = text::AsciiLower(url.substr(0, slash));
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  } else if (url.starts_with("//")) {  // protocol-relative
    url.remove_prefix(2);
    const std::size_t slash = url.find('/');
    p.host = text::AsciiLower(url.substr(0, slash));
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  while (url.size() > 1 && url.back() == '/') url.remove_suffix(1);
  p.path = url.empty() ? "/" : std::string(url);
  if (!p.path.starts_with('/')) p.path.insert(0, "/");
  return p;
}

std::string Mapped(std::string_view url, const IdentityOptions& options) {
  for (const auto& [from, to] : options.maps) {
    if (url.starts_with(from)) return to + std::string(url.substr(from.size()));
  }
  return std::string(url);
}

}  // namespace

std::string_view ToString(KeyRule r) {
  switch (r) {
    case KeyRule::kId:
      return "id";
    case KeyRule::kUrl:
      return "url";
    case KeyRule::kPath:
      return "path";
  }
  return "id";
}

std::optional<KeyRule> ParseKeyRule(std::string_view name) {
  for (KeyRule r : {KeyRule::kId, KeyRule::kUrl, KeyRule::kPath}) {
    if (ToString(r) == name) return r;
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> ParseMap(std::string_view spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  return std::make_pair(std::string(spec.substr(0, eq)), std::string(spec.substr(eq + 1)));
}

std::string ThreadKeyFor(const SourceThread& thread, const IdentityOptions& options) {
  if (options.rule == KeyRule::kId) {
    const std::string_view ident = text::TrimAscii(thread.ident);
    if (!ident.empty()) return std::string(ident);
  }
  if (text::TrimAscii(thread.url).empty()) return {};
  const UrlParts p = Split(Mapped(text::TrimAscii(thread.url), options));
  if (options.rule == KeyRule::kUrl && !p.host.empty()) {
    return (p.scheme.empty() ? "https" : p.scheme) + "://" + p.host + (p.path == "/" ? "" : p.path);
  }
  return p.path;
}

}  // namespace palabre::import
