#include "moderation/checks/dehumanization_check.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <new>
#include <set>
#include <string>

#include "moderation/quotation.h"

namespace palabre::moderation {
namespace {

// Every list is written in the normaliser's form: lower case, no accents, elisions split, and
// repeated letters squeezed ("mossi" is read "mosi", "haoussa" "haousa"): Squeeze() is applied
// to the list words before comparing.

// Peoples, religions, nationalities and other groups of people. A word matches when it is the
// entry or the entry plus a plural or feminine ending (WordSet::HasStem).
constexpr std::string_view kGroups[] = {
    "peul",        "peulh",      "fulani",      "fulbe",       "foulbe",      "mossi",
    "dogon",       "bambara",    "touareg",     "tamasheq",    "arabe",       "haoussa",
    "hausa",       "dioula",     "senoufo",     "gourmantche", "samo",        "bissa",
    "sonrai",      "songhai",    "djerma",      "zarma",       "kanouri",     "wolof",
    "serere",      "diola",      "malinke",     "soninke",     "baoule",      "agni",
    "toucouleur",  "yoruba",     "igbo",        "mina",        "minas",       "bobo",
    "chretien",    "musulman",   "juif",        "catholique",  "protestant",  "animiste",
    "francais",    "blanc",      "noir",        "ivoirien",    "malien",      "burkinabe",
    "nigerien",    "senegalais", "guineen",     "togolais",    "beninois",    "camerounais",
    "nigerian",    "ghaneen",    "mauritanien", "algerien",    "marocain",    "tunisien",
    "libanais",    "chinois",    "russe",       "americain",   "europeen",    "africain",
    "subsaharien", "etranger",   "immigre",     "migrant",     "refugie",     "deplace",
    "homosexuel",  "gay",        "nordiste",    "sudiste",     "allogene",    "femme",
    "feministe",   "nomade",     "anglophone",  "anglo",       "francophone", "haitien",
    "indien",      "kabyle",     "sahraoui",    "maure",       "kotokoli",    "dozo",
    "bete",        "gouro",      "dida",        "abron",       "lobi",        "dagara",
    "gourounsi",   "fon",        "ewe",         "adja",        "bariba",      "haoussas",
    "islam",       "mahometan",  "catho",       "evangelique", "ambazonien",  "dioulas",
};

// What a group is said to be, degrading it whoever it is.
constexpr std::string_view kDegrading[] = {
    "rat",      "cafard",  "vermine",  "parasite", "singe",    "chacal",     "animal",
    "animaux",  "animo",   "bete",     "insecte",  "criquet",  "sauterelle", "termite",
    "pou",      "poux",    "punaise",  "chien",    "chienne",  "porc",       "cochon",
    "serpent",  "vipere",  "hyene",    "microbe",  "virus",    "bacterie",   "maladie",
    "cancer",   "peste",   "gangrene", "ordure",   "dechet",   "sangsue",    "moustique",
    "primate",  "gorille", "macaque",  "babouin",  "nuisible", "pourriture", "racaille",
    "sauvage",  "barbare", "fleau",    "tique",    "souhomme", "limace",     "charogne",
    "bestiole",
};

// Livestock: degrading only when a people is said to be it ("les Peuls, c'est des moutons sans
// cervelle"), not in "espèce d'âne" (an insult to one person) nor "un troupeau de chèvres".
constexpr std::string_view kLivestock[] = {"boeuf", "chevre", "mouton", "ane"};

// The degrading words that need no verb: "des cafards", after a comma (not livestock, not a
// disease, not an animal that may be literal: "leurs troupeaux, des bêtes magnifiques").
constexpr std::string_view kStrong[] = {
    "rat",   "cafard", "vermine", "parasite", "singe",   "chacal",   "insecte",  "criquet",
    "pou",   "poux",   "punaise", "sangsue",  "microbe", "ordure",   "dechet",   "pourriture",
    "hyene", "porc",   "cochon",  "peste",    "cancer",  "gangrene", "racaille", "souhomme",
};

// What a whole group is said to be by nature: only with a generalisation ("tous les X",
// "X = ...", "un peuple de ...", "de naissance").
constexpr std::string_view kCriminal[] = {
    "terroriste", "voleur",   "bandit",   "traitre",  "menteur",    "sorcier",     "escroc",
    "prostituee", "pute",     "complice", "criminel", "assassin",   "violeur",     "jihadiste",
    "djihadiste", "mendiant", "avare",    "feneant",  "paresseux",  "envahisseur", "boko",
    "tueur",      "pilleur",  "egorgeur", "voyou",    "delinquant", "brigand",     "vendu",
};

// Words skipped between the predicate and the degrading word ("sont de vrais rats").
constexpr std::string_view kFiller[] = {
    "des",  "de",     "d",     "une",        "un",       "la",        "le",     "les",
    "l",    "que",    "qu",    "vrais",      "vraies",   "vrai",      "vraie",  "sales",
    "sale", "ces",    "ce",    "cette",      "bons",     "bonnes",    "bon",    "bonne",
    "tous", "toutes", "tout",  "veritables", "simples",  "vulgaires", "juste",  "rien",
    "plus", "pire",   "pires", "comme",      "vraiment", "toujours",  "jamais", "pas",
    "meme", "y",      "en",    "ne",         "n",        "qu",        "autre",  "autres",
};

// Verbs of being: "les X sont des rats", "c'est des rats", "X reste un chien".
constexpr std::string_view kCopula[] = {
    "sont",   "est",     "c",        "etaient",   "etait",      "seront",
    "sera",   "restent", "reste",    "resteront", "deviennent", "devenus",
    "devenu", "soient",  "sont-ils", "etes",      "restes",     "demeurent",
};

// Nouns that make "X de Y" a statement about a whole group: "un peuple de bandits", "cette race
// de chiens".
constexpr std::string_view kKind[] = {
    "peuple",   "race",   "engeance", "bande",  "tas",     "horde",    "meute", "nid",
    "troupeau", "ethnie", "tribu",    "espece", "famille", "religion", "secte",
};

// Before "comme": what was done to the people compared ("abattus comme des chiens") or how
// they are made to live ("vivent comme des animaux"): a description of victims.
constexpr std::string_view kVictim[] = {
    "traite",   "traites",  "traitee",   "traitees",  "tue",      "tues",    "tuer",
    "abattu",   "abattus",  "massacre",  "massacres", "chasse",   "chasses", "egorge",
    "egorges",  "meurent",  "mourir",    "mort",      "morts",    "vivent",  "vivre",
    "parques",  "entasses", "traquer",   "traques",   "humilies", "battus",  "frappes",
    "enfermes", "vendus",   "exploites", "crever",    "crevent",  "creve",
};

// Quantifiers that make a statement about a whole group.
constexpr std::string_view kAll[] = {"tous", "toutes", "chaque", "tout"};

std::string Squeeze(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (char c : w) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

// One list, squeezed once per process, looked up as written or with a plural or feminine
// ending removed ("peuls", "ivoiriennes").
class WordSet {
 public:
  template <std::size_t N>
  explicit WordSet(const std::string_view (&list)[N]) {
    for (std::string_view w : list) words_.insert(Squeeze(w));
  }
  bool Has(std::string_view word) const { return words_.count(word) > 0; }
  bool HasStem(std::string_view word) const {
    if (Has(word)) return true;
    for (std::string_view e : {"s", "e", "es", "ne", "nes", "x", "h", "hs"}) {
      if (word.size() > e.size() + 2 && word.substr(word.size() - e.size()) == e &&
          Has(word.substr(0, word.size() - e.size()))) {
        return true;
      }
    }
    return false;
  }

 private:
  std::set<std::string, std::less<>> words_;
};

struct Lists {
  WordSet groups{kGroups};
  WordSet degrading{kDegrading};
  WordSet livestock{kLivestock};
  WordSet strong{kStrong};
  WordSet criminal{kCriminal};
  WordSet filler{kFiller};
  WordSet copula{kCopula};
  WordSet kind{kKind};
  WordSet victim{kVictim};
  WordSet all{kAll};
};

const Lists& L() {
  static const Lists* lists = new Lists();  // built once, never destroyed (used at exit too)
  return *lists;
}

struct Word {
  std::string_view text;
  std::size_t begin = 0;  // byte offsets in NormalizedText::folded
  std::size_t end = 0;
};

std::vector<Word> Words(const std::string& folded) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    const std::size_t space = folded.find(' ', i);
    const std::size_t end = space == std::string::npos ? folded.size() : space;
    if (end > i) words.push_back({std::string_view(folded).substr(i, end - i), i, end});
    i = end + 1;
  }
  return words;
}

// How far (in words) a group may stand before its predicate: "les Mossis se prennent pour des
// rois mais c'est des rats".
constexpr std::size_t kGroupWindow = 10;

struct Found {
  std::size_t group = 0;
  std::size_t word = 0;
};

// Reads one comment's words. Every index is a word of `w_`; every rule returns the group and
// the degrading word it found.
class Matcher {
 public:
  Matcher(const NormalizedText& text, const std::vector<Word>& w) : text_(text), w_(w) {}

