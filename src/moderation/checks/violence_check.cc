#include "moderation/checks/violence_check.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moderation/checks/violence/tables.h"
#include "moderation/checks/violence/tokens.h"

namespace palabre::moderation {
namespace violence {
namespace {

// ---------------------------------------------------------------------------------------------
// Matching.

enum class Code : std::uint8_t { kIncitement, kApologia, kThreat };

struct Match {
  Code code;
  double score;
  std::string label;                        // "Appel à tuer"
  std::vector<std::pair<int, int>> ranges;  // token ranges [first, last], in order, apart
};

struct Act {
  const ActDef* def = nullptr;
  int begin = 0;  // the head
  int end = 0;    // the last word of its tail
};

struct Target {
  bool found = false;
  bool second = false;  // te, toi, vous
  bool clitic = false;  // le, la, les, lui, leur
  bool person = false;
  bool place = false;
  bool proper = false;
  bool military = false;  // terrorists: a lawful target
  bool civilian = false;  // civilians, a people, homes and villages: never a lawful target
};

class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, const Tables& tables)
      : t_(tokens), tables_(tables), n_(static_cast<int>(tokens.size())) {
    for (const Token& token : t_) all_ |= token.f;
  }

  std::vector<Match> Run() {
    for (int i = 0; i < n_; ++i) {
      DeedApproved(i);
      if (t_[i].f == 0 && t_[i].head < 0) continue;  // no rule starts from this word
      Incitement(i);
      Apologia(i);
      Threat(i);
    }
    return std::move(matches_);
  }

 private:
  // --- helpers -------------------------------------------------------------------------------
  bool Is(int i, std::uint64_t f) const { return i >= 0 && i < n_ && (t_[i].f & f) != 0; }
  bool Word(int i, std::string_view w) const {
    return i >= 0 && i < n_ && !t_[i].word.empty() && t_[i].word[0] == w[0] &&
           SameWord(t_[i].word, w);
  }
  bool WordIn(int i, std::initializer_list<std::string_view> list) const {
    return i >= 0 && i < n_ && OneOf(t_[i].word, list);
  }
  bool Same(int i, int j) const {
    return i >= 0 && j >= 0 && i < n_ && j < n_ && t_[i].sentence == t_[j].sentence;
  }
  int SentenceBegin(int i) const {
    while (i > 0 && t_[i - 1].sentence == t_[i].sentence) --i;
    return i;
  }
  int SentenceEnd(int i) const {  // last token of the sentence
    while (i + 1 < n_ && t_[i + 1].sentence == t_[i].sentence) ++i;
    return i;
  }
  int ClauseBegin(int i) const {
    while (i > 0 && !t_[i].clause_start) --i;
    return i;
  }
  bool SentenceHas(int i, std::uint64_t f) const {
    for (int k = SentenceBegin(i), e = SentenceEnd(i); k <= e; ++k) {
      if (t_[k].f & f) return true;
    }
    return false;
  }
  bool RangeHas(int from, int to, std::uint64_t f) const {  // [from, to)
    for (int k = std::max(from, 0); k < std::min(to, n_); ++k) {
      if (t_[k].f & f) return true;
    }
    return false;
  }
  bool RangeHasWord(int from, int to, std::initializer_list<std::string_view> list) const {
    for (int k = std::max(from, 0); k < std::min(to, n_); ++k) {
      if (OneOf(t_[k].word, list)) return true;
    }
    return false;
  }
  bool IsClitic(int i) const {
    return Is(i, kClitic2 | kClitic3) || WordIn(i, {"y", "en", "ne", "n", "se", "s", "m", "me"});
  }
  static bool IsWeaponAct(const Act& a) { return a.def->noun; }

  // A future form of the act's verb: the infinitive (without the final e of -re) + an ending
  // ("tuerez", "pendrons", "brûlera"), not an imperative that looks like one ("tirez").
  bool Future(int i) const {
    if (t_[i].head < 0) return false;
    std::string stem = Squeeze(tables_.heads[static_cast<std::size_t>(t_[i].head)].lemma);
    if (EndsWith(stem, "re")) stem.pop_back();
    const std::string_view w = t_[i].word;
    if (w.size() <= stem.size() || w.substr(0, stem.size()) != stem) return false;
    return OneOf(w.substr(stem.size()), {"ai", "as", "a", "ons", "ez", "ont", "ait", "aient"});
  }
  static bool Infinitive(std::string_view w) {
    return w.empty() || EndsWith(w, "er") || EndsWith(w, "ir") || EndsWith(w, "re");
  }
  // Keeps a match; ranges that touch become one ("il faut" + "tuer": "il faut tuer").
  void Add(Code code, double score, std::string label, std::vector<std::pair<int, int>> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<int, int>> merged;
    for (const auto& r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second + 1) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    matches_.push_back(Match{code, score, std::move(label), std::move(merged)});
  }

  // The act whose head is token i (with its tail when it has one), if any.
  std::optional<Act> ActAt(int i) const {
    if (i < 0 || i >= n_ || t_[i].head < 0) return std::nullopt;
    // "les massacres", "cette attaque": a noun, not a verb.
    if ((t_[i].f & kNounForm) && i > 0 &&
        (Is(i - 1, kDeterminer) || WordIn(i - 1, {"de", "d", "a", "contre", "par", "sur"}))) {
      return std::nullopt;
    }
    const Tables::Head& head = tables_.heads[static_cast<std::size_t>(t_[i].head)];
    const ActDef* alone = nullptr;
    for (std::uint16_t a : head.acts) {
      const ActDef& def = kActs[a];
      if (def.tail.empty()) {
        alone = &def;
        continue;
      }
      for (int j = i + 1; j <= i + 1 + def.max_gap && Same(i, j); ++j) {
        if (InAlternatives(def.tail, t_[j].word)) return Act{&def, i, j};
      }
    }
    if (alone != nullptr) return Act{alone, i, i};
    return std::nullopt;
  }

  // Whether the clitic target of an act refers to terrorists named earlier in the sentence.
  bool AntecedentMilitary(int act) const {
    const int b = SentenceBegin(act);
    return RangeHas(b, act, kMilitary) && !RangeHas(b, act, kCivilian | kEthnic);
  }

  Target FindTarget(const Act& a) const {
    Target target;
    // A pronoun before the verb: "il faut les tuer", "on va te retrouver".
    int k = a.begin - 1;
    while (k >= 0 && Same(k, a.begin) && WordIn(k, {"en", "ne", "n"})) --k;
    if (Word(k, "y") && a.def->kind != ActKind::kBurn && Same(k - 1, k)) --k;
    if (Same(k, a.begin) && !t_[a.begin].clause_start) {
      const bool vous = Word(k, "vous") && !t_[k].clause_start &&
                        (Is(k - 1, kIntend | kModal | kSubject1) || IsClitic(k - 1));
      if (Is(k, kClitic2) || vous) {
        target.found = target.second = true;
        return target;
      }
      if (Word(k, "y") && a.def->kind == ActKind::kBurn) {  // "y mettre le feu": a place
        target.found = target.place = true;
        return target;
      }
      if (WordIn(k, {"le", "la", "l", "les", "lui", "leur"})) {
        target.found = target.clitic = target.person = true;
        target.military = AntecedentMilitary(a.begin);
        return target;
      }
    }
    // A pronoun attached after: "tuez-les", "brûle-le".
    if (a.end + 1 < n_ && t_[a.end + 1].hyphen_before) {
      const int p = a.end + 1;
      if (Is(p, kClitic2) || Word(p, "vous")) {
        target.found = target.second = true;
        return target;
      }
      if (Is(p, kClitic3)) {
        target.found = target.clitic = target.person = true;
        target.military = AntecedentMilitary(a.begin);
        return target;
      }
    }
    // "régler ton compte", "s'occuper de ton cas": the reader addressed.
    for (int j = a.begin + 1; j <= a.end + 2 && Same(a.begin, j); ++j) {
      if (Is(j, kPoss2) && !Is(j + 1, kBenign)) {
        target.found = target.second = true;
        return target;
      }
    }
    // A noun after: "tuer tous les habitants", "bombarder Paris", "brûler leurs maisons".
    bool determiner = false;
    for (int j = a.begin + 1; j <= a.end + 6 && Same(a.begin, j); ++j) {
      if (j == a.end)
        continue;  // the tail word: "mettre le feu à ...", "rayer ce village de la carte"
      const Token& tok = t_[j];
      if (tok.word.empty()) continue;
      if (tok.f & kBreak) break;
      if (tok.f & kBenign) return target;
      if (Word(j, "justice") && Word(j - 1, "en")) return target;       // "attaquer en justice"
      if (Word(j, "junte") && a.def->head == "abattre") return target;  // topple, figuratively
      if (Word(j, "chez") && Same(j, j + 1)) {  // "mettre le feu chez lui": someone's home
        target.found = target.place = true;
        target.second = Is(j + 1, kClitic2) || Word(j + 1, "vous");
        return target;
      }
      if (tok.f & (kTargetNoun | kClitic2) || tok.title_case ||
          WordIn(j, {"ceux", "celui", "celle", "celles", "quiconque"})) {
        target.found = true;
        // "brûler ta maison", "tuer tes enfants": the target is the reader addressed.
        target.second = Is(j, kClitic2) || Word(j, "vous") || RangeHas(a.end + 1, j, kPoss2);
        target.person =
            (tok.f & (kPerson | kCivilian | kEthnic | kGroup | kSoldier | kState | kMilitary)) !=
                0 ||
            WordIn(j, {"ceux", "celui", "celle", "celles", "quiconque"});
        target.place = (tok.f & kPlace) != 0;
        target.proper = tok.title_case;
        target.civilian = (tok.f & (kCivilian | kEthnic)) != 0 ||
                          WordIn(j, {"village", "villages", "hameau", "hameaux", "maison",
                                     "maisons", "case", "cases", "campement", "campements"});
        // Terrorists are a military target unless civilians or a people come with them.
        const int qualifier_end = std::min(SentenceEnd(j) + 1, j + 4);
        target.military = RangeHas(j, qualifier_end, kMilitary) &&
                          !RangeHas(j, std::min(SentenceEnd(j) + 1, j + 10), kCivilian | kEthnic);
        return target;
      }
      if (tok.f & (kDeterminer | kClitic3 | kAllOf)) {
        determiner = true;
        // "Brûlez tout.", "Tuez-les tous": everything, everyone.
        if ((tok.f & kAllOf) && (j + 1 >= n_ || !Same(j, j + 1) || t_[j + 1].clause_start)) {
          target.found = target.person = target.place = true;
          return target;
        }
        continue;
      }
      if (tok.f & kFunction) continue;
      if (determiner) {
        // "tuer ces touristes": any object of a killing; "brûler leurs greniers": any object of
        // a fire; "exécuter les décisions de justice": a thing, and what follows is its
        // complement.
        target.found = a.def->kind == ActKind::kLethal || a.def->kind == ActKind::kBurn;
        return target;
      }
    }
    return target;
  }

