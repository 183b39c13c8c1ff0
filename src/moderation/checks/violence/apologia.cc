// The violence check's apologia rules (code `terrorism_apologia`): praise or glory of an armed
// group, its fighters or an attack, joy at soldiers' deaths, prayers for its victory, approved
// deeds and affiliation.
#include "moderation/checks/violence/matcher.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace palabre::moderation::violence {

bool Matcher::StrongGlory(int i) const {
  return WordIn(i, {"gloire", "bravo", "bravos", "honneur", "vive", "vivent", "felicitations",
                    "felicitation", "longue"});
}

// "tu dis bravo aux gens de la brousse ??", "Toi qui écris que les villageois méritaient de
// mourir": a reader's words put back to them, before token i of the sentence. And whoever's
// claim told back in the clause that follows the verb: "celui qui dit ceux de la brousse sont
// des héros, viens voir les veuves" (not the rest of the sentence: "celui qui dit que ce sont
// des terroristes ment, ce sont des héros"). Called with i increasing (Run's order): the tokens
// before i are scanned once per comment.
bool Matcher::ReadersWords(int i) {
  for (; readers_scan_ < i; ++readers_scan_) {
    const int k = readers_scan_;
    if (!Is(k, kSpeech) && !Word(k, "dites")) continue;
    if (Is(k - 1, kSubject2) || Word(k - 1, "vous") ||
        (Word(k - 1, "qui") && WordIn(k - 2, {"toi", "vous"}))) {
      readers_sentence_ = t_[k].sentence;
    } else if (Word(k - 1, "qui") &&
               (WordIn(k - 2, {"celui", "celle", "ceux", "celles"}) ||
                (Word(k - 2, "la") && WordIn(k - 3, {"celui", "celle", "ceux"})))) {
      whoever_said_ = k;
    }
  }
  if (readers_sentence_ == t_[i].sentence) return true;
  if (whoever_said_ < 0 || !Same(whoever_said_, i)) return false;
  for (int k = whoever_said_ + 1; k <= i; ++k) {
    if (t_[k].clause_start) return false;
  }
  return true;
}

void Matcher::Apologia(int i) {
  if ((all_ & (kSpeech | kSubject2)) && ReadersWords(i)) return;
  if ((t_[i].f & (kGlory | kGod)) && !SentenceHas(i, kCondemn)) {
    if (t_[i].f & kGlory) Glory(i);
    if (t_[i].f & kGod) GodGrant(i);
  }
  Affiliation(i);
  ApprovedDeaths(i);
  if (t_[i].f & kGroup) GroupPraised(i);
  if (WordIn(i, {"freres", "frere"})) BrothersPraised(i);
  if (t_[i].f & kAttack) AttackPraised(i);
  if (WordIn(i, {"que", "qu"}) && t_[i].clause_start) GroupWished(i);
  if (t_[i].f & kJoy) JoyAtDeaths(i);
}

// Praise of "les frères" where the comment is about fighting: "Chapeau aux frères" after
// "l'attaque de Kati", "Les frères ont tenu tête à l'armée, mashallah". Not "nos frères" (the
// army, the family), nor brothers of a people, religion or army ("les frères ivoiriens",
// "frères VDP").
void Matcher::BrothersPraised(int i) {
  if (!WordIn(i - 1, {"les", "aux", "des"})) return;
  for (int k = i + 1; k <= i + 3 && Same(i, k); ++k) {
    if (Is(k, kState | kPerson | kEthnic | kPlace) || t_[k].title_case) return;
  }
  if (!(all_ & (kAttack | kSoldier | kGroup))) return;
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  if (RangeHas(b, e + 1, kCondemn | kNot | kNe | kWriting | kCondolence)) return;
  for (int k = b; k <= e; ++k) {
    if (Praise(k) || StrongGlory(k)) {
      Add(Code::kApologia, 0.8, "Apologie du terrorisme",
          k < i ? std::vector<std::pair<int, int>>{{k, k}, {i - 1, i}}
                : std::vector<std::pair<int, int>>{{i - 1, i}, {k, k}});
      return;
    }
  }
}

