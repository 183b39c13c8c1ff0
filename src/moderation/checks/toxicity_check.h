// ToxicityCheck ("toxicity"): holds or rejects comments that palabre's trained French classifier
// (moderation/classifier/) finds threatening, hateful, insulting, toxic or spam.
//
// The classifier gives one probability per label (one-vs-all, so each is independent). For each
// label the check has three thresholds: at or above `review` the comment is published and
// queued for a moderator's review, at or above `hold` it is held, at or above `reject` it is
// rejected; a threshold above 1 is never reached. One reason per label that crossed its review
// (or hold) threshold, code = the label (`threat`, `hate`, `insult`, `toxic`,
// `spam`), score = its probability. The verdict's scores always carry `threat`, `hate`,
// `insult`, `spam` and `toxicity` (the largest of the threat, hate, insult and toxic
// probabilities), whatever the action.
//
// The default thresholds were chosen on held-out data (docs/MODERATION.md): a legitimate
// political comment held is counted as bad as a hostile one published, and only labels whose
// probability no legitimate dev comment reached may reject.
//
// Thread-safe: Run is const and the Classifier is immutable. Run never throws; if the
// classifier fails (allocation) the verdict is `failed` (the pipeline flags the comment).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "moderation/check.h"
#include "moderation/classifier/classifier.h"

namespace palabre::moderation {

// A threshold no probability reaches.
inline constexpr double kNeverThreshold = 2.0;

struct LabelThresholds {
  double hold = kNeverThreshold;
  double reject = kNeverThreshold;
  // At or above `review` (and below `hold`) the comment is published and queued for review.
  double review = kNeverThreshold;
};

struct ToxicityThresholds {
  // {hold, reject, review}. The classifier alone holds only at high probabilities and sends
  // medium ones to review. Hold thresholds chosen, with the rule checks on, on a batch of new
  // writers' comments that no model was trained on (data/news_thresholds_fr.tsv): the most
  // hostile rows stopped without more legitimate ones than the earlier holds stopped
  // (docs/MODERATION.md, "Eighth round" and "Ninth round"); the same values as ToxicityConfig's
  // defaults.
  LabelThresholds threat{0.80, 0.95, 0.30};
  LabelThresholds hate{0.75, kNeverThreshold, 0.40};
  LabelThresholds insult{0.25, 0.95, 0.20};
  LabelThresholds toxic{kNeverThreshold, kNeverThreshold, 0.90};
  LabelThresholds spam{0.70, 0.95, kNeverThreshold};
};

// The model shipped with palabre, relative to the repository root (the working directory of
// `palabre serve` in a checkout).
inline constexpr std::string_view kDefaultToxicityModel = "models/toxicity_fr.ftz";

// Loads the model at `path` once per process and shares it: every site's check list uses the
// same Classifier. Thread-safe. Errors as Classifier::Load (kInvalidArgument).
Result<std::shared_ptr<const classifier::Classifier>> LoadSharedClassifier(const std::string& path);

class ToxicityCheck final : public Check {
 public:
  // Precondition: `model` is not null.
  explicit ToxicityCheck(std::shared_ptr<const classifier::Classifier> model,
                         ToxicityThresholds thresholds = {});

  std::string_view Name() const override { return "toxicity"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  std::shared_ptr<const classifier::Classifier> model_;
  ToxicityThresholds thresholds_;
};

}  // namespace palabre::moderation
