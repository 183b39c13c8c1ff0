// The one interface of import readers (Disqus, WordPress WXR, Remark42, Isso, Commento,
// palabre's JSON Lines): a pull parser that hands out one Record at a time, in the export's
// order, in bounded memory, and reports what it cannot read without stopping. `OpenReader`
// is the factory; `DetectFormat` names the format from a file's first bytes.
//
// A reader reads its input once; the importer reads a file twice (import/plan.h, then the
// writing pass), so it opens two readers. Readers are not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "import/record.h"

namespace palabre::import {

enum class Format { kDisqus, kWxr, kRemark42, kIsso, kCommento, kJsonl };

std::string_view ToString(Format f);
std::optional<Format> ParseFormat(std::string_view name);  // "disqus", "wxr", …

// What one call of Reader::Next did.
struct Step {
  enum Kind {
    kRecord,   // `out` holds the next record
    kOmitted,  // an element left out on purpose (a WordPress pingback): `text` says what
    kSkipped,  // an element that cannot be read: `text` says where and why ("line 12: <post>
               // without dsq:id"); counted, and an error with --strict
    kEnd,
  } kind = kEnd;
  std::string text;
};

class Reader {
 public:
  Reader() = default;
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  virtual ~Reader() = default;

  // The next record into `out`. An element that cannot be read is skipped and said (kSkipped);
  // an input that cannot be read any further (not the format, broken XML, a read error) is an
  // error: kInvalidArgument with the position in the message.
  virtual Result<Step> Next(Record& out) = 0;
};

// Limits every reader applies; an element over them is skipped and said.
inline constexpr std::size_t kMaxTextBytes = 256 * 1024;  // one comment's text or HTML
inline constexpr std::size_t kMaxFieldBytes = 4 * 1024;   // an id, a name, a URL, a title

// Opens `path` (a regular file; Isso's is an SQLite database) with the reader of `format`.
// kInvalidArgument if the file cannot be opened as that format.
Result<std::unique_ptr<Reader>> OpenReader(Format format, const std::string& path);

// The reader of `format` over bytes in memory (tests and fuzz targets; not Isso).
std::unique_ptr<Reader> ReaderFromMemory(Format format, std::string bytes);

// The format of a file whose first bytes are `head` (up to 4 KiB; of the decompressed content
// when the caller can read gzip, as `palabre import` does): gzip → Remark42, SQLite →
// Isso, <disqus → Disqus, <rss with the WordPress export namespace → WXR, a JSON object with
// "comments" → Commento, a JSON object per line → JSON Lines. nullopt if none matches.
std::optional<Format> DetectFormat(std::string_view head);

}  // namespace palabre::import