// "L'attaque de Kati, c'était du génie": praise of an attack, with no army or terrorists in
// the sentence (an operation of the army against them is lawful to praise).
void Matcher::AttackPraised(int i) {
  if (!matches_.empty() && matches_.back().code == Code::kApologia) return;
  if (t_[i].head >= 0 && !(t_[i].f & kNounForm)) return;  // "massacrer" is not "le massacre"
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  if (RangeHas(b, e + 1,
               kState | kMilitary | kCondemn | kNot | kNe | kWriting | kCondolence | kSports)) {
    return;
  }
  for (int k = b; k <= e; ++k) {
    if (Praise(k) && !WordIn(k, {"respect", "exemple", "modele"})) {
      Add(Code::kApologia, 0.8, "Apologie d'une attaque",
          k < i ? std::vector<std::pair<int, int>>{{k, k}, {i, i}}
                : std::vector<std::pair<int, int>>{{i, i}, {k, k}});
      return;
    }
  }
}

// Joy at the death of soldiers or civilians: "15 soldats tués, quelle joie", "je suis heureux
// pour Boulkessi" after an attack. Not joy at the death of terrorists.
void Matcher::JoyAtDeaths(int i) {
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  if (RangeHas(b, e + 1, kCondemn | kNot | kNe | kCondolence)) return;
  // Terrorists named without their group's name ("terroristes", "bandits"): their deaths.
  for (int k = b; k <= e; ++k) {
    if (Is(k, kMilitary) && !Is(k, kGroup)) return;
  }
  // The victims, in this sentence or the one before ("15 soldats tués. Quelle joie !"), and
  // their death; "nos soldats" are mourned, not the dead of an enemy.
  const int from = b > 0 ? SentenceBegin(b - 1) : b;
  bool death = false;
  for (int k = from; k <= e; ++k) {
    death = death || WordIn(k, {"tue", "tues", "mort", "morts", "tombes", "tombe", "abattus",
                                "massacres", "egorges", "decapites", "brules", "deces"});
  }
  if (!death) return;
  for (int k = from; k <= e; ++k) {
    if ((Is(k, kSoldier) && !WordIn(k - 1, {"nos", "notre"})) ||
        (Is(k, kAttack) && t_[k].head < 0)) {
      Add(Code::kApologia, 0.8, "Approbation de tueries",
          k < i ? std::vector<std::pair<int, int>>{{k, k}, {i, i}}
                : std::vector<std::pair<int, int>>{{i, i}, {k, k}});
      return;
    }
  }
}

// "Que les moudjahidines continuent jusqu'à Ouaga", "qu'ils entrent à Bamako" (about a group).
void Matcher::GroupWished(int i) {
  int g = i + 1;
  while (g <= i + 3 && Is(g, kDeterminer)) ++g;
  const int antecedent = Antecedent(i);
  const bool group = Is(g, kGroup) || (Word(g, "ils") && antecedent >= 0 && Is(antecedent, kGroup));
  if (!group || SentenceHas(i, kCondemn)) return;
  int v = g + 1;
  while (v <= g + 3 && IsClitic(v)) ++v;
  if (WordIn(v,
             {"continuent", "entrent", "avancent", "gagnent", "triomphent", "prennent", "frappent",
              "arrivent", "reviennent", "gouvernent", "liberent", "vainquent", "reussissent"})) {
    Add(Code::kApologia, 0.8, "Apologie du terrorisme", {{i, v}});
  }
}

// The first armed group or state force the sentence of i names before i, else the previous
// sentence: whom "eux", "les", "leur" stand for. -1 if none.
int Matcher::Antecedent(int i) const {
  for (int k = SentenceBegin(i); k < i; ++k) {
    if (Is(k, kGroup | kState)) return k;
  }
  const int b = SentenceBegin(i);
  if (b == 0) return -1;
  for (int k = SentenceBegin(b - 1); k < b; ++k) {
    if (Is(k, kGroup | kState)) return k;
  }
  return -1;
}

// "les Peuls du lac Tchad vivent la même misère depuis l'arrivée de Boko Haram": "vivre" with
// its subject earlier in the clause, not the slogan ("Vivent les frères !").
bool Matcher::LivesVerb(int i) const {
  if (!WordIn(i, {"vive", "vivent"})) return false;
  for (int k = ClauseBegin(i); k < i; ++k) {
    if (WordIn(k, {"les", "des", "ils", "elles", "nous", "vous", "on", "qui", "je", "j"})) {
      return true;
    }
  }
  return false;
}

