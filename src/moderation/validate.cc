#include "moderation/validate.h"

#include "moderation/checks/lexicon_check.h"

namespace palabre::moderation {

Status ValidateLexicon(const LexiconConfig& config) {
  // Building the check is the validation: the same parser, the same messages.
  return LexiconCheck::Create(config).status();
}

}  // namespace palabre::moderation
