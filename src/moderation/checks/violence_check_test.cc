#include "moderation/checks/violence_check.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "moderation/check_testing.h"
#include "moderation/config.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;
using testing::SpanTexts;
using Strings = std::vector<std::string>;

class ViolenceCheckTest : public testing::SharedCheckTest<ViolenceCheck, ViolenceConfig> {};

struct Positive {
  const char* text;
  const char* code;
};

const Positive kPositives[] = {
    // A call to act + a violent act + a target; evasion undone by the normaliser.
    {"Il faut tuer tous ces traîtres de Kaya.", "incitement"},
    {"faut brûler leur village cette nuit", "incitement"},
    {"On doit égorger ces chiens de mécréants un par un.", "incitement"},
    {"Il faudrait bombarder Paris pour qu'ils comprennent enfin.", "incitement"},
    {"Qu'on les pende tous sur la place de la Nation !", "incitement"},
    {"Brûlez les maisons de ces Peuls.", "incitement"},
    {"Tuez-les tous, ils ne méritent rien d'autre.", "incitement"},
    {"Allez incendier le siège de ce journal de menteurs.", "incitement"},
    {"À mort les traîtres !", "incitement"},
    {"Mort aux Français !", "incitement"},
    {"Qu'est-ce qu'on attend pour aller lyncher ce ministre ?", "incitement"},
    {"Il est temps de faire sauter l'ambassade de France.", "incitement"},
    {"Il faut mettre le feu à la mosquée de ces gens.", "incitement"},
    {"On doit prendre en otage les touristes qui viennent à Tombouctou.", "incitement"},
    {"il faut régler son compte à ce juge vendu", "incitement"},
    {"Massacrons ces Mossis avant qu'ils ne nous envahissent.", "incitement"},
    {"Décapitez ce blogueur, il a insulté le Prophète.", "incitement"},
    {"Il faut t u e r ce député.", "incitement"},
    {"Il faut tu3r tous les opposants", "incitement"},
    {"Il faut brûl3r leurs églises", "incitement"},
    {"Il fаut égоrgеr сеs trаîtrеs", "incitement"},
    {"IL FAUT EXTERMINER CES DOZOS", "incitement"},
    {"Faut aller tuer le préfet de Dori demain.", "incitement"},
    {"On devrait assassiner ce président et toute sa clique.", "incitement"},
    {"Il faut qu'on brûle leurs boutiques ce soir.", "incitement"},
    {"il faut 🔥 toutes leurs maisons", "incitement"},
    {"Pendons ces députés corrompus devant l'Assemblée !", "incitement"},
    {"Lapidez cette femme, elle a trahi sa famille.", "incitement"},
    {"Il faut abattre ce journaliste comme un chien.", "incitement"},
    {"On va bombarder Bamako, préparez-vous.", "incitement"},
    {"Il faut raser le quartier des Bambaras.", "incitement"},
    {"Pourquoi ne pas faire sauter le pont de Gao avec leurs camions dessus ?", "incitement"},
    {"Yaka les fusiller tous.", "incitement"},
    {"Ces gens-là, il faut les exterminer jusqu'au dernier.", "incitement"},
    {"Qu'ils soient tous pendus, ces vendus !", "incitement"},
    {"il faut bruler vif ce sorcier", "incitement"},
    {"Mort à Macron et à sa France !", "incitement"},
    // Praise of an armed group, its fighters, its attack, or of the killing of soldiers.
    {"Gloire au JNIM !", "terrorism_apologia"},
    {"Bravo aux moudjahidines pour l'attaque de Djibo.", "terrorism_apologia"},
    {"Vive l'État islamique au Sahel", "terrorism_apologia"},
    {"Que Dieu donne la victoire aux moudjahidines du Macina.", "terrorism_apologia"},
    {"Honneur à nos frères de la Katiba Macina.", "terrorism_apologia"},
    {"Félicitations à Boko Haram, ils ont bien travaillé.", "terrorism_apologia"},
    {"Les moudjahidines ont écrasé l'armée à Boulkessi, gloire à eux !", "terrorism_apologia"},
    {"Bravo pour cette belle embuscade, trente soldats tués d'un coup.", "terrorism_apologia"},
    {"Qu'Allah accepte nos martyrs du JNIM.", "terrorism_apologia"},
    {"Nos frères moudjahidines ont frappé fort à Djibo, qu'Allah les récompense.",
     "terrorism_apologia"},
    {"Bien fait pour ces soldats, ils n'avaient rien à faire à Boni.", "terrorism_apologia"},
    {"Ces FAMa l'ont bien mérité.", "terrorism_apologia"},
    {"Respect aux combattants de l'EIGS", "terrorism_apologia"},
    {"vive daech", "terrorism_apologia"},
    {"G.l.o.i.r.e au J.N.I.M", "terrorism_apologia"},
    {"Longue vie à la katiba Macina", "terrorism_apologia"},
    {"Gloire à ceux qui ont attaqué le camp de Barsalogho.", "terrorism_apologia"},
    // Threats against a person, explicit and implicit.
    {"Je vais te tuer, sale menteur.", "threat"},
    {"On va te retrouver, journaliste de malheur.", "threat"},
    {"On sait où tu habites.", "threat"},
    {"Ta voiture grise, on la connaît bien.", "threat"},
    {"Tu ne verras pas la fin du mois.", "threat"},
    {"Prépare ton linceul.", "threat"},
    {"Achète ton cercueil, ça ne va pas tarder.", "threat"},
    {"Tes jours sont comptés, petit blogueur.", "threat"},
    {"Pense à ta famille avant d'écrire encore ce genre d'article.", "threat"},
    {"Tu vas le regretter amèrement.", "threat"},
    {"Continue d'écrire et tu vas mourir.", "threat"},
    {"On connaît l'école de tes enfants.", "threat"},
    {"je sais ou tu dors", "threat"},
    {"On viendra chez toi cette nuit.", "threat"},
    {"t'es un homme mort", "threat"},
    {"Je te tuerai de mes propres mains.", "threat"},
    {"Tu vas payer cher ce que tu as écrit.", "threat"},
    {"Vous les journalistes, on va vous faire taire.", "threat"},
    {"On a ton adresse, fais attention.", "threat"},
    {"je vais t3 tu3r", "threat"},
    {"Ton ⚰️ est prêt.", "threat"},
    {"Tu vas regretter d'avoir écrit cet article.", "threat"},
    // Less common forms: SMS spelling, questions that call, gallows, weapons, the addressed
    // reader's house.
    {"Va les brûler toi-même si tu es un homme.", "incitement"},
    {"Fo tuer tous ces voleurs de bétail", "incitement"},
    {"Mettez le feu à l'ORTM ce soir.", "incitement"},
    {"Il faudrait une voiture piégée devant le palais.", "incitement"},
    {"Il faut sortir les machettes contre ces militaires.", "incitement"},
    {"On attend quoi pour aller pendre ces vendus ?", "incitement"},
    {"Pourquoi personne ne va égorger ce traître ?", "incitement"},
    {"Qui va incendier la maison de ce député ?", "incitement"},
    {"Ceux qui refusent, au poteau !", "incitement"},
    {"Ne laissez aucun survivant dans ce quartier.", "incitement"},
    {"Une seule solution pour ces traîtres : la corde.", "incitement"},
    {"Tirez dans le tas, ce sont tous des vendus.", "incitement"},
    {"Jetez des grenades dans leur meeting.", "incitement"},
    {"Les moudjahidines du JNIM sont de vrais héros.", "terrorism_apologia"},
    {"Que les moudjahidines avancent sur Niamey, inch'Allah.", "terrorism_apologia"},
    {"Chapeau aux frères, l'attaque de la caserne a été propre.", "terrorism_apologia"},
    {"Ces gendarmes ont été tués à Inata, quelle joie.", "terrorism_apologia"},
    {"Mashallah, l'EIGS est invincible au Liptako.", "terrorism_apologia"},
    {"On va te faire la fête, journaliste.", "threat"},
    {"Attends-toi à une surprise ce soir.", "threat"},
    {"Tu vas finir dans un sac plastique.", "threat"},
    {"Tu vas regretter d'être né.", "threat"},
    {"Surveille tes arrières, petit blogueur.", "threat"},
    {"Tu ne perds rien pour attendre.", "threat"},
    {"On te surveille depuis des semaines.", "threat"},
    {"Ta tête va rouler sur la place du marché.", "threat"},
    {"Je connais ta voiture et ton bureau.", "threat"},
    {"Ta femme sera veuve avant la fin de l'année.", "threat"},
    {"On aura ta peau, sale menteur.", "threat"},
    {"Ton heure est venue, traître.", "threat"},
    {"Quelqu'un devrait faire taire ce blogueur et ses articles.", "threat"},
    {"On va brûler ta maison cette nuit.", "threat"},
    // Terrorists as the target of the readers themselves: a call to lynch, not on the army.
    {"va falloir tuer ces bandits de nos propres mains, l'etat fait rien", "incitement"},
    {"Allons brûler leur campement nous-mêmes, les militaires dorment.", "incitement"},
    // Orders and slogans without "il faut".
    {"Feu sur les traîtres de Tessalit !", "incitement"},
    {"La corde pour ces députés vendus.", "incitement"},
    {"Il faut faire comme au Rwanda avec ces gens-là.", "incitement"},
    {"fo dja tous les voleurs du quartier", "incitement"},
    {"Ces gens, faut les finir à la machette.", "incitement"},
    {"Tous les Peuls du village doivent être chassés ou tués.", "incitement"},
    // The army called on to burn villages or kill a people: no lawful order.
    {"L'armée doit brûler tous les villages qui ont nourri les terroristes.", "incitement"},
    {"« Mort aux traîtres », voilà ce que je dis.", "incitement"},
    {"Je le dis \"il faut brûler leurs maisons\", et je le répète : brûlez-les.", "incitement"},
    // Threats in the present, the near future, and without a violent verb.
    {"Je t'étrangle de mes mains si je te vois au marché.", "threat"},
    {"je vous égorgerai moi-même", "threat"},
    {"Je viens brûler ta radio demain.", "threat"},
    {"je te casse les dents à la sortie", "threat"},
    {"Je vais te couper la langue.", "threat"},
    {"ton heure va sonner", "threat"},
    {"Ton jour arrive.", "threat"},
    {"tu verras pas la Tabaski", "threat"},
    {"Tu ne passeras pas la Korité.", "threat"},
    {"On te connaît, hein.", "threat"},
    {"Ta famille le regrettera.", "threat"},
    {"Ta femme va bientôt porter le deuil.", "threat"},
    // Praise of an armed group or of its attack, as its sympathisers write it.
    {"Ils ont bien fait de frapper l'école de gendarmerie.", "terrorism_apologia"},
    {"Que Yalla garde les moudjahidines", "terrorism_apologia"},
    {"Bravo aux combattants de l'ISSP qui ont nettoyé la garnison.", "terrorism_apologia"},
    {"jnim c nos gars", "terrorism_apologia"},
    {"Boko Haram a eu raison d'enlever ces filles, elles n'avaient rien à faire à l'école.",
     "terrorism_apologia"},
    {"Les frères ont bien nettoyé 👍🏾", "terrorism_apologia"},
    {"Les gens de l'EIGS ont frappé Tassia comme il faut.", "terrorism_apologia"},
    {"Qu'Allah accorde le paradis aux frères morts au combat, ils ont défendu la religion.",
     "terrorism_apologia"},
    {"les gars de boko haram sont plus forts que tous les soldats", "terrorism_apologia"},
};

