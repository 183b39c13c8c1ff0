#include "moderation/checks/off_topic_check.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;

constexpr char kAttackTitle[] =
    "Burkina Faso : au moins 40 soldats tués dans une attaque contre un détachement militaire "
    "près de Djibo";
constexpr char kAttackBody[] =
    "Un détachement de l'armée burkinabè a été attaqué samedi à l'aube près de Djibo, dans la "
    "province du Soum. Selon des sources sécuritaires, au moins 40 militaires et volontaires pour "
    "la défense de la patrie (VDP) ont été tués. L'attaque a été revendiquée par le Groupe de "
    "soutien à l'islam et aux musulmans (JNIM). Les assaillants, arrivés à moto, ont incendié des "
    "véhicules et emporté des armes. Le gouvernement a décrété un deuil national de trois jours. "
    "Djibo est sous blocus des groupes armés depuis 2022 et son ravitaillement se fait par "
    "convois escortés.";

constexpr char kTvComplaint[] =
    "CANAL+ A ENCORE AUGMENTÉ LE PRIX DE L'ABONNEMENT, 15 000 FRANCS POUR LE BOUQUET ÉVASION "
    "C'EST DU VOL !!! ET EN PLUS LE DÉCODEUR NE MARCHE PAS LA MOITIÉ DU TEMPS, LE SERVICE CLIENT "
    "NE RÉPOND JAMAIS. QUI PEUT M'AIDER ?";

OffTopicConfig RecommendedConfig() {
  OffTopicConfig config;
  config.threshold = kRecommendedOffTopicThreshold;
  return config;
}

Verdict Judge(const OffTopicCheck& check, const std::string& text,
              const std::string& title = kAttackTitle, const std::string& body = kAttackBody) {
  CheckInput input(text);
  input.thread.title = title;
  input.thread.body = body;
  return input.Run(check);
}

TEST(OffTopicCheckTest, ATvSubscriptionComplaintUnderAnAttackStoryIsHeld) {
  const OffTopicCheck check(RecommendedConfig());
  EXPECT_EQ(check.Name(), "off_topic");
  const Verdict v = Judge(check, kTvComplaint);
  EXPECT_EQ(v.action, Action::kHold);
  ASSERT_EQ(Codes(v), std::vector<std::string>{"off_topic"});
  EXPECT_EQ(v.reasons[0].check, "off_topic");
  EXPECT_GT(v.reasons[0].score, 0.0);
  EXPECT_LE(v.reasons[0].score, 1.0);
  EXPECT_EQ(v.reasons[0].detail.find("CANAL"), std::string::npos) << "no comment text";
}

TEST(OffTopicCheckTest, OtherLongUnrelatedCommentsAreHeld) {
  const OffTopicCheck check(RecommendedConfig());
  for (const char* text : {
           "Mon voisin fait du bruit toute la nuit avec sa musique et quand je lui parle il "
           "m'insulte. La police du quartier ne fait rien. Est-ce que quelqu'un connaît un bon "
           "avocat à Ouaga pour ce genre de problème ? Merci d'avance.",
           "Moi je dis que les Lions de la Teranga vont gagner la CAN cette année, Sadio Mané est "
           "en forme et le sélectionneur a trouvé la bonne équipe. Le match contre le Cameroun "
           "sera décisif, rendez-vous dimanche au stade.",
       }) {
    EXPECT_EQ(Judge(check, text).action, Action::kHold) << text;
  }
}

TEST(OffTopicCheckTest, ShortReactionsAreNeverOffTopic) {
  const OffTopicCheck check(RecommendedConfig());
  for (const char* text : {"Triste.", "Paix à leurs âmes", "Paix à leurs âmes 🙏🏾",
                           "Que Dieu protège le Burkina. Amine.",
                           "Le prix de l'abonnement Canal+ a encore augmenté, c'est du vol."}) {
    const Verdict v = Judge(check, text);
    EXPECT_EQ(v.action, Action::kPass) << text;
    EXPECT_TRUE(v.reasons.empty()) << text;
  }
}

