// `palabre train` and `palabre eval`: build the toxicity classifier's model and measure it.
//
// RunTrain reads labelled TSV/JSONL files (moderation/classifier/dataset.h), trains and
// quantises the fastText model (moderation/classifier/trainer.h) with the hyper-parameters of
// `train` (defaults: those of the shipped models/toxicity_fr.ftz, docs/MODERATION.md), writes
// it to `train.output_path`, then evaluates it on every `dev` file like RunEval. RunEval loads
// a model and prints, per file: per-label precision, recall, F1 and ROC-AUC (and the not-ok
// ROC-AUC of each source), the confusion matrix, what the toxicity check
// (moderation/checks/toxicity_check.h) with its default thresholds would do with each true
// label (publish, hold, reject), and what the whole pipeline decides by category
// (app/pipeline_eval.h): legitimate comments stopped, recall of each hostile category. Figures go
// to `out`, progress and errors to `err`; never a comment's text.
//
// With `from_decisions` (`palabre train --from-decisions --site S`), RunTrain also reads the
// site's moderator decisions from the store (app/decision_data.h), adds the training part to
// the rows (each decision `weight` times, published comments once), and after training measures
// the new model and the current one (`baseline_path`) on the same held-out sets — every dev file
// and the held-out decisions — printing them side by side with a verdict per set and a
// recommendation (CompareModels).
//
// Both return the process exit code: 0 on success, 1 when a file cannot be read or training
// fails, 2 on a usage error (no data, no output, no model). Not thread-safe (one command per
// process).
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/decision_data.h"
#include "moderation/checks/toxicity_check.h"
#include "moderation/classifier/evaluation.h"
#include "moderation/classifier/trainer.h"

namespace palabre::app {

struct FromDecisionsOptions {
  bool enabled = false;              // --from-decisions
  std::string site;                  // --site
  std::string db = "palabre.db";     // --db: a store URL (store::OpenStore)
  store::Store* store = nullptr;     // tests: read this store instead of opening `db`
  int weight = 3;                    // --decision-weight: repetitions of each decision
  std::size_t max_published = 5000;  // --max-published
  int holdout_percent = 20;          // --holdout
  std::string baseline_path;  // --baseline; empty: the model `palabre serve` loads by default
};

struct TrainCommandOptions {
  moderation::classifier::TrainOptions train;  // data_paths (--data), output_path (--out), ...
  std::vector<std::string> dev_paths;          // --dev: evaluated after training
  FromDecisionsOptions decisions;
  std::ostream* out = nullptr;  // figures; null: std::cout
  std::ostream* err = nullptr;  // progress and errors; null: std::cerr
};

struct EvalCommandOptions {
  std::string model_path;               // --model
  std::vector<std::string> data_paths;  // --data, one report each
  // --moderation-config: settings of the whole-pipeline figures, the file `serve
  // --moderation-config` reads (`key = value` lines); empty: the defaults.
  std::string moderation_config_path;
  moderation::ToxicityThresholds thresholds;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

int RunTrain(const TrainCommandOptions& options);
int RunEval(const EvalCommandOptions& options);

// What the toxicity check decides for the rows of one file, by true label.
struct DecisionTable {
  // counts[Index(true label)][0, 1, 2] = published, held, rejected.
  std::array<std::array<std::size_t, 3>, moderation::classifier::kLabelCount> counts{};
  std::string ToText() const;
};

DecisionTable Decide(const moderation::ToxicityCheck& check,
                     const std::vector<moderation::classifier::LabelledRow>& rows);

// One model's figures on one held-out set.
struct ModelFigures {
  double macro_f1 = 0.0;
  double not_ok_auc = -1.0;
  std::size_t legitimate = 0;       // rows labelled ok
  std::size_t legitimate_held = 0;  // of those, held or rejected by the toxicity check
  std::size_t hostile = 0;          // rows of any other label
  std::size_t hostile_stopped = 0;  // of those, held or rejected
  double FalseHoldRate() const;     // legitimate_held / legitimate (0 without legitimate rows)
};

ModelFigures Figures(const moderation::classifier::EvalReport& report, const DecisionTable& table);

// The current and the new model on the same set.
struct Comparison {
  std::string set;
  std::size_t rows = 0;
  ModelFigures current;
  ModelFigures next;
  // Macro F1 within ±0.005 and false-hold rates within ±0.5 point count as the same.
  enum class Verdict { kBetter, kSame, kWorse };
  Verdict MacroF1() const;
  Verdict FalseHolds() const;
  // The side-by-side table and its "verdict:" line.
  std::string ToText() const;
};

// "recommendation: switch …" when the new model is worse on no set in either measure and
// better on at least one; "recommendation: keep the current model …" otherwise (naming why).
std::string Recommend(const std::vector<Comparison>& comparisons, const std::string& new_model);

}  // namespace palabre::app
