// ImportRun: one `palabre import` of another system's export, in two passes over the file.
// The first builds the plan (import/plan.h: thread keys, parents, tombstones, states — the
// dry run's report); the second writes, through ImportService, each comment after its parent
// (a reply found before its parent waits for it in memory; only those do), placeholder
// tombstones for missing parents, and runs every comment that would be published through the
// moderation pipeline: `report` counts what the site's settings would have held or rejected,
// by reason, and changes nothing; `apply` gives those comments that state, with the decision
// kept for moderators. A dry run reads both passes and writes nothing.
//
// Idempotent: a comment already imported (same source id) is counted and left as it is, so an
// interrupted import is finished by running it again. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/status.h"
#include "import/plan.h"
#include "import/reader.h"
#include "moderation/decision.h"
#include "store/store.h"

namespace palabre::service {

enum class ImportModeration {
  kReport,  // evaluate, count, change nothing (the default)
  kApply,   // evaluate and give the comment the decision's state
  kOff,     // no evaluation (palabre's own exports: their states are already palabre's)
};

struct ImportOptions {
  import::IdentityOptions identity;
  ImportModeration moderation = ImportModeration::kReport;
  bool dry_run = false;
  bool strict = false;  // the first malformed element stops the import (kInvalidArgument)
  // A restore of palabre's own export (`palabre export`): deleted leaves are kept (as the
  // tombstones they were), every thread is created in the export's order even without comments,
  // with its time and closed state, and what the export says of each comment (client hash,
  // decision, review mark, edit time) is written as it is.
  bool exact = false;
  // A dry run of an import that replaces the site's content: what the site has now does not
  // count (nothing is "already imported", every thread is new).
  bool assume_empty = false;
  // Called every `progress_every` comments of the second pass with (done, total).
  std::function<void(std::int64_t, std::int64_t)> progress;
  std::int64_t progress_every = 1000;
};

struct ImportModerationReport {
  std::int64_t evaluated = 0;
  std::int64_t publish = 0;
  std::int64_t review = 0;
  std::int64_t hold = 0;
  std::int64_t reject = 0;
  std::map<std::string, std::int64_t> by_code;  // reason code -> comments with it
};

struct ImportResult {
  import::PlanReport plan;
  ImportModerationReport moderation;
  std::int64_t threads_created = 0;
  std::int64_t comments_written = 0;  // placeholders and tombstones included
  std::int64_t already_imported = 0;  // found from an earlier run: left as they are
  std::int64_t cycles_broken = 0;     // replies in a parent cycle, put under a placeholder
  std::int64_t invalid = 0;           // refused by palabre's rules (key, text too long, …)
  std::vector<std::string> invalid_examples;  // the first 20, with the comment's id
};

// Opens a new reader over the same input (called once per pass).
using ReaderFactory = std::function<Result<std::unique_ptr<import::Reader>>()>;

// kUnknownSite; kInvalidArgument when the input cannot be read (or, with strict, has a
// malformed element); a store error stops the import (what was written stays, and running it
// again goes on from there). `moderator` may be null (then nothing is evaluated).
Result<ImportResult> RunImport(store::Store& store, moderation::Moderator* moderator,
                               const std::string& site_id, const ReaderFactory& open,
                               const ImportOptions& options);

}  // namespace palabre::service
