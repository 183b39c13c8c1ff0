#include "moderation/lexicon_validation.h"

#include "moderation/checks/lexicon_check.h"

namespace palabre::moderation {

Status ValidateLexicon(const LexiconConfig& config) {
  auto check = LexiconCheck::Create(config);
  return check.ok() ? Status::Ok() : check.status();
}

}  // namespace palabre::moderation
