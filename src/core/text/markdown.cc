#include "core/text/markdown.h"

#define CMARK_NO_SHORT_NAMES 1
#include <cmark.h>

#include <memory>
#include <optional>
#include <vector>

#include "core/text/ascii.h"

namespace palabre::text {
namespace {

constexpr std::string_view kLinkAttributes = R"( rel="nofollow ugc noopener" target="_blank")";

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

void AppendEscaped(std::string_view s, std::string& out) {
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
}

void AppendEscaped(const char* s, std::string& out) {
  if (s != nullptr) AppendEscaped(std::string_view(s), out);
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
// The value to put in href="…" (not yet HTML-escaped) for the link destination `url`, as cmark
// gives it (entities and backslash escapes already decoded), or nothing if the link must not
// be followed. A browser removes tabs and newlines anywhere in a URL and C0 controls and spaces
// at its ends before it reads the scheme, so the same is done here first: "jav\tascript:" is
// javascript:. Only absolute http(s) URLs ("scheme://host…") and mailto: pass.
std::optional<std::string> SafeHref(std::string_view url) {
  std::string cleaned;
  cleaned.reserve(url.size());
  for (const char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') cleaned.push_back(c);
  }
  std::size_t begin = 0;
  std::size_t end = cleaned.size();
  while (begin < end && static_cast<unsigned char>(cleaned[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(cleaned[end - 1]) <= 0x20) --end;
  const std::string_view u = std::string_view(cleaned).substr(begin, end - begin);

  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"; anything else is relative.
  if (u.empty() || !IsAsciiAlpha(u[0])) return std::nullopt;
  std::size_t colon = 1;
  while (colon < u.size() && (IsAsciiAlpha(u[colon]) || IsAsciiDigit(u[colon]) || u[colon] == '+' ||
                              u[colon] == '-' || u[colon] == '.')) {
    ++colon;
  }
  if (colon >= u.size() || u[colon] != ':') return std::nullopt;
  const std::string_view scheme = u.substr(0, colon);
  const std::string_view rest = u.substr(colon + 1);
  if (EqualsIgnoreCase(scheme, "http") || EqualsIgnoreCase(scheme, "https")) {
    // "https:foo" would resolve against the page; "https:///x" and "https:\\x" are oddities
    // browsers repair in their own ways. Only "//" followed by a host is accepted.
    if (rest.size() < 3 || rest[0] != '/' || rest[1] != '/' || rest[2] == '/' || rest[2] == '\\') {
      return std::nullopt;
    }
  } else if (!EqualsIgnoreCase(scheme, "mailto")) {
    return std::nullopt;
  }
  std::string href;
  href.reserve(u.size());
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : u) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F) {  // spaces and remaining controls
      href.push_back('%');
      href.push_back(kHex[b >> 4]);
      href.push_back(kHex[b & 0xF]);
    } else {
      href.push_back(c);
    }
  }
  return href;
}

// A paragraph directly in an item of a tight list is rendered without <p>, as CommonMark says.
bool InTightList(cmark_node* paragraph) {
  cmark_node* item = cmark_node_parent(paragraph);
  if (item == nullptr || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list != nullptr && cmark_node_get_type(list) == CMARK_NODE_LIST &&
         cmark_node_get_list_tight(list) != 0;
}

void AppendLiteralBlock(cmark_node* node, std::string& out) {
  // Raw HTML is shown as the text the author typed.
  std::string_view literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  while (!literal.empty() && literal.back() == '\n') literal.remove_suffix(1);
  if (literal.empty()) return;
  out += "<p>";
  AppendEscaped(literal, out);
  out += "</p>\n";
}

class Renderer {
 public:
  explicit Renderer(std::string& out) : out_(out) {}

  void Enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_BLOCK_QUOTE:
        out_ += "<blockquote>\n";
        break;
      case CMARK_NODE_LIST:
        if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST) {
          const int start = cmark_node_get_list_start(node);
          if (start == 1) {
            out_ += "<ol>\n";
          } else {
            out_ += "<ol start=\"" + std::to_string(start) + "\">\n";
          }
        } else {
          out_ += "<ul>\n";
        }
        break;
      case CMARK_NODE_ITEM:
        out_ += "<li>";
        break;
      case CMARK_NODE_CODE_BLOCK:
        out_ += "<pre><code>";
        AppendEscaped(cmark_node_get_literal(node), out_);
        out_ += "</code></pre>\n";
        break;
      case CMARK_NODE_HTML_BLOCK:
        AppendLiteralBlock(node, out_);
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (!InTightList(node)) out_ += "<p>";
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        out_ += "<hr>\n";
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE:
        AppendEscaped(cmark_node_get_literal(node), out_);
        break;
      case CMARK_NODE_SOFTBREAK:
        out_ += '\n';
        break;
      case CMARK_NODE_LINEBREAK:
        out_ += "<br>\n";
        break;
      case CMARK_NODE_CODE:
        out_ += "<code>";
        AppendEscaped(cmark_node_get_literal(node), out_);
        out_ += "</code>";
        break;
      case CMARK_NODE_EMPH:
        out_ += "<em>";
        break;
      case CMARK_NODE_STRONG:
        out_ += "<strong>";
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        EnterLink(node);
        break;
      case CMARK_NODE_NONE:
      case CMARK_NODE_DOCUMENT:
      case CMARK_NODE_CUSTOM_BLOCK:
      case CMARK_NODE_CUSTOM_INLINE:
        break;  // children only
    }
  }

