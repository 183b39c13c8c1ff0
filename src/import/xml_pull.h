// A streaming XML reader for the XML exports (Disqus, WordPress WXR) over libxml2's
// xmlTextReader: the file is read once, front to back, and only the element being read is
// expanded in memory, so a gigabyte export takes the memory of its largest <thread>, <post> or
// <item>. Safe on hostile input: no network, no DTD (a document with one is refused: no entity
// expansion, no external entities), libxml2's own limits on text and depth. The control
// characters XML forbids (U+0000–U+001F but tab and line ends), which real exports hold, are
// read as spaces instead of stopping the import. Not thread-safe.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre::import {

// libxml2 sets up its globals lazily, and two threads using it for the first time at once race
// (imports run on threads of their own from the console): this does it once, before any parse.
// Called by XmlPull::Open and HtmlToMarkdown. Thread-safe.
void InitLibxml2();

class XmlPull {
 public:
  static std::unique_ptr<XmlPull> OpenFile(const std::string& path);
  static std::unique_ptr<XmlPull> FromMemory(std::string bytes);
  ~XmlPull();
  XmlPull(const XmlPull&) = delete;
  XmlPull& operator=(const XmlPull&) = delete;

  // Moves to the next start tag at `depth` (0: the root element) and returns it with its whole
  // subtree, or nullptr at the end of the document; the next call goes on after its end tag.
  // With `descend`, the element is returned without its children (its name, attributes and
  // namespaces only) and the next call goes on inside it (for the root). kInvalidArgument if
  // the XML is broken (with its line), or holds a DTD. The node lives until the next call.
  Result<const xmlNode*> NextElement(int depth, bool descend = false);
  // Line of the current node in the input (1-based), for messages.
  int line() const;

 private:
  struct Source;
  XmlPull();
  static std::unique_ptr<XmlPull> Open(std::unique_ptr<XmlPull> pull);
  Status Broken() const;

  std::unique_ptr<Source> source_;
  xmlTextReaderPtr reader_ = nullptr;
  std::string error_;          // libxml2's first error message
  bool skip_current_ = false;  // the current element was returned: step over its subtree
};

// Helpers over an expanded element.
std::string_view LocalName(const xmlNode* n);
// The first child element named `name` (local name, any namespace), or nullptr.
const xmlNode* Child(const xmlNode* n, std::string_view name);
// The text of the first child element named `name` ("" if none).
std::string ChildText(const xmlNode* n, std::string_view name);
// The text content of `n` (CDATA included).
std::string Text(const xmlNode* n);
// The attribute named `name` (local name, any namespace, or any prefix when the export did not
// declare it), "" if none.
std::string AttributeOf(const xmlNode* n, std::string_view name);
// "true"/"1" (any case, spaces trimmed).
bool IsTrue(std::string_view s);

}  // namespace palabre::import