const char* const kLawful[] = {
    "L'armée a bien fait de frapper les terroristes à Djibo.",
    "Les frères ont bien nettoyé la mosquée avant la Tabaski.",
    "Je ne dirai jamais que le JNIM a eu raison.",
    "Seigneur, donne la force aux mamans de Boko qui ont perdu leurs enfants.",
    "Quand je lis dans ces commentaires qu'il faut « raser » leurs villages, j'ai honte.",
    "Que Dieu accorde le paradis à nos frères soldats morts au combat pour la patrie.",
    "Nos Lions sont plus forts que tous les autres, allez le Sénégal !",
    "Je viens de brûler le riz, quelle journée.",
    "Je te connais depuis l'école, tu n'as jamais menti.",
    "On va les écraser dimanche au stade, allez les Étalons !",
    "Tu vas regretter ce vote dans cinq ans, crois-moi.",
    "Ta mère va pleurer de joie quand elle verra ton diplôme.",
    "On ne te connaît pas ici, présente-toi.",
    "@Moussa arrête, tu ne peux pas dire « bombardez Cotonou » parce que la frontière est fermée.",
    "Tu as écrit « qu'on les brûle » pour des enfants qui mendient ? Efface ça.",
    "@Awa tu dis \"il faut brûler leurs maisons\" et après tu parles de paix ?",
    "Feu sur les terroristes, disent les soldats au front.",
    "Ils ont ouvert le feu sur le marché de Djibo.",
    "Un feu sur la route a bloqué les camions.",
    "On ne veut pas d'un nouveau Rwanda au Burkina.",
    "Attention, ça commence comme au Rwanda : les discours de haine.",
    "Il faut finir le travail à l'école avant la saison des pluies.",
    "La corde pour sécher le linge est cassée.",
    "L'armée doit frapper les bases terroristes autour du village.",
    ("Il faut que l'armée tue ces bandits avant qu'ils ne reviennent, de nos mains nous ne pouvons "
     "rien."),
    // Reports of violence: no call to act.
    "Des hommes armés ont ouvert le feu sur le marché de Diapaga.",
    "Ils ont brûlé l'école et tué le directeur, on a fui à pied.",
    "Les assaillants ont incendié la mairie avant de prendre la fuite.",
    "Trente soldats ont été tués dans une embuscade près de Boni.",
    "Les terroristes ont égorgé trois bergers à Tessit.",
    "On nous tue chaque jour et personne ne dit rien.",
    "Les jihadistes ont pris en otage deux enseignants.",
    "Hier soir ils ont fait sauter le pont de Boulkessi.",
    // Condemnations, negated or reported calls.
    "Le JNIM a revendiqué cette attaque odieuse.",
    "Honte au JNIM et à tous ceux qui les soutiennent.",
    "Ceux qui disent qu'il faut tuer les Peuls doivent être arrêtés.",
    "Il ne faut pas brûler les écoles, ce sont nos enfants qui en souffrent.",
    "Aucune gloire pour Boko Haram, que des lâches.",
    // Calls for justice or for the army to act; terrorists as a target are left to the army.
    "Que les coupables soient jugés et condamnés.",
    "L'armée doit frapper les bases terroristes sans pitié.",
    "Il faut arrêter ces assassins et les juger.",
    "Il faut rétablir la peine de mort pour ces crimes.",
    "Il faut que les FDS bombardent les positions des terroristes.",
    "Il faut neutraliser les chefs du JNIM.",
    "Il faut exterminer ces terroristes jusqu'au dernier.",
    "Nos soldats doivent écraser les jihadistes.",
    "Mort aux terroristes !",
    "Ces terroristes doivent être abattus.",
    "Il faut attaquer en justice ces entreprises minières.",
    "Le gouvernement doit tuer la corruption dans l'œuf.",
    "La police doit arrêter ces bandits.",
    // Figures of speech, sport, idioms, harmless objects.
    "Ces prix nous tuent à petit feu.",
    "On va les écraser dimanche, les Étalons sont prêts.",
    "Le match était une boucherie, l'arbitre était nul.",
    "Il faut tuer le match dès la première mi-temps.",
    "Ils vont mettre le feu au stade ce soir, quelle ambiance !",
    "Il faut brûler les étapes pour finir la route.",
    "Tu me tues avec tes blagues mon frère 😂",
    "Cette chaleur va nous tuer.",
    "On va massacrer les Lions dimanche au stade.",
    "Il faut tuer le temps en attendant le bus.",
    "Les Aigles doivent attaquer dès le début du match.",
    "Il faut abattre ce mur de la honte.",
    "Je vais brûler ma carte d'électeur en signe de protestation.",
    // Praise of the national army or country, condolences.
    "Gloire à nos soldats tombés au front.",
    "Honneur à nos FDS !",
    "Vive le Burkina Faso libre !",
    "Vive l'armée malienne, que Dieu protège nos FAMa.",
    "Que Dieu leur donne la victoire contre les terroristes.",
    "Paix à leurs âmes. Que Dieu accueille nos martyrs au paradis.",
    "Bravo à l'armée qui a neutralisé vingt combattants du JNIM.",
    "Bravo pour cet article sur les attaques du JNIM.",
    "Merci pour cette enquête sur Boko Haram.",
    "Innalillahi wa inna ilayhi raji'un. Repose en paix, ta tombe sera fleurie.",
    "Allahou Akbar, encore des morts à Djibo, que Dieu nous protège.",
    "Félicitations aux Étalons pour cette victoire.",
    "Honneur aux VDP qui ont repoussé l'attaque de Djibo.",
    // Look-alikes of threats.
    "Pense à ta famille avant de prendre la route de nuit.",
    "Avec ces prix, tu ne verras pas la fin du mois.",
    "Je connais bien ton quartier, il n'y a toujours pas d'eau.",
    "Tu vas regretter d'avoir voté pour eux.",
    "Prépare ton CV et ta lettre de motivation.",
    "Les funérailles de ton père auront lieu quand ?",
    "Tu es mort de rire ou quoi ?",
    "Si tu continues à fumer, tu vas mourir jeune.",
    "On t'attend à la sortie du concert pour la photo !",
    "On les attend à la sortie de l'école à midi.",
    "Nous devons protéger les villages contre ces tueurs.",
    // Other ordinary sentences with violent words.
    "Ils veulent nous tuer tous, réveillez-vous !",
    "Qui a tué le maire de Djibo ? L'enquête doit le dire.",
    "Il faut que ceux qui ont brûlé l'église soient punis.",
    "Bravo aux forces spéciales pour l'opération de Djibo.",
    "Faut-il négocier avec le JNIM ?",
    "Les Peuls ne sont pas tous des terroristes, arrêtez les amalgames.",
    "Allez les Lions, écrasez-les !",
    "Mon frère, tu vas payer combien pour le mouton ?",
    "La mort aux trousses, les déplacés fuient vers Kaya.",
    "Les villageois ont lynché un voleur présumé hier à Kati.",
    "Il faudrait éliminer les frais de scolarité.",
    "Il faut frapper fort contre la corruption.",
    "Il faut attaquer le problème à la racine.",
    "Il faut exécuter les décisions de justice.",
    "Il faut égorger le mouton avant la prière de la Tabaski.",
    "Le Mali a été éliminé de la CAN, quelle honte.",
    "Il faut que l'armée rase les repaires des jihadistes.",
    "Qu'on les juge tous devant un tribunal.",
    "On doit tirer les leçons de cette attaque.",
    "Le JNIM dit qu'il faut brûler les écoles des Blancs, c'est de la folie.",
    "Mort de rire, ce ministre n'a rien compris.",
    "Condamnés à mort par contumace, ils courent toujours.",
    "Les FAMa ont abattu vingt terroristes à Mopti, bravo à eux !",
    "Bien fait pour ces terroristes, l'armée les a eus.",
    "Nos soldats ont bien mérité de la patrie.",
    "Le travail des soldats est bien fait à Djibo.",
    "Je vais tuer le temps en lisant vos commentaires.",
    "On va attaquer la saison des pluies avec de nouvelles semences.",
    "Il faut brûler les déchets loin des maisons.",
    // Look-alikes of the less common forms.
    "Il faut arrêter de brûler les pneus sur la route.",
    "La solution n'est pas de tuer mais de dialoguer.",
    "Il faut des grenades et des armes pour nos VDP.",
    "Je suis heureux que nos soldats aient repoussé l'attaque.",
    "Heureux de voir que le JNIM recule enfin dans le Gourma.",
    "Que les FDS continuent leur bon travail.",
    "Les frères ivoiriens nous ont accueillis, bravo à eux.",
    "Bravo aux frères du quartier qui ont reconstruit l'école.",
    "Mashallah, belle victoire des Étalons !",
    "Surveille tes enfants au bord du fleuve.",
    "On t'a vu à la télé hier, bravo !",
    "Ton heure est venue de briller, mon frère.",
    "Tu vas finir comme ton père, médecin !",
    "On t'attend à la sortie du concert pour la photo !",
    "Les explosions ont réveillé tout le quartier de Sévaré.",
    "Je connais bien ton quartier, il n'y a toujours pas d'eau.",
    "Il faut interdire la vente de machettes au marché de Kaya.",
    "Qui va payer les salaires des enseignants ce mois ?",
    "Pourquoi personne ne va réparer cette route ?",
};