// A word of praise at k: "héros", "libérateurs", "mashallah", "ont eu raison", "bien joué",
// "c'était mérité", "mon cœur est avec".
bool Matcher::Praise(int k) const {
  if (LivesVerb(k)) return false;
  if (!Is(k, kPraise) || WordIn(k, {"victoire", "merci", "courage", "protege", "benisse",
                                    "recompense", "martyr", "chahid", "chouhada"})) {
    return Word(k, "coeur") && Word(k + 1, "est") && Word(k + 2, "avec");
  }
  // Words that praise only in a phrase (their plural too, which the tables add).
  if (WordIn(k, {"raison", "raisons"})) return Word(k - 1, "eu");
  if (WordIn(k, {"joue", "joues", "agi", "agis"})) return Word(k - 1, "bien");
  if (WordIn(k, {"merite", "merites"})) return WordIn(k - 1, {"etait", "bien"});
  if (WordIn(k, {"cote", "cotes"})) return Word(k - 1, "bon");  // "du bon côté de l'histoire"
  if (WordIn(k, {"forts", "meilleur"})) return WordIn(k - 1, {"plus", "pas"});  // "plus forts que"
  if (Word(k, "cran")) return Word(k - 1, "du");                                // "ils ont du cran"
  if (Word(k, "big")) return Word(k + 1, "up");  // "big up aux frères de la brousse"
  if (WordIn(k, {"djo", "djos", "gars"})) {      // "c'est les vrais djo", "c nos gars"
    return WordIn(k - 1, {"vrais", "nos"}) && WordIn(k - 2, {"les", "c", "cest", "sont", "est"});
  }
  if (WordIn(k, {"lecon", "lecons"})) {  // "c'était une leçon", "quelle leçon de courage"
    return (Word(k - 1, "une") && WordIn(k - 2, {"etait", "est"})) || Word(k - 1, "quelle");
  }
  if (WordIn(k, {"inch", "incha", "inchallah", "insha", "prie"})) {
    return RangeHas(k - 6, k + 7, kGroup);  // "inch'Allah ils entreront", "je prie pour eux"
  }
  return true;
}

// An armed group and words of praise in one sentence, with no condemnation, negation or
// state force between them: "Les combattants du GSIM sont les vrais libérateurs du Sahel",
// "Amadou Koufa est un savant et un héros", "Mashallah ISWAP".
void Matcher::GroupPraised(int g) {
  if (!matches_.empty() && matches_.back().code == Code::kApologia) return;
  if (WordIn(g - 1, {"contre", "face"}) || WordIn(g - 2, {"contre", "face"})) return;
  const int b = SentenceBegin(g);
  const int e = SentenceEnd(g);
  // Condemned, defeated, or the praise is for an article about the group.
  if (RangeHas(b, e + 1, kCondemn | kWriting | kDefeat)) return;
  for (int k = b; k <= e; ++k) {
    if (WordIn(k, {"disant", "pretendus", "pretendu", "soi"})) return;  // "ces soi-disant héros"
  }
  for (int k = b; k <= e; ++k) {
    if (k == g || !Praise(k)) continue;
    if (RangeHas(std::min(k, g) + 1, std::max(k, g), kState)) continue;
    // Denied: a negation between the two or just before them ("je ne dirai jamais que le JNIM
    // a eu raison"), not one elsewhere in the sentence ("Boko Haram a eu raison d'enlever ces
    // filles, elles n'avaient rien à faire à l'école"), nor "y a pas meilleur que".
    bool denied = false;
    for (int n = std::max(b, std::min(k, g) - 4); n <= std::max(k, g); ++n) {
      if (Is(n, kNot | kNe) && !(n == k - 1 && WordIn(k, {"meilleur", "meilleurs"}))) {
        denied = true;
      }
    }
    if (denied) continue;
    Add(Code::kApologia, 0.85, "Apologie du terrorisme",
        {{std::min(k, g), std::min(k, g)}, {std::max(k, g), std::max(k, g)}});
    return;
  }
  // "Mon cœur est avec l'EIGS".
  if (Word(g - 1, "avec") || (Word(g - 2, "avec") && Is(g - 1, kDeterminer))) {
    for (int k = std::max(b, g - 5); k < g; ++k) {
      if (Word(k, "coeur")) {
        Add(Code::kApologia, 0.85, "Apologie du terrorisme", {{k, g}});
        return;
      }
    }
  }
}

