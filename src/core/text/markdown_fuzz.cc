// libFuzzer target: on any valid UTF-8, RenderMarkdown's output uses only the allowed tags and
// attributes, links only http(s)/mailto URLs, and escapes everything else.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text/markdown.h"
#include "core/text/utf8.h"

namespace {

void Fail(const char* what, std::string_view html, std::size_t at) {
  std::fprintf(stderr, "markdown_fuzz: %s at byte %zu of output:\n%.*s\n", what, at,
               static_cast<int>(html.size()), html.data());
  std::abort();
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

constexpr std::string_view kTags[] = {
    "<p>",    "</p>",    "<br>",  "<em>",   "</em>",        "<strong>",      "</strong>",
    "<code>", "</code>", "<pre>", "</pre>", "<blockquote>", "</blockquote>", "<ul>",
    "</ul>",  "<ol>",    "</ol>", "<li>",   "</li>",        "<hr>",          "</a>"};
constexpr std::string_view kEntities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
constexpr std::string_view kLinkTail = R"(" rel="nofollow ugc noopener" target="_blank">)";

// Returns the length of the allowed tag at the start of `s`, or 0.
std::size_t AllowedTag(std::string_view s) {
  for (const std::string_view tag : kTags) {
    if (s.substr(0, tag.size()) == tag) return tag.size();
  }
  constexpr std::string_view kOl = "<ol start=\"";
  if (s.substr(0, kOl.size()) == kOl) {
    std::size_t i = kOl.size();
    const std::size_t digits = i;
    if (i < s.size() && s[i] == '-') ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits || s.substr(i, 2) != "\">") return 0;
    return i + 2;
  }
  constexpr std::string_view kHref = "<a href=\"";
  if (s.substr(0, kHref.size()) == kHref) {
    const std::string_view url = s.substr(kHref.size());
    if (!StartsWithIgnoreCase(url, "http://") && !StartsWithIgnoreCase(url, "https://") &&
        !StartsWithIgnoreCase(url, "mailto:")) {
      return 0;
    }
    const std::size_t quote = url.find('"');
    if (quote == std::string_view::npos) return 0;
    for (const char c : url.substr(0, quote)) {
      if (c == '<' || c == '>' || c == '\'' || static_cast<unsigned char>(c) <= 0x20) return 0;
    }
    if (url.substr(quote, kLinkTail.size()) != kLinkTail) return 0;
    return kHref.size() + quote + kLinkTail.size();
  }
  return 0;
}

void CheckHtml(std::string_view html) {
  if (!palabre::text::IsValidUtf8(html)) Fail("output is not UTF-8", html, 0);
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (StartsWithIgnoreCase(html.substr(i), "<script")) Fail("<script", html, i);
      const std::size_t n = AllowedTag(html.substr(i));
      if (n == 0) Fail("'<' that opens no allowed tag", html, i);
      i += n;
      continue;
    }
    if (c == '>' || c == '"' || c == '\'') Fail("unescaped > \" or ' in text", html, i);
    if (c == '&') {
      bool entity = false;
      for (const std::string_view e : kEntities) entity = entity || html.substr(i, e.size()) == e;
      if (!entity) Fail("'&' that starts no escape", html, i);
    }
    ++i;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (!palabre::text::IsValidUtf8(in)) return 0;  // RenderMarkdown's precondition
  CheckHtml(palabre::text::RenderMarkdown(in));
  const palabre::Result<std::string> normalized = palabre::text::NormalizeUserText(in, false);
  if (normalized.ok()) CheckHtml(palabre::text::RenderMarkdown(normalized.value()));
  return 0;
}