TEST_F(ViolenceCheckTest, FindsIncitementApologiaAndThreats) {
  int incitement = 0, apologia = 0, threat = 0;
  for (const Positive& p : kPositives) {
    const Verdict v = Run(p.text);
    EXPECT_EQ(Codes(v), Strings{p.code}) << p.text;
    ASSERT_FALSE(v.reasons.empty()) << p.text;
    EXPECT_EQ(v.reasons[0].check, "violence");
    EXPECT_FALSE(v.reasons[0].spans.empty()) << p.text;
    const std::string code = p.code;
    incitement += code == "incitement";
    apologia += code == "terrorism_apologia";
    threat += code == "threat";
  }
  EXPECT_GE(incitement + apologia + threat, 60);
  EXPECT_GE(incitement, 20);
  EXPECT_GE(apologia, 15);
  EXPECT_GE(threat, 20);
}

TEST_F(ViolenceCheckTest, LawfulLookAlikesPass) {
  int count = 0;
  for (const char* text : kLawful) {
    const Verdict v = Run(text);
    EXPECT_EQ(v.action, Action::kPass)
        << text << ": " << (v.reasons.empty() ? "" : v.reasons[0].detail);
    EXPECT_TRUE(v.reasons.empty()) << text;
    ++count;
  }
  EXPECT_GE(count, 60);
}

