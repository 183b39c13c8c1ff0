#include "moderation/checks/dehumanization_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "moderation/check_testing.h"
#include "moderation/config.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::SpanTexts;

Verdict Decide(std::string_view text, const DehumanizationConfig& config = {}) {
  const DehumanizationCheck check(config);
  const CheckInput in(text);
  return in.Run(check);
}

TEST(DehumanizationCheckTest, AGroupCalledAnimalsVerminOrADiseaseIsHeldWithItsWords) {
  const struct {
    const char* text;
    std::vector<std::string> spans;
  } cases[] = {
      {"Les Mossis sont des rats qui bouffent tout.", {"Mossis", "rats"}},
      {"Ces Haoussas, c'est de la vermine.", {"Haoussas", "vermine"}},
      {"Mossi = cafard. Point final.", {"Mossi", "cafard"}},
      {"les chinois pullulent comme des insectes", {"chinois", "insectes"}},
      {"Cette vermine de Peuls a tout pris.", {"vermine", "Peuls"}},
      {"Les Touaregs ne sont pas des humains.", {"Touaregs", "humains"}},
      {"lé peul c d animo", {"peul", "animo"}},
      {"Les J.U.I.F.S sont des parasites", {"J.U.I.F.S", "parasites"}},
      {"Les migrants ? Des sous-hommes.", {"migrants", "hommes"}},
      {"Les Ivoiriennes sont de vraies chiennes.", {"Ivoiriennes", "chiennes"}},
      {"Les Bambaras à Ségou, des sangsues qui vivent sur notre dos.", {"Bambaras", "sangsues"}},
      {"Ces Zarmas se croient malins, mais ce sont des hyènes.", {"Zarmas", "hyènes"}},
      {"Les Arabes, race maudite.", {"Arabes", "maudite"}},
      {"Un bon Touareg, ça n'existe pas.", {"Touareg", "existe"}},
  };
  for (const auto& c : cases) {
    const Verdict v = Decide(c.text);
    ASSERT_EQ(v.action, Action::kHold) << c.text;
    ASSERT_EQ(v.reasons.size(), 1u) << c.text;
    EXPECT_EQ(v.reasons[0].check, "dehumanization");
    EXPECT_EQ(v.reasons[0].code, "hate");
    EXPECT_EQ(SpanTexts(v, c.text), c.spans) << c.text;
  }
}

TEST(DehumanizationCheckTest, AWholeGroupCalledCriminalsByNatureIsHeld) {
  for (const char* text : {
           "Tous les Kanouris sont Boko Haram.",
           "Tous les musulmans du nord sont des terroristes.",
           "Peul = terroriste, c'est une équation simple.",
           "Les Sénégalais, un peuple de griots et de menteurs.",
           "Cette race de voleurs n'a rien à faire chez nous.",
           "Les Béninois sont tous des escrocs.",
           "Les Libanais ne sont que des voleurs.",
           "Les Mauritaniens sont menteurs de père en fils.",
           "Le christianisme ? Une religion de tueurs.",
           "Les Maures sont des voleurs, ça se sait.",
           // The writer's own claim, whatever verb of saying introduces it.
           "Moi je vous dis que les Peuls sont des serpents.",
           "Je pense que les Peuls sont des rats.",
           // A slogan in quotation marks, not asked back.
           "« Les Peuls sont tous des rats », voilà la vérité.",
           "Je l'écris et je le répète : 'les Wolofs sont des serpents'.",
       }) {
    EXPECT_EQ(Decide(text).action, Action::kHold) << text;
  }
}

