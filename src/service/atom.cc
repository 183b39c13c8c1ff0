#include "service/atom.h"

#include <cstdint>

#include "core/crypto.h"
#include "core/text/relative_time.h"

namespace palabre::service {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629: no overlong
// form, no surrogate, at most U+10FFFF) and its code point; 0 if there is none.
std::size_t DecodeUtf8(std::string_view s, char32_t& cp) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  char32_t min = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// XML 1.0's Char production (section 2.2), for a code point that is valid Unicode.
bool XmlAllows(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

void Element(std::string& out, std::string_view name, std::string_view text) {
  out.append("<").append(name).append(">");
  AppendXmlEscaped(out, text);
  out.append("</").append(name).append(">");
}

void Link(std::string& out, std::string_view rel, std::string_view type, std::string_view href) {
  out.append("<link rel=\"").append(rel).append("\"");
  if (!type.empty()) out.append(" type=\"").append(type).append("\"");
  out.append(" href=\"");
  AppendXmlEscaped(out, href);
  out.append("\"/>");
}

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view s) {
  while (!s.empty()) {
    char32_t cp = 0;
    const std::size_t n = DecodeUtf8(s, cp);
    if (n == 0) {
      out.append(kReplacement);
      s.remove_prefix(1);
      continue;
    }
    switch (cp) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;  // "]]>" may not appear in character data
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&apos;");
        break;
      case '\r':
        out.append("&#13;");
        break;  // kept: a literal CR would be normalised away
      default:
        if (XmlAllows(cp)) {
          out.append(s.substr(0, n));
        } else {
          out.append(kReplacement);
        }
    }
    s.remove_prefix(n);
  }
}

std::string UuidUrn(std::string_view name, std::string_view key) {
  std::string hex = HashHex(name, key).substr(0, 32);
  hex[12] = '8';  // version 8: custom (RFC 9562, section 5.8)
  // Variant 10xx in the high bits of the 17th hex digit.
  const char digits[] = "0123456789abcdef";
  const int v = hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0';
  hex[16] = digits[8 | (v & 0x3)];
  std::string urn = "urn:uuid:";
  urn.append(hex, 0, 8).append("-").append(hex, 8, 4).append("-").append(hex, 12, 4);
  urn.append("-").append(hex, 16, 4).append("-").append(hex, 20, 12);
  return urn;
}

std::string WriteAtom(const AtomFeed& feed) {
  std::string out;
  out.reserve(1024 + feed.entries.size() * 1200);
  out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  out.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
  Element(out, "id", feed.id);
  out.append("\n");
  Element(out, "title", feed.title);
  out.append("\n");
  Element(out, "updated", text::Iso8601(feed.updated));
  out.append("\n");
  if (!feed.self.empty()) Link(out, "self", "application/atom+xml", feed.self);
  if (!feed.alternate.empty()) Link(out, "alternate", "text/html", feed.alternate);
  out.append("<generator>palabre</generator>\n");
  for (const AtomEntry& e : feed.entries) {
    out.append("<entry>");
    Element(out, "id", e.id);
    out.append("<title type=\"text\">");
    AppendXmlEscaped(out, e.title);
    out.append("</title>");
    Element(out, "published", text::Iso8601(e.published));
    Element(out, "updated", text::Iso8601(e.updated));
    out.append("<author>");
    Element(out, "name", e.author);
    out.append("</author>");
    if (!e.link.empty()) Link(out, "alternate", "text/html", e.link);
    out.append("<content type=\"html\">");
    AppendXmlEscaped(out, e.html);
    out.append("</content></entry>\n");
  }
  out.append("</feed>\n");
  return out;
}

}  // namespace palabre::service