  static bool Accepts(ActKind kind, const Target& t) {
    if (!t.found) return false;
    switch (kind) {
      case ActKind::kLethal:
      case ActKind::kBurn:
        return true;
      case ActKind::kDestroy:
        return t.second || t.clitic || t.person || t.place || t.proper;
      case ActKind::kHurt:
        return t.second || t.clitic || t.person || t.proper;
      case ActKind::kPursue:
        return t.second;
    }
    return false;
  }

  // --- incitement ----------------------------------------------------------------------------

  enum class Cue : std::uint8_t { kCall, kQuOn, kIntend, kConditional, kImperative };

  // A call starting at token i: its last token and kind.
  std::optional<std::pair<int, Cue>> CueAt(int i) const {
    const Token& tok = t_[i];
    if (tok.f & kModal) {
      if (Word(i + 1, "il") || Word(i + 1, "t")) return std::nullopt;  // "faut-il ?": a question
      if (WordIn(i - 1, {"je", "j"})) return std::pair{i, Cue::kIntend};
      return std::pair{i, Cue::kCall};
    }
    // il est temps de, c'est le moment de, qu'est-ce qu'on attend pour, pourquoi ne pas.
    if (Word(i, "temps") && WordIn(i + 1, {"de", "d"}) && RangeHas(i - 2, i, kAux)) {
      return std::pair{i + 1, Cue::kCall};
    }
    if (Word(i, "moment") && WordIn(i + 1, {"de", "d"}) && Word(i - 1, "le")) {
      return std::pair{i + 1, Cue::kCall};
    }
    if (WordIn(i, {"attend", "attendons", "attendez", "attends"})) {
      const int pour = Word(i + 1, "quoi") ? i + 2 : i + 1;
      if (Word(pour, "pour") && (Word(i - 2, "qu") || Is(i - 1, kSubject1 | kSubject2))) {
        return std::pair{pour, Cue::kCall};
      }
    }
    if (WordIn(i, {"solution", "remede"})) return std::pair{i, Cue::kCall};
    if (Word(i, "pourquoi") && Word(i + 1, "personne") && WordIn(i + 2, {"ne", "n"})) {
      return std::pair{i + 2, Cue::kCall};
    }
    if (WordIn(i, {"qui", "ki"}) && tok.clause_start && WordIn(i + 1, {"va", "veut", "vient"})) {
      return std::pair{i + 1, Cue::kCall};
    }
    if (Word(i, "pourquoi") && WordIn(i + 1, {"ne", "n"}) && Word(i + 2, "pas")) {
      return std::pair{i + 2, Cue::kCall};
    }
    if (WordIn(i, {"yaka", "yaqua"})) return std::pair{i, Cue::kCall};
    if (WordIn(i, {"y", "n", "ya"}) &&
        (Word(i, "ya") ? Word(i + 1, "qu") && Word(i + 2, "a")
                       : Word(i + 1, "a") && Word(i + 2, "qu") && Word(i + 3, "a"))) {
      return std::pair{Word(i, "ya") ? i + 2 : i + 3, Cue::kCall};
    }
    // qu'on + subjunctive, que quelqu'un + subjunctive.
    if ((Word(i, "qu") && Word(i + 1, "on")) || (Word(i, "que") && Word(i + 1, "quelqu"))) {
      const bool wish = tok.clause_start ||
                        (Word(i - 1, "et") && WordIn(SentenceBegin(i), {"que", "qu"})) ||
                        WordIn(i - 1, {"faut",       "faudrait", "fallait", "faudra",    "veux",
                                       "voudrais",   "voulons",  "exige",   "exigeons",  "souhaite",
                                       "souhaitons", "aimerais", "demande", "demandons", "temps",
                                       "mieux",      "bon",      "urgent",  "important", "reste",
                                       "propose",    "suggere",  "prie",    "attendons"});
      if (wish) return std::pair{Word(i, "qu") ? i + 1 : i + 1 + Word(i + 2, "un"), Cue::kQuOn};
    }
    // on va, je vais, nous allons, je jure de...
    if (tok.f & kSubject1) {
      int j = i + 1;
      bool you = false;  // "je t'étrangle", "on vous égorgera": the act is aimed at the reader
      while (j < n_ && j <= i + 3 && (IsClitic(j) || (Word(j, "vous") && j > i + 1))) {
        you = you || Is(j, kClitic2) || Word(j, "vous");
        ++j;
      }
      int cue_end = i;  // the act is looked for after the clitics that follow cue_end
      if (!you && Word(i + 1, "vous") && WordIn(i, {"je", "j", "on"}) && ActAt(i + 2)) {
        you = true;  // "je vous égorgerai": "vous" is no clitic to skip
        j = i + 2;
        cue_end = i + 1;
      }
      // "je viens brûler ta radio" (not "je viens de", a recent past).
      if (WordIn(j, {"viens", "venons"}) && !WordIn(j + 1, {"de", "d"}) &&
          WordIn(i, {"je", "j", "nous", "on"})) {
        return std::pair{j, Cue::kIntend};
      }
      // "on viendra chez toi": the announced verb is itself the act.
      if (Is(j, kIntend) && !Word(j, "allez") && !Word(j, "vont") && !ActAt(j)) {
        return std::pair{j, Cue::kIntend};
      }
      if (const auto act = ActAt(j)) {
        const std::string_view w = t_[j].word;
        const bool future = Future(j) || EndsWith(w, "drai") || EndsWith(w, "dra") ||
                            EndsWith(w, "drons") || EndsWith(w, "dront") || EndsWith(w, "rai") ||
                            EndsWith(w, "ra") || EndsWith(w, "ront");
        if (future) return std::pair{cue_end, Cue::kIntend};
        // "je t'écrase", "je te casse les côtes": a present that announces, aimed at "you" (not
        // "on t'attend", a pursuit said in the present of any meeting).
        if (you && WordIn(i, {"je", "j", "on", "nous"}) && !Negated(i, j) &&
            act->def->kind != ActKind::kPursue) {
          return std::pair{cue_end, Cue::kIntend};
        }
        const int b = SentenceBegin(i);
        const bool whoever = WordIn(b, {"celui", "ceux", "celle", "quiconque"}) ||
                             (WordIn(b + 1, {"celui", "ceux", "prochain"}) && Word(b + 2, "qui"));
        if (whoever || RangeHas(b, i, kCondition) || RangeHas(b, i, kTime)) {
          return std::pair{i, Cue::kConditional};
        }
      }
    }
    return std::nullopt;
  }

