// ImportJobs: imports started from the moderator console (docs/IMPORT.md, "From the console").
// An uploaded export is kept in a private temporary file (mode 0600; an import reads its input
// twice, and Isso's is an SQLite file), analysed at once (a dry run: the report of
// `palabre import --dry-run --json`), then imported when a moderator confirms, from the same
// file, with the same options. Each analysis or import is a job run on a thread of its own,
// at most one per site at a time (kImportRunning), that reports its progress (comments done of
// the total) and, at the end, its report or its error.
//
// Uploads expire (`upload_ttl_ms`, an hour by default) and are then deleted (looked for every
// `sweep_every` on a thread of this object's, and at each call), as they are once imported; at most
// `max_uploads` are kept on the node at once (kTooManyUploads). A failed import keeps its upload:
// confirming again goes on from where it stopped (imports are idempotent). Starting an import and
// reading its state need the role that changes the site's settings (admin: kForbidden otherwise);
// kUnknownUpload for an id that is not (or no longer) one of the site's uploads.
//
// Stop refuses new work (kUnavailable), waits for the running jobs to end (an import is not
// interrupted halfway) and deletes every upload; the destructor calls it. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "import/reader.h"
#include "import/thread_identity.h"
#include "moderation/decision.h"
#include "service/import_run.h"
#include "store/store.h"

namespace palabre::service {

// What `palabre import` takes on its command line, for one upload.
struct ImportRequest {
  std::optional<import::Format> format;  // nullopt: told from the file's first bytes
  import::IdentityOptions identity;
  // Moderation of what would be published: nullopt is `palabre import`'s default (report,
  // none for palabre's JSON Lines).
  std::optional<ImportModeration> moderation;
};

// The options as `palabre import` spells them, "" for the default: format (disqus, wxr,
// remark42, isso, commento, jsonl), thread_key (id, url, path), maps ("OLD=NEW"), moderate
// (report, apply). kInvalidArgument naming the option first ("thread_key: id, url or path").
Result<ImportRequest> ParseImportRequest(std::string_view format, std::string_view thread_key,
                                         const std::vector<std::string_view>& maps,
                                         std::string_view moderate);

// "disqus", "wxr", …
std::string_view FormatName(import::Format format);

struct ImportUpload {
  std::string id;  // 22 URL-safe characters
  import::Format format = import::Format::kDisqus;
  std::uint64_t bytes = 0;
  TimestampMs expires_at = 0;
};

struct ImportJobState {
  enum class Phase { kRunning, kDone, kFailed };
  std::string upload_id;
  bool dry_run = true;
  Phase phase = Phase::kRunning;
  std::int64_t done = 0;  // comments of the writing pass (ImportOptions::progress)
  std::int64_t total = 0;
  TimestampMs started_at = 0;
  TimestampMs finished_at = 0;  // 0 while running
  // Done: the report (service/import_report.h, plus "site" for a JSON Lines restore).
  boost::json::object report;
  Status error;  // failed: why
};

class ImportJobs {
 public:
  struct Options {
    std::string dir;  // where uploads are kept; empty: the system's temporary directory
    std::size_t max_uploads = 8;
    std::int64_t upload_ttl_ms = 3600 * 1000;
    std::chrono::milliseconds sweep_every = std::chrono::minutes(1);
  };
  // Opens a reader of `format` over the file at `path` (default: import::OpenReader; the app
  // gives one that also reads palabre's JSON Lines).
  using Opener =
      std::function<Result<std::unique_ptr<import::Reader>>(import::Format, const std::string&)>;
  // After a JSON Lines import that wrote: restores the site's lines of the file (settings, bans;
  // `new_site`: the site had no thread before) and says what it did, answered as "site".
  using Restore = std::function<Result<boost::json::object>(
      const std::string& site_id, const std::string& path, bool new_site)>;
  // After an import that wrote something (caches to drop). Called on the job's thread.
  using Imported = std::function<void(const std::string& site_id)>;
  struct Hooks {
    Opener open;
    Restore restore;
    Imported imported;
  };

  // `moderator` may be null (nothing evaluated). Everything must outlive this object.
  ImportJobs(store::Store& store, moderation::Moderator* moderator, const Clock& clock,
             Options options, Hooks hooks = {});
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Keeps `bytes` as an upload of `site_id` and starts its analysis (a dry run). kInvalidArgument
  // for an empty file, kImportFormatUnknown if its format cannot be told, kTooManyUploads,
  // kImportRunning if the site has a job running, kInternal if the file cannot be written.
  Result<ImportUpload> Upload(const User& user, std::string_view site_id, std::string_view bytes,
                              const ImportRequest& request);
  // Starts the import of an upload analysed before. kUnknownUpload, kImportRunning.
  Result<ImportJobState> Confirm(const User& user, std::string_view site_id,
                                 std::string_view upload_id);
  // The site's latest job (nullopt: none since the server started), after waiting up to
  // `wait` for it to end if it runs.
  Result<std::optional<ImportJobState>> State(
      const User& user, std::string_view site_id,
      std::chrono::milliseconds wait = std::chrono::milliseconds(0));

  void Stop();

  // For tests and metrics: uploads kept now (expired ones deleted first).
  std::size_t upload_count();

 private:
  struct Kept {
    std::string site_id;
    std::string path;
    ImportRequest request;
    ImportUpload info;
  };
  struct Job {
    ImportJobState state;
    std::thread thread;
  };

  void Run(std::string site_id, Kept upload, bool dry_run);
  void SweepLocked() REQUIRES(mu_);
  bool RunningLocked(const std::string& site_id) const REQUIRES(mu_);
  Status StartLocked(const std::string& site_id, const Kept& upload, bool dry_run) REQUIRES(mu_);

  store::Store& store_;
  moderation::Moderator* moderator_;
  const Clock& clock_;
  const Options options_;
  const Hooks hooks_;
  mutable Mutex mu_;
  std::condition_variable_any changed_;
  bool stopped_ GUARDED_BY(mu_) = false;
  std::map<std::string, Kept> uploads_ GUARDED_BY(mu_);               // by id
  std::map<std::string, std::unique_ptr<Job>> jobs_ GUARDED_BY(mu_);  // by site id
  std::thread sweeper_;  // deletes expired uploads until Stop
};

}  // namespace palabre::service
