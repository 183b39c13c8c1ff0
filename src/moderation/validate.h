// What a caller outside moderation asks before saving settings the pipeline will build checks
// from (a site's admin editing its lexicon): whether those checks could be built, without
// reaching into the checks themselves (moderation/checks/ is moderation's own business).
// Thread-safe: pure functions.
#pragma once

#include "core/status.h"
#include "moderation/config.h"

namespace palabre::moderation {

// Ok if the lexicon check can be built from `config` (its lists and the site's banned,
// suspect and allowed terms); otherwise kInvalidArgument saying which term is malformed (the
// error the pipeline would meet when building its checks).
Status ValidateLexicon(const LexiconConfig& config);

}  // namespace palabre::moderation
