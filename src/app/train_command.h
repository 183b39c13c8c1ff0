// `palabre train` and `palabre eval`: build the toxicity classifier's model and measure it.
//
// RunTrain reads labelled TSV/JSONL files (moderation/classifier/dataset.h), trains and
// quantises the fastText model (moderation/classifier/trainer.h) with the hyper-parameters of
// `train` (defaults: those of the shipped models/toxicity_fr.ftz, docs/MODERATION.md), writes
// it to `train.output_path`, then evaluates it on every `dev` file like RunEval. RunEval loads
// a model and prints, per file: per-label precision, recall, F1 and ROC-AUC, the confusion
// matrix, and what the toxicity check (moderation/checks/toxicity_check.h) with its default
// thresholds would do with each true label (publish, hold, reject). Figures go to `out`,
// progress and errors to `err`; never a comment's text.
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

#include "moderation/checks/toxicity_check.h"
#include "moderation/classifier/evaluation.h"
#include "moderation/classifier/trainer.h"

namespace palabre::app {

struct TrainCommandOptions {
  moderation::classifier::TrainOptions train;  // data_paths (--data), output_path (--out), ...
  std::vector<std::string> dev_paths;          // --dev: evaluated after training
  std::ostream* out = nullptr;                 // figures; null: std::cout
  std::ostream* err = nullptr;                 // progress and errors; null: std::cerr
};

struct EvalCommandOptions {
  std::string model_path;               // --model
  std::vector<std::string> data_paths;  // --data, one report each
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

}  // namespace palabre::app