  // Lawful whatever the act: the call is negated, reported, or made to the state.
  bool Negated(int begin, int end) const {
    for (int k = begin - 2; k < begin; ++k) {
      if (Same(k, begin) && Is(k, kNe)) return true;
    }
    int j = end + 1;
    while (j < n_ && IsClitic(j)) ++j;
    return Same(j, end) && Is(j, kNot);
  }
  // Someone else's words: "ils disent qu'il faut...", "quand je lis dans ces commentaires
  // qu'il faut « raser »". "Je dis qu'il faut" is the writer's own call; what the writer reads or
  // hears is not.
  bool Reported(int begin) const {
    for (int k = begin - 7; k < begin; ++k) {
      if (!Same(k, begin) || !Is(k, kSpeech)) continue;
      if (k < begin - 4 && !RangeHasWord(k + 1, begin, {"que", "qu"})) continue;
      const bool heard = WordIn(k, {"lis", "lit", "lu", "entends", "entend", "entendu"});
      if (heard || !WordIn(k - 1, {"je", "j", "moi"})) return true;
    }
    return false;
  }
  bool StateActs(int cue_begin, int act) const {
    return RangeHas(ClauseBegin(cue_begin), act, kState);
  }
  // An order given to the state's forces, named as the ones spoken to: "Frappez-les dans leurs
  // sanctuaires, messieurs les militaires", "chers soldats, écrasez-les". Not when civilians or a
  // people are named in the sentence.
  bool AddressedToState(int i) const {
    const int b = SentenceBegin(i);
    const int e = SentenceEnd(i);
    if (RangeHas(b, e + 1, kCivilian | kEthnic)) return false;
    for (int k = b; k <= e; ++k) {
      if (!Is(k, kState)) continue;
      if (WordIn(k - 1, {"messieurs", "mesdames", "chers", "cheres"}) ||
          (WordIn(k - 1, {"les", "nos"}) && WordIn(k - 2, {"messieurs", "mesdames", "chers"}))) {
        return true;
      }
    }
    return false;
  }
  // The speakers mean to act themselves, not the army: "tuer ces bandits de nos propres mains",
  // "finir le travail nous-mêmes". A call to kill terrorists is then a call to lynch.
  bool Vigilante(int i) const {
    const int e = SentenceEnd(i);
    for (int k = SentenceBegin(i); k <= e; ++k) {
      if ((Word(k, "nous") && WordIn(k + 1, {"meme", "memes"})) ||
          (Word(k, "propres") && Word(k + 1, "mains")) ||
          (WordIn(k, {"nos", "vos"}) && Word(k + 1, "mains"))) {
        return true;
      }
    }
    return false;
  }

  // The act a call is aimed at, searched after the cue.
  std::optional<Act> ActAfter(int cue_end, Cue kind) const {
    const int limit = kind == Cue::kQuOn ? 4 : 12;
    for (int j = cue_end + 1; j <= cue_end + limit && Same(j, cue_end); ++j) {
      if (j > cue_end + 1 && Is(j, kBreak)) break;
      const auto act = ActAt(j);
      if (!act) {
        if (kind == Cue::kQuOn && !IsClitic(j) && !Is(j, kMotion)) break;
        continue;
      }
      int before = j - 1;
      while (before > cue_end && (IsClitic(before) || Is(before, kAllOf))) --before;
      if (Is(before, kAux) && before > cue_end) continue;  // "qui ont tué": a report
      const bool adjacent = before == cue_end;
      const bool passive = WordIn(before, {"etre", "soient", "soit"}) ||
                           (WordIn(before, {"ou", "et"}) && before - 2 > cue_end &&
                            WordIn(before - 2, {"etre", "soient", "soit"}));
      const bool weapon = IsWeaponAct(*act);
      // Arms for someone ("des grenades et des fusils pour nos VDP"), not against them.
      if (weapon && RangeHas(act->end + 1, act->end + 5, kFunction) && [&] {
            for (int k = act->end + 1; k <= act->end + 4 && Same(k, j); ++k) {
              if (WordIn(k, {"contre", "sur", "dans", "devant", "chez"})) return false;
              if (WordIn(k, {"pour", "aux", "a"})) return true;
            }
            return false;
          }()) {
        continue;
      }
      // "il faut arrêter de tuer", "la solution n'est pas de tuer".
      if (RangeHas(cue_end + 1, j, kStop | kNot)) return std::nullopt;
      if (kind == Cue::kQuOn || adjacent || passive || weapon || Infinitive(t_[j].word)) {
        return act;
      }
    }
    return std::nullopt;
  }

  void Incitement(int i) {
    // Imperatives of an act: "Brûlez", "Tuons-les", "Tue-le".
    if (const auto act = ActAt(i)) {
      Imperative(i, *act);
    }
    if (Is(i, kMotion)) MotionImperative(i);
    DeathTo(i);
    Deserve(i);
    WishedPassive(i);
    const auto cue = CueAt(i);
    if (!cue) return;
    const auto [cue_end, kind] = *cue;
    const int cue_begin =
        (kind == Cue::kCall && WordIn(i - 1, {"il", "on", "nous", "vous"})) ? i - 1 : i;
    if (kind != Cue::kConditional && Negated(cue_begin, cue_end)) return;
    if (Reported(cue_begin)) return;
    std::optional<Act> act;
    if (kind == Cue::kConditional) {
      int j = i + 1;
      while (j < n_ && IsClitic(j)) ++j;
      act = ActAt(j);
    } else {
      act = ActAfter(cue_end, kind);
    }
    if (!act) return;
    Target target = FindTarget(*act);
    const bool passive =
        WordIn(act->begin - 1, {"etre", "soient", "soit"}) ||
        (Is(act->begin - 1, kAllOf) && WordIn(act->begin - 2, {"etre", "soient"})) ||
        (WordIn(act->begin - 1, {"ou", "et"}) &&
         WordIn(act->begin - 3, {"etre", "soient", "soit"}));
    if (passive) {
      target = Target{};
      // "Tous les journalistes de ce site devraient être exécutés": the subject is the target.
      for (int k = SentenceBegin(i); k < cue_begin; ++k) {
        // "Ces violeurs devraient être pendus": whoever is to be killed is a target.
        const bool someone = act->def->kind == ActKind::kLethal && Is(k, kDeterminer) &&
                             k + 1 < cue_begin && !Is(k + 1, kBenign | kFunction);
        if (someone || Is(k, kTargetNoun | kAllOf) || t_[k].title_case || Word(k, "ils")) {
          target.found = target.person = true;
          target.military = AntecedentMilitary(act->begin);
          break;
        }
      }
    }
    if (!target.found &&
        (act->def->kind == ActKind::kBurn || act->def->kind == ActKind::kDestroy)) {
      // "Conakry doit brûler ce soir": the place that is to burn is the subject.
      for (int k = ClauseBegin(cue_begin); k < cue_begin; ++k) {
        if (Is(k, kPlace) || t_[k].title_case) target.found = target.place = true;
      }
    }
    if (act->def->kind == ActKind::kPursue && !target.second) {
      // "on va le faire taire", "quelqu'un devrait s'occuper de ce blogueur": silencing a
      // writer, a judge, an activist.
      const bool silencing =
          (act->def->label == "faire taire" || act->def->label == "faire payer" ||
           act->def->label == "s'occuper de") &&
          (all_ & kWriting) && (target.clitic || target.person);
      if (!silencing) return;
      Add(Code::kThreat, 0.8, "Menace", {{cue_begin, cue_end}, {act->begin, act->end}});
      return;
    }
    if (!Accepts(act->def->kind, target)) return;
    if (act->def->kind == ActKind::kPursue) {
      if (kind == Cue::kIntend || kind == Cue::kConditional) {
        Add(Code::kThreat, 0.85, "Menace", {{cue_begin, cue_end}, {act->begin, act->end}});
      }
      return;
    }
    // The army may be called on to strike armed groups, never to burn villages or kill a people.
    if (target.military && !Vigilante(cue_begin)) return;
    if (StateActs(cue_begin, act->begin) && !target.civilian) return;
    if (act->def->sports_prone && SentenceHas(act->begin, kSports)) return;
    // Against "you", or announced by one person, or "if ..., we kill him": a threat; against a
    // group or a place: a call.
    const bool singular = target.clitic && WordIn(act->begin - 1, {"le", "la", "l", "lui"});
    const bool threat = target.second || (kind == Cue::kConditional && singular) ||
                        (kind == Cue::kIntend && WordIn(i, {"je", "j"}));
    AddAct(threat ? Code::kThreat : Code::kIncitement, *act, {cue_begin, cue_end});
  }

