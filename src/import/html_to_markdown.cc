#include "import/html_to_markdown.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>

#include "core/text/ascii.h"
#include "core/text/utf8.h"
#include "import/xml_pull.h"

namespace palabre::import {
namespace {

constexpr int kMaxDepth = 64;  // deeper elements keep their text, without structure

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string_view Name(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

std::string Attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (text::EqualsIgnoreCase(s, x)) return true;
  }
  return false;
}

// A destination palabre keeps (core/text/markdown.h checks again when rendering).
bool KeptLink(std::string_view href) {
  const std::string lower = text::AsciiLower(text::TrimAscii(href));
  return lower.starts_with("http://") || lower.starts_with("https://") ||
         lower.starts_with("mailto:");
}

// A URL inside Markdown's (…): spaces, parentheses and angle brackets percent-encoded.
std::string LinkDestination(std::string_view href) {
  std::string out;
  for (char c : text::TrimAscii(href)) {
    switch (c) {
      case ' ':
        out += "%20";
        break;
      case '(':
        out += "%28";
        break;
      case ')':
        out += "%29";
        break;
      case '<':
        out += "%3C";
        break;
      case '>':
        out += "%3E";
        break;
      case '\n':
      case '\r':
      case '\t':
        break;
      default:
        out += c;
    }
  }
  return out;
}

class Converter {
 public:
  explicit Converter(HtmlOptions options) : options_(options) {}

  void Children(const xmlNode* parent, int depth) {
    for (const xmlNode* n = parent; n; n = n->next) Node(n, depth);
  }

  std::string Finish() {
    // At most one blank line in a row, no hard break at the end of a block, no blank ends.
    std::string out;
    std::size_t newlines = 0;
    for (std::size_t i = 0; i < out_.size(); ++i) {
      const char c = out_[i];
      if (c == '\n') {
        if (++newlines <= 2) out += c;
        continue;
      }
      newlines = 0;
      out += c;
    }
    std::string cleaned;
    for (std::size_t i = 0; i < out.size(); ++i) {
      // "\\\n" followed by a newline or at the end: the break ends a block, drop it.
      if (out[i] == '\\' && i + 1 < out.size() && out[i + 1] == '\n' &&
          (i + 2 >= out.size() || out[i + 2] == '\n')) {
        continue;
      }
      cleaned += out[i];
    }
    std::string_view v = cleaned;
    while (!v.empty() && (v.front() == '\n' || v.front() == ' ')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\n' || v.back() == ' ' || v.back() == '\\')) {
      v.remove_suffix(1);
    }
    return std::string(v);
  }

 private:
  void Block() {
    if (out_.empty()) return;
    if (!out_.ends_with("\n\n")) out_ += out_.ends_with('\n') ? "\n" : "\n\n";
    Prefix();
  }
  void LineBreak() {
    out_ += "\\\n";
    Prefix();
  }
  void Prefix() {
    for (int i = 0; i < quote_; ++i) out_ += "> ";
    for (int i = 0; i < list_; ++i) out_ += "   ";
  }
  bool AtLineStart() const { return out_.empty() || out_.back() == '\n' || out_.ends_with("> "); }