void Matcher::Glory(int i) {
  if (WordIn(i - 1, {"la",  "le",    "l",     "aucune", "aucun", "pas",   "sans", "quelle", "quel",
                     "de",  "d",     "sa",    "son",    "leur",  "leurs", "ma",   "mon",    "ta",
                     "ton", "notre", "votre", "une",    "un",    "cette", "ce"}) &&
      !WordIn(i, {"vive", "vivent"})) {
    return;
  }
  if (Word(i, "longue") && !Word(i + 1, "vie")) return;
  if (LivesVerb(i)) return;
  // Praise the writer reads or sees: "Je lis ici des félicitations pour l'attaque de Djibo".
  for (int k = i - 1; k >= i - 3 && Same(k, i); --k) {
    if (WordIn(k, {"lis", "lit", "lu", "vois", "voit", "voyons", "vu"}) &&
        WordIn(k - 1, {"je", "j", "on", "nous", "ai", "a", "avons"})) {
      return;
    }
  }
  const bool strong = StrongGlory(i);
  const int reach = strong ? 8 : 5;
  // "gloire à eux", "Respect à eux": to whom the sentence (or the one before) is about first.
  if (WordIn(i + 1, {"a", "aux"}) && WordIn(i + 2, {"eux", "vous", "toi", "lui"})) {
    const int subject = Antecedent(i);
    if (subject >= 0 && Is(subject, kGroup)) {
      Add(Code::kApologia, 0.9, "Apologie du terrorisme", {{subject, subject}, {i, i + 2}});
    }
    return;
  }
  for (int j = i + 1; j <= i + reach && Same(i, j); ++j) {
    if (Is(j, kState | kWriting)) break;  // praise of the army, or of an article
    if (Is(j, kGroup)) {
      int last = j;
      while (last + 1 < n_ && Is(last + 1, kGroup) && Same(j, last + 1)) ++last;
      Add(Code::kApologia, 0.95, "Apologie du terrorisme", {{i, i}, {j, last}});
      return;
    }
    if (!strong && !Is(j, kDeterminer | kFunction | kGlory | kClitic3) &&
        !WordIn(j, {"freres", "frere", "combattants", "soldats", "hommes", "enfants"})) {
      break;
    }
  }
  if (!strong) return;
  // "Moudjahidines, gloire à vous".
  for (int j = i - 1; j >= i - 4 && Same(i, j); --j) {
    if (Is(j, kState | kWriting)) break;
    if (Is(j, kGroup)) {
      Add(Code::kApologia, 0.95, "Apologie du terrorisme", {{j, j}, {i, i}});
      return;
    }
  }
  // "Bravo pour cette embuscade", "gloire à ceux qui ont frappé Djibo"; not an attack of the
  // army ("bravo pour l'opération de l'armée") nor one against terrorists.
  if (SentenceHas(i, kMilitary | kWriting)) return;
  for (int j = i + 1; j <= i + 4 && Same(i, j); ++j) {
    if (Is(j, kState)) return;
    if (Is(j, kAttack)) {
      for (int k = j + 1; k <= j + 3 && Same(j, k) && !t_[k].clause_start; ++k) {
        if (Is(k, kState)) return;  // "l'opération de l'armée"
      }
      Add(Code::kApologia, 0.85, "Apologie d'une attaque", {{i, i}, {j, j}});
      return;
    }
  }
  for (int j = i + 1; j <= i + 6 && Same(i, j); ++j) {
    if (Is(j, kState)) return;
    if (!Is(j - 1, kAux) || !WordIn(j - 2, {"qui", "ont", "a"})) continue;
    if (const auto act = ActAt(j); act && act->def->kind != ActKind::kPursue) {
      Add(Code::kApologia, 0.85, "Apologie d'une attaque", {{i, i}, {act->begin, act->end}});
      return;
    }
  }
}

