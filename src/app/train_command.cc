#include "app/train_command.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "moderation/classifier/classifier.h"
#include "moderation/classifier/dataset.h"

namespace palabre::app {
namespace {

namespace clf = moderation::classifier;

std::ostream& Out(std::ostream* s) { return s != nullptr ? *s : std::cout; }
std::ostream& Err(std::ostream* s) { return s != nullptr ? *s : std::cerr; }

std::string Percent(std::size_t part, std::size_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return buf;
}

// Evaluates `model` on each file; 1 if one cannot be read.
int EvaluateFiles(const std::shared_ptr<const clf::Classifier>& model,
                  const std::vector<std::string>& paths,
                  const moderation::ToxicityThresholds& thresholds, std::ostream& out,
                  std::ostream& err) {
  const moderation::ToxicityCheck check(model, thresholds);
  int status = 0;
  for (const std::string& path : paths) {
    Result<std::vector<clf::LabelledRow>> rows = clf::ReadLabelledFile(path);
    if (!rows.ok()) {
      err << "palabre eval: " << rows.status().message() << '\n';
      status = 1;
      continue;
    }
    out << "== " << path << '\n' << clf::Evaluate(*model, *rows).ToText() << '\n';
    out << "toxicity check (default thresholds): decisions by true label\n"
        << Decide(check, *rows).ToText() << '\n';
  }
  return status;
}

}  // namespace

DecisionTable Decide(const moderation::ToxicityCheck& check,
                     const std::vector<clf::LabelledRow>& rows) {
  DecisionTable table;
  for (const clf::LabelledRow& row : rows) {
    Comment comment;
    comment.text = row.text;
    const moderation::Verdict v = check.Run(comment, moderation::Context{});
    const std::size_t column = v.action == moderation::Action::kReject ? 2
                               : v.action == moderation::Action::kHold ? 1
                                                                       : 0;
    ++table.counts[clf::Index(row.label)][column];
  }
  return table;
}

std::string DecisionTable::ToText() const {
  std::string text;
  char line[160];
  std::snprintf(line, sizeof line, "%-8s %7s %7s %7s %9s\n", "label", "publish", "hold", "reject",
                "stopped");
  text += line;
  std::size_t ok_total = 0, ok_stopped = 0, bad_total = 0, bad_stopped = 0;
  for (clf::Label label : clf::kAllLabels) {
    const auto& c = counts[clf::Index(label)];
    const std::size_t total = c[0] + c[1] + c[2];
    if (total == 0) continue;
    const std::size_t stopped = c[1] + c[2];
    std::snprintf(line, sizeof line, "%-8s %7zu %7zu %7zu %9s\n",
                  std::string(clf::LabelName(label)).c_str(), c[0], c[1], c[2],
                  Percent(stopped, total).c_str());
    text += line;
    if (label == clf::Label::kOk) {
      ok_total += total;
      ok_stopped += stopped;
    } else {
      bad_total += total;
      bad_stopped += stopped;
    }
  }
  std::snprintf(line, sizeof line,
                "legitimate held or rejected: %zu/%zu (%s); others held or rejected: %zu/%zu "
                "(%s)\n",
                ok_stopped, ok_total, Percent(ok_stopped, ok_total).c_str(), bad_stopped, bad_total,
                Percent(bad_stopped, bad_total).c_str());
  text += line;
  return text;
}

int RunTrain(const TrainCommandOptions& options) {
  std::ostream& out = Out(options.out);
  std::ostream& err = Err(options.err);
  if (options.train.data_paths.empty() && options.train.rows.empty()) {
    err << "palabre train: no --data file\n";
    return 2;
  }
  if (options.train.output_path.empty()) {
    err << "palabre train: no --out model path\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Result<clf::TrainSummary> summary = clf::Train(options.train);
  if (!summary.ok()) {
    err << "palabre train: " << summary.status().message() << '\n';
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "trained " << options.train.output_path << ": " << summary->model_bytes << " bytes, "
      << summary->rows << " training lines, " << static_cast<int>(seconds + 0.5) << " s\n";
  out << "rows per label:";
  for (clf::Label label : clf::kAllLabels) {
    out << ' ' << clf::LabelName(label) << ' ' << summary->rows_per_label[clf::Index(label)];
  }
  out << "\n\n";
  if (options.dev_paths.empty()) return 0;
  Result<std::unique_ptr<clf::Classifier>> model = clf::Classifier::Load(options.train.output_path);
  if (!model.ok()) {
    err << "palabre train: " << model.status().message() << '\n';
    return 1;
  }
  return EvaluateFiles(std::shared_ptr<const clf::Classifier>(std::move(*model)), options.dev_paths,
                       moderation::ToxicityThresholds{}, out, err);
}

int RunEval(const EvalCommandOptions& options) {
  std::ostream& out = Out(options.out);
  std::ostream& err = Err(options.err);
  if (options.model_path.empty() || options.data_paths.empty()) {
    err << "palabre eval: needs --model and at least one --data file\n";
    return 2;
  }
  Result<std::unique_ptr<clf::Classifier>> model = clf::Classifier::Load(options.model_path);
  if (!model.ok()) {
    err << "palabre eval: " << model.status().message() << '\n';
    return 1;
  }
  return EvaluateFiles(std::shared_ptr<const clf::Classifier>(std::move(*model)),
                       options.data_paths, options.thresholds, out, err);
}

}  // namespace palabre::app
