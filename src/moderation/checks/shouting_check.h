// ShoutingCheck ("shouting"): writing that shouts — mostly capitals, runs of "!!!!" or "????",
// stretched letters ("nooooon"). One reason, code `shouting`, flagged by default (a site may
// hold). Capitals count only in texts with at least shouting.min_letters letters in words of
// four letters or more, and not in acronyms ("ONU", "CEDEAO", "MINUSMA", "FAMa" and the
// site's shouting.acronyms), so "La CEDEAO et l'UEMOA ont tranché" is not shouting.
// Thread-safe, immutable.
#pragma once

#include <string>
#include <vector>

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class ShoutingCheck final : public Check {
 public:
  explicit ShoutingCheck(const ShoutingConfig& config);
  std::string_view Name() const override { return "shouting"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  ShoutingConfig config_;
  std::vector<std::string> acronyms_;  // upper case, sorted
};

}  // namespace palabre::moderation
