#include "moderation/checks/toxicity_check.h"

#include <array>
#include <cassert>
#include <cstdio>
#include <map>
#include <utility>

#include "core/thread_annotations.h"

namespace palabre::moderation {
namespace {

using classifier::Label;

struct LabelRule {
  Label label;
  LabelThresholds ToxicityThresholds::*thresholds;
  const char* detail;  // French, for moderators
};

constexpr std::array<LabelRule, 5> kRules = {{
    {Label::kThreat, &ToxicityThresholds::threat, "menace ou appel à la violence probable"},
    {Label::kHate, &ToxicityThresholds::hate,
     "propos haineux probables envers un peuple, une ethnie, une religion ou une nationalité"},
    {Label::kInsult, &ToxicityThresholds::insult, "insulte probable"},
    {Label::kToxic, &ToxicityThresholds::toxic, "propos grossiers ou inacceptables probables"},
    {Label::kSpam, &ToxicityThresholds::spam, "publicité ou arnaque probable"},
}};

std::string Detail(const char* what, double p) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s (classifieur : %.2f)", what, p);
  return buf;
}

}  // namespace

Result<std::shared_ptr<const classifier::Classifier>> LoadSharedClassifier(
    const std::string& path) {
  static Mutex mutex;
  static std::map<std::string, std::shared_ptr<const classifier::Classifier>> loaded;
  MutexLock lock(mutex);
  if (auto it = loaded.find(path); it != loaded.end()) return it->second;
  Result<std::unique_ptr<classifier::Classifier>> model = classifier::Classifier::Load(path);
  if (!model.ok()) return model.status();
  std::shared_ptr<const classifier::Classifier> shared = std::move(*model);
  loaded.emplace(path, shared);
  return shared;
}

ToxicityCheck::ToxicityCheck(std::shared_ptr<const classifier::Classifier> model,
                             ToxicityThresholds thresholds)
    : model_(std::move(model)), thresholds_(thresholds) {
  assert(model_ != nullptr);
}

Verdict ToxicityCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict verdict;
  const std::string_view text =
      context.text != nullptr ? std::string_view(context.text->original) : comment.text;
  const classifier::Scores scores = model_->Predict(text);
  if (scores.failed) {
    verdict.failed = true;
    return verdict;
  }
  verdict.scores["threat"] = scores[Label::kThreat];
  verdict.scores["hate"] = scores[Label::kHate];
  verdict.scores["insult"] = scores[Label::kInsult];
  verdict.scores["spam"] = scores[Label::kSpam];
  verdict.scores["toxicity"] = scores.Toxicity();
  for (const LabelRule& rule : kRules) {
    const LabelThresholds& t = thresholds_.*(rule.thresholds);
    const double p = scores[rule.label];
    if (p < t.review && p < t.hold && p < t.reject) continue;
    Reason reason;
    reason.check = std::string(Name());
    reason.code = std::string(classifier::LabelName(rule.label));
    reason.detail = Detail(rule.detail, p);
    reason.score = p;
    reason.action = p >= t.reject ? Action::kReject : p >= t.hold ? Action::kHold : Action::kReview;
    verdict.Add(std::move(reason));
  }
  return verdict;
}

}  // namespace palabre::moderation