// Implicit threats without a violent verb, and armed groups named as their sympathisers name
// them; each with the reason a moderator reads.
TEST_F(ViolenceCheckTest, ListsTestamentsAndTheSympathisersNamesOfArmedGroups) {
  const Positive cases[] = {
      {"mets ton testament à jour, c'est un conseil gratuit", "threat"},
      {"Préparez votre testament, Monsieur le juge.", "threat"},
      {"Ton nom est sur la liste. Pas la liste électorale.", "threat"},
      {"Vos noms sont sur notre liste, les gens de la radio.", "threat"},
      {"Ceux qui ont écrit cet article, nous avons vos noms.", "threat"},
      {"Gloire aux hommes de la forêt !", "terrorism_apologia"},
      {"Que Dieu protège les garçons de la brousse.", "terrorism_apologia"},
      {"Bravo aux lions du désert, ils ont pris la base.", "terrorism_apologia"},
  };
  for (const Positive& p : cases) {
    const Verdict v = Run(p.text);
    EXPECT_EQ(Codes(v), Strings{p.code}) << p.text;
    ASSERT_FALSE(v.reasons.empty()) << p.text;
    EXPECT_FALSE(v.reasons[0].detail.empty()) << p.text;
  }
  const char* lawful[] = {
      "Mon père a fait son testament devant le notaire de Ségou.",
      "Ton nom est sur la liste électorale de Kaya, va vérifier.",
      "Votre nom est sur la liste des admis au bac, félicitations !",
      "Ceux de la brousse sont venus prendre le bétail, on a tout perdu.",
      "Les hommes de la forêt ont encore attaqué Djibasso, que Dieu protège les villageois.",
      "On a vos noms pour la distribution de vivres, passez lundi.",
  };
  ExpectPass(lawful);
}

