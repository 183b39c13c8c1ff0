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
// replies), then the site's bans (oldest first) and the site's own line (its settings). A comment's
// id in the export is the id it was imported with, if any, else palabre's id (made unique against
// imported ids). `thread_key` not empty: that thread only (kUnknownThread). kUnknownSite.
Status ExportSite(store::Store& store, const std::string& site_id, const std::string& thread_key,
                  const std::function<bool(std::string_view)>& write);

struct SiteRestore {
  bool site = false;         // the site's line was applied
  std::int64_t bans = 0;     // bans added
  std::int64_t skipped = 0;  // bans already there
};

// The site's and bans' lines of an export file, applied to `site_id`: its name, origins,
// locale, time zone, settings (and its salt when `with_salt`: a new site, whose stored client
// hashes are the export's), then each ban not already there. The file may be gzipped.
// kUnknownSite; kInvalidArgument when the file cannot be read.
Result<SiteRestore> RestoreSiteLines(store::Store& store, const std::string& site_id,
                                     const std::string& path, bool with_salt);

}  // namespace palabre::app
