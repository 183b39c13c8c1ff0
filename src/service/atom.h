// Atom (RFC 4287) serialisation of a feed: the value types of a feed and its entries, and one
// pure writer that escapes every text for XML 1.0. Knows nothing of HTTP nor of the store
// (service/feed_service.h fills a Feed). Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace palabre::service {

struct AtomEntry {
  std::string id;      // absolute IRI (urn:uuid:...), stable for the comment
  std::string title;   // plain text
  std::string author;  // display name only
  std::string link;    // rel="alternate": the comment on its article page; "" for none
  std::string html;    // content type="html": the comment's sanitised rendering
  TimestampMs published = 0;
  TimestampMs updated = 0;
};

struct AtomFeed {
  std::string id;         // absolute IRI, stable for the feed
  std::string title;      // plain text
  std::string self;       // rel="self": the feed's own URL; "" for none
  std::string alternate;  // rel="alternate": the article or the site; "" for none
  TimestampMs updated = 0;
  std::vector<AtomEntry> entries;  // in the order given (newest first)
};

// The feed as an Atom document, UTF-8, with its XML declaration.
std::string WriteAtom(const AtomFeed& feed);

// `s` as XML 1.0 character data or attribute value: &, <, >, " and ' as entities; invalid
// UTF-8 and the characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
// replaced by U+FFFD. Appended to `out`.
void AppendXmlEscaped(std::string& out, std::string_view s);

// A name-based UUID URN (RFC 9562 version 8, from a keyed BLAKE2b of `name` with `key`):
// "urn:uuid:xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx". Same name and key, same URN.
std::string UuidUrn(std::string_view name, std::string_view key);

}  // namespace palabre::service
