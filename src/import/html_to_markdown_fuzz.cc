// libFuzzer target: HtmlToMarkdown on any bytes gives valid UTF-8 Markdown whose rendering
// (core/text/markdown.h) has no tag the renderer does not make itself: whatever HTML an export
// holds, none of it reaches a reader as markup.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "import/html_to_markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace palabre;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  for (bool wordpress : {false, true}) {
    const std::string md = import::HtmlToMarkdown(in, {.newlines_are_breaks = wordpress});
    if (!text::IsValidUtf8(md)) std::abort();
    const std::string html = text::RenderMarkdown(md);
    for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
      const std::string_view tag = std::string_view(html).substr(i + 1, 12);
      bool known = false;
      for (std::string_view ok :
           {"p>",           "/p>",   "br>",    "em>",       "/em>",      "strong>",
            "/strong>",     "code>", "/code>", "pre>",      "/pre>",     "blockquote>",
            "/blockquote>", "ul>",   "/ul>",   "ol>",       "ol start=", "/ol>",
            "li>",          "/li>",  "hr>",    "a href=\"", "/a>"}) {
        if (tag.starts_with(ok)) known = true;
      }
      if (!known) std::abort();
    }
  }
  return 0;
}