  void AddAct(Code code, const Act& act, std::pair<int, int> cue) {
    const double score = act.def->kind == ActKind::kLethal ? 0.95
                         : act.def->kind == ActKind::kBurn || act.def->kind == ActKind::kDestroy
                             ? 0.9
                             : 0.85;
    std::string label = code == Code::kThreat ? "Menace de " + std::string(act.def->label)
                                              : "Appel à " + std::string(act.def->label);
    if (code == Code::kThreat && act.def->kind == ActKind::kLethal) label = "Menace de mort";
    std::vector<std::pair<int, int>> ranges;
    if (cue.first <= cue.second && cue.second < act.begin) ranges.push_back(cue);
    ranges.emplace_back(act.begin, act.end);
    Add(code, score, std::move(label), std::move(ranges));
  }

  bool SubjectBefore(int i) const {
    int k = i - 1;
    while (k >= 0 && Same(k, i) && !t_[k + 1].clause_start && IsClitic(k) &&
           !Is(k, kSubject1 | kSubject2))
      --k;
    if (!Same(k, i) || t_[k + 1].clause_start) return false;
    return Is(k, kSubject1 | kSubject2) ||
           WordIn(k, {"il", "ils", "elle", "elles", "qui", "que", "qu", "ce", "c", "ca", "cela"});
  }

  void Imperative(int i, const Act& act) {
    const std::string_view w = t_[i].word;
    if (w.empty() || SubjectBefore(i) || act.def->kind == ActKind::kPursue || act.def->noun) return;
    const bool future = Future(i);
    const bool plural = ((EndsWith(w, "ez") || EndsWith(w, "ons")) && !future) || w == "faites";
    bool imperative = plural;
    if (!plural) {
      // Second person singular: "Tue-le", "Brûle leur maison" at the start of a clause.
      const bool bare = !Infinitive(w) && !EndsWith(w, "s") && !EndsWith(w, "ee");
      const bool attached = i + 1 < n_ && t_[i + 1].hyphen_before && Is(i + 1, kClitic3);
      const bool leads =
          t_[i].clause_start && WordIn(i + 1, {"les", "ces", "leur", "leurs", "tous", "toutes",
                                               "le", "la", "l", "cette", "ce", "cet"});
      imperative = bare && (attached || leads) && !(t_[i].f & kNounForm);
    }
    if (!imperative) return;

    const Target target = FindTarget(act);
    if (!Accepts(act.def->kind, target) || (target.military && !Vigilante(i))) return;
    if (StateActs(i, i) || AddressedToState(i)) return;
    if (act.def->sports_prone && SentenceHas(i, kSports)) return;
    AddAct(target.second ? Code::kThreat : Code::kIncitement, act, {1, 0});
  }

  // "Allez tuer", "Allons brûler", "Descendons dans la rue brûler".
  void MotionImperative(int i) {
    const std::string_view w = t_[i].word;
    const bool singular = OneOf(w, {"va", "viens", "descends", "sors", "cours"}) &&
                          (t_[i].clause_start || WordIn(i - 1, {"et", "alors", "donc"}));
    if (!(EndsWith(w, "ez") || EndsWith(w, "ons") || w == "debout" || singular) ||
        SubjectBefore(i)) {
      return;
    }
    if (Negated(i, i)) return;
    for (int j = i + 1; j <= i + 6 && Same(i, j); ++j) {
      if (Is(j, kBreak)) break;
      const auto act = ActAt(j);
      if (!act || !Infinitive(t_[j].word) || act->def->kind == ActKind::kPursue) continue;
      const Target target = FindTarget(*act);
      if (!Accepts(act->def->kind, target) || (target.military && !Vigilante(i)) ||
          StateActs(i, j)) {
        return;
      }
      if (act->def->sports_prone && SentenceHas(j, kSports)) return;
      AddAct(Code::kIncitement, *act, {i, i});
      return;
    }
  }

  // "À mort les traîtres", "Mort aux mécréants", "Les traîtres à mort !", "À mort !", "à la
  // potence", "Ne laissez aucun survivant", "Une seule solution pour eux : la corde".
  void DeathTo(int i) {
    // "Feu sur les traîtres de Ménaka !", "Feu sur l'ambassade !": an order to shoot.
    if (Word(i, "feu") && Word(i + 1, "sur") && t_[i].clause_start) {
      for (int j = i + 2; j <= i + 5 && Same(i, j); ++j) {
        if (Is(j, kBenign | kMilitary)) return;
        if (Is(j, kTargetNoun | kAllOf) || t_[j].title_case) {
          Add(Code::kIncitement, 0.9, "Appel à tirer", {{i, i + 1}, {j, j}});
          return;
        }
        if (!Is(j, kDeterminer | kFunction | kClitic3)) return;
      }
      return;
    }
    // "La corde pour les traîtres", "une balle pour chacun d'eux".
    if (WordIn(i, {"corde", "balle", "potence", "machette"}) && Word(i + 1, "pour") &&
        WordIn(i - 1, {"la", "une"}) && t_[i - 1].clause_start) {
      for (int j = i + 2; j <= i + 5 && Same(i, j); ++j) {
        if (Is(j, kBenign | kMilitary)) return;
        if (Is(j, kTargetNoun | kAllOf) || t_[j].title_case || WordIn(j, {"chacun", "eux"})) {
          Add(Code::kIncitement, 0.9, "Appel à la mort", {{i - 1, i + 1}, {j, j}});
          return;
        }
      }
      return;
    }
    // "Faut faire comme au Rwanda avec ces gens-là": a call to genocide.
    if (Word(i, "rwanda") && Word(i - 1, "au") && Word(i - 2, "comme") &&
        WordIn(i - 3, {"faire", "fait", "faisons", "faites", "refaire", "fasse"}) &&
        !RangeHas(SentenceBegin(i), i, kNot | kNe | kStop)) {
      Add(Code::kIncitement, 0.9, "Appel au massacre", {{i - 3, i}});
      return;
    }
    if (WordIn(i, {"potence", "poteau", "bucher", "guillotine", "gibet"}) &&
        (Word(i - 1, "au") || (Word(i - 1, "la") && Word(i - 2, "a")))) {
      const int a = Word(i - 1, "au") ? i - 1 : i - 2;
      if (t_[a].clause_start || Is(a - 1, kPerson | kEthnic | kAllOf)) {
        Add(Code::kIncitement, 0.9, "Appel à la mort", {{a, i}});
      }
      return;
    }
    if (WordIn(i, {"survivant", "survivants"}) &&
        (Word(i - 1, "aucun") || (Word(i - 1, "de") && Word(i - 2, "pas")))) {
      for (int k = i - 4; k < i - 1; ++k) {
        if (Same(k, i) && WordIn(k, {"laissez", "laisse", "laisser", "laissons"})) {
          Add(Code::kIncitement, 0.9, "Appel au massacre", {{k, i}});
          return;
        }
      }
      return;
    }
    if (WordIn(i, {"solution", "remede"})) {
      bool someone = false;
      for (int j = i + 1; j <= i + 8 && Same(i, j); ++j) {
        if (Is(j, kMilitary)) return;
        someone = someone || Is(j, kPerson | kEthnic | kClitic3);
        if (someone && WordIn(j, {"corde", "potence", "balle", "bucher", "machette", "mort"}) &&
            !Word(j - 2, "peine")) {
          Add(Code::kIncitement, 0.85, "Appel à la mort", {{i, i}, {j, j}});
          return;
        }
      }
      return;
    }
    if (!Word(i, "mort")) return;
    // "À mort !" alone.
    if (Word(i - 1, "a") && t_[i - 1].clause_start &&
        (i + 1 >= n_ || !Same(i, i + 1) || t_[i + 1].clause_start)) {
      Add(Code::kIncitement, 0.9, "Appel à la mort", {{i - 1, i}});
      return;
    }
    auto person_after = [&](int from) {
      for (int j = from; j <= from + 3 && Same(j, i); ++j) {
        if (Is(j, kBenign) || Word(j, "rats") || Word(j, "trousses")) return false;
        // "Mort aux terroristes" wishes the armed groups dead: lawful like a call on the army.
        if (Is(j, kTargetNoun) || t_[j].title_case || Is(j, kAllOf)) return !Is(j, kMilitary);
        if (!Is(j, kDeterminer | kFunction)) return false;
      }
      return false;
    };
    // "à mort" opening a clause.
    if (Word(i - 1, "a") && t_[i - 1].clause_start && person_after(i + 1)) {
      Add(Code::kIncitement, 0.95, "Appel à la mort", {{i - 1, i}});
      return;
    }
    // "mort aux ...", "mort à la France".
    if (WordIn(i + 1, {"aux", "au", "a"}) &&
        !WordIn(i - 1, {"la", "une", "de", "d", "sa", "leur", "leurs", "ses", "son", "peine",
                        "donne", "donner", "donnent", "semer", "seme", "sement", "en", "des"}) &&
        !Is(i - 1, kAux) && person_after(i + 1)) {
      Add(Code::kIncitement, 0.95, "Appel à la mort", {{i, i + 1}});
      return;
    }
    // "Les traîtres à mort !"
    if (Word(i - 1, "a") && (i + 1 >= n_ || !Same(i, i + 1) || t_[i + 1].clause_start) &&
        (Is(i - 2, kPerson | kEthnic | kGroup) || (i >= 2 && t_[i - 2].title_case))) {
      Add(Code::kIncitement, 0.9, "Appel à la mort", {{i - 2, i}});
    }
  }

