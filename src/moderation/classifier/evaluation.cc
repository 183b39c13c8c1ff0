#include "moderation/classifier/evaluation.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <numeric>

namespace palabre::moderation::classifier {
namespace {

double Ratio(std::size_t a, std::size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

double F1(double p, double r) { return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r); }

std::string Fixed(double v) {
  if (v < 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

double RocAuc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  assert(scores.size() == positive.size());
  const std::size_t n = scores.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  // Sum of the (average, 1-based) ranks of the positives.
  double rank_sum = 0.0;
  std::size_t n_pos = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && scores[order[j]] == scores[order[i]]) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        rank_sum += average_rank;
        ++n_pos;
      }
    }
    i = j;
  }
  const std::size_t n_neg = n - n_pos;
  if (n_pos == 0 || n_neg == 0) return -1.0;
  const double np = static_cast<double>(n_pos);
  return (rank_sum - np * (np + 1.0) / 2.0) / (np * static_cast<double>(n_neg));
}

EvalReport EvaluateScores(const std::vector<Label>& truth, const std::vector<Scores>& scores) {
  assert(truth.size() == scores.size());
  EvalReport report;
  report.rows = truth.size();
  std::size_t correct = 0;
  std::size_t not_ok_true = 0, not_ok_predicted = 0, not_ok_hit = 0;
  std::vector<double> not_ok_score(truth.size());
  std::vector<bool> not_ok_positive(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const Label top = scores[i].Top();
    ++report.confusion[Index(truth[i])][Index(top)];
    if (top == truth[i]) ++correct;
    const bool is_not_ok = truth[i] != Label::kOk;
    const bool said_not_ok = top != Label::kOk;
    not_ok_true += is_not_ok;
    not_ok_predicted += said_not_ok;
    not_ok_hit += is_not_ok && said_not_ok;
    not_ok_score[i] = 1.0 - scores[i][Label::kOk];
    not_ok_positive[i] = is_not_ok;
  }
  report.accuracy = Ratio(correct, truth.size());
  double f1_sum = 0.0;
  std::size_t f1_labels = 0;
  for (Label label : kAllLabels) {
    LabelMetrics& m = report.labels[Index(label)];
    m.label = label;
    for (std::size_t j = 0; j < kLabelCount; ++j) {
      m.support += report.confusion[Index(label)][j];
      m.predicted += report.confusion[j][Index(label)];
    }
    m.true_positives = report.confusion[Index(label)][Index(label)];
    m.precision = Ratio(m.true_positives, m.predicted);
    m.recall = Ratio(m.true_positives, m.support);
    m.f1 = F1(m.precision, m.recall);
    std::vector<double> label_scores(truth.size());
    std::vector<bool> positive(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) {
      label_scores[i] = scores[i][label];
      positive[i] = truth[i] == label;
    }
    m.auc = RocAuc(label_scores, positive);
    if (m.support > 0) {
      f1_sum += m.f1;
      ++f1_labels;
    }
  }
  report.macro_f1 = f1_labels == 0 ? 0.0 : f1_sum / static_cast<double>(f1_labels);
  report.not_ok_auc = RocAuc(not_ok_score, not_ok_positive);
  report.not_ok_precision = Ratio(not_ok_hit, not_ok_predicted);
  report.not_ok_recall = Ratio(not_ok_hit, not_ok_true);
  return report;
}

EvalReport Evaluate(const Classifier& classifier, const std::vector<LabelledRow>& rows) {
  std::vector<Label> truth;
  std::vector<Scores> scores;
  truth.reserve(rows.size());
  scores.reserve(rows.size());
  for (const LabelledRow& row : rows) {
    truth.push_back(row.label);
    scores.push_back(classifier.Predict(row.text));
  }
  return EvaluateScores(truth, scores);
}

std::string EvalReport::ToText() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "rows %zu  accuracy %.3f  macro-F1 %.3f\n\n", rows, accuracy,
                macro_f1);
  out += line;
  std::snprintf(line, sizeof line, "%-8s %8s %9s %9s %7s %7s %7s\n", "label", "support",
                "predicted", "precision", "recall", "F1", "AUC");
  out += line;
  for (const LabelMetrics& m : labels) {
    if (m.support == 0 && m.predicted == 0) continue;
    std::snprintf(line, sizeof line, "%-8s %8zu %9zu %9s %7s %7s %7s\n",
                  std::string(LabelName(m.label)).c_str(), m.support, m.predicted,
                  Fixed(m.precision).c_str(), Fixed(m.recall).c_str(), Fixed(m.f1).c_str(),
                  Fixed(m.auc).c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "%-8s %8s %9s %9s %7s %7s %7s\n", "not-ok", "", "",
                Fixed(not_ok_precision).c_str(), Fixed(not_ok_recall).c_str(),
                Fixed(F1(not_ok_precision, not_ok_recall)).c_str(), Fixed(not_ok_auc).c_str());
  out += line;
  out += "\nconfusion (rows: true label, columns: predicted)\n";
  std::snprintf(line, sizeof line, "%-8s", "");
  out += line;
  for (Label label : kAllLabels) {
    std::snprintf(line, sizeof line, " %7s", std::string(LabelName(label)).c_str());
    out += line;
  }
  out += '\n';
  for (Label t : kAllLabels) {
    if (labels[Index(t)].support == 0) continue;
    std::snprintf(line, sizeof line, "%-8s", std::string(LabelName(t)).c_str());
    out += line;
    for (Label p : kAllLabels) {
      std::snprintf(line, sizeof line, " %7zu", confusion[Index(t)][Index(p)]);
      out += line;
    }
    out += '\n';
  }
  return out;
}

}  // namespace palabre::moderation::classifier