// "Que Dieu leur donne la victoire", "Qu'Allah protège nos moudjahidines".
void Matcher::GodGrant(int i) {
  int wish = -1;
  for (int j = i + 1; j <= i + 4 && Same(i, j); ++j) {
    if (Is(j, kWish)) {
      wish = j;
      break;
    }
  }
  if (wish < 0) return;
  // Fighters named as the jihad names them ("les frères morts au combat ... ils ont défendu la
  // religion"), where no army, soldier or civilian is in the sentence.
  const bool holy_war =
      !SentenceHas(i, kState | kSoldier | kCivilian) &&
      RangeHasWord(SentenceBegin(i), SentenceEnd(i) + 1,
                   {"religion", "charia", "oumma", "jihad", "djihad", "brousse", "foi"});
  for (int j = i + 1; j <= wish + 8 && Same(i, j); ++j) {
    if (Is(j, kState)) return;
    if (Is(j, kGroup) ||
        (holy_war && WordIn(j, {"freres", "combattants", "martyrs", "moudjahidines"}))) {
      Add(Code::kApologia, 0.9, "Apologie du terrorisme", {{i, wish}, {j, j}});
      return;
    }
  }
  // "Qu'Allah les protège", "Allah ya ba su nasara" (Hausa: give them victory): whom the
  // sentence, or the one before, is about.
  const bool pronoun = RangeHas(i + 1, wish + 1, kClitic3) || Word(wish, "nasara") ||
                       Word(wish + 1, "leurs");  // "qu'Allah guide leurs pas"
  const int subject = pronoun ? Antecedent(i) : -1;
  if (subject >= 0 && Is(subject, kGroup) && !(all_ & kCondemn)) {
    Add(Code::kApologia, 0.85, "Apologie du terrorisme", {{subject, subject}, {i, wish}});
  }
}

// An attack told with approval, its authors the armed group: "ils ont bien fait de frapper
// l'école de gendarmerie", "les frères ont bien nettoyé", "le convoi de l'armée, ils l'ont bien
// cramé", "les gens de l'EIGS ont frappé Tassia comme il faut". Not when the army strikes
// terrorists ("l'armée les a bien frappés", "ils ont bien nettoyé la zone des jihadistes").
void Matcher::DeedApproved(int i) {
  const auto deed = [&](int k) {
    return WordIn(k, {"nettoye", "crame", "frappe", "tape", "brule", "nettoyes", "frappes", "tapes",
                      "cramee", "rase", "pris", "attaque"});
  };
  int aux = -1;
  int verb = -1;
  if (Word(i, "bien") && WordIn(i - 1, {"ont", "a"})) {  // "ont bien fait de", "ont bien cramé"
    aux = i - 1;
    if (Word(i + 1, "fait") && WordIn(i + 2, {"de", "d"})) {
      int j = i + 3;
      while (j < n_ && j <= i + 5 && IsClitic(j)) ++j;
      if (!ActAt(j)) return;
      verb = j;
    } else if (deed(i + 1)) {
      verb = i + 1;
    }
  } else if (deed(i) && WordIn(i - 1, {"ont", "a"}) &&
             ((Word(i + 2, "comme") && Word(i + 3, "il") && Word(i + 4, "faut")) ||
              (Word(i + 1, "comme") && Word(i + 2, "il") && Word(i + 3, "faut")))) {
    aux = i - 1;
    verb = i;
  }
  if (verb < 0) return;
  int subject = aux - 1;
  while (subject >= 0 && Same(subject, aux) && WordIn(subject, {"l", "les", "le", "la", "y"})) {
    --subject;
  }
  if (!Same(subject, aux)) return;
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  if (RangeHas(b, e + 1, kCondemn | kNot | kNe | kWriting)) return;
  // The army as the one that acts, or terrorists as the ones struck: lawful.
  for (int k = b; k <= e; ++k) {
    if (Is(k, kMilitary) && !Is(k, kGroup)) return;
  }
  const bool group = Is(subject, kGroup) || WordIn(subject, {"freres", "combattants"}) ||
                     (WordIn(subject, {"gars", "gens"}) && RangeHas(subject, aux, kGroup));
  bool victims = false;  // "ils": who they struck must be the army, the state or civilians
  for (int k = b; k <= e; ++k) {
    if (k != subject && Is(k, kState | kSoldier | kCivilian)) victims = true;
  }
  if (!group && !(Word(subject, "ils") && victims)) return;
  // "Les frères ont bien nettoyé la mosquée": brothers who clean something named.
  if (!Is(subject, kGroup) && !victims && verb + 1 <= e && !t_[verb + 1].word.empty() &&
      !WordIn(verb + 1, {"comme", "hier", "encore", "ce", "cette"})) {
    return;
  }
  if (RangeHas(b, subject + 1, kState) && !victims) return;
  Add(Code::kApologia, 0.85, "Apologie d'une attaque", {{subject, subject}, {aux, verb}});
}

