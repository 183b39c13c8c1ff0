// The console's imports (docs/API.md, "Imports"; docs/IMPORT.md, "From the console"), behind
// AdminGuard, for the site's admins (service/import_jobs.h):
//   POST /api/v1/admin/sites/{site}/imports   body: the export file as it is (gzipped or not)
//        ?format=disqus|wxr|remark42|isso|commento|jsonl (default: detected)
//        &thread_key=id|url|path &map=OLD=NEW (repeatable) &moderate=report|apply
//        → 200 {"upload":Upload,"job":Job} once its analysis (a dry run) ended, or 202 with
//        the job still running (poll GET …/imports). The route takes bodies up to the server's
//        import limit (`--max-import-bytes`), larger than the others'.
//   POST /api/v1/admin/sites/{site}/imports/{id}/confirm → 202 {"job":Job}: the import of
//        that upload starts, with the options it was analysed with
//   GET  /api/v1/admin/sites/{site}/imports   → {"job":Job|null}: the site's latest job
// Upload: {"id","format","bytes","expires_at"}. Job: {"upload","dry_run","state":
// "running"|"done"|"failed","done","total","started_at","finished_at"|null,"report"?:the
// object `palabre import --json` prints,"error"?:{"code","message","detail"}}.
// Thread-safe.
#pragma once

#include <chrono>

#include "http/message.h"
#include "service/auth_service.h"
#include "service/import_jobs.h"

namespace palabre::http::handlers {

class AdminImportHandler {
 public:
  // The upload waits up to `analysis_wait` for its analysis, so that a small file's report
  // comes with the answer; keep it well under the request budget.
  explicit AdminImportHandler(service::ImportJobs& jobs,
                              std::chrono::milliseconds analysis_wait = std::chrono::seconds(1))
      : jobs_(jobs), analysis_wait_(analysis_wait) {}

  void Upload(Request& req, Response& res, const service::Authenticated& who);
  void Confirm(Request& req, Response& res, const service::Authenticated& who);
  void State(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::ImportJobs& jobs_;
  std::chrono::milliseconds analysis_wait_;
};

}  // namespace palabre::http::handlers
