#include "import/xml_pull.h"

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

}  // namespace

XmlPull::XmlPull(std::string bytes, xmlTextReaderPtr reader)
    : bytes_(std::move(bytes)), reader_(reader) {}

XmlPull::~XmlPull() {
  if (reader_) xmlFreeTextReader(reader_);
}

std::unique_ptr<XmlPull> XmlPull::OpenFile(const std::string& path) {
  xmlTextReaderPtr r = xmlReaderForFile(path.c_str(), nullptr, kOptions);
  if (!r) return nullptr;
  auto pull = std::unique_ptr<XmlPull>(new XmlPull({}, r));
  xmlTextReaderSetStructuredErrorHandler(r, OnError, &pull->error_);
  return pull;
}

std::unique_ptr<XmlPull> XmlPull::FromMemory(std::string bytes) {
  auto pull = std::unique_ptr<XmlPull>(new XmlPull(std::move(bytes), nullptr));
  pull->reader_ = xmlReaderForMemory(pull->bytes_.data(), static_cast<int>(pull->bytes_.size()),
                                     nullptr, nullptr, kOptions);
  if (!pull->reader_) return nullptr;
  xmlTextReaderSetStructuredErrorHandler(pull->reader_, OnError, &pull->error_);
  return pull;
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
    if (a->name && std::string_view(reinterpret_cast<const char*>(a->name)) == name) {
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