  void Exit(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_BLOCK_QUOTE:
        out_ += "</blockquote>\n";
        break;
      case CMARK_NODE_LIST:
        out_ += cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "</ol>\n" : "</ul>\n";
        break;
      case CMARK_NODE_ITEM:
        out_ += "</li>\n";
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (InTightList(node)) {
          // Consecutive blocks of a tight item still need a separator.
          if (cmark_node_next(node) != nullptr) out_ += '\n';
        } else {
          out_ += "</p>\n";
        }
        break;
      case CMARK_NODE_EMPH:
        out_ += "</em>";
        break;
      case CMARK_NODE_STRONG:
        out_ += "</strong>";
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        if (open_links_.back()) {
          out_ += "</a>";
          --open_anchors_;
        }
        open_links_.pop_back();
        break;
      default:
        break;
    }
  }

 private:
  // Links and images become <a> when their URL is safe and no <a> is open (an image inside a
  // link cannot be a second, nested link); otherwise only their text is rendered.
  void EnterLink(cmark_node* node) {
    const char* url = cmark_node_get_url(node);
    std::optional<std::string> href;
    if (open_anchors_ == 0 && url != nullptr) href = SafeHref(url);
    open_links_.push_back(href.has_value());
    if (!href) return;
    ++open_anchors_;
    out_ += "<a href=\"";
    AppendEscaped(*href, out_);
    out_ += '"';
    out_ += kLinkAttributes;
    out_ += '>';
    if (cmark_node_first_child(node) == nullptr) AppendEscaped(*href, out_);  // ![](url)
  }

  std::string& out_;
  std::vector<bool> open_links_;  // one per entered link or image: whether it opened an <a>
  int open_anchors_ = 0;          // <a> elements open now (0 or 1)
};

}  // namespace

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendEscaped(s, out);
  return out;
}

std::string RenderMarkdown(std::string_view markdown) {
  // CMARK_OPT_VALIDATE_UTF8 costs little and keeps the output UTF-8 even if the precondition
  // is broken. CMARK_OPT_UNSAFE is never set, although raw HTML never reaches the output anyway.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<cmark_node, NodeDeleter> doc(
      cmark_parse_document(markdown.empty() ? "" : markdown.data(), markdown.size(), options));
  std::string out;
  if (doc == nullptr) return out;
  out.reserve(markdown.size() + markdown.size() / 4 + 16);
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
  if (iter == nullptr) return out;
  Renderer renderer(out);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER) {
      renderer.Enter(node);
    } else if (event == CMARK_EVENT_EXIT) {
      renderer.Exit(node);
    }
  }
  return out;
}

}  // namespace palabre::text
