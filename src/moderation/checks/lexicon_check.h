// LexiconCheck ("lexicon"): words that are never acceptable (banned → code `banned_word`,
// rejected by default) or that a moderator should see (suspect → code `suspect_word`, held),
// from palabre's French and English lists (moderation/lexicon/data/) and the site's own terms.
// Matching is done by one compiled automaton (moderation/lexicon/matcher.h) on the normalised
// text, so case, accents, elision, l33t, spaced-out and stretched letters and Unicode
// confusables do not hide a word, while words inside longer words ("con" in "concours") are
// not matched. A suspect match inside a banned one ("con" in "pauvre con") is not repeated.
// One reason per term found, with the spans of all its occurrences; the score "profanity" is
// 1 for a banned word and 0.6 for a suspect one.
//
// Create fails (kInvalidArgument) on a malformed list or site term. Thread-safe, immutable.
#pragma once

#include <memory>

#include "core/status.h"
#include "moderation/check.h"
#include "moderation/config.h"
#include "moderation/lexicon/matcher.h"

namespace palabre::moderation {

class LexiconCheck final : public Check {
 public:
  static Result<std::unique_ptr<LexiconCheck>> Create(const LexiconConfig& config);
  std::string_view Name() const override { return "lexicon"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  LexiconCheck(const LexiconConfig& config, lexicon::Matcher matcher)
      : config_(config), matcher_(std::move(matcher)) {}

  LexiconConfig config_;
  lexicon::Matcher matcher_;
};

}  // namespace palabre::moderation
