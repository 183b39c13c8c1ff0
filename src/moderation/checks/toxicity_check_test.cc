// ToxicityCheck with the model shipped in models/ (found through PALABRE_SOURCE_DIR, which
// ctest sets to the repository root).
#include "moderation/checks/toxicity_check.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;

std::string ShippedModelPath() {
  const char* root = std::getenv("PALABRE_SOURCE_DIR");
  const std::filesystem::path base =
      root != nullptr ? std::filesystem::path(root)
                      : std::filesystem::path(__FILE__).parent_path() / "../../..";
  return (base / kDefaultToxicityModel).string();
}

class ToxicityCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto model = LoadSharedClassifier(ShippedModelPath());
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = new std::shared_ptr<const classifier::Classifier>(*model);
  }
  static void TearDownTestSuite() { delete model_; }

  static Verdict Judge(const std::string& text, ToxicityThresholds thresholds = {}) {
    const ToxicityCheck check(*model_, thresholds);
    EXPECT_EQ(check.Name(), "toxicity");
    CheckInput input(text);
    return input.Run(check);
  }

  static bool Has(const Verdict& v, const std::string& code) {
    for (const Reason& r : v.reasons) {
      if (r.code == code) return true;
    }
    return false;
  }

  static std::shared_ptr<const classifier::Classifier>* model_;
};

std::shared_ptr<const classifier::Classifier>* ToxicityCheckTest::model_ = nullptr;

TEST_F(ToxicityCheckTest, TheShippedModelIsSmallQuantisedAndHasEveryLabel) {
  EXPECT_LT(std::filesystem::file_size(ShippedModelPath()), 2u * 1024 * 1024);
  EXPECT_TRUE((*model_)->quantized());
  for (classifier::Label label : classifier::kAllLabels) EXPECT_TRUE((*model_)->HasLabel(label));
}

TEST_F(ToxicityCheckTest, CallsToAttackACityAreStopped) {
  for (const char* text :
       {"Il faut aller attaquer Kaya demain et tuer tous les habitants, pas de pitié.",
        "Rassemblons-nous et allons brûler Tillabéri, qu'aucun de ces traîtres ne survive."}) {
    const Verdict v = Judge(text);
    EXPECT_GE(v.action, Action::kHold) << text;
    EXPECT_TRUE(Has(v, "threat")) << text;
  }
}

TEST_F(ToxicityCheckTest, ThreatsAgainstAJournalistAreStopped) {
  const Verdict v = Judge("Toi le journaliste de ce torchon, on va te retrouver et te tuer.");
  EXPECT_EQ(v.action, Action::kReject);
  ASSERT_TRUE(Has(v, "threat"));
  for (const Reason& r : v.reasons) {
    EXPECT_EQ(r.check, "toxicity");
    EXPECT_FALSE(r.detail.empty());
    EXPECT_EQ(r.detail.find("journaliste"), std::string::npos) << "no comment text in details";
  }
}

TEST_F(ToxicityCheckTest, EthnicHateIsHeld) {
  for (const char* text :
       {"Les Peuls sont tous des voleurs et des terroristes, une race de serpents à chasser du "
        "pays.",
        "Ces Mossis sont des cafards qui envahissent nos villes."}) {
    const Verdict v = Judge(text);
    EXPECT_GE(v.action, Action::kHold) << text;
    EXPECT_TRUE(Has(v, "hate")) << text;
  }
}

TEST_F(ToxicityCheckTest, InsultsAndSpamAreStopped) {
  const Verdict insult = Judge("Tu es un imbécile fini, ferme ta gueule.");
  EXPECT_GE(insult.action, Action::kHold);
  EXPECT_TRUE(Has(insult, "insult"));
  const Verdict spam = Judge(
      "Grand marabout Kanté: retour de l'être aimé en 48h, gains aux jeux. WhatsApp +223 70 98 76 "
      "54");
  EXPECT_EQ(spam.action, Action::kReject);
  EXPECT_EQ(Codes(spam), std::vector<std::string>{"spam"});
}

