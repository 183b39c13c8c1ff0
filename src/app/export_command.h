// `palabre export`: a whole site (or one thread) as palabre's JSON Lines (app/history_jsonl.h),
// paged through the store (store/export_store.h) so that memory stays bounded, to standard
// output or a file (gzipped when its name ends in .gz). `palabre import --format jsonl` of the
// file into a new site restores it exactly; RestoreSiteLines is the part of that restore that
// is not comments (the site's settings and its bans). docs/EXPORT.md is the user's guide.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace palabre::app {

struct ExportCommand {
  std::string db = "palabre.db";
  std::string site;
  std::string thread;  // a thread's key: only it (and the site's lines); empty: every thread
  std::string output;  // empty or "-": standard output
  CLI::App* command = nullptr;
};

// Declares `palabre export` on `app`; `cmd` must outlive the parse.
void AddExportCommand(CLI::App& app, ExportCommand& cmd);

// Runs it if it was parsed: 0 on success, 1 on an error; -1 if it was not parsed.
int RunExportCommand(const ExportCommand& cmd);

// Writes the site's lines to `write` (one line, without its newline, per call; false stops the
// export with kInternal): every thread (by id) followed by its comments (by id: parents before
// replies), its votes (by comment, then voter) and reports (by id), then the site's bans
// (oldest first) and the site's own line (its settings). A comment's
// id in the export is the id it was imported with, if any, else palabre's id (made unique against
// imported ids). `thread_key` not empty: that thread only (kUnknownThread). kUnknownSite.
struct ExportCounts {
  std::int64_t threads = 0;
  std::int64_t comments = 0;
  std::int64_t votes = 0;
  std::int64_t reports = 0;
  std::int64_t bans = 0;
};
Result<ExportCounts> ExportSite(store::Store& store, const std::string& site_id,
                                const std::string& thread_key,
                                const std::function<bool(std::string_view)>& write);
// The same into a file (gzipped when its name ends in .gz; "" or "-": standard output), closed
// and checked before it returns. kInternal when it cannot be written completely.
Result<ExportCounts> ExportSiteToFile(store::Store& store, const std::string& site_id,
                                      const std::string& thread_key, const std::string& path);

struct SiteRestore {
  bool site = false;          // the site's line was applied
  std::int64_t bans = 0;      // bans added
  std::int64_t skipped = 0;   // bans already there
  std::int64_t votes = 0;     // votes restored (or already there)
  std::int64_t reports = 0;   // reports restored (or already there)
  std::int64_t orphaned = 0;  // votes and reports whose comment was not imported
};

// The lines of an export file that are not threads or comments, applied to `site_id` once the
// comments are in: the site's name, origins, locale, time zone, settings (and its salt when
// `with_salt`: a new site, whose stored client hashes are the export's), each ban not already
// there, and every vote and report as it was (on the comment imported with that export id).
// The file may be gzipped.
// kUnknownSite; kInvalidArgument when the file cannot be read.
Result<SiteRestore> RestoreSiteLines(store::Store& store, const std::string& site_id,
                                     const std::string& path, bool with_salt);

}  // namespace palabre::app
