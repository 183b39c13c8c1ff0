// Classifier: the trained fastText model of the toxicity check, loaded once, shared by all.
//
// Load() reads a supervised fastText model (.bin, or .ftz when quantised) whose labels are
// among labels.h ("__label__threat" …). Predict() preprocesses the text (preprocess.h, exactly
// as for training) and returns the probability of every label (fastText predict-prob over all
// labels, k = -1). A loaded Classifier is immutable: Predict is const and safe to call from
// any number of threads at once (each call has its own fastText Model::State and prediction
// vector; fastText's predict path only reads the model). Move-only; not copyable.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "moderation/classifier/labels.h"

namespace fasttext {
class FastText;
}

namespace palabre::moderation::classifier {

class Classifier {
 public:
  // kInvalidArgument if the file cannot be read, is not a fastText model, is not a supervised
  // model or has a label that is not one of labels.h.
  static Result<std::unique_ptr<Classifier>> Load(const std::string& path);

  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // Probabilities for `text` as posted (NFC UTF-8). Never throws: on an internal fastText
  // failure (allocation) the result has `failed` set and every probability 0.
  Scores Predict(std::string_view text) const noexcept;

  // The same for text already passed through PreprocessText (evaluation reuses it).
  Scores PredictPreprocessed(std::string_view preprocessed) const noexcept;

  // Whether the model has an output for `label` (a model trained without spam rows has not).
  bool HasLabel(Label label) const { return label_id_[Index(label)] >= 0; }
  bool quantized() const;

 private:
  explicit Classifier(std::unique_ptr<fasttext::FastText> model);

  std::unique_ptr<fasttext::FastText> model_;
  // fastText label id of each of our labels, -1 if the model lacks it.
  std::array<int, kLabelCount> label_id_{};
  // Our label for each fastText label id.
  std::array<Label, kLabelCount> label_of_id_{};
};

}  // namespace palabre::moderation::classifier
