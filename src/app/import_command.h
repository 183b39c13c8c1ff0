// `palabre import`: reads a publisher's history as JSON Lines and loads it (service/import).
//
// Format, one JSON object per line: optionally {"type":"thread","id":"article-1","title":"…",
// "body":"…"} before a thread's comments, then {"id","thread","parent","author","text",
// "created_at"} per comment (RFC 3339 time; id and parent are the source's ids). Malformed
// lines are reported with their line number on `err` and skipped; the rest is imported.
#pragma once

#include <iosfwd>
#include <string>

#include "service/import_service.h"
#include "store/store.h"

namespace palabre::app {

struct ImportReport {
  service::ImportCounts counts;
  std::int64_t bad_lines = 0;
};

// kUnknownSite if the site does not exist; otherwise OK with the report, even with bad lines.
Result<ImportReport> ImportJsonLines(store::Store& store, const std::string& site_id,
                                     std::istream& in, std::ostream& err);

}  // namespace palabre::app