  // "Qu'ils soient tous pendus", "Que ces traîtres soient brûlés vifs".
  void WishedPassive(int i) {
    if (!WordIn(i, {"soient", "soit"})) return;
    const int b = SentenceBegin(i);
    const int c = ClauseBegin(i);
    if (!WordIn(c, {"que", "qu"}) || i - c > 6) return;
    int j = i + 1;
    while (Is(j, kAllOf)) ++j;
    const auto act = ActAt(j);
    if (!act || act->def->kind == ActKind::kPursue || !Same(i, j)) return;
    if (RangeHas(b, i, kMilitary) && !RangeHas(b, i, kCivilian | kEthnic)) return;
    AddAct(Code::kIncitement, *act, {c, i});
  }

  // "ne mérite plus de vivre libre", "… en liberté", "… parmi nous": prison, not death.
  bool FreeLife(int j) const {
    return WordIn(j, {"libre", "libres", "dehors", "parmi"}) ||
           (Word(j, "en") && WordIn(j + 1, {"liberte", "societe"}));
  }

  // "mérite une balle", "méritent de mourir", "ne méritent pas de vivre", "mérite d'être pendu".
  void Deserve(int i) {
    if (!WordIn(i, {"merite", "meritent", "meriterait", "meriteraient", "merites", "meritez"})) {
      return;
    }
    const int b = SentenceBegin(i);
    if (RangeHas(b, i, kMilitary) && !RangeHas(b, i, kCivilian | kEthnic)) return;
    const bool negated = Is(i - 1, kNe) || Is(i - 2, kNe) || Is(i + 1, kNot);
    for (int j = i + 1; j <= i + 5 && Same(i, j); ++j) {
      if (Word(j, "balle") || Word(j, "balles") || (Word(j, "mourir") && !negated) ||
          (Word(j, "mort") && Word(j - 1, "la") && !negated) ||
          (Word(j, "vivre") && negated && !FreeLife(j + 1))) {
        const bool you = Is(i - 1, kSubject2) || Is(i - 2, kSubject2);
        Add(you ? Code::kThreat : Code::kIncitement, 0.8,
            you ? "Menace de mort" : "Appel au meurtre", {{i, i}, {j, j}});
        return;
      }
      if (Word(j, "etre") && !negated) {
        if (const auto act = ActAt(j + 1); act && act->def->kind != ActKind::kPursue) {
          AddAct(Code::kIncitement, *act, {i, i});
          return;
        }
      }
    }
  }

  // --- apologia ------------------------------------------------------------------------------

  bool StrongGlory(int i) const {
    return WordIn(i, {"gloire", "bravo", "bravos", "honneur", "vive", "vivent", "felicitations",
                      "felicitation", "longue"});
  }