TEST(OffTopicCheckTest, LongCommentsOnTheStoryOrOnPublicAffairsPass) {
  const OffTopicCheck check(RecommendedConfig());
  for (const char* text : {
           "Paix à l'âme de nos soldats. Mais jusqu'à quand allons-nous compter nos morts ? Les "
           "convois vers Djibo sont attaqués chaque mois et la population meurt de faim. Le "
           "gouvernement doit changer de stratégie et équiper vraiment nos hommes au front.",
           "La transition avait promis de ramener la paix mais depuis trois ans les choses "
           "empirent. Les Burkinabè méritent des dirigeants qui écoutent au lieu de menacer ceux "
           "qui critiquent. Quand est-ce que les élections auront lieu ? On attend toujours.",
           "Le JNIM exploite les frustrations des éleveurs et la faiblesse de l'État dans le "
           "Soum. Sans présence administrative, sans justice et sans écoles, les jeunes n'ont que "
           "les groupes armés comme horizon. La réponse militaire seule ne suffira pas.",
           "Wallahi c'est trop, ns on est fatigués. Ki va protéger les gens de Djibo ? Les "
           "militaires font ce qu'ils peuvent mais sans hélicoptères ni carburant c'est "
           "impossible. Que Dieu nous aide, inch'Allah la paix va revenir un jour.",
           "Je suis de Djibo et ma famille vit encore là-bas. Chaque jour est une lutte pour "
           "trouver de l'eau et de la nourriture, les prix ont été multipliés par cinq. Les "
           "enfants ne vont plus à l'école depuis deux ans. Pensez à nous.",
       }) {
    const Verdict v = Judge(check, text);
    EXPECT_EQ(v.action, Action::kPass) << text;
  }
}

TEST(OffTopicCheckTest, TheSameCommentIsOnTopicUnderItsOwnStory) {
  const OffTopicCheck check(RecommendedConfig());
  const Verdict v =
      Judge(check, kTvComplaint, "Canal+ augmente le prix de ses abonnements au Sénégal",
            "Le bouquet Évasion passe à 15 000 francs. Les abonnés se plaignent "
            "aussi des pannes de décodeur et du service client.");
  EXPECT_EQ(v.action, Action::kPass);
}

TEST(OffTopicCheckTest, AThreadWithoutTitleOrTextIsNotJudged) {
  const OffTopicCheck check(RecommendedConfig());
  EXPECT_EQ(Judge(check, kTvComplaint, "", "").action, Action::kPass);
  CheckInput no_thread(kTvComplaint);
  no_thread.context.thread = nullptr;
  EXPECT_EQ(no_thread.Run(check).action, Action::kPass);
}

TEST(OffTopicCheckTest, ActionAndMinimumLengthComeFromTheConfig) {
  OffTopicConfig reject = RecommendedConfig();
  reject.action = Action::kReject;
  EXPECT_EQ(Judge(OffTopicCheck(reject), kTvComplaint).action, Action::kReject);

  OffTopicConfig off = RecommendedConfig();
  off.action = Action::kPass;
  EXPECT_TRUE(Judge(OffTopicCheck(off), kTvComplaint).reasons.empty());

  OffTopicConfig longer = RecommendedConfig();
  longer.min_words = 60;  // the complaint has 39 words
  EXPECT_EQ(Judge(OffTopicCheck(longer), kTvComplaint).action, Action::kPass);
}

TEST(OffTopicCheckTest, RunsFromManyThreadsOverManyArticles) {
  const OffTopicCheck check(RecommendedConfig());
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 300; ++k) {
        // Distinct articles overflow the cache (512) and exercise its reset.
        const std::string title = std::string(kAttackTitle) + " " + std::to_string(i * 1000 + k);
        if (Judge(check, kTvComplaint, title).action != Action::kHold) ++wrong[i];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace palabre::moderation