TEST(DehumanizationCheckTest, LawfulSentencesAboutGroupsPass) {
  for (const char* text : {
           // Someone's claim told back or asked back.
           "« Les Peuls sont tous des rats » ? Non, monsieur. Ce discours pousse des jeunes "
           "vers la brousse.",
           "celui la qui dit les peuls c est tous des bandits moi je suis bozo tu mens",
           "@Bakary tu écris « les Peuls sont tous complices », tu te rends compte ?",
           "Réponse à @Alzouma : vous affirmez « tous les Arabes sont des serpents ».",
           "'Les Nigérians sont des voleurs' hein ? Mon mari est nigérian.",
           "pourquoi vous laissez les gens ecrire 'les wolofs c des serpents'?",
           "Cher @Issa, vous qualifiez les déplacés de « parasites ». Ils ont fui leurs villages.",
           "À l'intervenant qui qualifie les Touaregs de « race de traîtres » : relisez-vous.",
           "Monsieur qui traite les Mossis de criquets : mon voisin est mossi.",
           "ils disent les Peuls sont tous complices. mon voisin au marché est peul",
           // Negated: a defence, not an attack.
           "Les Peuls ne sont pas des terroristes.",
           "Tous les Touaregs ne sont pas des bandits.",
           "Les migrants ne sont pas des animaux, ce sont des êtres humains.",
           // A group near an animal without saying it is one.
           "Les Peuls élèvent des vaches et des chèvres depuis des siècles.",
           "Les Dogons ont tué le chien enragé du village.",
           "Un Peul a perdu trois moutons dans l'attaque.",
           // Victims compared: what was done to them.
           "Les Peuls de Solenzo ont été abattus comme des chiens.",
           "Les déplacés vivent comme des animaux dans ces camps, honte à l'État.",
           // Some people, not a people.
           "Des jeunes Peuls jihadistes ont été recrutés à Djibo.",
           "Les Peuls arrêtés hier sont des bandits connus de la police.",
           "Ces hommes armés sont des terroristes.",
           "Les terroristes sont des chiens.",
           "Un bon Peul est mort hier à Djibo, paix à son âme.",
           "Les Peuls ont perdu leurs troupeaux, des bêtes magnifiques.",
           "Un bon Dogon connaît chaque parcelle de sa falaise.",
           // Someone else's words, quoted to answer them.
           "@Issa tu dis que les déplacés sont des paresseux, viens voir nos champs.",
           "Il ne faut pas dire que tous les Peuls sont complices.",
           "Tu parles des Peuls comme si ce sont tous des terroristes.",
           "Une famille d'Arabes Choa m'a hébergé alors que j'étais un étranger pour eux. Quand je "
           "lis ici qu'ils sont tous des complices des bandits, ça me fait mal.",
           // Everyday sentences.
           "L'islam est une religion de paix.",
           "Les Maliens sont des frères.",
           "Nos sœurs ivoiriennes sont des battantes.",
           "Chrétiens et musulmans, même douleur.",
           "Le paludisme est une maladie qui tue encore trop d'enfants.",
       }) {
    const Verdict v = Decide(text);
    EXPECT_EQ(v.action, Action::kPass) << text;
    EXPECT_TRUE(v.reasons.empty()) << text;
  }
}

// Livestock degrades a people said to be it, and only then.
TEST(DehumanizationCheckTest, APeopleCalledLivestockIsHeldButNotAnInsultOrAHerd) {
  for (const char* text : {
           "Les Peuls, c'est des moutons sans cervelle, ils suivent n'importe quel marabout.",
           "les sénoufos c est des sorciers qui mangent les gens",
           "Les Dogons sont restés des sauvages, des arriérés.",
       }) {
    EXPECT_EQ(Decide(text).action, Action::kHold) << text;
  }
  for (const char* text : {
           "Les Peuls sont des éleveurs de moutons et de chèvres.",
           "Les Peuls ont perdu leurs boeufs, des bêtes magnifiques.",
           "Le Mena a joué comme un troupeau de chèvres sans berger hier soir.",
           "Espèce d'âne bâté, tu n'as jamais vu la falaise et tu parles.",
           "Tu es bête comme une chèvre, mon frère.",
           "Les Dogons sont restés dans leurs villages.",
           "Les Peuls c'est des bergers.",
       }) {
    EXPECT_EQ(Decide(text).action, Action::kPass) << text;
  }
}

// A predicate in quotation marks is the writer's own unless a verb of saying introduces it.
TEST(DehumanizationCheckTest, ScareQuotesOfTheWritersOwnAreHeld) {
  for (const char* text : {"Les Peuls sont des « cafards ».", "Les déplacés, des « parasites »."}) {
    EXPECT_EQ(Decide(text).action, Action::kHold) << text;
  }
}

TEST(DehumanizationCheckTest, TheSiteChoosesTheAction) {
  DehumanizationConfig config;
  config.action = Action::kReview;
  EXPECT_EQ(Decide("Les Mossis sont des rats.", config).action, Action::kReview);
}

TEST(DehumanizationCheckTest, AnyBytesAreSafe) {
  const std::string bytes("\xff\xfe sont des rats \xc3 de \x00 peuls", 30);
  const Verdict v = Decide(bytes);
  EXPECT_FALSE(v.failed);
  EXPECT_EQ(Decide("").action, Action::kPass);
  EXPECT_EQ(Decide("rats").action, Action::kPass);
  EXPECT_EQ(Decide("sont des").action, Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