  void Apologia(int i) {
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
  void BrothersPraised(int i) {
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
  void AttackPraised(int i) {
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
  void JoyAtDeaths(int i) {
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
  void GroupWished(int i) {
    int g = i + 1;
    while (g <= i + 3 && Is(g, kDeterminer)) ++g;
    const int antecedent = Antecedent(i);
    const bool group =
        Is(g, kGroup) || (Word(g, "ils") && antecedent >= 0 && Is(antecedent, kGroup));
    if (!group || SentenceHas(i, kCondemn)) return;
    int v = g + 1;
    while (v <= g + 3 && IsClitic(v)) ++v;
    if (WordIn(v, {"continuent", "entrent", "avancent", "gagnent", "triomphent", "prennent",
                   "frappent", "arrivent", "reviennent", "gouvernent", "liberent", "vainquent",
                   "reussissent"})) {
      Add(Code::kApologia, 0.8, "Apologie du terrorisme", {{i, v}});
    }
  }

  // The first armed group or state force the sentence of i names before i, else the previous
  // sentence: whom "eux", "les", "leur" stand for. -1 if none.
  int Antecedent(int i) const {
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

  // A word of praise at k: "héros", "libérateurs", "mashallah", "ont eu raison", "bien joué",
  // "c'était mérité", "mon cœur est avec".
  bool Praise(int k) const {
    if (!Is(k, kPraise) || WordIn(k, {"victoire", "merci", "courage", "protege", "benisse",
                                      "recompense", "martyr", "chahid", "chouhada"})) {
      return Word(k, "coeur") && Word(k + 1, "est") && Word(k + 2, "avec");
    }
    // Words that praise only in a phrase (their plural too, which the tables add).
    if (WordIn(k, {"raison", "raisons"})) return Word(k - 1, "eu");
    if (WordIn(k, {"joue", "joues", "agi", "agis"})) return Word(k - 1, "bien");
    if (WordIn(k, {"merite", "merites"})) return WordIn(k - 1, {"etait", "bien"});
    if (WordIn(k, {"cote", "cotes"})) return Word(k - 1, "bon");  // "du bon côté de l'histoire"
    if (WordIn(k, {"forts", "meilleur"}))
      return WordIn(k - 1, {"plus", "pas"});        // "plus forts que"
    if (Word(k, "cran")) return Word(k - 1, "du");  // "ils ont du cran"
    if (WordIn(k, {"djo", "djos", "gars"})) {       // "c'est les vrais djo", "c nos gars"
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
  void GroupPraised(int g) {
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

  void Glory(int i) {
    if (WordIn(i - 1,
               {"la",  "le",    "l",     "aucune", "aucun", "pas",   "sans", "quelle", "quel",
                "de",  "d",     "sa",    "son",    "leur",  "leurs", "ma",   "mon",    "ta",
                "ton", "notre", "votre", "une",    "un",    "cette", "ce"}) &&
        !WordIn(i, {"vive", "vivent"})) {
      return;
    }
    if (Word(i, "longue") && !Word(i + 1, "vie")) return;
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
  void GodGrant(int i) {
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
    const bool pronoun = RangeHas(i + 1, wish + 1, kClitic3) || Word(wish, "nasara");
    const int subject = pronoun ? Antecedent(i) : -1;
    if (subject >= 0 && Is(subject, kGroup) && !(all_ & kCondemn)) {
      Add(Code::kApologia, 0.85, "Apologie du terrorisme", {{subject, subject}, {i, wish}});
    }
  }

  // An attack told with approval, its authors the armed group: "ils ont bien fait de frapper
  // l'école de gendarmerie", "les frères ont bien nettoyé", "le convoi de l'armée, ils l'ont bien
  // cramé", "les gens de l'EIGS ont frappé Tassia comme il faut". Not when the army strikes
  // terrorists ("l'armée les a bien frappés", "ils ont bien nettoyé la zone des jihadistes").
  void DeedApproved(int i) {
    const auto deed = [&](int k) {
      return WordIn(k, {"nettoye", "crame", "frappe", "tape", "brule", "nettoyes", "frappes",
                        "tapes", "cramee", "rase", "pris", "attaque"});
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
  void Affiliation(int i) {
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
  void ApprovedDeaths(int i) {
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
      if (Is(k, kSoldier | kCivilian) || (Is(k, kAttack) && k < i)) {
        Add(Code::kApologia, 0.85, "Approbation de tueries",
            k < i ? std::vector<std::pair<int, int>>{{k, k}, {i, end}}
                  : std::vector<std::pair<int, int>>{{i, end}, {k, k}});
        return;
      }
    }
  }

  // --- threats -------------------------------------------------------------------------------

  void Threat(int i) {
    DeathPromise(i);
    KnowsWhere(i);
    Funeral(i);
    NeverSee(i);
    DaysCounted(i);
    FamilyWarning(i);
    FoundDead(i);
    Formulas(i);
  }

  // Threats said in set phrases, without a violent verb.
  void Formulas(int i) {
    auto add = [&](int from, int to, double score, const char* label) {
      Add(Code::kThreat, score, label, {{from, to}});
    };
    // "on te connaît", "on te voit", "nous te surveillons": a group that watches the reader.
    if (WordIn(i, {"on", "nous"}) && WordIn(i + 1, {"te", "t", "vous"}) &&
        WordIn(i + 2, {"connait", "connaissons", "voit", "voyons", "surveille", "surveillons",
                       "suit", "suivons", "observe", "observons"}) &&
        !WordIn(i - 1, {"ne", "n"}) && !Is(i + 3, kNot) && !(all_ & kSports)) {
      return add(i, i + 2, 0.7, "Menace : surveillance");
    }
    // "tu vas le regretter", "ta famille le regrettera".
    // Matched from "le": the verb itself carries no feature, so no rule starts from it.
    if (WordIn(i + 1, {"regretteras", "regretterez", "regretter", "regrettera", "regretteront"}) &&
        WordIn(i, {"le", "l"})) {
      for (int k = i - 1; k >= i - 3 && Same(k, i); --k) {
        if (Is(k, kSubject2) || (Is(k, kPrivate) && Is(k - 1, kPoss2))) {
          return add(Is(k, kPrivate) ? k - 1 : k, i + 1, 0.7, "Menace");
        }
        if (!WordIn(k, {"vas", "allez", "va", "vont"}) && !Is(k, kPrivate)) break;
      }
    }
    // "tu ne perds rien pour attendre"
    if (WordIn(i, {"perds", "perdez", "perd"}) && Word(i + 1, "rien") && Word(i + 2, "pour") &&
        Word(i + 3, "attendre")) {
      return add(i, i + 3, 0.8, "Menace");
    }
    // "surveille tes arrières"
    if (WordIn(i, {"surveille", "surveillez", "surveilles"}) && Is(i + 1, kPoss2) &&
        Word(i + 2, "arrieres")) {
      return add(i, i + 2, 0.8, "Menace");
    }
    // "ton heure viendra", "ta dernière heure", "tes derniers jours"
    if (Is(i, kPoss2)) {
      if (WordIn(i + 1, {"heure", "jour", "tour"}) && Word(i + 2, "va") &&
          WordIn(i + 3, {"sonner", "arriver", "venir"})) {
        return add(i, i + 3, 0.8, "Menace de mort");  // "ton heure va sonner"
      }
      if (WordIn(i + 1, {"heure", "jour", "tour"}) &&
          (WordIn(i + 2, {"viendra", "approche", "arrive", "sonnera", "sonne"}) ||
           (WordIn(i + 2, {"est", "a"}) && WordIn(i + 3, {"venue", "arrivee", "proche", "sonne"}) &&
            !WordIn(i + 4, {"de", "d", "pour"})))) {
        return add(i, WordIn(i + 2, {"est", "a"}) ? i + 3 : i + 2, 0.8, "Menace de mort");
      }
      if (WordIn(i + 1, {"derniere", "derniers", "dernieres"}) &&
          WordIn(i + 2, {"heure", "heures", "jours", "prieres", "priere"})) {
        return add(i, i + 2, 0.8, "Menace de mort");
      }
      if (Word(i + 1, "tete") && (Word(i + 4, "prix") || Word(i + 5, "prix"))) {
        return add(i, i + 5, 0.8, "Menace de mort");  // "ta tête est mise à prix"
      }
    }
    // "mets ton testament à jour", "prépare ton testament"
    if (Is(i, kPoss2) && Word(i + 1, "testament") &&
        WordIn(i - 1, {"mets", "mettez", "fais", "faites", "prepare", "preparez", "ecris",
                       "ecrivez", "redige", "redigez"})) {
      return add(i - 1, i + 1, 0.8, "Menace de mort");
    }
    // "ton nom est sur la liste", "vos noms sont sur notre liste"
    if (Is(i, kPoss2) && WordIn(i + 1, {"nom", "noms"}) &&
        WordIn(i + 2, {"est", "sont", "figure", "figurent"}) && Word(i + 3, "sur") &&
        Word(i + 5, "liste") && !Word(i + 6, "electorale") && !Word(i + 6, "des") &&
        !Word(i + 6, "d")) {
      return add(i, i + 5, 0.75, "Menace");
    }
    // "tu es sur la liste", "tu seras le prochain"
    if (Is(i, kSubject2) && WordIn(i + 1, {"es", "e", "etes", "seras", "serez"})) {
      if (Word(i + 2, "sur") && Word(i + 4, "liste")) return add(i, i + 4, 0.75, "Menace");
      if (WordIn(i + 2, {"le", "la", "les"}) &&
          WordIn(i + 3, {"prochain", "prochaine", "prochains"}) &&
          (i + 4 >= n_ || !Same(i, i + 4) || t_[i + 4].clause_start)) {
        return add(i, i + 3, 0.75, "Menace");
      }
    }
    // "on te surveille", "on t'a vu hier à Kaya", "on t'aura", "on aura ta peau"
    if (Is(i, kSubject1) && !Word(i, "nous")) {
      int j = i + 1;
      if (Is(j, kClitic2) || Word(j, "vous")) {
        ++j;
        if (WordIn(j, {"a", "avons"})) ++j;
        if (WordIn(j, {"surveille", "surveillons", "observe", "observons", "suit", "suivons",
                       "repere", "reperes", "piste", "aura", "aurai", "aurons", "trouvera",
                       "trouverons", "aurez"})) {
          return add(i, j, 0.8, "Menace");
        }
      }
      if (WordIn(j, {"aura", "aurai", "aurons"}) && Is(j + 1, kPoss2) &&
          WordIn(j + 2, {"peau", "tete"})) {
        return add(i, j + 2, 0.85, "Menace de mort");
      }
    }
    // "je sais qui tu es"
    if (Is(i, kKnow) && Is(i - 1, kSubject1) && Word(i + 1, "qui") && Is(i + 2, kSubject2) &&
        WordIn(i + 3, {"es", "etes"})) {
      return add(i - 1, i + 3, 0.7, "Menace : identité connue");
    }
    // "ce qui va t'arriver", "il va t'arriver malheur"
    if (Word(i, "arriver") && (Is(i - 1, kClitic2) || Word(i - 1, "vous")) &&
        (WordIn(i - 2, {"va", "vas"}) || Word(i + 1, "malheur"))) {
      return add(i - 1, i, 0.75, "Menace");
    }
    // "tu finiras dans un sac", "tu vas regretter d'être né"
    if (Is(i, kSubject2)) {
      const int f = WordIn(i + 1, {"vas", "allez"}) ? i + 2 : i + 1;
      if (WordIn(f, {"finir", "finiras", "finirez"})) {
        for (int j = f + 1; j <= f + 4 && Same(i, j); ++j) {
          if (WordIn(j, {"sac", "cimetiere", "morgue", "tombe", "caniveau", "fosse", "cercueil",
                         "linceul", "poubelle"})) {
            return add(i, j, 0.8, "Menace de mort");
          }
        }
      }
      if (Word(f, "regretter") && Word(f + 1, "d") && Word(f + 2, "etre") &&
          WordIn(f + 3, {"ne", "nee", "venu", "venue"})) {
        return add(i, f + 3, 0.8, "Menace");
      }
    }
    // "attends-toi à une visite"
    if (WordIn(i, {"attends", "attendez"}) && WordIn(i + 1, {"toi", "vous"}) && Word(i + 2, "a") &&
        WordIn(i + 4, {"visite", "surprise", "surprises", "visites"})) {
      return add(i, i + 4, 0.75, "Menace");
    }
    // "(ce serait dommage) qu'il lui arrive quelque chose"
    if (WordIn(i, {"arrive", "arriver", "arrivera", "arrivent"}) &&
        (Is(i - 1, kClitic2) || WordIn(i - 1, {"lui", "leur", "vous"})) &&
        (Word(i + 1, "malheur") || (Word(i + 1, "quelque") && Word(i + 2, "chose"))) &&
        ((all_ & (kPoss2 | kPrivate | kWriting)) != 0)) {
      return add(i - 1, Word(i + 1, "malheur") ? i + 1 : i + 2, 0.75, "Menace");
    }
    // "dors avec un œil ouvert"
    if (WordIn(i, {"dors", "dormez"}) && Word(i + 2, "oeil") && Word(i + 3, "ouvert")) {
      return add(i, i + 3, 0.75, "Menace");
    }
    // "ta famille ne sera pas épargnée"
    if (WordIn(i, {"epargne", "epargnee", "epargnes", "epargnees"}) && Is(i - 1, kNot) &&
        RangeHas(SentenceBegin(i), i, kPoss2)) {
      return add(i - 3 >= 0 ? i - 3 : 0, i, 0.8, "Menace visant ses proches");
    }
    // "ta tête va rouler", "ton sang coulera", "ta femme sera veuve", "ton compte est bon"
    if (Is(i, kPoss2)) {
      const int j = i + 1;
      if (WordIn(j, {"tete", "sang", "corps", "cadavre"}) &&
          (WordIn(j + 1, {"coulera", "roulera", "tombera", "sautera"}) ||
           (WordIn(j + 1, {"va", "vont"}) &&
            WordIn(j + 2, {"couler", "rouler", "tomber", "sauter", "exploser"})))) {
        return add(i, WordIn(j + 1, {"va", "vont"}) ? j + 2 : j + 1, 0.85, "Menace de mort");
      }
      if (Is(j, kPrivate) && WordIn(j + 1, {"sera", "seront"}) &&
          WordIn(j + 2, {"veuve", "veuves", "orphelin", "orphelins", "orpheline"})) {
        return add(i, j + 2, 0.85, "Menace de mort");
      }
      if (Word(j, "compte") && Word(j + 1, "est") && Word(j + 2, "bon")) {
        return add(i, j + 2, 0.75, "Menace");
      }
    }
    // "tu vas te taire pour toujours"
    if (WordIn(i, {"taire", "tais", "tairas"}) && Word(i + 1, "pour") &&
        (WordIn(i + 2, {"toujours", "l", "bon"}) || Word(i + 3, "bon"))) {
      return add(i, i + 2, 0.75, "Menace de mort");
    }
    // "méfie-toi", "attention à toi" to someone who writes
    if ((WordIn(i, {"mefie", "mefiez"}) && WordIn(i + 1, {"toi", "vous"}) && (all_ & kWriting)) ||
        (Word(i, "attention") && t_[i].clause_start && Word(i + 1, "a") &&
         WordIn(i + 2, {"toi", "vous"}) && (all_ & kWriting))) {
      return add(i, WordIn(i, {"mefie", "mefiez"}) ? i + 1 : i + 2, 0.6, "Menace");
    }
    // "fais gaffe à toi" to someone who writes
    if (WordIn(i, {"gaffe", "attention"}) && WordIn(i - 1, {"fais", "faites", "fait"}) &&
        Word(i + 1, "a") && WordIn(i + 2, {"toi", "vous"}) && (all_ & kWriting)) {
      return add(i - 1, i + 2, 0.6, "Menace");
    }
  }

  // "tu vas mourir", "tu vas le regretter", "tu vas le payer cher", "t'es mort", "il est mort"
  // after "la prochaine fois que".
  void DeathPromise(int i) {
    if (Is(i, kSubject2) || WordIn(i, {"il", "elle"})) {
      const bool second = Is(i, kSubject2);
      int j = i + 1;
      if (second && WordIn(j, {"vas", "allez", "va"})) {
        ++j;
        const bool pronoun = WordIn(j, {"le", "l"});
        if (pronoun) ++j;
        // "Si tu continues à fumer, tu vas mourir jeune" is advice: a condition counts only
        // about what the person writes.
        const bool advice = (RangeHas(SentenceBegin(i), i, kCondition) && !(all_ & kWriting)) ||
                            WordIn(j + 1, {"de", "d", "jeune", "vieux", "pauvre"});
        const bool regret_writing = Word(j, "regretter") &&
                                    WordIn(j + 1, {"d", "ce", "tes", "ton", "vos", "votre"}) &&
                                    RangeHas(j + 1, std::min(j + 6, SentenceEnd(j) + 1), kWriting);
        if ((!advice && WordIn(j, {"mourir", "crever", "disparaitre", "souffrir"})) ||
            (WordIn(j, {"payer", "regretter"}) &&
             (pronoun || WordIn(j + 1, {"cher", "tres", "amerement"}) || regret_writing))) {
          Add(Code::kThreat, 0.85, "Menace", {{i, j}});
          return;
        }
        return;
      }
      if (second &&
          (WordIn(j, {"mourras", "mourrez", "creveras", "creverez", "regretteras", "regretterez",
                      "paieras", "paierez", "payeras", "payerez"}) ||
           (WordIn(j, {"le", "l"}) && WordIn(j + 1, {"regretteras", "regretterez", "paieras",
                                                     "paierez", "payeras", "payerez"})))) {
        Add(Code::kThreat, 0.85, "Menace", {{i, Word(j, "le") || Word(j, "l") ? j + 1 : j}});
        return;
      }
      if (WordIn(j, {"es", "e", "etes", "est"})) {
        int k = j + 1;
        if (WordIn(k, {"deja", "bientot"})) ++k;
        if (WordIn(k, {"un", "des"}) && WordIn(k + 1, {"homme", "hommes", "femme"})) k += 2;
        if (!WordIn(k, {"mort", "morts", "morte"}) || WordIn(k + 1, {"de", "d"})) return;
        if (!second && !RangeHas(SentenceBegin(i), i, kCondition)) return;
        if (second && !Word(i, "t") && !Word(i, "tu") && !Word(i, "vous")) return;
        Add(Code::kThreat, 0.85, "Menace de mort", {{i, k}});
      }
    }
  }

  // "on sait où tu habites", "ta voiture grise, on la connaît", "on connaît vos adresses".
  void KnowsWhere(int i) {
    const bool know = Is(i, kKnow);
    const bool have = WordIn(i, {"a", "ai", "avons"}) && Is(i + 1, kPoss2) &&
                      (WordIn(i + 2, {"adresse", "numero", "plaque", "adresses"}) ||
                       // "nous avons vos noms" to those who wrote or published
                       (Word(i + 2, "noms") && (all_ & kWriting) != 0));
    if (!know && !have) return;
    int k = i - 1;
    while (k >= 0 && Same(k, i) && k >= i - 3 && !Is(k, kSubject1 | kSubject2) && IsClitic(k)) --k;
    if (!Is(k, kSubject1) || !Same(k, i)) return;
    if (Negated(k + 1, i)) return;
    if (have) {
      Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus", {{k, i + 2}});
      return;
    }
    // "où tu habites", "où se trouve ta famille", "où il habite".
    if (Word(i + 1, "ou")) {
      int j = i + 2;
      const bool who = Is(j, kSubject2) || WordIn(j, {"il", "elle", "ils", "se", "te", "t"});
      if (who) {
        ++j;
        if (WordIn(j, {"te", "se", "t", "s"})) ++j;
        if (Is(j, kDwell)) {
          Add(Code::kThreat, 0.85, "Menace : domicile ou proches connus", {{k, j}});
          return;
        }
      }
    }
    // "on connaît son adresse": someone's address, whoever.
    for (int j = i + 1; j <= i + 3 && Same(i, j); ++j) {
      if (WordIn(j, {"son", "sa", "ses", "leur", "leurs"}) &&
          WordIn(j + 1, {"adresse", "adresses", "domicile", "plaque", "numero"})) {
        Add(Code::kThreat, 0.75, "Menace : domicile ou proches connus", {{k, i}, {j, j + 1}});
        return;
      }
    }
    // "on connaît ta maison" (a group that watches); "je connais ton quartier" is a reply, "je
    // connais ton adresse" is not.
    if (!WordIn(k, {"on", "nous"})) {
      for (int j = i + 1; j <= i + 3 && Same(i, j); ++j) {
        if (Is(j, kPoss2) && Is(j + 1, kPrivate) &&
            !WordIn(j + 1, {"quartier", "village", "rue", "ville", "pays", "region"})) {
          Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus", {{k, i}, {j, j + 1}});
          return;
        }
      }
      return;
    }
    const int b = SentenceBegin(i);
    const int e = SentenceEnd(i);
    for (int j = std::max(b, i - 6); j <= std::min(e, i + 5); ++j) {
      if (Is(j, kPoss2) && Is(j + 1, kPrivate)) {
        Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus",
            j < k ? std::vector<std::pair<int, int>>{{j, j + 1}, {k, i}}
                  : std::vector<std::pair<int, int>>{{k, i}, {j, j + 1}});
        return;
      }
    }
  }

  // "prépare ton linceul", "tes funérailles", "ton cercueil est prêt".
  void Funeral(int i) {
    if (!Is(i, kPoss2)) return;
    int j = i + 1;
    if (!Is(j, kFuneral)) return;
    if (all_ & kCondolence) return;
    int k = i - 1;
    const bool prepare = WordIn(
        k, {"prepare", "preparez", "achete", "achetez", "commande", "commandez", "creuse",
            "creusez", "reserve", "reservez", "choisis", "choisissez", "prepares", "organise"});
    Add(Code::kThreat, prepare ? 0.85 : 0.7, "Menace : allusion à ses funérailles",
        {{prepare ? k : i, j}});
  }

  // "tu ne verras pas la fin du mois".
  void NeverSee(int i) {
    // Spoken French drops "ne": "tu verras pas Noël".
    const int o = WordIn(i + 1, {"ne", "n"}) ? 1 : 0;
    if (o == 0 && !Is(i, kSubject2)) return;
    const bool you = Is(i, kSubject2);
    const bool writer = (Is(i, kPerson) || WordIn(i, {"il", "elle"})) && (all_ & kWriting);
    if (!you && !writer) return;
    if (!WordIn(i + 1 + o, {"verras",     "verrez",     "passeras",   "passerez",   "finiras",
                            "finirez",    "feteras",    "feterez",    "vivras",     "vivrez",
                            "atteindras", "atteindrez", "termineras", "terminerez", "depasseras",
                            "verra",      "passera",    "vivra",      "fetera",     "atteindra"})) {
      return;
    }
    if (!WordIn(i + 2 + o, {"pas", "plus", "jamais"})) return;
    if (!SentenceHas(i, kTime) || SentenceHas(i, kEconomy)) return;
    int end = i + 2 + o;
    for (int j = i + 3 + o; j <= i + 6 + o && Same(i, j); ++j) {
      if (Is(j, kTime)) end = j;
    }
    Add(Code::kThreat, 0.85, "Menace de mort", {{i, end}});
  }

  // "tes jours sont comptés", "compte tes jours".
  void DaysCounted(int i) {
    if (Is(i, kPoss2) && Word(i + 1, "jours") && Word(i + 2, "sont") &&
        WordIn(i + 3, {"comptes", "compte"})) {
      Add(Code::kThreat, 0.85, "Menace de mort", {{i, i + 3}});
    } else if (WordIn(i, {"compte", "comptez"}) && Is(i + 1, kPoss2) && Word(i + 2, "jours")) {
      Add(Code::kThreat, 0.8, "Menace de mort", {{i, i + 2}});
    } else if (Word(i, "gare") && Word(i + 1, "a") && WordIn(i + 2, {"toi", "vous"})) {
      Add(Code::kThreat, 0.65, "Menace", {{i, i + 2}});
    }
  }

  // "pense à ta famille" (to someone who writes), "ta femme et tes enfants vont pleurer".
  void FamilyWarning(int i) {
    if (WordIn(i, {"pense", "pensez", "songe", "songez"}) && Word(i + 1, "a") &&
        Is(i + 2, kPoss2) && Is(i + 3, kPrivate) && (all_ & kWriting)) {
      Add(Code::kThreat, 0.7, "Menace visant ses proches", {{i, i + 3}});
      return;
    }
    if (Is(i, kPoss2) && Is(i + 1, kPrivate)) {
      for (int j = i + 2; j <= i + 6 && Same(i, j); ++j) {
        if (!WordIn(j, {"vont", "va"})) continue;
        // "ta femme va bientôt porter le deuil", "tes enfants vont pleurer".
        const int v =
            WordIn(j + 1, {"bientot", "tous", "toutes", "encore", "vite"}) ? j + 2 : j + 1;
        // Not "ta mère va pleurer de joie".
        const bool joy = Word(v + 1, "de") && WordIn(v + 2, {"joie", "bonheur", "fierte", "rire"});
        if (!joy &&
            WordIn(v, {"pleurer", "souffrir", "payer", "mourir", "disparaitre", "porter", "se"}) &&
            (!WordIn(v, {"porter", "se"}) || RangeHas(v, v + 5, kFuneral) ||
             WordIn(v + 1, {"rouler"}))) {
          Add(Code::kThreat, 0.8, "Menace visant ses proches", {{i, i + 1}, {j, v}});
          return;
        }
        if (ActAt(v) && ActAt(v)->def->kind != ActKind::kPursue) {
          Add(Code::kThreat, 0.8, "Menace visant ses proches", {{i, i + 1}, {j, v}});
          return;
        }
      }
    }
  }

  // "ce journaliste sera retrouvé mort", "il finira avec une machette dans le dos",
  // "on l'attend à la sortie".
  void FoundDead(int i) {
    if (WordIn(i, {"sera", "seras", "serez", "seront"}) &&
        WordIn(i + 1, {"retrouve", "retrouvee", "retrouves", "retrouvees"}) &&
        WordIn(i + 2, {"mort", "morte", "morts", "mortes"})) {
      Add(Code::kThreat, 0.85, "Menace de mort", {{i, i + 2}});
      return;
    }
    if (WordIn(i, {"finira", "finiras", "finirez", "finiront", "finirai"})) {
      for (int j = i + 1; j <= i + 5 && Same(i, j); ++j) {
        if (WordIn(j, {"mort", "machette", "machettes", "balle", "balles", "caniveau", "cimetiere",
                       "tombe", "linceul", "cercueil", "couteau", "morgue"})) {
          Add(Code::kThreat, 0.8, "Menace de mort", {{i, i}, {j, j}});
          return;
        }
      }
    }
    if (WordIn(i, {"attend", "attendons", "attendrons"}) && Is(i - 2, kSubject1) &&
        WordIn(i - 1, {"l", "le", "la", "les", "t", "te", "vous"}) &&
        ((all_ & kWriting) || SentenceHas(i, kWeapon))) {
      for (int j = i + 1; j <= i + 4 && Same(i, j); ++j) {
        if (Word(j, "sortie")) {
          Add(Code::kThreat, 0.8, "Menace", {{i - 2, i}, {j, j}});
          return;
        }
      }
    }
  }

  const std::vector<Token>& t_;
  const Tables& tables_;
  const int n_;
  std::uint64_t all_ = 0;  // features of the whole comment
  std::vector<Match> matches_;
};

}  // namespace
}  // namespace violence

namespace {

using violence::Code;
using violence::Match;
using violence::Matcher;
using violence::Quote;
using violence::QuotedToAnswer;
using violence::Token;
using violence::Tokenize;

}  // namespace

ViolenceCheck::ViolenceCheck(const ViolenceConfig& config)
    : config_(config), tables_(violence::BuildTables(config)) {}

ViolenceCheck::~ViolenceCheck() = default;

Verdict ViolenceCheck::Run(const Comment& /*comment*/, const Context& context) const noexcept {
  Verdict v;
  try {
    const NormalizedText& text = *context.text;
    const std::vector<Token> tokens = Tokenize(text, *tables_);
    if (tokens.empty()) return v;
    std::vector<Match> matches = Matcher(tokens, *tables_).Run();
    matches.erase(std::remove_if(matches.begin(), matches.end(),
                                 [&](const Match& m) {
                                   return QuotedToAnswer(tokens, text.original,
                                                         m.ranges.front().first);
                                 }),
                  matches.end());
    if (matches.empty()) return v;
    double best = 0.0;
    for (const Code code : {Code::kIncitement, Code::kApologia, Code::kThreat}) {
      const Match* first = nullptr;
      double score = 0.0;
      std::vector<Span> spans;
      for (const Match& m : matches) {
        if (m.code != code) continue;
        if (first == nullptr) first = &m;
        score = std::max(score, m.score);
        for (const auto& range : m.ranges) {
          const Span s{tokens[static_cast<std::size_t>(range.first)].span.begin,
                       tokens[static_cast<std::size_t>(range.second)].span.end};
          const bool seen = std::any_of(spans.begin(), spans.end(), [&](const Span& o) {
            return o.begin == s.begin && o.end == s.end;
          });
          if (!seen) spans.push_back(s);
        }
      }
      if (first == nullptr) continue;
      const Action action = code == Code::kIncitement ? config_.incitement_action
                            : code == Code::kApologia ? config_.apologia_action
                                                      : config_.threat_action;
      best = std::max(best, score);
      if (action == Action::kPass) continue;  // the site turned this code off
      std::string quote;
      for (std::size_t r = 0; r < first->ranges.size(); ++r) {
        if (r > 0) quote += " … ";
        quote += Quote(tokens, text.original, first->ranges[r]);
      }
      // In text order; spans of several matches that overlap become one.
      std::sort(spans.begin(), spans.end(),
                [](const Span& a, const Span& b) { return a.begin < b.begin; });
      std::vector<Span> merged;
      for (const Span& s : spans) {
        if (!merged.empty() && s.begin < merged.back().end) {
          merged.back().end = std::max(merged.back().end, s.end);
        } else {
          merged.push_back(s);
        }
      }
      spans = std::move(merged);
      const std::string_view name = code == Code::kIncitement ? "incitement"
                                    : code == Code::kApologia ? "terrorism_apologia"
                                                              : "threat";
      v.Add(Reason{std::string(Name()), std::string(name), first->label + " (« " + quote + " »)",
                   score, action, std::move(spans)});
    }
    v.scores["violence"] = best;
  } catch (...) {  // allocation failure: the pipeline flags the comment
    Verdict failed;
    failed.failed = true;
    return failed;
  }
  return v;
}

}  // namespace palabre::moderation
