#include "app/train_command.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <utility>

#include "app/pipeline_eval.h"
#include "core/clock.h"
#include "moderation/classifier/classifier.h"
#include "moderation/classifier/dataset.h"
#include "moderation/config.h"
#include "moderation/pipeline.h"

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

// The not-ok ROC-AUC of each source of `rows` that has both ok and other rows.
std::string AucBySource(const clf::Classifier& model, const std::vector<clf::LabelledRow>& rows) {
  std::map<std::string, std::vector<clf::LabelledRow>> by_source;
  for (const clf::LabelledRow& row : rows) by_source[row.source].push_back(row);
  if (by_source.size() < 2) return "";
  std::string text = "not-ok ROC-AUC by source:";
  for (const auto& [source, part] : by_source) {
    const double auc = clf::Evaluate(model, part).not_ok_auc;
    if (auc < 0) continue;
    char buf[160];
    std::snprintf(buf, sizeof buf, " %s %.3f (%zu rows);", source.empty() ? "-" : source.c_str(),
                  auc, part.size());
    text += buf;
  }
  text.back() = '\n';
  return text;
}

// Evaluates `model` on each file, and the whole pipeline when `pipeline` is set; 1 if a file
// cannot be read.
int EvaluateFiles(const std::shared_ptr<const clf::Classifier>& model,
                  const std::vector<std::string>& paths,
                  const moderation::ToxicityThresholds& thresholds, std::ostream& out,
                  std::ostream& err, moderation::Moderator* pipeline = nullptr) {
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
    out << AucBySource(*model, *rows);
    out << "toxicity check (default thresholds): decisions by true label\n"
        << Decide(check, *rows).ToText() << '\n';
    if (pipeline != nullptr) {
      out << "whole pipeline (every check, default settings): decisions by group\n"
          << EvaluatePipeline(*pipeline, *rows).ToText() << '\n';
    }
  }
  return status;
}

using Model = std::shared_ptr<const clf::Classifier>;

Result<Model> LoadModel(const std::string& path) {
  Result<std::unique_ptr<clf::Classifier>> model = clf::Classifier::Load(path);
  if (!model.ok()) return model.status();
  return Model(std::move(*model));
}

const char* VerdictWord(Comparison::Verdict v) {
  switch (v) {
    case Comparison::Verdict::kBetter:
      return "better";
    case Comparison::Verdict::kSame:
      return "the same";
    case Comparison::Verdict::kWorse:
      return "worse";
  }
  return "?";
}

