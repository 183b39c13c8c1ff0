// HTML of an export (Disqus messages, WordPress comments, Remark42's rendered text) turned into
// palabre's Markdown source, so that imported text goes through the same renderer and sanitiser
// as posted text (core/text/markdown.h): nothing of the HTML is trusted or passed through.
//
// Kept: paragraphs, line breaks, emphasis, strong, inline code and code blocks, block quotes,
// lists, and links to absolute http(s) and mailto: URLs (others keep their text only); images
// become their alt text. Dropped with their content: script, style, head, template. Every
// other element keeps its text. Entities are decoded; Markdown's own punctuation in the text is
// escaped so that it stays text. libxml2's HTML parser reads the fragment (any bytes: broken
// HTML is read as browsers would, invalid UTF-8 replaced). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace palabre::import {

struct HtmlOptions {
  // WordPress keeps the author's newlines in comment_content and adds <p>/<br> only when it
  // shows a comment: there a blank line is a paragraph and a newline a line break.
  bool newlines_are_breaks = false;
};

std::string HtmlToMarkdown(std::string_view html, HtmlOptions options = {});

}  // namespace palabre::import
