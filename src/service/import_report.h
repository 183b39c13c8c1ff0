// The summary of an import as one JSON object: what `palabre import --json` prints and what the
// console's import routes answer (docs/IMPORT.md, "The report"), from RunImport's result, so
// that both say the same thing in the same words. Thread-safe (no state).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "service/import_run.h"

namespace palabre::service {

// {"format","dry_run","plan":{…},"moderation":{…},"written":{…}}.
boost::json::object ImportReportJson(const ImportResult& result, std::string_view format,
                                     bool dry_run);

}  // namespace palabre::service