  bool Find(Found* out) const {
    for (std::size_t j = 0; j < w_.size(); ++j) {
      const std::string_view t = w_[j].text;
      if (NoGoodOne(j, out)) return true;
      const bool degrading = L().degrading.HasStem(t) || L().livestock.HasStem(t) || Human(j);
      const bool criminal = !degrading && L().criminal.HasStem(t);
      if (!degrading && !criminal && !Cursed(j)) continue;
      // "sous-hommes" is read from "sous".
      const std::size_t head = j > 0 && w_[j - 1].text == "sous" ? j - 1 : j;
      if (Predicated(j, head, criminal, out) || (!criminal && Apposed(j, head, out)) ||
          (!criminal && Named(j, out))) {
        out->word = j;
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view W(std::size_t i) const { return w_[i].text; }
  bool IsGroup(std::size_t i) const { return L().groups.HasStem(W(i)); }

  // "ne sont pas des humains", "pas humains", "sous-hommes" (spelled "sous hommes").
  bool Human(std::size_t j) const {
    const std::string_view t = W(j);
    const bool human = t == "humain" || t == "humains" || t == "homes" || t == "etres";
    if (!human || j == 0) return false;
    if (W(j - 1) == "sous") return true;
    for (std::size_t k = j; k-- > 0 && j - k <= 3;) {
      if (W(k) == "pas") return true;
    }
    return false;
  }

  // "race maudite", "peuple inférieur": a kind of people and its curse.
  bool Cursed(std::size_t j) const {
    static constexpr std::string_view kCurse[] = {"maudit", "inferieur", "impur", "degenere",
                                                  "pouri"};
    if (j == 0 || !L().kind.Has(W(j - 1))) return false;
    return std::any_of(std::begin(kCurse), std::end(kCurse),
                       [&](std::string_view c) { return W(j).substr(0, c.size()) == c; });
  }

  bool Negated(std::size_t from, std::size_t to) const {
    bool ne = false;
    bool neg = false;
    for (std::size_t k = from; k < to; ++k) {
      const std::string_view t = W(k);
      if (t == "ne" || t == "n") ne = true;
      if (t == "pas" || t == "jamais" || t == "guere" || t == "point") neg = true;
    }
    return ne && neg;
  }

  // Whether the words around group g and the predicate make a statement about a whole people:
  // "tous les X", "les X sont" (the group right before the verb), "ne sont que des", "sont tous
  // des", "de naissance", "de père en fils". "Les Peuls arrêtés hier sont des bandits" is not.
  bool Generic(std::size_t g, std::size_t cue, std::size_t j) const {
    for (std::size_t k = g; k-- > 0 && g - k <= 2;) {
      if (L().all.Has(W(k))) return true;
    }
    // "les X sont", "les X c'est" (the elided "c" between them).
    const bool next = g + 1 == cue || (g + 2 == cue && W(g + 1) == "c");
    if (g > 0 && next && (W(g - 1) == "les" || g == 1)) return true;
    for (std::size_t k = cue + 1; k < j; ++k) {
      if (W(k) == "que" || W(k) == "qu" || W(k) == "tous" || W(k) == "toutes") return true;
    }
    if (j + 2 < w_.size() && W(j + 1) == "de" && W(j + 2) == "naisance") return true;
    if (j + 3 < w_.size() && W(j + 1) == "de" && W(j + 2) == "pere" && W(j + 3) == "en") {
      return true;
    }
    return false;
  }

  // Whether the original text between words a and b (a < b) holds one of `signs`: "Peul =
  // terroriste", "Ces migrants à Agadez, des cafards".
  bool SignBetween(std::size_t a, std::size_t b, std::string_view signs) const {
    const std::size_t from = text_.ToOriginal(w_[a].begin, w_[a].end).end;
    const std::size_t to = text_.ToOriginal(w_[b].begin, w_[b].end).begin;
    if (to <= from) return false;
    const std::string_view between = std::string_view(text_.original).substr(from, to - from);
    return between.find_first_of(signs) != std::string_view::npos;
  }

  // The nearest group at most kGroupWindow words before `cue`.
  bool GroupBefore(std::size_t cue, std::size_t* g) const {
    for (std::size_t k = cue; k-- > 0 && cue - k <= kGroupWindow;) {
      if (IsGroup(k)) {
        *g = k;
        return true;
      }
    }
    return false;
  }

  // The first word before `head` that is not filler ("sont de vrais rats": "sont").
  bool CueBefore(std::size_t head, std::size_t* cue) const {
    std::size_t k = head;
    while (k > 0 && L().filler.Has(W(k - 1)) && W(k - 1) != "come") --k;
    if (k == 0) return false;
    *cue = k - 1;
    return true;
  }

  // A predication: "les X sont des rats", "X = rat", "les X ... comme des insectes", "un
  // peuple de bandits".
  bool Predicated(std::size_t j, std::size_t head, bool criminal, Found* out) const {
    std::size_t cue = 0;
    if (!CueBefore(head, &cue)) return false;
    // The predicate is someone's word, quoted to answer it: "vous qualifiez les déplacés de
    // « parasites »".
    if (QuotedWords(j)) return false;
    const std::string_view c = W(cue);
    const bool livestock = L().livestock.HasStem(W(j));
    if (IsGroup(cue)) {  // "Mossi = rat": the sign is a separator, the two words neighbours
      if (Quoted(cue)) return false;  // "qui traite les Mossis de criquets"
      out->group = cue;
      if (criminal && !SignBetween(cue, j, "=:")) return false;  // "des Peuls jihadistes"
      return !Negated(cue, j) || Human(j);
    }
    if (L().kind.Has(c) && cue + 1 < j && (W(cue + 1) == "de" || W(cue + 1) == "d")) {
      if (livestock) return false;
      out->group = cue;  // "un peuple de bandits": the kind is the group when none is named
      std::size_t g = 0;
      if (GroupBefore(cue, &g)) out->group = g;
      return !Negated(cue, j);
    }
    if (Cursed(j) && !livestock) {
      std::size_t g = 0;
      if (!GroupBefore(j - 1, &g)) return false;
      out->group = g;
      return true;
    }
    if (c == "come") {  // "comme", squeezed
      if (livestock) return false;
      for (std::size_t v = cue; v-- > 0 && cue - v <= 3;) {
        if (L().victim.Has(W(v))) return false;
      }
      if (criminal) return false;
    } else if (!L().copula.Has(c)) {
      return KindBefore(j, out);
    }
    std::size_t g = 0;
    if (!GroupBefore(cue, &g) || Quoted(g) || Quoted(cue)) return false;
    for (std::size_t k = g; k < j; ++k) {
      if (W(k) == "si") return false;  // "comme si ce sont tous des terroristes": a reproach
    }
    if (Negated(g, j) && !Human(j)) return false;
    if ((criminal || livestock) && !Generic(g, cue, j)) return false;
    out->group = g;
    return true;
  }

  // Someone else's words, quoted to answer them: "tu dis que les déplacés sont des
  // paresseux", "il ne faut pas dire que tous les Peuls sont complices".
  bool Quoted(std::size_t g) const {
    static constexpr std::string_view kSay[] = {
        "dit",     "dis",      "dire",       "disent",    "disait",  "disaient",
        "pretend", "pretends", "pretendent", "pense",     "penses",  "pensent",
        "crois",   "croit",    "croient",    "ecrit",     "ecris",   "afirme",
        "afirmes", "repete",   "repetent",   "racontent", "raconte", "lis",
        "lit",     "lu",       "entends",    "entend",    "entendu"};
    // The writer's own claim is not someone else's words: "je vous dis que …" (unless what
    // the writer did was read or hear it: "je lis ici que …").
    const auto own = [&](std::size_t k) {
      if (W(k) == "lis" || W(k) == "lu" || W(k) == "entends" || W(k) == "entendu") return false;
      std::size_t s = k;
      if (s > 0 && (W(s - 1) == "vous" || W(s - 1) == "te" || W(s - 1) == "t" || W(s - 1) == "le" ||
                    W(s - 1) == "l")) {
        --s;  // "je vous dis", "je le répète"
      }
      return s > 0 && (W(s - 1) == "je" || W(s - 1) == "j" || W(s - 1) == "moi");
    };
    const auto say = [&](std::size_t k) {
      return std::any_of(std::begin(kSay), std::end(kSay),
                         [&](std::string_view w) { return W(k) == w; }) &&
             !own(k);
    };
    if (QuotedWords(g)) return true;
    for (std::size_t k = g; k-- > 0 && g - k <= 4;) {
      // "celui là qui dit les peuls c'est tous des bandits": whoever's claim, without "que".
      if (k > 0 && say(k) && W(k - 1) == "qui" && k + 2 >= g) return true;
      // "ils disent les Peuls sont tous complices": a claim told, without "que".
      if (k + 2 == g && say(k) && (W(k + 1) == "les" || W(k + 1) == "des")) return true;
      // "Monsieur qui traite les Mossis de criquets": a name someone gave them.
      if (k + 2 == g && (W(k + 1) == "les" || W(k + 1) == "des") &&
          (W(k) == "traite" || W(k) == "traitez" || W(k) == "traitent" || W(k) == "qualifie" ||
           W(k) == "qualifiez" || W(k) == "qualifient")) {
        return true;
      }
      if ((W(k) != "que" && W(k) != "qu") || k == 0) continue;
      if (say(k - 1)) return true;
      // "je lis ici que", "on dit souvent que".
      if (k > 1 && say(k - 2) &&
          (W(k - 1) == "ici" || W(k - 1) == "souvent" || W(k - 1) == "partout" ||
           W(k - 1) == "parfois" || W(k - 1) == "encore")) {
        return true;
      }
    }
    return false;
  }

  // Someone's words in quotation marks: asked back ("« Les Peuls sont tous complices » ? Non,
  // monsieur.", "'Les Nigérians sont des voleurs' hein ?") or given as someone's ("vous affirmez
  // « … »", "le mec ki dit « … »", "laissez les gens écrire '…'").
  bool QuotedWords(std::size_t g) const {
    const std::string_view original = text_.original;
    std::size_t open = 0;
    std::size_t close = 0;
    if (!FindQuotation(original, text_.ToOriginal(w_[g].begin, w_[g].end).begin, &open, &close)) {
      return false;
    }
    if (close != std::string_view::npos && AskedBack(original, close)) return true;
    int seen = 0;
    for (std::size_t k = g; k-- > 0 && seen < 4;) {
      if (text_.ToOriginal(w_[k].begin, w_[k].end).begin > open) continue;  // inside the marks
      ++seen;
      if (!QuotingVerb(W(k))) continue;
      // The writer's own words: "je le répète : '…'" (not what the writer read or cites).
      std::size_t s = k;
      if (s > 0 && (W(s - 1) == "le" || W(s - 1) == "l" || W(s - 1) == "vous")) --s;
      const bool own = s > 0 && (W(s - 1) == "je" || W(s - 1) == "j") && W(k) != "lu" &&
                       W(k) != "lis" && W(k) != "cite" && W(k) != "entendu";
      return !own;
    }
    return false;
  }

  // "un peuple de griots et de menteurs", "une religion de tueurs": a kind followed by "de" a
  // few words before.
  bool KindBefore(std::size_t j, Found* out) const {
    for (std::size_t k = j; k-- > 1 && j - k <= 5;) {
      if ((W(k) == "de" || W(k) == "d") && L().kind.Has(W(k - 1))) {
        if (Negated(k - 1, j)) return false;
        out->group = k - 1;
        std::size_t g = 0;
        if (GroupBefore(k - 1, &g)) out->group = g;
        return true;
      }
    }
    return false;
  }

  // An apposition after a comma, a colon or a dash: "Ces migrants à Agadez, des cafards qui…",
  // "Juifs et francs-maçons, même vermine". Only the words that degrade whatever the sentence
  // (not livestock: "leurs bêtes, des moutons et des chèvres").
  bool Apposed(std::size_t j, std::size_t head, Found* out) const {
    if (!L().strong.HasStem(W(j))) return false;
    std::size_t cue = 0;
    if (!CueBefore(head, &cue) || !SignBetween(cue, head, ",:;-")) return false;
    std::size_t g = 0;
    if (!GroupBefore(cue + 1, &g) || Negated(g, j) || Quoted(g)) return false;
    out->group = g;
    return true;
  }

  // "cette vermine de Peuls", "ces rats de Mossis".
  bool Named(std::size_t j, Found* out) const {
    if (j + 2 >= w_.size() || (W(j + 1) != "de" && W(j + 1) != "d")) return false;
    if (!IsGroup(j + 2)) return false;
    out->group = j + 2;
    return true;
  }

  // "Un bon Peul, ça n'existe pas", "le seul bon Touareg est un Touareg mort".
  bool NoGoodOne(std::size_t j, Found* out) const {
    if (W(j) != "bon" && W(j) != "bone") return false;
    if (j + 1 >= w_.size() || !IsGroup(j + 1)) return false;
    const bool only = j > 0 && (W(j - 1) == "seul" || W(j - 1) == "seule");
    for (std::size_t k = j + 2; k < w_.size() && k - j <= 8; ++k) {
      if ((W(k) == "existe" && Negated(j + 2, std::min(k + 2, w_.size()))) ||
          (only && (W(k) == "mort" || W(k) == "morte"))) {
        out->group = j + 1;
        out->word = k;
        return true;
      }
    }
    return false;
  }

  const NormalizedText& text_;
  const std::vector<Word>& w_;
};

}  // namespace

DehumanizationCheck::DehumanizationCheck(const DehumanizationConfig& config) : config_(config) {}

Verdict DehumanizationCheck::Run(const Comment& /*comment*/,
                                 const Context& context) const noexcept {
  Verdict v;
  try {
    const NormalizedText& text = *context.text;
    const std::vector<Word> words = Words(text.folded);
    Found found;
    if (!Matcher(text, words).Find(&found)) return v;
    Reason r;
    r.check = std::string(Name());
    r.code = "hate";
    r.detail =
        "un peuple, une religion ou un groupe présenté comme des animaux, des nuisibles "
        "ou des criminels par nature";
    r.score = 0.9;
    r.action = config_.action;
    for (std::size_t i : {std::min(found.group, found.word), std::max(found.group, found.word)}) {
      r.spans.push_back(text.ToOriginal(words[i].begin, words[i].end));
    }
    if (found.group == found.word) r.spans.pop_back();
    v.scores["dehumanization"] = r.score;
    v.Add(std::move(r));
  } catch (const std::bad_alloc&) {
    v = Verdict{};
    v.failed = true;
  }
  return v;
}

}  // namespace palabre::moderation