TEST_F(ToxicityCheckTest, LegitimatePoliticalSpeechAndDeathTollsPublish) {
  for (const char* text : {
           "La junte a échoué à ramener la sécurité, il faut le dire et exiger un calendrier "
           "électoral.",
           "Le gouvernement ment sur le bilan, les familles de Djibo savent combien de soldats "
           "sont morts.",
           "L'armée française a commis des erreurs au Sahel, et Wagner n'a rien arrangé.",
           "Le président doit démissionner, il a menti au peuple sur la sécurité.",
           "Le JNIM recrute parmi les jeunes sans avenir, c'est une analyse que les chercheurs "
           "font depuis longtemps.",
           "Attaque de Barsalogho : au moins 200 morts selon des sources locales. Paix à leurs "
           "âmes.",
           "12 soldats tués et 8 blessés dans une embuscade près de Boni, selon l'état-major.",
           "Paix à leurs âmes. Yalla na leen Yalla yërmënde.",
           "Wallahi c trop triste, ns prions pour les familles des victimes inch'Allah.",
       }) {
    const Verdict v = Judge(text);
    EXPECT_EQ(v.action, Action::kPass) << text;
    EXPECT_TRUE(v.reasons.empty()) << text;
  }
}

TEST_F(ToxicityCheckTest, ScoresAreAlwaysReported) {
  const Verdict v = Judge("Le prix du riz a encore augmenté à Bamako.");
  for (const char* key : {"threat", "hate", "insult", "spam", "toxicity"}) {
    ASSERT_TRUE(v.scores.count(key)) << key;
    EXPECT_GE(v.scores.at(key), 0.0);
    EXPECT_LE(v.scores.at(key), 1.0);
  }
  EXPECT_LT(v.scores.at("toxicity"), 0.3);
  EXPECT_FALSE(v.failed);
}

TEST_F(ToxicityCheckTest, ThresholdsDecideHoldRejectOrNothing) {
  const std::string threat = "Je vais égorger ce reporter menteur dès que je le croise.";
  EXPECT_EQ(Judge(threat).action, Action::kReject);

  ToxicityThresholds hold_only;
  hold_only.threat.reject = kNeverThreshold;
  const Verdict held = Judge(threat, hold_only);
  EXPECT_EQ(held.action, Action::kHold);
  ASSERT_TRUE(Has(held, "threat"));

  ToxicityThresholds never;
  never.threat = never.hate = never.insult = never.toxic = never.spam = LabelThresholds{};
  const Verdict passed = Judge(threat, never);
  EXPECT_EQ(passed.action, Action::kPass);
  EXPECT_TRUE(passed.reasons.empty());
  EXPECT_GT(passed.scores.at("threat"), 0.9) << "scores are reported even when nothing acts";
}

// Between the review and the hold thresholds the comment is published and queued for review,
// with the label's reason; below review nothing acts.
TEST_F(ToxicityCheckTest, MediumScoresGoToReviewNotToTheHeldQueue) {
  const std::string threat = "Je vais égorger ce reporter menteur dès que je le croise.";
  ToxicityThresholds review_only;
  review_only.threat = LabelThresholds{kNeverThreshold, kNeverThreshold, 0.5};
  review_only.hate = review_only.insult = review_only.toxic = review_only.spam = LabelThresholds{};
  const Verdict reviewed = Judge(threat, review_only);
  EXPECT_EQ(reviewed.action, Action::kReview);
  ASSERT_TRUE(Has(reviewed, "threat"));
  EXPECT_EQ(reviewed.reasons[0].action, Action::kReview);
  review_only.threat.review = kNeverThreshold;
  EXPECT_EQ(Judge(threat, review_only).action, Action::kPass);
}

TEST_F(ToxicityCheckTest, SharedModelIsLoadedOnceAndBadPathsFail) {
  auto again = LoadSharedClassifier(ShippedModelPath());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), model_->get());
  EXPECT_EQ(LoadSharedClassifier("/nonexistent/palabre/model.ftz").error(),
            Error::kInvalidArgument);
}

TEST_F(ToxicityCheckTest, RunsFromManyThreads) {
  const ToxicityCheck check(*model_);
  const std::vector<std::string> texts = {
      "Toi le journaliste de ce torchon, on va te retrouver et te tuer.",
      "La CEDEAO a perdu toute crédibilité, et l'AES n'a encore rien prouvé.",
      "Prêt rapide sans garantie, réponse en 24h, écrivez sur WhatsApp +225 07 11 22 33 44"};
  std::vector<Action> expected;
  for (const std::string& t : texts) expected.push_back(CheckInput(t).Run(check).action);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int rep = 0; rep < 20; ++rep) {
        for (std::size_t k = 0; k < texts.size(); ++k) {
          CheckInput input(texts[k]);
          if (input.Run(check).action != expected[k]) ++mismatches[i];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace palabre::moderation
