// Labels and Scores: what the toxicity classifier (moderation/classifier/classifier.h) predicts.
//
// Six labels, one per comment in the training data: threat (calls for violence, attacks,
// killings), hate (attacks on a people, ethnic group, religion or nationality), insult, toxic
// (unacceptable, no finer label), spam, ok. Scores holds one probability per label. Value types,
// no shared state; the free functions are thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace palabre::moderation::classifier {

// The order is the index into Scores::p and into the confusion matrix. Stable: new labels go
// at the end.
enum class Label { kThreat = 0, kHate = 1, kInsult = 2, kToxic = 3, kSpam = 4, kOk = 5 };

inline constexpr std::size_t kLabelCount = 6;
inline constexpr std::array<Label, kLabelCount> kAllLabels = {
    Label::kThreat, Label::kHate, Label::kInsult, Label::kToxic, Label::kSpam, Label::kOk};

// "threat", "hate", "insult", "toxic", "spam", "ok".
std::string_view LabelName(Label label);

// Accepts the names above and fastText's "__label__<name>"; nullopt for anything else.
std::optional<Label> ParseLabel(std::string_view name);

inline constexpr std::size_t Index(Label label) { return static_cast<std::size_t>(label); }

struct Scores {
  // Probability of each label, indexed by Index(label), each in [0, 1]. With a softmax model
  // they sum to 1; with a one-vs-all model each is an independent probability. A label the
  // model was not trained with scores 0.
  std::array<double, kLabelCount> p{};
  // Set when the prediction could not be made (fastText threw, e.g. out of memory); every
  // probability is 0 then.
  bool failed = false;

  double operator[](Label label) const { return p[Index(label)]; }
  double& operator[](Label label) { return p[Index(label)]; }

  // The most probable label (ties: the lowest index, i.e. the most severe).
  Label Top() const;

  // How unacceptable the comment is, spam aside: the largest of the threat, hate, insult and
  // toxic probabilities. Not 1 - P(ok): a one-vs-all model gives text unlike its training data
  // ("Allah yerhamhoum") a low P(ok) without any evidence of toxicity.
  double Toxicity() const;
};

}  // namespace palabre::moderation::classifier
