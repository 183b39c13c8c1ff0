// Safe Markdown: comment text to sanitized HTML (cmark parses; palabre renders a subset).
//
// Allowed: paragraphs, line breaks (<br>), emphasis, strong, inline code, code blocks
// (<pre><code>), links, block quotes, lists (<ul>, <ol start="n">), thematic breaks (<hr>).
// Links keep only absolute http(s) URLs ("scheme://host...") and mailto:, checked the way a
// browser reads them (tabs and newlines removed, entities decoded, case-insensitive), with
// rel="nofollow ugc noopener" target="_blank"; any other destination (javascript:, data:,
// relative, protocol-relative) leaves only the link text. Link titles are dropped. Everything
// else is rendered as its plain text: raw HTML is shown escaped, never passed through; headings
// become paragraphs; images become links to the image with the alt text (or the URL) as text,
// except inside a link. The output is well-formed HTML whose every text and attribute is
// escaped; text contains no raw <, >, " or '. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace palabre::text {

// Precondition: `markdown` is valid UTF-8 (text/utf8.h); were it not, invalid bytes would be
// replaced with U+FFFD. Never fails; linear in the input, no recursion.
std::string RenderMarkdown(std::string_view markdown);

// HTML escaping of text for element content and quoted attributes: & < > " ' become &amp; &lt;
// &gt; &quot; &#39;. Everything else, UTF-8 included, is copied.
std::string EscapeHtml(std::string_view s);

}  // namespace palabre::text
