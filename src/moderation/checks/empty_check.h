// EmptyCheck ("empty"): a comment with no letter and no digit — blank, whitespace or
// punctuation only ("...", "???", "$$$") — says nothing and is rejected. A reaction made only
// of emoji ("🙏") is allowed unless the site says otherwise (empty.allow_emoji_only).
// Reads NormalizedText::folded, which is empty exactly when the text has no letter or digit.
// Thread-safe, immutable.
#pragma once

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class EmptyCheck final : public Check {
 public:
  explicit EmptyCheck(const EmptyConfig& config) : config_(config) {}
  std::string_view Name() const override { return "empty"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  EmptyConfig config_;
};

}  // namespace palabre::moderation
