#include "import/xml_pull.h"

#include <libxml/parser.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <utility>

#include "core/text/ascii.h"

namespace palabre::import {
namespace {

// XML_PARSE_NONET: no network. Not XML_PARSE_NOENT nor XML_PARSE_DTDLOAD: entities are never
// substituted nor loaded (and a DTD is refused anyway). NOCDATA: CDATA read as text.
constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
                         XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

// Keeps libxml2's first error message for Broken(), instead of printing it on stderr.
void OnError(void* arg, xmlErrorPtr error) {
  auto* message = static_cast<std::string*>(arg);
  if (message->empty() && error && error->message) {
    *message = error->message;
    while (!message->empty() && (message->back() == '\n' || message->back() == ' ')) {
      message->pop_back();
    }
  }
}

// The C0 control characters XML 1.0 forbids (all but tab, newline and carriage return), which
// real exports hold (WordPress copies them from pasted text): one of them would stop libxml2,
// and with it the whole import. Each becomes a space as the bytes are read; in UTF-8 these
// bytes never occur inside a multi-byte character, so this is safe on any input.
void BlankControls(char* buffer, int n) {
  for (int i = 0; i < n; ++i) {
    const auto b = static_cast<unsigned char>(buffer[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') buffer[i] = ' ';
  }
}

}  // namespace

// What libxml2 reads from: a file or bytes in memory, through BlankControls.
struct XmlPull::Source {
  std::FILE* file = nullptr;
  std::string bytes;
  std::size_t offset = 0;

  static int Read(void* context, char* buffer, int len) {
    auto* s = static_cast<Source*>(context);
    int n = 0;
    if (s->file) {
      n = static_cast<int>(std::fread(buffer, 1, static_cast<std::size_t>(len), s->file));
      if (n == 0 && std::ferror(s->file)) return -1;
    } else {
      n = static_cast<int>(
          std::min<std::size_t>(static_cast<std::size_t>(len), s->bytes.size() - s->offset));
      std::memcpy(buffer, s->bytes.data() + s->offset, static_cast<std::size_t>(n));
      s->offset += static_cast<std::size_t>(n);
    }
    BlankControls(buffer, n);
    return n;
  }
  static int Close(void*) { return 0; }  // the Source is XmlPull's, freed with it
};

XmlPull::XmlPull() : source_(std::make_unique<Source>()) {}

XmlPull::~XmlPull() {
  if (reader_) xmlFreeTextReader(reader_);
  if (source_->file) std::fclose(source_->file);
}

void InitLibxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::unique_ptr<XmlPull> XmlPull::Open(std::unique_ptr<XmlPull> pull) {
  InitLibxml2();
  pull->reader_ = xmlReaderForIO(&Source::Read, &Source::Close, pull->source_.get(), nullptr,
                                 nullptr, kOptions);
  if (!pull->reader_) return nullptr;
  xmlTextReaderSetStructuredErrorHandler(pull->reader_, OnError, &pull->error_);
  return pull;
}

std::unique_ptr<XmlPull> XmlPull::OpenFile(const std::string& path) {
  auto pull = std::unique_ptr<XmlPull>(new XmlPull());
  pull->source_->file = std::fopen(path.c_str(), "rb");
  if (!pull->source_->file) return nullptr;
  return Open(std::move(pull));
}

std::unique_ptr<XmlPull> XmlPull::FromMemory(std::string bytes) {
  auto pull = std::unique_ptr<XmlPull>(new XmlPull());
  pull->source_->bytes = std::move(bytes);
  return Open(std::move(pull));
}

int XmlPull::line() const { return xmlTextReaderGetParserLineNumber(reader_); }

Status XmlPull::Broken() const {
  const std::string what = error_.empty() ? "not well-formed XML" : error_;
  return Status(Error::kInvalidArgument, "line " + std::to_string(line()) + ": " + what);
}

Result<const xmlNode*> XmlPull::NextElement(int depth, bool descend) {
  for (;;) {
    const int read = skip_current_ ? xmlTextReaderNext(reader_) : xmlTextReaderRead(reader_);
    skip_current_ = false;
    if (read == 0) return static_cast<const xmlNode*>(nullptr);
    if (read < 0) return Broken();
    const int type = xmlTextReaderNodeType(reader_);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      return Status(Error::kInvalidArgument,
                    "line " + std::to_string(line()) + ": a DTD (<!DOCTYPE>) is not accepted");
    }
    if (type != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(reader_) != depth) continue;
    if (descend) {
      xmlNodePtr current = xmlTextReaderCurrentNode(reader_);
      if (!current) return Broken();
      return static_cast<const xmlNode*>(current);
    }
    xmlNodePtr node = xmlTextReaderExpand(reader_);
    if (!node) return Broken();
    skip_current_ = true;
    return static_cast<const xmlNode*>(node);
  }
}

std::string_view LocalName(const xmlNode* n) {
  return n && n->name ? std::string_view(reinterpret_cast<const char*>(n->name))
                      : std::string_view();
}

const xmlNode* Child(const xmlNode* n, std::string_view name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) return c;
  }
  return nullptr;
}

std::string Text(const xmlNode* n) {
  if (!n) return {};
  std::string out;
  // Text and CDATA children, recursively, without xmlNodeGetContent's entity handling.
  for (const xmlNode* c = n->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      out += Text(c);
    }
  }
  return out;
}

std::string ChildText(const xmlNode* n, std::string_view name) { return Text(Child(n, name)); }

std::string AttributeOf(const xmlNode* n, std::string_view name) {
  if (!n) return {};
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    const std::string_view attr = a->name ? reinterpret_cast<const char*>(a->name) : "";
    // "dsq:id" stays the attribute's whole name when the export forgot to declare its prefix.
    const std::size_t colon = attr.rfind(':');
    if ((colon == std::string_view::npos ? attr : attr.substr(colon + 1)) == name) {
      std::string out;
      for (const xmlNode* c = a->children; c; c = c->next) {
        if (c->content) out += reinterpret_cast<const char*>(c->content);
      }
      return out;
    }
  }
  return {};
}

bool IsTrue(std::string_view s) {
  const std::string_view v = text::TrimAscii(s);
  return text::EqualsIgnoreCase(v, "true") || v == "1";
}

}  // namespace palabre::import
