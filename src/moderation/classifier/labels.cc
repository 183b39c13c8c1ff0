#include "moderation/classifier/labels.h"

#include <algorithm>

namespace palabre::moderation::classifier {

std::string_view LabelName(Label label) {
  switch (label) {
    case Label::kThreat:
      return "threat";
    case Label::kHate:
      return "hate";
    case Label::kInsult:
      return "insult";
    case Label::kToxic:
      return "toxic";
    case Label::kSpam:
      return "spam";
    case Label::kOk:
      return "ok";
  }
  return "ok";
}

std::optional<Label> ParseLabel(std::string_view name) {
  constexpr std::string_view kPrefix = "__label__";
  if (name.substr(0, kPrefix.size()) == kPrefix) name.remove_prefix(kPrefix.size());
  for (Label label : kAllLabels) {
    if (LabelName(label) == name) return label;
  }
  return std::nullopt;
}

Label Scores::Top() const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < kLabelCount; ++i) {
    if (p[i] > p[best]) best = i;
  }
  return kAllLabels[best];
}

double Scores::Toxicity() const {
  return std::max({(*this)[Label::kThreat], (*this)[Label::kHate], (*this)[Label::kInsult],
                   (*this)[Label::kToxic]});
}

}  // namespace palabre::moderation::classifier
