// Train: builds the classifier's fastText model from labelled comments (dataset.h).
//
// Reads every data file, preprocesses each text with PreprocessText (preprocess.h, the same
// function inference uses), shuffles the rows with a fixed seed, writes them in fastText's
// format ("__label__hate <text>") to a work directory, trains a supervised model with
// fastText's C++ API (word bigrams, character n-grams for informal spelling) and, if asked,
// quantises it (cutoff, qnorm, retrain) into a small .ftz. With threads = 1 the result is the
// same file for the same data and options. Blocking, CPU-bound; call it from one thread (it
// may use `threads` threads internally). The work directory is removed afterwards unless
// the caller named it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "moderation/classifier/dataset.h"

namespace palabre::moderation::classifier {

enum class LossKind { kSoftmax, kOneVsAll };

struct TrainOptions {
  std::vector<std::string> data_paths;  // TSV or JSONL files (dataset.h), read in order
  std::vector<LabelledRow> rows;        // more rows given in memory (tests)
  // Rows left out: "mlma" drops every row of that source, "mlma:toxic" only its toxic rows.
  std::vector<std::string> exclude;
  std::string output_path;  // model file written (quantised if `quantize`)
  std::string work_dir;     // empty: a fresh temporary directory, removed after

  // fastText hyper-parameters (supervised). The defaults are those of the shipped model,
  // chosen on the dev splits (docs/MODERATION.md).
  LossKind loss = LossKind::kOneVsAll;
  int dim = 50;
  int epoch = 15;
  double lr = 0.5;
  int word_ngrams = 2;
  int minn = 2;
  int maxn = 5;
  int bucket = 200000;
  int min_count = 1;
  int threads = 1;
  int seed = 1;
  // Rows of a label with fewer than this many rows are repeated until they reach it (after
  // the shuffle), so that rare labels (threat) weigh more. 0: no repetition.
  std::size_t min_rows_per_label = 0;

  // Quantisation (fastText's `quantize`), when `quantize` is set.
  bool quantize = true;
  std::size_t cutoff = 40000;  // keep this many input rows (words and n-grams)
  bool qnorm = true;
  bool retrain = true;
  int retrain_epoch = 5;
  double retrain_lr = 0.1;
  int dsub = 2;

  bool verbose = false;  // fastText's progress on stderr
};

// What training saw, for the command's report.
struct TrainSummary {
  std::size_t rows = 0;                     // after repetition
  std::vector<std::size_t> rows_per_label;  // indexed by Index(label), before repetition
  std::uintmax_t model_bytes = 0;
};

// kInvalidArgument for unreadable or malformed data files, no rows or no output path;
// kInternal when fastText fails (the message says why) or the work files cannot be written.
// The output file is written only on success.
Result<TrainSummary> Train(const TrainOptions& options);

}  // namespace palabre::moderation::classifier
