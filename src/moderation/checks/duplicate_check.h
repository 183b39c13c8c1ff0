// DuplicateCheck ("duplicate"): the same text posted again.
//   - Same author (same name or same client address) posting the same normalised text again
//     within duplicate.repeat_window_s — in the same thread, or anywhere on the site when the
//     text is long — is a double submit or a repost: code `duplicate`, rejected by default.
//     Long texts also count when nearly the same (see below). Short reactions ("Triste.") may be
//     repeated under different articles.
//   - The same or nearly the same long text (at least duplicate.min_chars folded bytes) posted
//     by another author in the same thread, or anywhere on the site (duplicate.across_site),
//     within duplicate.copy_window_s, is a copy-paste campaign: code `copy_paste`, held by
//     default, the detail naming the earlier comment.
// "The same" is after normalisation (case, accents, punctuation, spacing, stretched letters);
// "nearly" is an estimated Jaccard similarity of word bigrams of at least
// duplicate.similarity, found through the history's MinHash index (moderation/history.h).
// An edit (comment.id != 0) is not compared with itself. Thread-safe, immutable.
#pragma once

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class DuplicateCheck final : public Check {
 public:
  explicit DuplicateCheck(const DuplicateConfig& config) : config_(config) {}
  std::string_view Name() const override { return "duplicate"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  DuplicateConfig config_;
};

}  // namespace palabre::moderation