// Lawful forms that the incitement rules stopped: prison asked for, an order given to the army
// (named as the ones spoken to), and a slogan quoted to answer it, the verb of saying after it.
TEST_F(ViolenceCheckTest, PrisonOrdersToTheArmyAndSlogansAnsweredAfterTheQuotePass) {
  const char* lawful[] = {
      "Quand on tue 200 personnes, on ne mérite plus de vivre libre. Perpétuité réelle.",
      "Ces criminels ne méritent pas de vivre en liberté, qu'ils restent en prison.",
      "Frappez-les dans leurs sanctuaires, messieurs les militaires.",
      "Chers soldats, écrasez-les dans leurs bases, le pays est derrière vous.",
      "« Mort aux traîtres », tu dis. Qui décide qui est traître ?",
      "« Brûlez leurs villages », vous osez écrire ça ici ?",
  };
  ExpectPass(lawful);
  // The same words stay stopped without the address, the freedom or the answer.
  EXPECT_EQ(Codes(Run("Ces gens ne méritent pas de vivre.")), Strings{"incitement"});
  EXPECT_EQ(
      Codes(Run("Frappez-les dans leurs villages, messieurs les militaires, tous ces Peuls.")),
      Strings{"incitement"});
  EXPECT_EQ(Codes(Run("« Mort aux traîtres », je dis, et je le répète.")), Strings{"incitement"});
}

// Replies that give a reader's call back to condemn it: the reader's words named as theirs
// (a possessive before the quotation, "c'est ça ta solution" after it), reported with "en
// disant", or put back to the reader as a question of their wish.
TEST_F(ViolenceCheckTest, RepliesThatGiveAReadersCallBackPass) {
  const char* lawful[] = {
      "Arrêtez avec vos « il faut tous les tuer », ce sont des villageois.",
      "Ton « qu'on les pende tous » ne ramènera personne.",
      "Moussa, relis-toi : « il faut les pendre », c'est ça ta solution ? Honte à toi.",
      "On ne répond pas à la violence en disant qu'il faut tuer leurs familles.",
      "Tu veux qu'on brûle l'ambassade ? Et après, on mange quoi ?",
      "Vous voulez qu'on égorge les voisins pour une histoire de champ ?",
      "Ceux qui écrivent qu'il faut bombarder Abidjan ne connaissent pas la guerre.",
  };
  ExpectPass(lawful);
  // The writer's own call stays stopped: a wish of the writer's, a quotation of the writer's
  // own words, a possessive that is not the reader's.
  EXPECT_EQ(Codes(Run("Je veux qu'on brûle l'ambassade ce soir.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Nos soldats ont un mot d'ordre : « il faut tous les tuer »")),
            Strings{"incitement"});
  EXPECT_EQ(Codes(Run("« Il faut les pendre », c'est ça la solution.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Il faut tuer leurs familles, disant la vérité.")), Strings{"incitement"});
}

// Sixth round (docs/MODERATION.md): a person or a place promised an act in the passive, the
// rope or an emoji as what someone deserves, the place of an attack approved, a relative's or a
// route's habits told with a warning; and a reader's praise put back to them to condemn it.
TEST_F(ViolenceCheckTest, PassivePromisesDeservedRopesAndWatchedHabits) {
  EXPECT_EQ(Codes(Run("Le juge qui a condamné nos frères sera tué.")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Le blogueur Idrissa Compaoré finira pendu à un manguier.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Kati sera rasée.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("tu seras pendu")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Ce blogueur mérite 🪢 sur la place publique")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Ce traître mérite la corde.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("on va te défoncer la figure à la sortie")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Barsalogho c'était mérité.")), Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("diffa c bien merité 💪🏴")), Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("Infirmière Mariama, on connaît ta garde de nuit.")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Ton mari revient tard du marché, non ? Dis-lui d'être prudent.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Ta femme vend les pagnes au marché Niger, on la voit chaque matin 👀")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Votre adresse n'est plus un secret pour personne.")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Les enfants du juge Condé sortent de l'école à 17h, on les attend.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Votre Peugeot grise garée devant la mairie, Monsieur le maire, nous la "
                      "connaissons bien.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Vos enfants prennent le car de 7 h 15. À vous d'en tirer les conclusions.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Bravo aux frères de la brousse pour l'attaque de Djibo.")),
            Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("Tuez les terroristes maliens et leurs familles.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("@Sekou écris encore et on te découpe.")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Merci pour ton article, Fatou. On a noté ton adresse au passage.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("Guide Ibrahim, ton convoi part le jeudi et on sait par où il passe.")),
            Strings{"threat"});
  EXPECT_EQ(Codes(Run("ce journaliste va finir 🪢 à un arbre de Sévaré")), Strings{"threat"});
  EXPECT_EQ(Codes(Run("Le douanier d'Agadez, il faut l'envoyer voir ses ancêtres.")),
            Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Allez piller les boutiques des commerçants burkinabè de Sévaré.")),
            Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Chassez les Gambiens de Séléty à la machette.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Cette nuit, chassez les migrants de la gare à coups de bâton.")),
            Strings{"incitement"});
  const char* lawful[] = {
      "Les terroristes seront tous abattus.",
      "Le condamné sera pendu, a décidé le tribunal.",
      "Personne ne sera tué si chacun reste calme.",
      "Les otages seront tués si la rançon n'est pas payée, disent les ravisseurs.",
      "La route sera bloquée demain.",
      "Ce dossier sera enterré comme les autres.",
      "Il mérite la prison à vie.",
      "Le titre de Kati, c'était mérité.",
      "Ta mère vend au marché de Kati ? La mienne aussi, on se croisera !",
      "Le prévenu sera jugé lundi.",
      "frere tu dis bravo aux gens de la brousse ?? tu es malade, ils ont tué des innocents",
      "Toi qui écris que les villageois méritaient de mourir, viens voir les enfants à l'hôpital.",
      "Vous dites bravo aux frères de la brousse ? Honte à vous.",
      "Frappez les terroristes, armée béninoise !!! 💪🇧🇯",
      "Tu écris qu'il faut les tuer et on devrait te croire ?",
      "On sait par où il passe pour voler les bœufs, la police doit agir.",
      "On sait où il passe ses vacances.",
      "Il va finir par tuer quelqu'un avec sa voiture.",
      "Chassez les terroristes à coups de canon.",
      "Protégez les enfants à coups de vaccins.",
      "Les pillards ont pillé le marché cette nuit.",
  };
  ExpectPass(lawful);
}

