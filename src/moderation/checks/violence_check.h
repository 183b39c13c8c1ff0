// ViolenceCheck ("violence"): calls to violence (code `incitement`), apologia for terrorism
// (`terrorism_apologia`) and threats against a person (`threat`), found by rules a moderator can
// follow, each reason naming the words that triggered it (spans on the original text).
//
// The check reads the tokens of the normalised text (moderation/normalize.h: l33t, spacing,
// confusables and accents are already undone) and their French stems (Snowball, libstemmer),
// so one entry per verb covers its conjugations ("tuer" finds "tuez", "tuons", "tué"). It then
// looks for word windows:
//   - incitement: a call to act (il faut, faut, on doit, il faudrait, qu'on + subjunctive,
//     imperatives, "allons/allez/va" + infinitive, "qui va …", "à mort", "mort aux", "au poteau",
//     "qu'est-ce qu'on attend pour", "on va" + act, "doivent être" + participle) followed within
//     a few words by a violent act (tuer, égorger, brûler, bombarder, faire sauter, mettre le feu,
//     prendre en otage, régler son compte, a weapon named as the act...) that has a target (a
//     pronoun, a person, a group, a people, a place, a proper name or acronym);
//   - terrorism_apologia: praise (gloire, bravo, honneur, vive, héros, mashallah, "que Dieu leur
//     donne la victoire", "nos frères moudjahidines", "bien fait", "ils l'ont mérité") of an
//     armed group (JNIM, EIGS, État islamique, Boko Haram... and the site's `armed_groups`), its
//     fighters ("les frères" when the comment is about fighting), an attack, or the killing of
//     soldiers;
//   - threat: against a person, explicit ("je vais te tuer", "on va te retrouver", "on va brûler
//     ta maison") or implicit ("on sait où tu habites", "ta voiture grise, on la connaît",
//     "prépare ton linceul", "tu ne verras pas la fin du mois", "tes jours sont comptés").
// What it lets through on purpose: reports and condemnations (no call to act: "ils ont brûlé
// l'école"), negated calls ("il ne faut pas"), calls whose actor is the state (the army, FDS,
// police, justice and the site's `state_forces`: "l'armée doit frapper les bases terroristes")
// or whose target is an armed group ("il faut anéantir les terroristes", read as a call on the
// army; the classifier and moderators remain for the rest), lawful acts (juger, arrêter,
// condamner), idioms with harmless objects ("tuer le temps", "brûler les étapes"), praise of the
// national army or country ("honneur à nos FDS", "vive le Burkina").
//
// One reason per code, with the spans of every match (the cue and the act, group or threat
// words) and a short French detail; score "violence" = the largest reason score.
//
// The internals are in checks/violence/ (namespace violence): the word lists and tables
// (word_lists.cc, tables.h), the tokenizer (tokens.h) and the rules (matcher.h; one file per
// code: incitement.cc, apologia.cc, threats.cc).
//
// Thread-safe: the word tables are built in the constructor (their built-in part once per
// process) and read-only afterwards; Run
// stems with a per-thread Snowball stemmer. Run never throws: on an allocation failure the
// verdict is `failed`.
#pragma once

#include <memory>
#include <string_view>

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

namespace violence {
struct Tables;  // the word tables (checks/violence/tables.h)
}  // namespace violence

class ViolenceCheck final : public Check {
 public:
  explicit ViolenceCheck(const ViolenceConfig& config);
  ~ViolenceCheck() override;

  std::string_view Name() const override { return "violence"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  ViolenceConfig config_;
  std::unique_ptr<const violence::Tables> tables_;
};

}  // namespace palabre::moderation
