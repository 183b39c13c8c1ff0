// LengthCheck ("length"): a comment over the site's limits — length.max_chars code points
// (code `too_long`) or length.max_lines lines (code `too_many_lines`, off by default). There is
// no minimum: a short reaction ("Triste.") is a comment. Thread-safe, immutable.
#pragma once

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class LengthCheck final : public Check {
 public:
  explicit LengthCheck(const LengthConfig& config) : config_(config) {}
  std::string_view Name() const override { return "length"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  LengthConfig config_;
};

}  // namespace palabre::moderation
