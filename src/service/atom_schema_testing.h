// Test support: validates an Atom document against RFC 4287's schema as palabre's tests write
// it (src/service/testdata/atom.rng, RELAX NG) with libxml2's validator, plus the rules the RFC
// states across elements that the schema leaves out. Header-only, used by the service's tests
// and the HTTP integration tests. Test-only.
#pragma once

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace palabre::service {

inline std::string AtomSchemaPath() {
#ifdef PALABRE_SOURCE_DIR
  std::string root = PALABRE_SOURCE_DIR;
#else
  const char* env = std::getenv("PALABRE_SOURCE_DIR");
  std::string root = env != nullptr ? env : ".";
#endif
  return root + "/src/service/testdata/atom.rng";
}

// Appends libxml2's error `e` to the std::string `ctx`.
inline void AtomSchemaCollect(void* ctx, xmlErrorPtr e) {
  auto* out = static_cast<std::string*>(ctx);
  out->append("line ").append(std::to_string(e->line)).append(": ");
  out->append(e->message != nullptr ? e->message : "?");
}

// "" when `xml` is a well-formed Atom document valid under the schema and every atom:entry
// without atom:content has a link; else what is wrong.
inline std::string AtomSchemaErrors(std::string_view xml) {
  std::string errors;
  xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(AtomSchemaPath().c_str());
  xmlRelaxNGPtr schema = pctx != nullptr ? xmlRelaxNGParse(pctx) : nullptr;
  if (pctx != nullptr) xmlRelaxNGFreeParserCtxt(pctx);
  if (schema == nullptr) return "cannot read the schema " + AtomSchemaPath();
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "feed.atom", "utf-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) {
    xmlErrorPtr e = xmlGetLastError();
    errors = std::string("not well-formed: ") + (e != nullptr && e->message ? e->message : "?");
  } else {
    xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctx, AtomSchemaCollect, &errors);
    const int rc = xmlRelaxNGValidateDoc(vctx, doc);
    if (rc != 0 && errors.empty()) errors = "invalid";
    xmlRelaxNGFreeValidCtxt(vctx);
    // RFC 4287, 4.1.1: an entry without atom:content has a link rel="alternate".
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "entry") != 0) continue;
      bool content = false, alternate = false;
      for (xmlNodePtr c = n->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, BAD_CAST "content") == 0) content = true;
        if (xmlStrcmp(c->name, BAD_CAST "link") == 0) {
          xmlChar* rel = xmlGetProp(c, BAD_CAST "rel");
          if (rel == nullptr || xmlStrcmp(rel, BAD_CAST "alternate") == 0) alternate = true;
          xmlFree(rel);
        }
      }
      if (!content && !alternate) errors += "an entry has neither content nor alternate link";
    }
    xmlFreeDoc(doc);
  }
  xmlRelaxNGFree(schema);
  return errors;
}

}  // namespace palabre::service
