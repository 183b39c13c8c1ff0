// Safe Markdown: comment text to sanitized HTML (cmark parses; palabre renders a subset).
//
// Allowed: paragraphs, line breaks, emphasis, strong, inline code, links (http, https and
// mailto only; rel="nofollow ugc noopener" target="_blank"), block quotes, lists. Everything
// else is rendered as its plain text: raw HTML is shown escaped, never passed through; headings
// become paragraphs; images become links to the image. The output is well-formed HTML whose
// every text and attribute is escaped. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace palabre::text {

// Precondition: `markdown` is valid UTF-8 (text/utf8.h).
std::string RenderMarkdown(std::string_view markdown);

// HTML escaping of text for element content and quoted attributes.
std::string EscapeHtml(std::string_view s);

}  // namespace palabre::text