// "nos frères moudjahidines", "nos moudjahidines", "mes frères du JNIM".
void Matcher::Affiliation(int i) {
  const bool brothers =
      Word(i, "les") && WordIn(i + 1, {"freres", "frere"}) && WordIn(i + 2, {"du", "de", "d"});
  if (!WordIn(i, {"nos", "mes", "notre"}) && !brothers) return;
  for (int j = i + 1; j <= i + 4 && Same(i, j); ++j) {
    if (Is(j, kGroup)) {
      if (SentenceHas(i, kCondemn)) return;
      Add(Code::kApologia, 0.9, "Apologie du terrorisme", {{i, j}});
      return;
    }
    if (!WordIn(j, {"freres", "frere", "soeurs", "chers", "braves", "vaillants", "du", "de", "d",
                    "l", "la", "les", "valeureux", "combattants", "heros"})) {
      return;
    }
  }
}

// "Bien fait pour ces soldats", "ils l'ont bien mérité" about killed soldiers.
void Matcher::ApprovedDeaths(int i) {
  int end = -1;
  if (Word(i, "bien") && Word(i + 1, "fait") &&
      (Word(i + 2, "pour") || !Same(i, i + 2) || t_[i + 2].clause_start) &&
      (t_[i].clause_start || WordIn(i - 1, {"c", "est", "etait"}))) {
    end = i + 1;
  } else if (Word(i, "l") && Word(i + 1, "ont") &&
             (WordIn(i + 2, {"merite", "cherche"}) ||
              (Word(i + 2, "bien") && WordIn(i + 3, {"merite", "cherche"})))) {
    end = Word(i + 2, "bien") ? i + 3 : i + 2;
  } else if (Word(i, "bien") && Word(i + 1, "merite") && !Is(i - 1, kAux) &&
             (!Same(i, i + 2) || t_[i + 2].clause_start || Word(i + 2, "pour"))) {
    end = i + 1;
  } else if (WordIn(i, {"meritaient", "meritait"}) && WordIn(i + 2, {"mourir", "mort"})) {
    end = i + 2;
  } else if (Word(i, "etait") && Word(i + 1, "merite") && Word(i - 1, "c")) {
    end = i + 1;  // "Inata c'était mérité"
  } else if (Word(i, "leur") && Word(i + 1, "apprendra") && WordIn(i - 1, {"ca", "cela"}) &&
             !Is(i - 2, kNot)) {
    end = i + 1;  // "Barsalogho, ça leur apprendra"
  } else if (Word(i, "l") && Word(i + 1, "a") && Word(i + 2, "bien") &&
             WordIn(i + 3, {"cherche", "merite"})) {
    end = i + 3;  // "le camp l'a bien cherché"
  }
  if (end < 0 || Is(i - 1, kNot) || Is(i - 1, kNe) || Is(i - 2, kNe)) return;
  const int b = SentenceBegin(i);
  // A short approval ("Ils l'ont bien cherché.") is about the next sentence too.
  const int e = SentenceEnd(end) == end && end + 1 < n_ ? SentenceEnd(end + 1) : SentenceEnd(i);
  // The dead were terrorists: lawful.
  for (int k = b; k <= e; ++k) {
    if (Is(k, kMilitary) && !Is(k, kGroup)) return;
  }
  for (int k = std::max(b, i - 10); k <= std::min(e, end + 6); ++k) {
    // The dead, the attack, or the army's post that was struck ("le camp l'a bien cherché").
    // "Inata c'était mérité": the place of an attack named first stands for it.
    const bool place = Is(k, kPlace) && k == b && k < i && i - k <= 3 && !SentenceHas(i, kSports);
    if (Is(k, kSoldier | kCivilian) || (Is(k, kAttack) && k < i) || place ||
        WordIn(k, {"camp", "caserne", "convoi", "garnison", "base"})) {
      Add(Code::kApologia, 0.85, "Approbation de tueries",
          k < i ? std::vector<std::pair<int, int>>{{k, k}, {i, end}}
                : std::vector<std::pair<int, int>>{{i, end}, {k, k}});
      return;
    }
  }
}

}  // namespace palabre::moderation::violence
