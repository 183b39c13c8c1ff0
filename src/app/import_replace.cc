#include "app/import_replace.h"

#include <ctime>
#include <filesystem>
#include <istream>
#include <ostream>
#include <system_error>

namespace palabre::app {

std::string DefaultBackupPath(const std::string& site, TimestampMs now) {
  const std::time_t seconds = static_cast<std::time_t>(now / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return "palabre-backup-" + site + "-" + stamp + ".jsonl.gz";
}

Result<ReplaceDone> ReplaceSiteContent(store::Store& store, const ReplaceRequest& request,
                                       TimestampMs now, bool interactive, std::istream& answer,
                                       std::ostream& prompt) {
  ReplaceDone done;
  if (request.dry_run) {
    auto counts = ExportSite(store, request.site, "", [](std::string_view) { return true; });
    if (!counts.ok()) return counts.status();
    done.before = *counts;
    return done;
  }
  done.backup = request.backup.empty() ? DefaultBackupPath(request.site, now) : request.backup;
  auto counts = ExportSiteToFile(store, request.site, "", done.backup);
  if (!counts.ok()) {
    std::error_code ignored;
    std::filesystem::remove(done.backup, ignored);  // an incomplete backup is no backup
    return counts.status();
  }
  done.before = *counts;
  if (!request.yes) {
    if (!interactive) {
      return Status(Error::kInvalidArgument, "--replace deletes the site's " +
                                                 std::to_string(counts->comments) +
                                                 " comments: confirm with --yes");
    }
    prompt << "palabre: --replace deletes the " << counts->threads << " threads and "
           << counts->comments << " comments of site " << request.site
           << " (backup: " << done.backup << ").\nType the site's id to go on: " << std::flush;
    std::string typed;
    std::getline(answer, typed);
    if (typed != request.site) {
      return Status(Error::kInvalidArgument, "not confirmed: nothing deleted");
    }
  }
  auto deleted = store.DeleteSiteContent(request.site);
  if (!deleted.ok()) return deleted.status();
  done.deleted = *deleted;
  return done;
}

}  // namespace palabre::app
