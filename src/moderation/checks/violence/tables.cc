// Building the violence check's tables from the built-in lists (word_lists.cc): written forms
// with their plurals, long stems, the conjugations of every act's head, multiword names; then a
// site's own names on a copy of them.
#include "moderation/checks/violence/tables.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/checks/violence/tokens.h"
#include "moderation/classifier/topic.h"
#include "moderation/normalize.h"

namespace palabre::moderation::violence {
namespace {

std::vector<std::string> WithPlural(std::string_view w) {
  std::vector<std::string> out{std::string(w)};
  // "armée" is read "arme": its plural would be "armes", the weapons of "prendre les armes".
  if (w == "arme" || EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z")) return out;
  if (EndsWith(w, "al")) out.push_back(std::string(w.substr(0, w.size() - 2)) + "aux");
  if (EndsWith(w, "eau") || EndsWith(w, "eu")) {
    out.push_back(std::string(w) + "x");
  } else {
    out.push_back(std::string(w) + "s");
  }
  return out;
}

// The forms of a verb that comments use: present, imperative, imperfect, future, past
// participle, subjunctive (written without accents, as normalised).
std::vector<std::string> Conjugate(std::string_view lemma) {
  for (const ListedForms& listed : kListedForms) {
    if (listed.head == lemma) {
      std::vector<std::string> out{std::string(lemma)};
      for (std::string_view f : listed.forms) out.emplace_back(f);
      return out;
    }
  }
  std::vector<std::string> out;
  const std::string base(lemma.substr(0, lemma.size() - 2));
  auto add = [&](std::initializer_list<std::string_view> endings) {
    for (std::string_view e : endings) out.push_back(base + std::string(e));
  };
  if (EndsWith(lemma, "er")) {
    add({"er",    "e",     "es",    "ent",   "ons",     "ez",   "ais",
         "ait",   "aient", "ions",  "iez",   "era",     "eras", "erai",
         "erons", "erez",  "eront", "erait", "eraient", "ee",   "ees"});
    if (EndsWith(base, "g")) add({"eons", "eait", "eaient"});
  } else if (EndsWith(lemma, "ir")) {
    add({"ir", "is", "it", "issons", "issez", "issent", "i", "ie", "ies", "ira", "irai", "irons",
         "iront", "isse"});
  } else if (EndsWith(lemma, "re")) {
    add({"re", "s", "", "ons", "ez", "ent", "u", "ue", "us", "ues", "ra", "rai", "rons", "rez",
         "ront", "rait", "e"});
  } else {
    out.emplace_back(lemma);
  }
  return out;
}

void AddPhrase(Tables& t, const std::vector<std::string>& words, std::uint64_t features) {
  if (words.empty()) return;
  auto& list = t.phrases[words.front()];
  list.push_back(Tables::Phrase{words, features});
  std::stable_sort(list.begin(), list.end(), [](const Tables::Phrase& a, const Tables::Phrase& b) {
    return a.words.size() > b.words.size();
  });
}

std::vector<std::string> SqueezedWords(std::string_view phrase) {
  std::vector<std::string> out;
  while (!phrase.empty()) {
    const std::size_t space = phrase.find(' ');
    if (space != 0) out.push_back(Squeeze(phrase.substr(0, space)));
    if (space == std::string_view::npos) break;
    phrase.remove_prefix(space + 1);
  }
  return out;
}

// The built-in tables, the same for every site.
Tables BuildBuiltIn() {
  Tables t;
  for (const WordClass& c : kFunctionWords) {
    for (std::string_view w : c.words) t.word_features[Squeeze(w)] |= c.features | kFunction;
  }
  for (const WordClass& c : kContentWords) {
    for (std::string_view w : c.words) {
      for (const std::string& form : WithPlural(Squeeze(w))) t.word_features[form] |= c.features;
      // A noun form is a written form only: "massacre" is a noun, "massacrer" is not.
      const std::string stem = classifier::FrenchStem(Squeeze(w));
      if (stem.size() >= kMinNounStem) t.stem_features[stem] |= c.features & ~kNounForm;
    }
  }
  for (std::size_t i = 0; i < std::size(kActs); ++i) {
    const ActDef& act = kActs[i];
    auto it = std::find_if(t.heads.begin(), t.heads.end(),
                           [&](const Tables::Head& h) { return h.lemma == act.head; });
    if (it == t.heads.end()) {
      t.heads.push_back(Tables::Head{std::string(act.head), {}});
      it = t.heads.end() - 1;
    }
    it->acts.push_back(static_cast<std::uint16_t>(i));
  }
  for (std::size_t h = 0; h < t.heads.size(); ++h) {
    for (const std::string& written : Conjugate(t.heads[h].lemma)) {
      const std::string form = Squeeze(written);
      const auto head = static_cast<std::uint16_t>(h);
      t.act_forms.emplace(form, head);
      const std::string stem = classifier::FrenchStem(form);
      // Weapons are nouns: their written forms only ("explosions" is not "explosif").
      const bool noun = std::any_of(t.heads[h].acts.begin(), t.heads[h].acts.end(),
                                    [](std::uint16_t a) { return kActs[a].noun; });
      if (stem.size() >= kMinVerbStem && !noun) t.act_stems.emplace(stem, head);
    }
  }
  for (const PhraseDef& p : kPhrases) {
    for (std::string_view phrase : p.phrases) AddPhrase(t, SqueezedWords(phrase), p.features);
  }
  return t;
}

}  // namespace

std::unique_ptr<const Tables> BuildTables(const ViolenceConfig& config) {
  static const Tables built_in = BuildBuiltIn();
  auto t = std::make_unique<Tables>(built_in);
  for (const std::string& name : config.armed_groups) {
    AddPhrase(*t, Normalize(name).words, kGroup | kMilitary);
  }
  for (const std::string& name : config.state_forces) {
    AddPhrase(*t, Normalize(name).words, kState | kSoldier);
  }
  return t;
}

}  // namespace palabre::moderation::violence
