// Pipeline: the Moderator (moderation/decision.h) that runs palabre's checks in order.
//
// For each comment the pipeline normalises the text and computes its fingerprint once
// (moderation/normalize.h, fingerprint.h), then runs the site's ordered list of checks, built
// by MakeDefaultChecks from the site's ModerationConfig (moderation/config.h). It keeps every
// reason of every check and applies the most severe action (pass < flag < review < hold <
// reject: a review publishes unless another check holds or rejects); scores are merged by
// maximum, retry_after_s too. Gates (empty, length, flood) come first: a reject there ends the
// run, so a flood costs little and the reasons are the gate's; from then on every check runs.
//
// The pipeline owns time budgets and counters, per check, keyed by Name(): each Run is timed
// (steady clock); over its budget, or reporting failure (Verdict::failed), a check adds a
// kFlag reason with code `check_unavailable` (and a warning in the log, never the text): a
// comment is never passed unseen. A check that finished late keeps its own findings.
//
// Record feeds the in-memory History (moderation/history.h) that flood and duplicate read.
//
// Time: a new comment (id 0) is judged at its created_at when set (so `palabre moderate` can
// replay old comments), else at the clock's now; an edit (id set) at the clock's now.
//
// Thread-safe: Evaluate, Analyze and Record may be called from any number of threads, and
// Reconfigure from any thread at the same time: a run keeps the list it started with (shared
// ownership), the swap takes a short lock, and lists are built outside it. Create and
// Reconfigure fail (kInvalidArgument) if a site's list cannot be built (a malformed site
// term...). The toxicity model is loaded once per file and shared by every list.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "moderation/check.h"
#include "moderation/config.h"
#include "moderation/decision.h"
#include "moderation/history.h"

namespace palabre::moderation {

// Where a check stands in the list (see above: a reject by a gate ends the run).
enum class Stage { kGate, kFastPath, kContent };

struct CheckSlot {
  Stage stage = Stage::kContent;
  int budget_us = 0;  // 0: ModerationConfig::pipeline.budget_us
  std::unique_ptr<Check> check;
};

// The toxicity model to load: `configured` if set, else $PALABRE_MODEL, else
// models/toxicity_fr.ftz under the working directory, else the one in the source tree the
// binary was built from.
std::string ToxicityModelPath(const std::string& configured);

// The ordered list of the checks enabled in `config`, one line per check in pipeline.cc.
Result<std::vector<CheckSlot>> MakeDefaultChecks(const ModerationConfig& config);

// Counters of one check (all sites), since the pipeline was built.
struct CheckStats {
  std::string name;
  std::uint64_t runs = 0;
  std::uint64_t flags = 0;  // verdicts by action
  std::uint64_t reviews = 0;
  std::uint64_t holds = 0;
  std::uint64_t rejects = 0;
  std::uint64_t over_budget = 0;
  std::uint64_t failures = 0;
  std::uint64_t total_ns = 0;  // wall-clock time spent in Run
  std::uint64_t max_ns = 0;
};

class Pipeline final : public Moderator {
 public:
  // The default lists of every configured site (MakeDefaultChecks), the defaults for others.
  static Result<std::unique_ptr<Pipeline>> Create(const ModerationConfigs& configs,
                                                  const Clock& clock);

  // One given list for every site (tests, tools). `config` gives the pipeline's budget and the
  // history's windows.
  Pipeline(std::vector<CheckSlot> checks, const ModerationConfig& config, const Clock& clock);
  ~Pipeline() override;

  Decision Evaluate(const Site& site, const Thread& thread, const Comment& comment) override;
  // Stored comments (published or held) go into the history; rejected or deleted ones do not.
  void Record(const Site& site, const Comment& comment, const Decision* judged) override;

  // The decision for a comment without recording anything (POST /api/v1/analyze). Same as
  // Evaluate; a comment without author or client hash is not checked for flood, and for
  // duplicates only against other authors' long comments.
  Decision Analyze(const Site& site, const Thread& thread, const Comment& comment) const;

  // Replaces the list of `site_id` by MakeDefaultChecks(config) (the site's settings changed).
  // Comments being evaluated finish with the old list. The history keeps the windows it was
  // created with. kInvalidArgument if the list cannot be built; the old list stays then.
  Status Reconfigure(std::string_view site_id, const ModerationConfig& config);

  std::vector<CheckStats> Stats() const;
  const History& history() const { return *history_; }

 private:
  struct Counters;
  struct Entry {
    Stage stage;
    std::int64_t budget_ns;
    std::unique_ptr<Check> check;
    Counters* counters;
  };
  struct SiteList {
    std::vector<Entry> entries;
  };

  Pipeline(const ModerationConfigs& configs, const Clock& clock);
  std::shared_ptr<const SiteList> MakeList(std::vector<CheckSlot> checks,
                                           const ModerationConfig& config);
  // The site's list, shared: it stays alive for the run even if Reconfigure replaces it.
  std::shared_ptr<const SiteList> ListFor(std::string_view site_id) const;
  TimestampMs NowFor(const Comment& comment) const;

  const Clock& clock_;
  std::unique_ptr<History> history_;
  mutable Mutex counters_mu_;
  std::map<std::string, std::unique_ptr<Counters>, std::less<>> counters_
      GUARDED_BY(counters_mu_);  // Counters themselves are atomics, never removed
  mutable Mutex lists_mu_;       // held only to copy or swap a pointer
  std::shared_ptr<const SiteList> defaults_ GUARDED_BY(lists_mu_);
  std::map<std::string, std::shared_ptr<const SiteList>, std::less<>> sites_ GUARDED_BY(lists_mu_);
};

// Author identity as the history keys it: hashes of the folded name and of the client hash.
Author AuthorOf(const Comment& comment);

}  // namespace palabre::moderation
