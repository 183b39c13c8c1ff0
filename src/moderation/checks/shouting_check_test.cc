#include "moderation/checks/shouting_check.h"

#include <gtest/gtest.h>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;
using testing::SpanTexts;
using Strings = std::vector<std::string>;

Verdict Judge(std::string_view text, ShoutingConfig config = {}) {
  CheckInput in(text);
  return in.Run(ShoutingCheck(config));
}

TEST(ShoutingCheckTest, MostlyCapitalsIsShouting) {
  const Verdict v = Judge("LA JUNTE DOIT PARTIR MAINTENANT, LE PEUPLE EN A ASSEZ");
  EXPECT_EQ(v.action, Action::kFlag);
  EXPECT_EQ(Codes(v), Strings{"shouting"});
  EXPECT_NE(v.reasons[0].detail.find("Majuscules"), std::string::npos);
  EXPECT_GE(v.reasons[0].score, 0.9);
}

TEST(ShoutingCheckTest, ShortTextsAndAcronymsAreNot) {
  EXPECT_EQ(Judge("VIVE LE MALI").action, Action::kPass);  // too short to judge
  EXPECT_EQ(Judge("ONU").action, Action::kPass);
  EXPECT_EQ(
      Judge("La CEDEAO et l'UEMOA ont tranché, la MINUSMA part, les FAMa restent au nord.").action,
      Action::kPass);
  EXPECT_EQ(Judge("Le JNIM et l'EIGS se disputent la zone, selon la MINUSMA et l'ONU.").action,
            Action::kPass);
}

TEST(ShoutingCheckTest, SiteAcronymsAreAdded) {
  const char* text = "SOTRAMA SOTRAMA SOTRAMA SOTRAMA SOTRAMA, trop cher";
  EXPECT_EQ(Judge(text).action, Action::kFlag);
  ShoutingConfig config;
  config.acronyms = {"Sotrama"};
  EXPECT_EQ(Judge(text, config).action, Action::kPass);
}

TEST(ShoutingCheckTest, RepeatedPunctuation) {
  const std::string text = "Quoi ?!?!?! Encore une attaque !!!!";
  const Verdict v = Judge(text);
  EXPECT_EQ(v.action, Action::kFlag);
  EXPECT_EQ(SpanTexts(v, text), (Strings{"?!?!?!", "!!!!"}));
  EXPECT_EQ(Judge("Quoi ?! Encore une attaque !!!").action, Action::kPass);
}

TEST(ShoutingCheckTest, StretchedLetters) {
  const std::string text = "Nooooon, pas encore";
  const Verdict v = Judge(text);
  EXPECT_EQ(v.action, Action::kFlag);
  EXPECT_NE(v.reasons[0].detail.find("étirées"), std::string::npos);
  EXPECT_EQ(SpanTexts(v, text), Strings{"ooooo"});
  EXPECT_EQ(Judge("Nooon, pas encore").action, Action::kPass);  // three is emphasis, not shouting
  EXPECT_EQ(Judge("Un bilan de 1000000 morts").action, Action::kPass);  // digits are not letters
}

TEST(ShoutingCheckTest, ActionIsConfigurable) {
  ShoutingConfig config;
  config.action = Action::kHold;
  EXPECT_EQ(Judge("ARRÊTEZ DE NOUS MENTIR, NOUS VOULONS LA VÉRITÉ", config).action, Action::kHold);
}

TEST(ShoutingCheckTest, NormalWritingPasses) {
  EXPECT_EQ(Judge("La junte a échoué, il faut des élections. Paix à leurs âmes.").action,
            Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
