#include "moderation/classifier/topic.h"

#include <libstemmer.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <unordered_set>

namespace palabre::moderation::classifier {
namespace {

// French function words, auxiliaries and the commonest verbs, adverbs and fillers, without
// accents (words are compared after their accents are removed). Words of one or two letters
// never count, so they are not listed.
constexpr std::string_view kStopWords[] = {
    // articles, determiners, pronouns
    "les",
    "des",
    "une",
    "aux",
    "ces",
    "cet",
    "cette",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "mon",
    "mes",
    "ton",
    "tes",
    "notre",
    "nos",
    "votre",
    "vos",
    "qui",
    "que",
    "quoi",
    "dont",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "celui",
    "celle",
    "ceux",
    "celles",
    "ceci",
    "cela",
    "elle",
    "elles",
    "eux",
    "lui",
    "nous",
    "vous",
    "moi",
    "toi",
    "soi",
    "tout",
    "tous",
    "toute",
    "toutes",
    "autre",
    "autres",
    "meme",
    "memes",
    "chaque",
    "quelque",
    "quelques",
    "plusieurs",
    "certain",
    "certains",
    "certaine",
    "certaines",
    "aucun",
    "aucune",
    "rien",
    "personne",
    "chacun",
    "chacune",
    "quiconque",
    "tel",
    "telle",
    "tels",
    "telles",
    "ici",
    "voici",
    "voila",
    // prepositions, conjunctions, adverbs
    "avec",
    "sans",
    "pour",
    "par",
    "sur",
    "sous",
    "dans",
    "entre",
    "vers",
    "chez",
    "contre",
    "depuis",
    "pendant",
    "avant",
    "apres",
    "devant",
    "derriere",
    "selon",
    "malgre",
    "parmi",
    "envers",
    "hors",
    "jusque",
    "jusqu",
    "lorsque",
    "lorsqu",
    "puisque",
    "puisqu",
    "quand",
    "comme",
    "comment",
    "pourquoi",
    "mais",
    "donc",
    "car",
    "puis",
    "ensuite",
    "alors",
    "ainsi",
    "aussi",
    "encore",
    "deja",
    "toujours",
    "jamais",
    "souvent",
    "parfois",
    "bien",
    "mal",
    "tres",
    "trop",
    "peu",
    "beaucoup",
    "assez",
    "plus",
    "moins",
    "tant",
    "autant",
    "tellement",
    "vraiment",
    "seulement",
    "surtout",
    "enfin",
    "non",
    "oui",
    "pas",
    "point",
    "plutot",
    "aujourd",
    "hui",
    "hier",
    "demain",
    "maintenant",
    "bientot",
    "tard",
    "tot",
    "partout",
    "ailleurs",
    "dessus",
    "dessous",
    "dedans",
    "dehors",
    "pres",
    "loin",
    "ensemble",
    "cependant",
    "pourtant",
    "toutefois",
    "neanmoins",
    "sinon",
    "quoique",
    "afin",
    "lors",
    "franchement",
    "simplement",
    "juste",
    "vite",
    "presque",
    "environ",
    "quasi",
    "notamment",
    // être, avoir, and the commonest verbs in their frequent forms
    "etre",
    "suis",
    "est",
    "sommes",
    "etes",
    "sont",
    "etait",
    "etaient",
    "etais",
    "ete",
    "sera",
    "seront",
    "serait",
    "seraient",
    "soit",
    "soient",
    "fut",
    "etant",
    "avoir",
    "ai",
    "avons",
    "avez",
    "ont",
    "avait",
    "avaient",
    "avais",
    "aura",
    "auront",
    "aurait",
    "auraient",
    "ait",
    "aient",
    "eu",
    "eue",
    "ayant",
    "faire",
    "fait",
    "faits",
    "faite",
    "font",
    "fais",
    "faisait",
    "fera",
    "ferait",
    "dire",
    "dit",
    "dits",
    "dite",
    "disent",
    "disait",
    "dis",
    "aller",
    "vais",
    "vas",
    "va",
    "vont",
    "allait",
    "ira",
    "irait",
    "alle",
    "pouvoir",
    "peut",
    "peuvent",
    "peux",
    "pouvait",
    "pourra",
    "pourrait",
    "pu",
    "vouloir",
    "veut",
    "veulent",
    "veux",
    "voulait",
    "voudrait",
    "devoir",
    "doit",
    "doivent",
    "dois",
    "devait",
    "devrait",
    "devraient",
    "falloir",
    "faut",
    "fallait",
    "faudra",
    "faudrait",
    "savoir",
    "sait",
    "sais",
    "savent",
    "voir",
    "vois",
    "voit",
    "voient",
    "vu",
    "venir",
    "vient",
    "viennent",
    "venu",
    "prendre",
    "prend",
    "pris",
    "mettre",
    "met",
    "mis",
    "donner",
    "donne",
    "parler",
    "parle",
    "croire",
    "crois",
    "croit",
    "penser",
    "pense",
    "trouver",
    "trouve",
    "rester",
    "reste",
    "passer",
    "passe",
    "semble",
    // generic nouns and adjectives
    "gens",
    "chose",
    "choses",
    "fois",
    "truc",
    "trucs",
    "facon",
    "maniere",
    "cas",
    "sorte",
    "genre",
    "bon",
    "bonne",
    "bons",
    "bonnes",
    "grand",
    "grande",
    "grands",
    "petit",
    "petite",
    "vrai",
    "vraie",
    "faux",
    "nouveau",
    "nouvelle",
    "premier",
    "premiere",
    "dernier",
    "derniere",
    "ans",
    "annee",
    "annees",
    "jour",
    "jours",
    "mois",
    "heure",
    "heures",
    // number words
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "cent",
    "cents",
    "mille",
    // informal writing and interjections
    "ca",
    "ki",
    "ke",
    "koi",
    "ns",
    "vs",
    "bcp",
    "tjrs",
    "tjs",
    "svp",
    "stp",
    "mdr",
    "lol",
    "ptdr",
    "pk",
    "pq",
    "pcq",
    "prcq",
    "dc",
    "ds",
    "pr",
    "tt",
    "tte",
    "jsuis",
    "chui",
    "bah",
    "ben",
    "hein",
    "euh",
    "bref",
    "wallahi",
    "walahi",
    "wallah",
    "inch",
    "inchallah",
    "allah",
    "amine",
    "amen",
    "mashallah",
    "hamdoulilah",
    "alhamdoulillah",
    "ani",
    "dafa",
    "dey",
    "waaw",
    "deh",
    "dal",
    "frere",
    "soeur",
    "haha",
    "hahaha",
};

// The general vocabulary of public affairs in West African news: a comment using it is about
// the country, its politics, security or economy, whatever the article. Not "France": its stem
// is that of "francs", the currency of every price complaint.
constexpr std::string_view kPublicAffairs[] = {
    "gouvernement",
    "etat",
    "president",
    "presidence",
    "ministre",
    "ministere",
    "pays",
    "nation",
    "national",
    "nationale",
    "peuple",
    "population",
    "populations",
    "citoyen",
    "citoyens",
    "politique",
    "politiques",
    "politicien",
    "pouvoir",
    "regime",
    "transition",
    "junte",
    "militaire",
    "militaires",
    "armee",
    "soldat",
    "soldats",
    "securite",
    "paix",
    "guerre",
    "terroriste",
    "terroristes",
    "terrorisme",
    "jihadiste",
    "jihadistes",
    "djihadiste",
    "attaque",
    "attaques",
    "violence",
    "victime",
    "victimes",
    "mort",
    "morts",
    "justice",
    "juge",
    "loi",
    "droit",
    "droits",
    "liberte",
    "libertes",
    "democratie",
    "election",
    "elections",
    "vote",
    "opposition",
    "parti",
    "partis",
    "corruption",
    "dirigeant",
    "dirigeants",
    "autorite",
    "autorites",
    "souverainete",
    "crise",
    "avenir",
    "developpement",
    "reforme",
    "constitution",
    "assemblee",
    "depute",
    "deputes",
    "presse",
    "journaliste",
    "journalistes",
    "media",
    "medias",
    "afrique",
    "africain",
    "africains",
    "sahel",
    "cedeao",
    "ecowas",
    "aes",
    "ua",
    "onu",
    "mali",
    "malien",
    "maliens",
    "burkina",
    "burkinabe",
    "niger",
    "nigerien",
    "senegal",
    "senegalais",
    "guinee",
    "guineen",
    "ivoire",
    "ivoirien",
    "ivoiriens",
    "benin",
    "beninois",
    "togo",
    "togolais",
    "cameroun",
    "camerounais",
    "nigeria",
    "nigerian",
    "tchad",
    "tchadien",
    "mauritanie",
    "russie",
    "russe",
    "chine",
    "amerique",
    "americain",
    "occident",
    "jeunesse",
    "jeunes",
    "emploi",
    "chomage",
    "ecole",
    "sante",
    "hopital",
    "economie",
    "pauvrete",
    "famine",
    "refugies",
    "deplaces",
    "frontiere",
    "frontieres",
    "region",
    "village",
    "villages",
    "civil",
    "civils",
    "coup",
    "putsch",
    "capitaine",
    "colonel",
    "general",
    "patrie",
    "dieu",
    // cost of living: comment sections talk about it under every story
    "riz",
    "sucre",
    "huile",
    "farine",
    "carburant",
    "essence",
    "gasoil",
    "loyer",
    "loyers",
    "salaire",
    "salaires",
    "inflation",
    "cherte",
    "commercant",
    "commercants",
    "paysan",
    "paysans",
    "agriculteur",
    "agriculteurs",
    "eleveur",
    "eleveurs",
    "electricite",
    "delestage",
    "delestages",
    "eau",
    "famille",
    "familles",
    "nourriture",
    "faim",
};

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

std::string Stem(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
}

bool IsElision(std::string_view w) {
  static constexpr std::string_view kElisions[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu"};
  for (std::string_view e : kElisions) {
    if (w == e) return true;
  }
  return false;
}

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> set(std::begin(kStopWords),
                                                        std::end(kStopWords));
  return set;
}

// Lower case without accents, split into words of letters and digits: apostrophes and hyphens
// separate words, an elided article or pronoun before an apostrophe is dropped.
template <typename Fn>
void ForEachWord(std::string_view text, Fn fn) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString d = nfkd->normalize(s, status);
    if (U_SUCCESS(status)) s = std::move(d);
  }
  s.toLower(icu::Locale::getFrench());
  std::string word;
  bool has_letter = false;
  auto flush = [&](bool before_apostrophe) {
    if (!word.empty() && !(before_apostrophe && IsElision(word))) fn(word, has_letter);
    word.clear();
    has_letter = false;
  };
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    if (c == 0x0153) {  // œ
      word += "oe";
      has_letter = true;
    } else if (u_isalpha(c)) {
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, c);
      word.append(buf, static_cast<std::size_t>(n));
      has_letter = true;
    } else if (c >= '0' && c <= '9') {
      word += static_cast<char>(c);
    } else {
      flush(c == '\'' || c == 0x2019 || c == 0x02BC);
    }
  }
  flush(false);
}

