#include "moderation/classifier/classifier.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "moderation/classifier/preprocess.h"

namespace palabre::moderation::classifier {

Classifier::Classifier(std::unique_ptr<fasttext::FastText> model) : model_(std::move(model)) {
  label_id_.fill(-1);
}

Classifier::~Classifier() = default;

Result<std::unique_ptr<Classifier>> Classifier::Load(const std::string& path) {
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return Status(Error::kInvalidArgument, "cannot open model " + path);
  }
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->loadModel(path);
  } catch (const std::exception& e) {
    return Status(Error::kInvalidArgument, "not a fastText model: " + path + ": " + e.what());
  }
  if (model->getArgs().model != fasttext::model_name::sup) {
    return Status(Error::kInvalidArgument, "not a supervised fastText model: " + path);
  }
  std::unique_ptr<Classifier> classifier(new Classifier(std::move(model)));
  const std::shared_ptr<const fasttext::Dictionary> dict = classifier->model_->getDictionary();
  const int32_t nlabels = dict->nlabels();
  if (nlabels < 1 || nlabels > static_cast<int32_t>(kLabelCount)) {
    return Status(Error::kInvalidArgument,
                  "model " + path + " has " + std::to_string(nlabels) + " labels");
  }
  for (int32_t id = 0; id < nlabels; ++id) {
    const std::string name = dict->getLabel(id);
    const std::optional<Label> label = ParseLabel(name);
    if (!label) return Status(Error::kInvalidArgument, "model " + path + ": unknown label " + name);
    if (classifier->label_id_[Index(*label)] >= 0) {
      return Status(Error::kInvalidArgument, "model " + path + ": label twice: " + name);
    }
    classifier->label_id_[Index(*label)] = id;
    classifier->label_of_id_[static_cast<std::size_t>(id)] = *label;
  }
  return classifier;
}

bool Classifier::quantized() const { return model_->isQuant(); }

Scores Classifier::Predict(std::string_view text) const noexcept {
  try {
    return PredictPreprocessed(PreprocessText(text));
  } catch (...) {
    Scores failed;
    failed.failed = true;
    return failed;
  }
}

Scores Classifier::PredictPreprocessed(std::string_view preprocessed) const noexcept {
  Scores scores;
  try {
    // Dictionary::getLine tokenises as training did: whitespace-separated words, then the
    // end-of-sentence token, with word n-grams and character n-grams added.
    std::istringstream in{std::string(preprocessed) + "\n"};
    std::vector<int32_t> words;
    std::vector<int32_t> labels;
    model_->getDictionary()->getLine(in, words, labels);
    fasttext::Predictions predictions;
    model_->predict(-1, words, predictions, 0.0);
    for (const auto& [log_prob, id] : predictions) {
      if (id < 0 || id >= static_cast<int32_t>(kLabelCount)) continue;
      // fastText reports log(p + 1e-5).
      const double p = std::exp(static_cast<double>(log_prob)) - 1e-5;
      scores[label_of_id_[static_cast<std::size_t>(id)]] = std::clamp(p, 0.0, 1.0);
    }
  } catch (...) {
    Scores failed;
    failed.failed = true;
    return failed;
  }
  return scores;
}

}  // namespace palabre::moderation::classifier