TEST_F(ViolenceCheckTest, DefaultActions) {
  EXPECT_EQ(Run("Il faut tuer tous ces traîtres.").action, Action::kReject);
  EXPECT_EQ(Run("Gloire au JNIM !").action, Action::kReject);
  EXPECT_EQ(Run("On sait où tu habites.").action, Action::kHold);
}

TEST_F(ViolenceCheckTest, SpansPointAtTheCueAndTheActOnTheOriginalText) {
  {
    const std::string text = "Ces gens-là, il faut les ÉGORGER jusqu'au dernier.";
    const Verdict v = Run(text);
    ASSERT_EQ(Codes(v), Strings{"incitement"});
    EXPECT_EQ(SpanTexts(v, text), (Strings{"il faut", "ÉGORGER"}));
    EXPECT_EQ(v.reasons[0].detail, "Appel à égorger (« il faut … ÉGORGER »)");
    EXPECT_DOUBLE_EQ(v.reasons[0].score, 0.95);
    EXPECT_DOUBLE_EQ(v.scores.at("violence"), 0.95);
  }
  {
    const std::string text = "Il fаut b.r.û.l.e.r leurs maisons";  // Cyrillic а, dotted letters
    const Verdict v = Run(text);
    ASSERT_EQ(Codes(v), Strings{"incitement"});
    EXPECT_EQ(SpanTexts(v, text), (Strings{"Il fаut b.r.û.l.e.r"}));
  }
  {
    const std::string text = "GLOIRE aux frères du J.N.I.M !";
    const Verdict v = Run(text);
    ASSERT_EQ(Codes(v), Strings{"terrorism_apologia"});
    EXPECT_EQ(SpanTexts(v, text), (Strings{"GLOIRE aux frères", "J.N.I.M"}));
    EXPECT_EQ(v.reasons[0].detail, "Apologie du terrorisme (« GLOIRE … J.N.I.M »)");
  }
  {
    const std::string text = "Petit journaliste, prépare ton linceul.";
    const Verdict v = Run(text);
    ASSERT_EQ(Codes(v), Strings{"threat"});
    EXPECT_EQ(SpanTexts(v, text), (Strings{"prépare ton linceul"}));
    EXPECT_EQ(v.reasons[0].detail, "Menace : allusion à ses funérailles (« prépare ton linceul »)");
  }
}

TEST_F(ViolenceCheckTest, OneReasonPerCodeWithEveryMatch) {
  const std::string text =
      "Il faut tuer ces traîtres. Brûlez leurs maisons ! Je vais te retrouver.";
  const Verdict v = Run(text);
  EXPECT_EQ(Codes(v), (Strings{"incitement", "threat"}));
  EXPECT_EQ(SpanTexts(v, text, 0), (Strings{"Il faut tuer", "Brûlez"}));
  EXPECT_EQ(v.action, Action::kReject);
}

TEST_F(ViolenceCheckTest, DetailsQuoteOnlyTheMatchedWords) {
  const std::string text =
      "Je le dis depuis des années et personne ne m'écoute : il faut aller tuer ce ministre "
      "corrompu qui vole le peuple.";
  const Verdict v = Run(text);
  ASSERT_EQ(Codes(v), Strings{"incitement"});
  EXPECT_EQ(v.reasons[0].detail, "Appel à tuer (« il faut … tuer »)");
}

TEST(ViolenceCheckConfigTest, ActionsAndSiteListsComeFromTheConfig) {
  ViolenceConfig config;
  config.threat_action = Action::kReject;
  config.apologia_action = Action::kPass;  // the site turned this code off
  config.armed_groups = {"Front Hanifa"};
  config.state_forces = {"Brigade Verte"};
  const ViolenceCheck check(config);
  const ViolenceCheck defaults{ViolenceConfig{}};
  auto run = [](const ViolenceCheck& c, std::string_view text) {
    CheckInput in(text);
    return in.Run(c);
  };
  EXPECT_EQ(run(check, "On sait où tu habites.").action, Action::kReject);
  EXPECT_TRUE(run(check, "Gloire au JNIM !").reasons.empty());
  EXPECT_EQ(Codes(run(defaults, "Honneur au Front Hanifa")), Strings{});
  ViolenceConfig groups;
  groups.armed_groups = {"Front Hanifa"};
  EXPECT_EQ(Codes(run(ViolenceCheck(groups), "Honneur au Front Hanifa")),
            Strings{"terrorism_apologia"});
  const std::string call = "La Brigade Verte doit tuer ces trafiquants.";
  EXPECT_EQ(Codes(run(defaults, call)), Strings{"incitement"});
  EXPECT_TRUE(run(check, call).reasons.empty());
}

