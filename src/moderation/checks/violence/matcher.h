// The violence check's matcher: the rules run over the tokens of one comment (one Matcher per
// comment), each match a code, a score, a label and the token ranges it quotes. The class and its
// small word-window helpers are here; its members are defined by family: matcher.cc (Run, acts
// and their targets), incitement.cc, apologia.cc, threats.cc.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moderation/checks/violence/tables.h"
#include "moderation/checks/violence/tokens.h"

namespace palabre::moderation::violence {

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

  std::vector<Match> Run();

 private:
  // --- helpers (the longer ones in matcher.cc) ------------------------------------------------
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
  // An act said of a match: a sports-prone act with sports words in its sentence, or "tuer" or
  // "massacrer" in a comment about football ("on va les tuer samedi 😂 au foot hein"), unless
  // its sentence names a people ("après le match il faut tuer les Ivoiriens").
  bool SportsTalk(const Act& act, int at) const {
    if (act.def->sports_prone && SentenceHas(at, kSports)) return true;
    const std::string_view head = act.def->head;  // as written: OneOf would squeeze "ss"
    return (head == "tuer" || head == "massacrer" || head == "ecraser" || head == "egorger") &&
           Football() && !SentenceHas(at, kEthnic);
  }
  // Words that only football gives a comment ("terrain", "tour" or "combat" are not enough).
  bool Football() const {
    for (int k = 0; k < n_; ++k) {
      if (WordIn(k,
                 {"match", "stade", "foot", "fotbal", "championat", "suporters", "suporter",
                  "suporte", "suportes", "penalty", "gardien", "navetane", "navetanes", "fc",
                  "derby", "lutteur", "lutteurs", "round"})) {  // squeezed: "fotbal" is "football"
        return true;
      }
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

  bool Future(int i) const;
  static bool Infinitive(std::string_view w) {
    return w.empty() || EndsWith(w, "er") || EndsWith(w, "ir") || EndsWith(w, "re");
  }
  void Add(Code code, double score, std::string label, std::vector<std::pair<int, int>> ranges);
  std::optional<Act> ActAt(int i) const;
  bool AntecedentMilitary(int act) const;
  Target FindTarget(const Act& a) const;
  static bool Accepts(ActKind kind, const Target& t);

  // --- incitement (incitement.cc) ------------------------------------------------------------
  enum class Cue : std::uint8_t { kCall, kQuOn, kIntend, kConditional, kImperative };
  std::optional<std::pair<int, Cue>> CueAt(int i) const;
  bool Negated(int begin, int end) const;
  bool Reported(int begin) const;
  bool StateActs(int cue_begin, int act) const;
  bool AddressedToState(int i) const;
  bool Vigilante(int i) const;
  std::optional<Act> ActAfter(int cue_end, Cue kind) const;
  void Incitement(int i);
  void AddAct(Code code, const Act& act, std::pair<int, int> cue);
  bool SubjectBefore(int i) const;
  void Imperative(int i, const Act& act);
  void MotionImperative(int i);
  void DeathTo(int i);
  void WishedPassive(int i);
  void PassiveDoom(int i);
  bool Weapon(int k) const;
  void ArmedOrder(int i);
  bool FreeLife(int j) const;
  void Deserve(int i);

  // --- apologia (apologia.cc) ------------------------------------------------------------------
  bool StrongGlory(int i) const;
  bool ReadersWords(int i);
  void Apologia(int i);
  void BrothersPraised(int i);
  void AttackPraised(int i);
  void JoyAtDeaths(int i);
  void GroupWished(int i);
  int Antecedent(int i) const;
  bool LivesVerb(int i) const;
  bool Praise(int k) const;
  void GroupPraised(int g);
  void Glory(int i);
  void GodGrant(int i);
  void DeedApproved(int i);
  void Affiliation(int i);
  void ApprovedDeaths(int i);

  // --- threats (threats.cc) --------------------------------------------------------------------
  void Threat(int i);
  void Formulas(int i);
  void DeathPromise(int i);
  void KnowsWhere(int i);
  void Funeral(int i);
  void NotAlive(int i);
  void NeverSee(int i);
  void DaysCounted(int i);
  void FamilyWarning(int i);
  void FoundDead(int i);
  bool Warning(int k) const;
  void Routine(int i);

  const std::vector<Token>& t_;
  const Tables& tables_;
  const int n_;
  std::uint64_t all_ = 0;  // features of the whole comment
  std::vector<Match> matches_;
  int readers_scan_ = 0;       // ReadersWords: the next token to look at
  int readers_sentence_ = -1;  // ReadersWords: the last sentence with a reader's words
  int whoever_said_ = -1;      // ReadersWords: "celui qui dit" (its verb), -1 if none yet
};

}  // namespace palabre::moderation::violence
