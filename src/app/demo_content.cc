#include "app/demo_content.h"

#include <string>

namespace palabre::app {
namespace {

constexpr TimestampMs kMinute = 60'000;
constexpr TimestampMs kHour = 60 * kMinute;
constexpr TimestampMs kDay = 24 * kHour;

constexpr const char* kArticleBody =
    "Le prix du sac de 50 kg de riz importé a franchi la barre des 22 500 francs CFA cette "
    "semaine sur les marchés de Bamako, contre 18 000 francs il y a trois mois. Grossistes et "
    "détaillants du marché de Médine évoquent la hausse du coût du transport depuis les ports "
    "de Dakar et d'Abidjan, les délais aux postes frontières et la baisse de la récolte locale "
    "après les inondations de septembre dans la région de Ségou.\n\n"
    "Pour les ménages, la hausse tombe mal : à quelques semaines des fêtes, le riz reste la "
    "base de l'alimentation. « Avant, je prenais un sac pour le mois. Maintenant je dois acheter "
    "au kilo », témoigne Mariam, mère de cinq enfants à Niamakoro.\n\n"
    "Le ministère du Commerce annonce des contrôles des prix plafonnés et la mise sur le marché "
    "de 20 000 tonnes du stock de sécurité. L'Association des consommateurs demande la "
    "suspension temporaire des droits de douane sur le riz, comme en 2022, et une meilleure "
    "organisation des corridors de transport.\n\n"
    "Les producteurs de l'Office du Niger rappellent pour leur part que le riz local reste "
    "moins cher que le riz importé quand il arrive sur les marchés, mais que les "
    "décortiqueuses manquent et que les pistes rurales sont impraticables pendant "
    "l'hivernage.";

struct Seed {
  const char* id;
  const char* parent;
  const char* author;
  TimestampMs ago;
  const char* text;
};

// Parents always come before their replies, and are older than them.
constexpr Seed kSeeds[] = {
    {"c1", "", "Mariam Diarra", 21 * kDay + 3 * kHour,
     "Merci pour cet article. À Niamakoro le kilo est déjà à **500 francs**, les familles "
     "achètent au jour le jour."},
    {"c2", "c1", "Boubacar K.", 21 * kDay + 2 * kHour,
     "C'est la même chose à Kalaban Coura. On mange moins de riz et plus de tô."},
    {"c3", "c2", "Mariam Diarra", 21 * kDay + kHour,
     "Le tô c'est bien, mais le mil aussi a augmenté, il faut le dire."},
    {"c4", "", "Seydou Traoré", 20 * kDay,
     "Le vrai problème c'est le transport. Un camion met **dix jours** entre Dakar et Bamako "
     "avec tous les contrôles sur la route. Qui paie à la fin ? Le consommateur."},
    {"c5", "c4", "Aminata S.", 19 * kDay + 5 * kHour,
     "Exactement. Et chaque poste demande sa part, tout le monde le sait."},
    {"c6", "", "Ibrahim Coulibaly", 17 * kDay,
     "Pourquoi on ne parle pas plus du riz de l'Office du Niger ? Nous avons les terres, l'eau "
     "du fleuve, et on importe quand même la moitié de ce qu'on mange."},
    {"c7", "c6", "Oumar Sangaré", 16 * kDay + 8 * kHour,
     "Parce que les décortiqueuses manquent, comme dit l'article. Le paddy reste dans les "
     "magasins des coopératives."},
    {"c8", "c7", "Ibrahim Coulibaly", 16 * kDay + 2 * kHour,
     "Alors que l'État aide les coopératives à s'équiper, c'est plus utile que des "
     "subventions à l'importation."},
    {"c9", "c8", "Fatoumata B.", 15 * kDay,
     "Il y a eu un programme en 2019, les machines sont en panne faute de pièces. Il faut "
     "former des mécaniciens sur place."},
    {"c10", "", "Adama Keïta", 14 * kDay,
     "Les contrôles des prix plafonnés, on les annonce chaque année. Au marché de Médine "
     "personne ne les respecte."},
    {"c11", "", "Awa Touré", 12 * kDay,
     "Courage à toutes les mamans. Inch'Allah les prix vont baisser après la récolte."},
    {"c12", "c11", "Moussa Dembélé", 11 * kDay,
     "Amine. Mais il faut aussi que les commerçants arrêtent de stocker pour attendre la "
     "hausse."},
    {"c13", "c12", "Drissa", 10 * kDay + 4 * kHour,
     "Les commerçants ne sont pas tous des spéculateurs. Le grossiste achète en dollars, le "
     "franc CFA suit l'euro, quand le dollar monte tout monte."},
    {"c14", "c13", "Moussa Dembélé", 10 * kDay,
     "D'accord, mais le riz local n'est pas acheté en dollars et il monte aussi."},
    {"c15", "", "Kadiatou", 8 * kDay,
     "Pour celles qui cherchent : à la coopérative de Baguineda le riz local est à 375 le kilo, "
     "il faut venir tôt le matin."},
    {"c16", "", "Souleymane D.", 6 * kDay,
     "La suspension des droits de douane en 2022 n'avait presque rien changé sur les marchés. "
     "La baisse est restée chez les importateurs. À vérifier avant de refaire la même chose."},
    {"c17", "c16", "Rédaction", 6 * kDay - 3 * kHour,
     "Nous préparons un article sur les effets de la mesure de 2022, avec les chiffres des "
     "douanes. Merci pour vos témoignages."},
    {"c18", "", "Hawa Sidibé", 3 * kDay,
     "À Kayes le sac est à 24 000. On oublie toujours les régions dans ces articles."},
    {"c19", "c18", "Bakary", 2 * kDay + 6 * kHour,
     "Vrai. Et à Tombouctou c'est encore plus cher avec la route fermée."},
    {"c20", "", "Cheick Oumar", 26 * kHour,
     "> les pistes rurales sont impraticables pendant l'hivernage\n\n"
     "Chaque année la même phrase. Quand est-ce qu'on entretient les pistes *avant* la saison "
     "des pluies ?"},
    {"c21", "", "Assitan", 5 * kHour,
     "Article clair et utile. On aimerait la même enquête sur le prix du gaz."},
    {"c22", "c21", "Youssouf", 3 * kHour,
     "Oui, la bouteille de 6 kg est introuvable à Sébénikoro depuis une semaine."},
    {"c23", "", "Nana K.", 40 * kMinute,
     "Les femmes transformatrices de Ségou ont aussi perdu une partie du stock avec les "
     "inondations. Il faudrait un article sur elles."},
    {"c24", "c23", "Mariam Diarra", 12 * kMinute, "Oui, elles font un travail énorme."},
};

}  // namespace

DemoContent MakeDemoContent(TimestampMs now) {
  DemoContent d;
  d.article.key = "prix-du-riz-bamako";
  d.article.title = "Bamako : la flambée du prix du riz inquiète les ménages avant les fêtes";
  d.article.body = kArticleBody;
  for (const Seed& s : kSeeds) {
    service::ImportedComment c;
    c.source_id = std::string("demo-") + s.id;
    c.thread_key = d.article.key;
    c.parent_source_id = *s.parent ? std::string("demo-") + s.parent : std::string();
    c.author = s.author;
    c.text = s.text;
    c.created_at = now - s.ago;
    d.comments.push_back(std::move(c));
  }
  return d;
}

}  // namespace palabre::app
