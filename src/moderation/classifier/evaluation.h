// Evaluate: how well a classifier (classifier.h) labels held-out comments.
//
// Per label: precision, recall and F1 of the top-1 prediction, and ROC-AUC one-vs-rest from the
// label's probability; the confusion matrix of true label × top-1 label; accuracy and macro F1
// over the labels present; and the binary "not ok" view (any label but ok) with its AUC from
// 1 - P(ok). Plain values; the functions are thread-safe (Predict is).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "moderation/classifier/classifier.h"
#include "moderation/classifier/dataset.h"
#include "moderation/classifier/labels.h"

namespace palabre::moderation::classifier {

struct LabelMetrics {
  Label label = Label::kOk;
  std::size_t support = 0;    // rows whose true label this is
  std::size_t predicted = 0;  // rows whose top-1 label this is
  std::size_t true_positives = 0;
  double precision = 0.0;  // 0 when nothing was predicted with this label
  double recall = 0.0;     // 0 when support is 0
  double f1 = 0.0;
  double auc = -1.0;  // ROC-AUC of P(label); -1 when the rows have no positive or no negative
};

struct EvalReport {
  std::size_t rows = 0;
  std::array<LabelMetrics, kLabelCount> labels{};  // indexed by Index(label)
  // confusion[Index(true)][Index(top-1)].
  std::array<std::array<std::size_t, kLabelCount>, kLabelCount> confusion{};
  double accuracy = 0.0;
  double macro_f1 = 0.0;  // over the labels with support > 0
  // Binary view: positive = true label is not ok, score = 1 - P(ok).
  double not_ok_auc = -1.0;
  double not_ok_precision = 0.0;  // predicted not ok = top-1 is not ok
  double not_ok_recall = 0.0;

  // A fixed-width text table of all the above, for the terminal and docs/MODERATION.md.
  std::string ToText() const;
};

// Predicts every row with `classifier` and measures.
EvalReport Evaluate(const Classifier& classifier, const std::vector<LabelledRow>& rows);

// Measures predictions already made: `scores[i]` is the prediction for `truth[i]`.
// Precondition: same sizes.
EvalReport EvaluateScores(const std::vector<Label>& truth, const std::vector<Scores>& scores);

// ROC-AUC of `scores` for the binary `positive` (ties count one half; Mann-Whitney U).
// -1 when there is no positive or no negative.
double RocAuc(const std::vector<double>& scores, const std::vector<bool>& positive);

}  // namespace palabre::moderation::classifier
