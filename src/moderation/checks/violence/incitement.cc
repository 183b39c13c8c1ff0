// The violence check's incitement rules (code `incitement`): calls to act followed by a violent
// act with a target, imperatives, "mort aux", wished passives, "ils méritent"... and what lets a
// call through (negation, a report, the state acting).
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

// A call starting at token i: its last token and kind.
std::optional<std::pair<int, Matcher::Cue>> Matcher::CueAt(int i) const {
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
  // "à nous de faire sauter la gendarmerie", "c'est à nous de les chasser".
  if (Word(i, "nous") && Word(i - 1, "a") && WordIn(i + 1, {"de", "d"})) {
    return std::pair{i + 1, Cue::kCall};
  }
  // "qui est chaud pour aller casser du …" (not "chaud pour le match").
  if (WordIn(i, {"chaud", "chauds", "partant", "partants"}) && Word(i + 1, "pour") &&
      WordIn(i - 1, {"est", "sont", "e"}) && WordIn(i - 2, {"qui", "ki"})) {
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
  // "Que les villageois le brûlent sur place": a wish that opens the sentence, people (not the
  // state's forces) as the subject, then the act.
  if (WordIn(i, {"que", "qu"}) && i == SentenceBegin(i) && WordIn(i + 1, {"les", "ces", "nos"}) &&
      Is(i + 2, kPerson | kCivilian) && !Is(i + 2, kState | kMilitary | kSoldier | kGroup)) {
    return std::pair{i + 2, Cue::kQuOn};
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
bool Matcher::Negated(int begin, int end) const {
  for (int k = begin - 2; k < begin; ++k) {
    if (Same(k, begin) && Is(k, kNe)) return true;
  }
  int j = end + 1;
  while (j < n_ && IsClitic(j)) ++j;
  return Same(j, end) && Is(j, kNot);
}

// Someone else's words: "ils disent qu'il faut...", "quand je lis dans ces commentaires
// qu'il faut « raser »", "en disant qu'il faut…". "Je dis qu'il faut" is the writer's own call;
// what the writer reads or hears is not. Nor is a wish put to the reader: "Tu veux qu'on brûle
// l'ambassade ? Et après ?".
bool Matcher::Reported(int begin) const {
  for (int k = begin - 3; k <= begin; ++k) {  // the cue may begin at "qu'on"
    if (Same(k, begin) && WordIn(k, {"que", "qu"}) && WordIn(k - 1, {"veux", "voulez"}) &&
        WordIn(k - 2, {"tu", "vous"}) && Same(k - 2, begin)) {
      return true;
    }
  }
  for (int k = begin - 7; k < begin; ++k) {
    if (!Same(k, begin) || !Is(k, kSpeech)) continue;
    if (k < begin - 4 && !RangeHasWord(k + 1, begin, {"que", "qu"})) continue;
    // "écris encore et on te découpe": what the reader does, then the threat; not their words.
    if (RangeHasWord(k + 1, begin, {"et"}) && !RangeHasWord(k + 1, begin, {"que", "qu"})) continue;
    const bool heard = WordIn(k, {"lis", "lit", "lu", "entends", "entend", "entendu"});
    if (heard || !WordIn(k - 1, {"je", "j", "moi"})) return true;
  }
  return false;
}

bool Matcher::StateActs(int cue_begin, int act) const {
  return RangeHas(ClauseBegin(cue_begin), act, kState);
}

// An order given to the state's forces, named as the ones spoken to: "Frappez-les dans leurs
// sanctuaires, messieurs les militaires", "chers soldats, écrasez-les". Not when civilians or a
// people are named in the sentence.
bool Matcher::AddressedToState(int i) const {
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  if (RangeHas(b, e + 1, kCivilian | kEthnic)) return false;
  for (int k = b; k <= e; ++k) {
    if (!Is(k, kState)) continue;
    if (WordIn(k - 1, {"messieurs", "mesdames", "chers", "cheres"}) ||
        (WordIn(k - 1, {"les", "nos"}) && WordIn(k - 2, {"messieurs", "mesdames", "chers"}))) {
      return true;
    }
    // Called by its name between commas: "Armée, frappez-les fort", "Frappez-les fort, les
    // FDS, que ces terroristes n'aient plus de refuge".
    const int first = WordIn(k - 1, {"les", "nos", "notre", "l"}) ? k - 1 : k;
    if ((first == b || t_[first].clause_start) && (k == e || t_[k + 1].clause_start)) return true;
  }
  return false;
}

// The speakers mean to act themselves, not the army: "tuer ces bandits de nos propres mains",
// "finir le travail nous-mêmes". A call to kill terrorists is then a call to lynch.
bool Matcher::Vigilante(int i) const {
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
std::optional<Act> Matcher::ActAfter(int cue_end, Cue kind) const {
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

void Matcher::Incitement(int i) {
  // Imperatives of an act: "Brûlez", "Tuons-les", "Tue-le".
  if (const auto act = ActAt(i)) {
    Imperative(i, *act);
  }
  if (Is(i, kMotion)) MotionImperative(i);
  DeathTo(i);
  Deserve(i);
  WishedPassive(i);
  PassiveDoom(i);
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
      (WordIn(act->begin - 1, {"ou", "et"}) && WordIn(act->begin - 3, {"etre", "soient", "soit"}));
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
  if (!target.found && (act->def->kind == ActKind::kBurn || act->def->kind == ActKind::kDestroy)) {
    // "Conakry doit brûler ce soir": the place that is to burn is the subject.
    for (int k = ClauseBegin(cue_begin); k < cue_begin; ++k) {
      if (Is(k, kPlace) || t_[k].title_case) target.found = target.place = true;
    }
  }
  if (act->def->kind == ActKind::kPursue && !target.second) {
    // "on va le faire taire", "quelqu'un devrait s'occuper de ce blogueur": silencing a
    // writer, a judge, an activist.
    const bool silencing = (act->def->label == "faire taire" || act->def->label == "faire payer" ||
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
  if (SportsTalk(*act, act->begin)) return;
  // Against "you", or announced by one person, or "if ..., we kill him": a threat; against a
  // group or a place: a call.
  const bool singular = target.clitic && WordIn(act->begin - 1, {"le", "la", "l", "lui"});
  const bool threat = target.second || (kind == Cue::kConditional && singular) ||
                      (kind == Cue::kIntend && WordIn(i, {"je", "j"}));
  AddAct(threat ? Code::kThreat : Code::kIncitement, *act, {cue_begin, cue_end});
}

void Matcher::AddAct(Code code, const Act& act, std::pair<int, int> cue) {
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

bool Matcher::SubjectBefore(int i) const {
  int k = i - 1;
  while (k >= 0 && Same(k, i) && !t_[k + 1].clause_start && IsClitic(k) &&
         !Is(k, kSubject1 | kSubject2))
    --k;
  if (!Same(k, i) || t_[k + 1].clause_start) return false;
  return Is(k, kSubject1 | kSubject2) ||
         WordIn(k, {"il", "ils", "elle", "elles", "qui", "que", "qu", "ce", "c", "ca", "cela"});
}

void Matcher::Imperative(int i, const Act& act) {
  const std::string_view w = t_[i].word;
  if (w.empty() || SubjectBefore(i) || act.def->kind == ActKind::kPursue || act.def->noun) return;
  if (Negated(i, i)) return;  // "Ne tuez pas les civils", "Ne faites pas justice vous-mêmes"
  const bool future = Future(i);
  const bool plural = ((EndsWith(w, "ez") || EndsWith(w, "ons")) && !future) || w == "faites";
  bool imperative = plural;
  if (!plural) {
    // Second person singular: "Tue-le", "Brûle leur maison" at the start of a clause.
    const bool bare = !Infinitive(w) && !EndsWith(w, "s") && !EndsWith(w, "ee");
    const bool attached = i + 1 < n_ && t_[i + 1].hyphen_before && Is(i + 1, kClitic3);
    const bool leads =
        t_[i].clause_start && WordIn(i + 1, {"les", "ces", "leur", "leurs", "tous", "toutes", "le",
                                             "la", "l", "cette", "ce", "cet"});
    imperative = bare && (attached || leads) && !(t_[i].f & kNounForm);
  }
  if (!imperative) return;

  const Target target = FindTarget(act);
  if (!Accepts(act.def->kind, target) || (target.military && !Vigilante(i))) return;
  if (StateActs(i, i) || AddressedToState(i)) return;
  if (SportsTalk(act, i)) return;
  AddAct(target.second ? Code::kThreat : Code::kIncitement, act, {1, 0});
}

// "Allez tuer", "Allons brûler", "Descendons dans la rue brûler".
void Matcher::MotionImperative(int i) {
  const std::string_view w = t_[i].word;
  const bool singular = OneOf(w, {"va", "viens", "descends", "sors", "cours"}) &&
                        (t_[i].clause_start || WordIn(i - 1, {"et", "alors", "donc"}));
  if (!(EndsWith(w, "ez") || EndsWith(w, "ons") || w == "debout" || singular) || SubjectBefore(i)) {
    return;
  }
  if (Negated(i, i)) return;
  for (int j = i + 1; j <= i + 6 && Same(i, j); ++j) {
    if (Is(j, kBreak)) break;
    const auto act = ActAt(j);
    if (!act || !Infinitive(t_[j].word) || act->def->kind == ActKind::kPursue) continue;
    const Target target = FindTarget(*act);
    if (!Accepts(act->def->kind, target) || (target.military && !Vigilante(i)) || StateActs(i, j)) {
      return;
    }
    if (SportsTalk(*act, j)) return;
    AddAct(Code::kIncitement, *act, {i, i});
    return;
  }
}

// "À mort les traîtres", "Mort aux mécréants", "Les traîtres à mort !", "À mort !", "à la
// potence", "Ne laissez aucun survivant", "Une seule solution pour eux : la corde".
void Matcher::DeathTo(int i) {
  // "un Dozo vu sur la route = un Dozo à abattre", "cet homme est à abattre": a person marked
  // to be killed (not "les terroristes à abattre", nor "le record à abattre").
  if (const auto act = ActAt(i); act && act->def->kind == ActKind::kLethal && !IsWeaponAct(*act) &&
                                 Word(i - 1, "a") && act->begin == i && act->end == i &&
                                 Infinitive(t_[i].word) &&
                                 (i + 1 >= n_ || !Same(i, i + 1) || t_[i + 1].clause_start)) {
    const int who = Word(i - 2, "est") || Word(i - 2, "sont") ? i - 3 : i - 2;
    const bool person =
        who >= 0 && (Is(who, kPerson | kEthnic | kCivilian) ||
                     (t_[who].title_case && Is(who - 1, kDeterminer) && !Is(who, kPlace)));
    if (person && !Is(who, kMilitary | kGroup | kBenign) &&
        !RangeHas(SentenceBegin(i), i, kNe | kNot | kMilitary | kGroup)) {
      Add(Code::kIncitement, 0.85, "Appel au meurtre", {{who, who}, {i - 1, i}});
      return;
    }
  }
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
  // "hommes, femmes, enfants, ne laissez personne", "ne laissez personne en vie".
  if (Word(i, "personne") && WordIn(i - 1, {"laissez", "laisse", "laissons", "laisser"}) &&
      Is(i - 2, kNe) &&
      (i + 1 >= n_ || !Same(i, i + 1) || t_[i + 1].clause_start ||
       WordIn(i + 1, {"vivant", "vivants", "debout"}) ||
       (Word(i + 1, "en") && Word(i + 2, "vie")))) {
    // Not terrorists named alone ("FDS, entrez dans la forêt et ne laissez personne, ces
    // terroristes…"): a call on the army, like "mort aux terroristes".
    const int b = SentenceBegin(i);
    const int e = SentenceEnd(i) + 1;
    if (!RangeHas(b, e, kMilitary | kGroup) || RangeHas(b, i, kCivilian | kEthnic)) {
      Add(Code::kIncitement, 0.85, "Appel au massacre", {{i - 2, i}});
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
    for (int j = i + 1; j <= i + 10 && Same(i, j); ++j) {
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
      !WordIn(i - 1, {"la", "une", "de", "d", "sa", "leur", "leurs", "ses", "son", "peine", "donne",
                      "donner", "donnent", "semer", "seme", "sement", "en", "des"}) &&
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
void Matcher::WishedPassive(int i) {
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
bool Matcher::FreeLife(int j) const {
  return WordIn(j, {"libre", "libres", "dehors", "parmi"}) ||
         (Word(j, "en") && WordIn(j + 1, {"liberte", "societe"}));
}

// "mérite une balle", "méritent de mourir", "ne méritent pas de vivre", "mérite d'être pendu".
void Matcher::Deserve(int i) {
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
      Add(you ? Code::kThreat : Code::kIncitement, 0.8, you ? "Menace de mort" : "Appel au meurtre",
          {{i, i}, {j, j}});
      return;
    }
    // "mérite la corde", "mérite 🪢 sur la place publique": the rope or the emoji that pictures
    // the act.
    const bool rope = Word(j, "corde") && Word(j - 1, "la");
    if (!negated && (rope || (t_[j].word.empty() && (t_[j].head >= 0 || Is(j, kFuneral))))) {
      const bool you = Is(i - 1, kSubject2) || Is(i - 2, kSubject2);
      Add(you ? Code::kThreat : Code::kIncitement, 0.8, you ? "Menace de mort" : "Appel au meurtre",
          {{i, i}, {j, j}});
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

// "Le juge qui a condamné nos frères sera tué", "ce blogueur finira pendu", "Freetown va être
// rasée": a person, a people or a place promised an act in the passive future. A threat
// against a person, a call against a people or a place. Not terrorists ("les terroristes seront
// abattus"), not a sentence of a court ("le condamné sera pendu, a décidé le tribunal"), not
// denied ("personne ne sera tué"), not reported speech.
void Matcher::PassiveDoom(int i) {
  int j = -1;
  if (WordIn(i, {"sera", "seront", "seras", "serez"})) {
    j = i + 1;
  } else if (WordIn(i, {"va", "vont", "vas"}) && Word(i + 1, "etre")) {
    j = i + 2;
  } else if (WordIn(i, {"finira", "finiront", "finiras", "finirez"})) {
    j = i + 1;
  } else if (WordIn(i, {"va", "vont", "vas"}) && Word(i + 1, "finir")) {
    j = i + 2;  // "ce journaliste va finir 🪢 à un arbre"
  }
  if (j < 0) return;
  while (WordIn(j, {"bientot", "vite", "demain", "tous", "toutes"})) ++j;
  const auto act = ActAt(j);
  if (!act || !Same(i, j) || act->end != j) return;
  // "va finir" + a verb is no passive ("il va finir brûlé" is, "il va finir par tuer" is not).
  if (Word(i + 1, "finir") && !t_[j].word.empty() && Infinitive(t_[j].word)) return;
  const ActKind kind = act->def->kind;
  const bool razed = act->def->head == "raser" || act->def->head == "bombarder";
  if (kind != ActKind::kLethal && kind != ActKind::kBurn && !razed) return;
  if (EndsWith(t_[j].word, "er") || EndsWith(t_[j].word, "ir")) return;  // an infinitive
  if (Is(i - 1, kNe) || Is(i - 2, kNe) || Is(i + 1, kNot) || Reported(i)) return;
  const int b = SentenceBegin(i);
  if (RangeHas(b, SentenceEnd(i) + 1, kMilitary | kGroup | kStop | kCondolence) ||
      RangeHasWord(b, SentenceEnd(i) + 1,
                   {"tribunal", "cour", "verdict", "peine", "jugement", "otage", "otages", "si",
                    "risque", "risquent"})) {
    return;
  }
  bool person = false;
  bool found = false;
  for (int k = b; k < i; ++k) {
    if (Is(k, kPerson) || (t_[k].title_case && !Is(k, kPlace))) person = true;
    if (Is(k, kPerson | kPlace | kCivilian | kEthnic | kSubject2) || t_[k].title_case) {
      found = true;
    }
  }
  // "tu seras pendu", "vous serez brûlés": the reader.
  const bool you = WordIn(i, {"seras", "serez", "vas", "finiras", "finirez"});
  if (!found && !you) return;
  if (razed && !Is(b, kPlace) && !RangeHas(b, i, kPlace) && !you) return;
  AddAct(you || person ? Code::kThreat : Code::kIncitement, *act, {i, j - 1});
}

bool Matcher::Weapon(int k) const {
  return WordIn(
      k, {"machette", "machettes", "gourdin",  "gourdins", "baton",       "batons", "fusil",
          "fusils",   "couteau",   "couteaux", "kalach",   "kalachnikov", "hache",  "haches",
          "pierre",   "pierres",   "cailloux", "matraque", "matraques",   "fouet",  "crosse"});
}

// "Chassez les Gambiens de Séléty à la machette", "sortez les migrants de la gare à coups de
// bâton": any order given to readers (an imperative of the second person plural or the first
// plural) that names people and the weapon to use on them. Not an order to the state's forces,
// nor one aimed at terrorists.
void Matcher::ArmedOrder(int i) {
  const std::string_view w = t_[i].word;
  if (w.size() < 5 || !(EndsWith(w, "ez") || EndsWith(w, "ons")) || SubjectBefore(i) || Future(i) ||
      !t_[i].clause_start) {
    return;
  }
  const int e = SentenceEnd(i);
  int people = -1;
  for (int k = i + 1; k <= std::min(e, i + 8); ++k) {
    if (t_[k].clause_start) break;
    if (people < 0 && (Is(k, kPerson | kEthnic | kCivilian | kTargetNoun) || t_[k].title_case)) {
      people = k;
    }
    // "à la machette", "au gourdin", "à coups de bâton".
    const int by = Word(k - 1, "la") ? k - 2 : k - 1;
    const bool blows = Word(k, "coups") && WordIn(k - 1, {"a", "aux"}) &&
                       WordIn(k + 1, {"de", "d"}) && Weapon(k + 2);
    if ((blows || (WordIn(by, {"a", "au", "aux"}) && Weapon(k))) && people >= 0) {
      if (RangeHas(i, e + 1, kMilitary | kGroup) || AddressedToState(i) || StateActs(i, i)) {
        return;
      }
      Add(Code::kIncitement, 0.85, "Appel à la violence armée", {{i, i}, {k - 1, k}});
      return;
    }
  }
}

}  // namespace palabre::moderation::violence