// Seventh round: a quotation asked back, a Wolof verb of saying, whoever's claim told back, and
// football said with "tuer" or "vous êtes morts".
TEST_F(ViolenceCheckTest, QuotationsAskedBackAndFootballPass) {
  for (const char* text : {
           "« Bien fait pour les soldats » ? Non, monsieur. Ils sont morts pour nous.",
           "Sous l'article, « on connaît ta maison »\u00a0? C'est une menace, effacez.",
           "Yaw mi di wax « bien fait pour les soldats », dangay gàcce.",
           "Kiy wax « on connaît ta maison » ci journaliste bi, loolu menace la.",
           "kai celui qui dit ceux de la brousse sont des heros viens a tillia voir les veuves",
           "Leur gardien c'est une passoire, on va les tuer samedi 😂 au foot hein",
           "Jaraaf vous êtes morts dimanche 😂 la Casa va vous massacrer au stade ⚽",
       }) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
  // The same words said by their author stay stopped.
  EXPECT_EQ(Codes(Run("« Bien fait pour les soldats » ! Gloire aux frères de Djibo.")),
            Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("Celui qui dit que les frères sont des terroristes ment, gloire aux "
                      "moudjahidines de Djibo !")),
            Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("On va les tuer samedi, ces Peuls.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Après le match il faut tuer les Ivoiriens.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("Toi le journaliste, tu es mort, on connaît ton terrain.")),
            Strings{"threat"});
}

