// DehumanizationCheck ("dehumanization"): hate against a people, a religion, a nationality or
// another group of people written as a statement about what they *are* — animals, vermin, a
// disease ("les X sont des rats", "X = vermine", "cette vermine de X", "les X ne sont pas des
// humains") or criminals by nature ("tous les X sont des voleurs", "un peuple de bandits", "X =
// terroriste"). One reason, code `hate` (the code the classifier's hate label uses), with the
// spans of the group and of the word that degrades it; held by default.
//
// The classifier catches hate it has seen; this rule catches the pattern whatever the group,
// the animal or the spelling (it reads the normalised tokens: l33t, spacing and accents are
// undone). It needs a predication — a copula ("sont", "c'est", "est"), "comme", an equals sign
// written between the two words, or "race/peuple de" — so that a sentence merely mentioning a
// group near an animal ("les Peuls élèvent des vaches", "ils ont tué les chiens du village")
// passes. It lets through on purpose: negated statements ("les Peuls ne sont pas des
// terroristes", "tous les Touaregs ne sont pas des bandits"), comparisons that describe what
// was done to victims ("ils ont été abattus comme des chiens", "les déplacés vivent comme des
// animaux"), and criminal nouns without a generalisation ("les Peuls arrêtés sont des
// bandits" is about some people, "tous les Peuls sont des bandits" about a people).
//
// Thread-safe and immutable after construction; Run never throws (an allocation failure gives
// a `failed` verdict).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class DehumanizationCheck final : public Check {
 public:
  explicit DehumanizationCheck(const DehumanizationConfig& config);

  std::string_view Name() const override { return "dehumanization"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  DehumanizationConfig config_;
};

}  // namespace palabre::moderation