std::string Fixed3(double v) {
  if (v < 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// Adds the site's decisions to `train.rows` (training part, weighted) and returns them;
// prints what was read. Null on failure (after saying why).
std::unique_ptr<DecisionData> AddDecisions(const FromDecisionsOptions& o, clf::TrainOptions& train,
                                           std::ostream& out, std::ostream& err) {
  std::unique_ptr<store::Store> opened;
  store::Store* store = o.store;
  if (store == nullptr) {
    auto s = store::OpenStore(o.db);
    if (!s.ok()) {
      // Not the URL: it may hold a password.
      err << "palabre train: cannot open the database: " << s.status().ToString() << '\n';
      return nullptr;
    }
    opened = std::move(s).value();
    store = opened.get();
  }
  DecisionDataOptions read;
  read.site_id = o.site;
  read.max_published = o.max_published;
  read.holdout_percent = o.holdout_percent;
  Result<DecisionData> data = ReadModeratorDecisions(*store, read);
  if (!data.ok()) {
    err << "palabre train: decisions of site " << o.site << ": " << data.status().ToString()
        << '\n';
    return nullptr;
  }
  const DecisionCounts& n = data->counts;
  std::array<std::size_t, clf::kLabelCount> per_label{};
  for (const auto* rows : {&data->train, &data->held_out}) {
    for (const clf::LabelledRow& row : *rows) ++per_label[clf::Index(row.label)];
  }
  out << "decisions of site " << o.site << ": " << n.approved << " approved, " << n.published
      << " published without a decision, " << n.rejected << " rejected (";
  const char* sep = "";
  for (clf::Label label : clf::kAllLabels) {
    if (label == clf::Label::kOk) continue;
    out << sep << clf::LabelName(label) << ' ' << per_label[clf::Index(label)];
    sep = ", ";
  }
  out << "); left out: " << n.ignored_reason << " rejected as off_topic/illegal/other, "
      << n.undecided << " unpublished, " << n.skipped << " edited, erased or deleted\n";
  out << "training on " << data->train.size() << " of them (decisions x" << o.weight
      << ", published x1), " << data->held_out.size() << " held out for the comparison\n";
  if (data->train.empty()) {
    err << "palabre train: no usable moderator decision on site " << o.site << " to train with\n";
    return nullptr;
  }
  for (const clf::LabelledRow& row : data->train) {
    const int times = row.source == "decisions:published" ? 1 : std::max(1, o.weight);
    for (int i = 0; i < times; ++i) train.rows.push_back(row);
  }
  return std::make_unique<DecisionData>(std::move(data).value());
}

// Measures `current` and `next` on the dev files and the held-out decisions, side by side.
int CompareWithBaseline(const Model& next, const std::string& new_path,
                        const FromDecisionsOptions& o, const std::vector<std::string>& dev_paths,
                        const DecisionData& decisions, std::ostream& out, std::ostream& err) {
  const std::string baseline_path =
      o.baseline_path.empty() ? moderation::ToxicityModelPath("") : o.baseline_path;
  Result<Model> current = LoadModel(baseline_path);
  if (!current.ok()) {
    err << "palabre train: baseline: " << current.status().message() << '\n';
    return 1;
  }
  const moderation::ToxicityCheck current_check(*current, moderation::ToxicityThresholds{});
  const moderation::ToxicityCheck next_check(next, moderation::ToxicityThresholds{});
  std::vector<std::pair<std::string, std::vector<clf::LabelledRow>>> sets;
  for (const std::string& path : dev_paths) {
    Result<std::vector<clf::LabelledRow>> rows = clf::ReadLabelledFile(path);
    if (!rows.ok()) {
      err << "palabre train: " << rows.status().message() << '\n';
      return 1;
    }
    sets.emplace_back(path, std::move(rows).value());
  }
  if (!decisions.held_out.empty()) {
    sets.emplace_back("held-out decisions of site " + o.site, decisions.held_out);
  }
  out << "== current model " << baseline_path << " vs new model " << new_path << '\n';
  std::vector<Comparison> comparisons;
  for (const auto& [name, rows] : sets) {
    Comparison c;
    c.set = name;
    c.rows = rows.size();
    c.current = Figures(clf::Evaluate(**current, rows), Decide(current_check, rows));
    c.next = Figures(clf::Evaluate(*next, rows), Decide(next_check, rows));
    out << c.ToText() << '\n';
    comparisons.push_back(std::move(c));
  }
  out << Recommend(comparisons, new_path) << '\n';
  return 0;
}

}  // namespace

double ModelFigures::FalseHoldRate() const {
  return legitimate == 0 ? 0.0 : static_cast<double>(legitimate_held) / legitimate;
}

ModelFigures Figures(const clf::EvalReport& report, const DecisionTable& table) {
  ModelFigures f;
  f.macro_f1 = report.macro_f1;
  f.not_ok_auc = report.not_ok_auc;
  for (clf::Label label : clf::kAllLabels) {
    const auto& c = table.counts[clf::Index(label)];
    const std::size_t total = c[0] + c[1] + c[2];
    if (label == clf::Label::kOk) {
      f.legitimate += total;
      f.legitimate_held += c[1] + c[2];
    } else {
      f.hostile += total;
      f.hostile_stopped += c[1] + c[2];
    }
  }
  return f;
}

Comparison::Verdict Comparison::MacroF1() const {
  const double d = next.macro_f1 - current.macro_f1;
  return d > 0.005 ? Verdict::kBetter : d < -0.005 ? Verdict::kWorse : Verdict::kSame;
}

Comparison::Verdict Comparison::FalseHolds() const {
  const double d = 100.0 * (next.FalseHoldRate() - current.FalseHoldRate());  // points
  return d < -0.5 ? Verdict::kBetter : d > 0.5 ? Verdict::kWorse : Verdict::kSame;
}

std::string Comparison::ToText() const {
  std::string text;
  char line[200];
  std::snprintf(line, sizeof line, "-- %s (%zu rows)\n%-34s %9s %9s\n", set.c_str(), rows, "",
                "current", "new");
  text += line;
  std::snprintf(line, sizeof line, "%-34s %9s %9s\n", "macro-F1", Fixed3(current.macro_f1).c_str(),
                Fixed3(next.macro_f1).c_str());
  text += line;
  std::snprintf(line, sizeof line, "%-34s %9s %9s\n", "not-ok AUC",
                Fixed3(current.not_ok_auc).c_str(), Fixed3(next.not_ok_auc).c_str());
  text += line;
  auto rate = [](std::size_t part, std::size_t whole) {
    return std::to_string(part) + "/" + std::to_string(whole) + " " + Percent(part, whole);
  };
  std::snprintf(line, sizeof line, "%-34s %9s %9s\n", "legitimate held or rejected",
                Percent(current.legitimate_held, current.legitimate).c_str(),
                Percent(next.legitimate_held, next.legitimate).c_str());
  text += line;
  std::snprintf(line, sizeof line, "%-34s %9s %9s\n", "others held or rejected",
                Percent(current.hostile_stopped, current.hostile).c_str(),
                Percent(next.hostile_stopped, next.hostile).c_str());
  text += line;
  text += "verdict: new model " + std::string(VerdictWord(MacroF1())) + " on macro F1 (" +
          Fixed3(next.macro_f1) + " vs " + Fixed3(current.macro_f1) + ")";
  if (current.legitimate == 0) {
    text += "; no legitimate comment to measure false holds\n";
  } else {
    text += ", " + std::string(VerdictWord(FalseHolds())) +
            " on false holds of legitimate comments (" +
            rate(next.legitimate_held, next.legitimate) + " vs " +
            rate(current.legitimate_held, current.legitimate) + ")\n";
  }
  return text;
}

std::string Recommend(const std::vector<Comparison>& comparisons, const std::string& new_model) {
  std::string worse;
  bool better = false;
  for (const Comparison& c : comparisons) {
    const bool holds_measured = c.current.legitimate > 0;
    if (c.MacroF1() == Comparison::Verdict::kWorse) worse += "; macro F1 on " + c.set;
    if (holds_measured && c.FalseHolds() == Comparison::Verdict::kWorse) {
      worse += "; false holds on " + c.set;
    }
    better = better || c.MacroF1() == Comparison::Verdict::kBetter ||
             (holds_measured && c.FalseHolds() == Comparison::Verdict::kBetter);
  }
  if (!worse.empty()) {
    return "recommendation: keep the current model (the new one is worse: " + worse.substr(2) + ")";
  }
  if (!better) return "recommendation: keep the current model (the new one is no better)";
  return "recommendation: switch: palabre serve --model " + new_model;
}

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
  clf::TrainOptions train = options.train;
  std::unique_ptr<DecisionData> decisions;
  if (options.decisions.enabled) {
    if (options.decisions.site.empty()) {
      err << "palabre train: --from-decisions needs --site\n";
      return 2;
    }
    decisions = AddDecisions(options.decisions, train, out, err);
    if (decisions == nullptr) return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  Result<clf::TrainSummary> summary = clf::Train(train);
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
  if (options.dev_paths.empty() && decisions == nullptr) return 0;
  Result<Model> model = LoadModel(options.train.output_path);
  if (!model.ok()) {
    err << "palabre train: " << model.status().message() << '\n';
    return 1;
  }
  if (const int rc =
          EvaluateFiles(*model, options.dev_paths, moderation::ToxicityThresholds{}, out, err);
      rc != 0 || decisions == nullptr) {
    return rc;
  }
  return CompareWithBaseline(*model, options.train.output_path, options.decisions,
                             options.dev_paths, *decisions, out, err);
}

int RunEval(const EvalCommandOptions& options) {
  std::ostream& out = Out(options.out);
  std::ostream& err = Err(options.err);
  if (options.model_path.empty() || options.data_paths.empty()) {
    err << "palabre eval: needs --model and at least one --data file\n";
    return 2;
  }
  Result<Model> model = LoadModel(options.model_path);
  if (!model.ok()) {
    err << "palabre eval: " << model.status().message() << '\n';
    return 1;
  }
  std::string config_text;
  if (!options.moderation_config_path.empty()) {
    std::ifstream in(options.moderation_config_path, std::ios::binary);
    if (!in) {
      err << "palabre eval: cannot read " << options.moderation_config_path << '\n';
      return 2;
    }
    config_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  Result<moderation::ModerationConfigs> configs =
      moderation::ParseModerationConfigText(config_text);
  if (!configs.ok()) {
    err << "palabre eval: " << configs.status().message() << '\n';
    return 2;
  }
  configs->defaults.toxicity.model_path = options.model_path;
  const FakeClock clock(0);
  Result<std::unique_ptr<moderation::Pipeline>> pipeline =
      moderation::Pipeline::Create(*configs, clock);
  if (!pipeline.ok()) {
    err << "palabre eval: " << pipeline.status().message() << '\n';
    return 1;
  }
  return EvaluateFiles(*model, options.data_paths, options.thresholds, out, err, pipeline->get());
}

}  // namespace palabre::app