// A quotation named for what it is, or in straight single quotes, is answered; the funeral
// passed on to relatives and "not alive" are threats.
TEST_F(ViolenceCheckTest, QuotationsNamedFuneralsPassedOnAndNotAlive) {
  for (const char* text : {
           "« Dis à ta mère de préparer le deuil », c'est une menace de mort, pas un débat.",
           "Signalé. « Dis à ta mère de préparer le deuil » ce n'est pas une opinion, c'est une "
           "menace.",
           "Relisez-vous : « dis à ta femme de préparer le deuil ». C'est honteux.",
           "Tu écris 'dis à ta mère de préparer le deuil' à une journaliste ? Pitoyable.",
           "Courage à ta famille qui doit préparer les funérailles.",
           "Dis à ta mère de préparer le repas, on arrive à midi.",
           "Personne n'est sorti vivant de ce camp.",
           "Seul à Kidal tu ne reviendras pas vivant, c'est trop dangereux.",
       }) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
  for (const char* text : {
           "Dis à ta mère de préparer le deuil, journaliste de malheur.",
           "L'imam qui prêche contre les frères, dis à ta femme de préparer le deuil.",
           "Accueillons-le avec des pierres, il ne doit pas repartir vivant.",
           "toi tu ne sortiras pas vivant de Kaya",
       }) {
    EXPECT_EQ(Codes(Run(text)), Strings{"threat"}) << text;
  }
  // A call in single quotes written as the author's own, or a quotation called an opinion.
  EXPECT_EQ(Codes(Run("'Brûlez leurs maisons' voilà ce qu'il faut.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("« Mort aux Peuls », c'est mon opinion.")), Strings{"incitement"});
}

// Replies that give a hostile comment back in its words, the army called by its name, and
// "vivre" with its subject.
TEST_F(ViolenceCheckTest, RepliesInTheirWordsTheArmyCalledAndLivesPass) {
  for (const char* text : {
           "Vous écrivez « dis à ta mère de préparer le deuil » à un maire ? Honte à vous.",
           "Je cite celui d'en haut : « qu'on pende les marabouts ». Non.",
           "Ceux qui écrivent « bien fait pour les soldats », allez voir les veuves.",
           "À ceux qui crient « allons brûler l'ambassade » : manifestez pacifiquement.",
           "On a lu « brûlez le commissariat ». Non. Ça ne ramène personne.",
           "@Ablavi « profite bien de tes derniers jours » c'est comme ça qu'on parle à un "
           "journaliste ?",
           "'on connait ta voiture' c une menace ca, signalez le compte svp",
           "Armée, frappez-les fort. Ne laissez aucun terroriste dans la brousse.",
           "Frappez-les fort, les FDS, que ces terroristes n'aient plus un seul refuge.",
           "Les Peuls du lac Tchad vivent la même misère depuis l'arrivée de Boko Haram.",
           "navetane demain Kandé contre Boucotte, venez avec vos ambulances on va vous "
           "massacrer 😂",
       }) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
  EXPECT_EQ(Codes(Run("Vivent les moudjahidines du JNIM !")), Strings{"terrorism_apologia"});
  EXPECT_EQ(Codes(Run("Armée, brûlez les villages peuls.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("L'armée, il faut la frapper.")), Strings{"incitement"});
  EXPECT_EQ(Codes(Run("« profite bien de tes derniers jours », c'est mon conseil.")),
            Strings{"threat"});
}

// Calls and threats of the eighth round's writers, and the replies and banter that look like
// them.
TEST_F(ViolenceCheckTest, CallsToHuntAPeopleMarkedPersonsAndBulletsAreStopped) {
  for (const char* text : {
           "Puisque l'armée ne fait rien, à nous de faire sauter la gendarmerie de Kantchari.",
           "Ay koy, qui est chaud pour aller casser du Arabe au marché ce soir ? 🔥",
           "C'est simple : un Dozo vu sur la route de Bandiagara = un Dozo à abattre.",
           "allez le chercher et réglez-lui son compte vous-mêmes",
           "Le gouverneur a trahi. Qu'on l'accroche au premier arbre.",
           "Il faut nettoyer Kidal une fois pour toutes : hommes, femmes, enfants, ne laissez "
           "personne.",
           "Que les villageois le brûlent sur place, c'est ainsi qu'on arrêtera ce fléau.",
           "on doit chasser tous les zaghawa de l'administration avec les fusils, ils ont tout "
           "pris!!",
           "Les Peuls de Ké-Macina faut les chasser du village par la force, pas de discussion",
           "Faut accrocher le DG de la SONABEL à un poteau électrique, comme ça il verra le "
           "courant.",
           "Mort aux apatrides du FLA.",
           "m0rt @ux g@0u de l@ CEI",
       }) {
    EXPECT_EQ(Codes(Run(text)), Strings{"incitement"}) << text;
  }
  for (const char* text : {
           "Toi l'auteur de cet article, tu vas prendre une balle, c'est promis.",
           "Continue d'écrire ça mon frère, une balle dans ta tête va te calmer.",
           "Le pasteur de Kaya qui parle trop, c'est la dernière fois qu'on prévient.",
           "toi Hawa qui parle trop au marché on connait ton étal de poisson fumé tu vas voir",
       }) {
    EXPECT_EQ(Codes(Run(text)), Strings{"threat"}) << text;
  }
  for (const char* text : {
           "Qui est chaud pour le match de ce soir ?",
           "Il faut accrocher les affiches au poteau de la mairie.",
           "Qui est partant pour casser du sucre sur le dos du ministre ?",
           "Le record à abattre est celui de 2019.",
           "À abattre",
           "est à abattre",
           "Les terroristes à abattre sont dans la brousse de Kidal.",
           "Ne laissez personne vous dire que c'est fini.",
           "Ne laissez personne derrière vous pendant l'évacuation.",
           "Que les soldats les neutralisent tous.",
           "Que les parents les gardent à la maison ce soir.",
           "Il faut chasser les terroristes par la force.",
           "Il faut chasser la corruption par la force de la loi.",
           "C'est à nous de reconstruire l'école.",
           "Le gardien a pris une balle au pied pendant l'attaque, il est à l'hôpital.",
           "C'est la dernière fois qu'on prévient pour les inscriptions au concours.",
           "Quand on lit « tuez-les tous » sous un article sur des enfants déplacés, on comprend.",
           "Djibo FC on va vous massacrer 5-0 au retour, yako d'avance 😂",
           "Juventus ou Milan? Yow tu supportes l'Inter, t'es déjà mort ahah 😂",
       }) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
}

// The ninth round's calls and threats, negated orders, and replies that give a hostile comment
// back.
TEST_F(ViolenceCheckTest, BurialsRiversBombsAndOwnJusticeAreCallsButNotWhenForbidden) {
  for (const char* text : {
           "Pourquoi personne ne balance une bombe sur cette assemblée de voleurs ?",
           "Faut aller déloger les déplacés de l'école à coups de bâton.",
           "Une seule solution pour les syndicalistes qui bloquent le pays : la corde.",
           "Les vieilles sorcières qui ont mangé l'enfant, il faut les enterrer vivantes.",
           "Chaque VDP doit entrer dans les hameaux peuls et ne laisser personne debout.",
           "Allez au commissariat et faites justice vous-mêmes avec ce policier.",
           "Le douanier qui prend nos caisses, un jour on va le jeter dans le fleuve.",
           "il faut expulser tous les Nigériens des quartiers nord de Lomé, armes à la main.",
       }) {
    EXPECT_EQ(Codes(Run(text)), Strings{"incitement"}) << text;
  }
  for (const char* text : {
           "Mon vieux, dis à ta maman de préparer pagne de deuil, tu as trop parlé.",
           "Monsieur le procureur, si mon frère n'est pas libéré, vous en répondrez de votre vie.",
           "le douanier qui a pris mes boeufs il va mourir de ma main avant la saison des pluies",
           "Encore un article comme ça et ta famille va recevoir une petite visite.",
           "Toi qui m'as traité de terroriste, j'ai ton vrai nom maintenant. À très vite.",
           "les policiers qui ont frappé mon frere je connais vos visages un par un",
       }) {
    EXPECT_EQ(Codes(Run(text)), Strings{"threat"}) << text;
  }
  for (const char* text : {
           "Ne tuez pas les civils, jugez-les.",
           "Ne brûlez pas les maisons des Peuls.",
           "Ne faites pas justice vous-mêmes, appelez la police et allez témoigner.",
           "L'armée doit entrer dans la forêt et ne laisser personne, ces terroristes ont tué "
           "nos enfants.",
           "Il ne faut pas jeter les sachets plastiques dans le fleuve.",
           "Ma famille va recevoir la visite du médecin demain.",
           "« Ton nom est sur la liste » : ça c'est une menace, la police va s'en occuper.",
           "Non monsieur, « ton nom est sur la liste » ce n'est pas de la liberté d'expression, "
           "c'est une menace.",
           "« Ton nom est sur la liste » : voilà ce qu'un lecteur a écrit au journaliste.",
           "Au monsieur qui réclame qu'on « pende les juges » : relisez Montesquieu.",
           "Je réponds à celui qui trouve « mérité » la mort de ces soldats : un peu de décence.",
           "Celui qui dit que les soldats de Djibo « méritaient » leur mort, tu n'as pas de mère ?",
           "Les Mourabitounes vont tuer le match ce soir, on va les égorger au milieu de terrain 😂",
       }) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
  EXPECT_EQ(Codes(Run("Brûlez les maisons des Peuls.")), Strings{"incitement"});
}

TEST_F(ViolenceCheckTest, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<int> hits(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (const Positive& p : kPositives) hits[t] += Run(p.text).reasons.empty() ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int h : hits) EXPECT_EQ(h, 20 * static_cast<int>(std::size(kPositives)));
}

TEST_F(ViolenceCheckTest, EmptyAndOddTextPass) {
  for (const char* text : {"", "...", "🔥🔥🔥", "Triste.", "💣", "\xff\xfe mort", "la mort"}) {
    EXPECT_TRUE(Run(text).reasons.empty()) << text;
  }
}

}  // namespace
}  // namespace palabre::moderation
