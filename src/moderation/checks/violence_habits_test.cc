// The violence check's rules for threats that name the reader's habits and relatives, the verbs
// of hurting said in slang, and apologia that approves a struck post or prays for a group's
// guidance; each with the lawful comments that look like them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "moderation/check_testing.h"
#include "moderation/checks/violence_check.h"
#include "moderation/config.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;
using Strings = std::vector<std::string>;

class ViolenceHabitsTest : public testing::SharedCheckTest<ViolenceCheck, ViolenceConfig> {};

struct Case {
  const char* text;
  const char* code;
};

TEST_F(ViolenceHabitsTest, FindsHabitsWatchedSlangVerbsAndApprovedStrikes) {
  const Case cases[] = {
      // A relative's or a vehicle's routine, then a warning.
      {"Ton frère rentre du lycée à 18h tous les jours. Fais attention à toi.", "threat"},
      {"Votre épouse tient toujours le kiosque de Hamdallaye, n'est-ce pas ?", "threat"},
      {"ta soeur vend du pain au marché de Sabalibougou chaque matin, on la connait", "threat"},
      {"Ta voiture dort devant la pharmacie le soir. Ce serait dommage.", "threat"},
      {"Ton fils prend le car de Ségou seul le lundi. Dis-lui de rester prudent.", "threat"},
      {"Maître, votre cabinet ferme à 18 heures, je le sais.", "threat"},
      {"ton petit frère joue au ballon derrière la mosquée tous les soirs, non ? On le salue",
       "threat"},
      // A group that knows where or when the reader goes.
      {"On sait où tu prends ton thé le soir au grin de Kalaban.", "threat"},
      {"Nous savons dans quelle école tu emmènes ta fille le matin.", "threat"},
      {"On sait quelle moto tu conduis, la rouge.", "threat"},
      // Not living until a date, said with "aller".
      {"Toi le chroniqueur, tu ne vas pas finir l'année.", "threat"},
      // Slang verbs of hurting and a bullet promised.
      {"Je vais te planter devant ta porte, kpakpato.", "threat"},
      {"je vais te cogner jusqu'à ce que tu te taises", "threat"},
      {"Je vous logerai une balle dans la tête, monsieur le juge.", "threat"},
      {"On va lui fendre le crâne, à ce blogueur.", "incitement"},
      // A struck post approved; a group's guidance prayed for; "big up".
      {"Le camp de Boulkessi l'a bien cherché.", "terrorism_apologia"},
      {"Le convoi de Seytenga, ça leur apprendra.", "terrorism_apologia"},
      {"Les hommes de la katiba Macina tiennent le centre. Qu'Allah guide leurs pas.",
       "terrorism_apologia"},
      {"big up aux gars de la brousse", "terrorism_apologia"},
  };
  for (const Case& c : cases) {
    const Verdict v = Run(c.text);
    EXPECT_EQ(Codes(v), Strings{c.code}) << c.text;
    ASSERT_FALSE(v.reasons.empty()) << c.text;
    EXPECT_FALSE(v.reasons[0].spans.empty()) << c.text;
  }
}

TEST_F(ViolenceHabitsTest, LawfulLookAlikesPass) {
  const char* lawful[] = {
      // Advice and family news without a warning; the reader's own street or job.
      "Ton frère rentre du lycée à 18h tous les jours, il a bien travaillé cette année.",
      "Ta mère vend toujours du pain au marché de Médina ? Elle fait le meilleur du quartier.",
      "Ton quartier est inondé chaque hivernage, fais attention à la route.",
      "Ton travail à Kaya le soir, c'est dangereux, fais attention.",
      "Ta famille à Djibo va bien ? Paix à l'âme de ton oncle, n'est-ce pas lui qui est parti ?",
      "Surveille tes enfants au bord du fleuve.",
      "Ton cabinet est au centre de Bamako ? Je cherche un avocat pour un litige foncier.",
      // Knowing what the reader means or where they read something.
      "On sait où tu veux en venir avec ce commentaire.",
      "Je sais où tu as lu ça, c'est sur le site de la RTB.",
      "On sait quelle équipe tu soutiens le soir de la finale !",
      // Money, a meal, a match.
      "Avec ce salaire tu ne vas pas finir le mois.",
      "Tu ne vas pas finir ton assiette ce soir ?",
      "Il faut planter des arbres à Kaya avant l'hivernage.",
      "On va les planter samedi au stade, les Étalons sont prêts.",
      "Le site du journal a planté hier soir.",
      // The army praised, terrorists' defeat approved, a lesson for the government.
      "Qu'Allah guide leurs pas, nos soldats sont partis vers Djibo.",
      "Les terroristes ont attaqué le camp mais l'armée les a repoussés, ça leur apprendra.",
      "Big up aux infirmières de l'hôpital de Kaya.",
      "Le gouvernement l'a bien cherché avec cette loi.",
  };
  ExpectPass(lawful);
}

}  // namespace
}  // namespace palabre::moderation