  void Text(std::string_view s) {
    if (pre_ > 0) {
      for (char c : s) {
        out_ += c;
        if (c == '\n') Prefix();
      }
      return;
    }
    std::size_t newlines = 0;
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '\n' || c == '\r') {
        if (c == '\n') ++newlines;
        space = true;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\f') {
        space = true;
        continue;
      }
      if (options_.newlines_are_breaks && newlines >= 2) {
        Block();
      } else if (options_.newlines_are_breaks && newlines == 1 && !AtLineStart()) {
        LineBreak();
      } else if (space && !AtLineStart() && !out_.ends_with(' ')) {
        out_ += ' ';
      }
      newlines = 0;
      space = false;
      Char(c, s, i);
    }
    if (space && !AtLineStart() && !out_.ends_with(' ')) out_ += ' ';
    if (options_.newlines_are_breaks && newlines >= 2) Block();
  }

  // One character of text, escaped where Markdown would read it as syntax.
  void Char(char c, std::string_view s, std::size_t i) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        out_ += '\\';
        break;
      case '#':
      case '-':
      case '+':
      case '=':
        if (AtLineStart()) out_ += '\\';
        break;
      case '.':
      case ')':
        // "1. " at the start of a line would be a list item.
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') {
          std::size_t k = out_.size();
          while (k > 0 && out_[k - 1] >= '0' && out_[k - 1] <= '9') --k;
          if (k == 0 || out_[k - 1] == '\n' || out_.compare(k >= 2 ? k - 2 : 0, 2, "> ") == 0) {
            out_ += '\\';
          }
        }
        break;
      default:
        break;
    }
    out_ += c;
  }

  void Wrapped(const xmlNode* n, int depth, std::string_view mark) {
    // Emphasis marks must touch their text: "** a **" is not strong in Markdown.
    const std::size_t start = out_.size();
    Children(n->children, depth + 1);
    std::string inner = out_.substr(start);
    out_.resize(start);
    std::string_view v = inner;
    std::size_t lead = 0;
    while (lead < v.size() && v[lead] == ' ') ++lead;
    std::size_t trail = 0;
    while (trail < v.size() - lead && v[v.size() - 1 - trail] == ' ') ++trail;
    v = v.substr(lead, v.size() - lead - trail);
    if (lead) out_ += ' ';
    if (!v.empty()) {
      out_ += mark;
      out_ += v;
      out_ += mark;
    }
    if (trail) out_ += ' ';
  }

  void Link(const xmlNode* n, int depth) {
    const std::string href = Attribute(n, "href");
    if (!KeptLink(href) || in_link_) {
      Children(n->children, depth + 1);
      return;
    }
    in_link_ = true;
    const std::size_t start = out_.size();
    Children(n->children, depth + 1);
    in_link_ = false;
    if (out_.size() == start) out_ += LinkDestination(href);  // <a href="…"></a>
    out_.insert(start, "[");
    out_ += "](";
    out_ += LinkDestination(href);
    out_ += ')';
  }

  void Code(const xmlNode* n) {
    xmlChar* content = xmlNodeGetContent(n);
    std::string s = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    for (char& c : s) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    const std::string fence = s.find('`') == std::string::npos ? "`" : "`` ";
    const std::string close = fence == "`" ? "`" : " ``";
    if (s.find_first_not_of(' ') == std::string::npos) return;
    out_ += fence + s + close;
  }

  void Pre(const xmlNode* n) {
    xmlChar* content = xmlNodeGetContent(n);
    std::string s = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    while (!s.empty() && s.back() == '\n') s.pop_back();
    Block();
    out_ += "```";
    out_ += '\n';
    Prefix();
    ++pre_;
    Text(s);
    --pre_;
    out_ += '\n';
    Prefix();
    out_ += "```";
    Block();
  }

  void Node(const xmlNode* n, int depth) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) Text(reinterpret_cast<const char*>(n->content));
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    const std::string_view name = Name(n);
    if (depth > kMaxDepth) {
      Children(n->children, depth + 1);
      return;
    }
    if (OneOf(name, {"script", "style", "head", "template", "title", "noscript"})) return;
    if (OneOf(name, {"br"})) {
      if (pre_ > 0) {
        out_ += '\n';
      } else {
        LineBreak();
      }
    } else if (OneOf(name, {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6",
                            "table", "tr", "figure", "center"})) {
      Block();
      Children(n->children, depth + 1);
      Block();
    } else if (OneOf(name, {"hr"})) {
      Block();
      out_ += "***";
      Block();
    } else if (OneOf(name, {"strong", "b"})) {
      Wrapped(n, depth, "**");
    } else if (OneOf(name, {"em", "i", "cite"})) {
      Wrapped(n, depth, "*");
    } else if (OneOf(name, {"code", "tt", "kbd"})) {
      Code(n);
    } else if (OneOf(name, {"pre"})) {
      Pre(n);
    } else if (OneOf(name, {"a"})) {
      Link(n, depth);
    } else if (OneOf(name, {"img"})) {
      const std::string alt = Attribute(n, "alt");
      Text(alt);
    } else if (OneOf(name, {"blockquote"})) {
      Block();
      ++quote_;
      out_ += "> ";
      Children(n->children, depth + 1);
      --quote_;
      Block();
    } else if (OneOf(name, {"ul", "ol"})) {
      const bool ordered = OneOf(name, {"ol"});
      Block();
      int number = 1;
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !OneOf(Name(c), {"li"})) {
          Node(c, depth + 1);
          continue;
        }
        if (!AtLineStart()) {
          out_ += '\n';
          Prefix();
        }
        out_ += ordered ? std::to_string(number++) + ". " : std::string("- ");
        ++list_;
        Children(c->children, depth + 2);
        --list_;
        out_ += '\n';
        Prefix();
      }
      Block();
    } else if (OneOf(name, {"td", "th"})) {
      Children(n->children, depth + 1);
      out_ += ' ';
    } else {
      Children(n->children, depth + 1);
    }
  }

  HtmlOptions options_;
  std::string out_;
  int quote_ = 0;
  int list_ = 0;
  int pre_ = 0;
  bool in_link_ = false;
};

}  // namespace

std::string HtmlToMarkdown(std::string_view html, HtmlOptions options) {
  if (html.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  // Invalid UTF-8 replaced first: libxml2 would stop at it.
  const std::string valid = text::ReplaceInvalidUtf8(html);
  InitLibxml2();
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
      valid.data(), static_cast<int>(valid.size()), nullptr, "UTF-8",
      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT));
  // Not HTML_PARSE_NOIMPLIED: libxml2 2.9 then nests siblings into each other; the implied
  // <html><body> are walked through like any element.
  if (!doc) return {};
  Converter converter(options);
  converter.Children(doc->children, 0);
  return converter.Finish();
}

}  // namespace palabre::import
