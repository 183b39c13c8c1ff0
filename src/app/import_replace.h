// `palabre import --replace`: the one way an import deletes anything. Before the import, the
// site's current threads and comments (with their votes and reports) are written to a backup
// file — palabre's JSON Lines, gzipped, which `palabre import --format jsonl` restores — then
// the operator confirms by typing the site's id (or gave --yes), then they are deleted; the
// site, its settings, members, bans and keys stay. A dry run only counts what would go.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "app/export_command.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace palabre::app {

struct ReplaceRequest {
  std::string site;
  std::string backup;  // the backup file; empty: DefaultBackupPath
  bool yes = false;    // confirmed on the command line
  bool dry_run = false;
};

struct ReplaceDone {
  std::string backup;   // where the backup went ("" in a dry run)
  ExportCounts before;  // what the site had
  std::int64_t deleted = 0;
};

// "palabre-backup-SITE-20261207T031500Z.jsonl.gz" in the current directory.
std::string DefaultBackupPath(const std::string& site, TimestampMs now);

// Without `yes`, reads the confirmation from `answer` when `interactive` (after writing the
// question to `prompt`); not interactive, it refuses. kUnknownSite; kInvalidArgument when not
// confirmed (nothing deleted; the backup stays); kInternal when the backup cannot be written
// (nothing deleted).
Result<ReplaceDone> ReplaceSiteContent(store::Store& store, const ReplaceRequest& request,
                                       TimestampMs now, bool interactive, std::istream& answer,
                                       std::ostream& prompt);

}  // namespace palabre::app