const std::unordered_set<std::string>& PublicAffairsStems() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> stems;
    for (std::string_view w : kPublicAffairs) stems.insert(Stem(w));
    return stems;
  }();
  return set;
}

}  // namespace

std::vector<std::string> ContentStems(std::string_view text) {
  std::vector<std::string> stems;
  std::unordered_set<std::string> seen;
  const auto& stop = StopWords();
  ForEachWord(text, [&](const std::string& word, bool has_letter) {
    if (!has_letter) return;  // numbers
    std::size_t letters = 0;
    for (unsigned char c : word) letters += (c & 0xC0) != 0x80;
    if (letters < 3 || stop.count(word) > 0) return;
    std::string stem = Stem(word);
    if (seen.insert(stem).second) stems.push_back(std::move(stem));
  });
  return stems;
}

std::size_t CountWords(std::string_view text) {
  std::size_t n = 0;
  ForEachWord(text, [&](const std::string&, bool) { ++n; });
  return n;
}

bool IsPublicAffairsStem(std::string_view stem) {
  return PublicAffairsStems().count(std::string(stem)) > 0;
}

Coverage TopicCoverage(const std::vector<std::string>& comment_stems,
                       const std::unordered_set<std::string>& article_stems) {
  Coverage c;
  c.terms = comment_stems.size();
  if (c.terms == 0) {
    c.value = 1.0;
    return c;
  }
  for (const std::string& s : comment_stems) {
    if (article_stems.count(s) > 0) {
      ++c.shared;
    } else if (IsPublicAffairsStem(s)) {
      ++c.general;
    }
  }
  c.value = (static_cast<double>(c.shared) + 0.5 * static_cast<double>(c.general)) /
            static_cast<double>(c.terms);
  return c;
}

}  // namespace palabre::moderation::classifier
