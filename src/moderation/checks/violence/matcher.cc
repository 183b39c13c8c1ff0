// The violence check's matcher: Run (every rule from every token) and the helpers the rule
// families share: matches kept and merged, acts and their tails, targets of an act.
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

std::vector<Match> Matcher::Run() {
  for (int i = 0; i < n_; ++i) {
    DeedApproved(i);
    ArmedOrder(i);                                 // "chassez …" is no act by itself
    if (t_[i].f == 0 && t_[i].head < 0) continue;  // no rule starts from this word
    Incitement(i);
    Apologia(i);
    Threat(i);
  }
  return std::move(matches_);
}

// A future form of the act's verb: the infinitive (without the final e of -re) + an ending
// ("tuerez", "pendrons", "brûlera"), not an imperative that looks like one ("tirez").
bool Matcher::Future(int i) const {
  if (t_[i].head < 0) return false;
  std::string stem = Squeeze(tables_.heads[static_cast<std::size_t>(t_[i].head)].lemma);
  if (EndsWith(stem, "re")) stem.pop_back();
  const std::string_view w = t_[i].word;
  if (w.size() <= stem.size() || w.substr(0, stem.size()) != stem) return false;
  return OneOf(w.substr(stem.size()), {"ai", "as", "a", "ons", "ez", "ont", "ait", "aient"});
}

// Keeps a match; ranges that touch become one ("il faut" + "tuer": "il faut tuer").
void Matcher::Add(Code code, double score, std::string label,
                  std::vector<std::pair<int, int>> ranges) {
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
std::optional<Act> Matcher::ActAt(int i) const {
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
bool Matcher::AntecedentMilitary(int act) const {
  const int b = SentenceBegin(act);
  return RangeHas(b, act, kMilitary) && !RangeHas(b, act, kCivilian | kEthnic);
}

Target Matcher::FindTarget(const Act& a) const {
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
          (tok.f & (kPerson | kCivilian | kEthnic | kGroup | kSoldier | kState | kMilitary)) != 0 ||
          WordIn(j, {"ceux", "celui", "celle", "celles", "quiconque"});
      target.place = (tok.f & kPlace) != 0;
      target.proper = tok.title_case;
      target.civilian = (tok.f & (kCivilian | kEthnic)) != 0 ||
                        WordIn(j, {"village", "villages", "hameau", "hameaux", "maison", "maisons",
                                   "case", "cases", "campement", "campements"});
      // Terrorists are a military target unless civilians or a people come with them.
      // A nationality that qualifies an army ("armée béninoise", "soldats maliens") is not a
      // people among the targets.
      const int qualifier_end = std::min(SentenceEnd(j) + 1, j + 4);
      bool people = false;
      for (int k = j; k < std::min(SentenceEnd(j) + 1, j + 10); ++k) {
        people = people || (Is(k, kCivilian | kEthnic) && !(Is(k, kEthnic) && Is(k - 1, kState)));
      }
      target.military = RangeHas(j, qualifier_end, kMilitary) && !people;
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

bool Matcher::Accepts(ActKind kind, const Target& t) {
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

}  // namespace palabre::moderation::violence
