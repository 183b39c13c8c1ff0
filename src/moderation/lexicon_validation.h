// ValidateLexicon: whether the lexicon check could be built from a configuration — the site's
// own banned, suspect and allowed terms over the built-in lists — without building a pipeline.
// For callers outside moderation/ (the console's settings, before they are saved), which must
// not reach into moderation/checks/. Thread-safe.
#pragma once

#include "core/status.h"
#include "moderation/config.h"

namespace palabre::moderation {

// Ok, or kInvalidArgument saying which term is malformed (a term or an exception with no letter
// or digit, an unknown list). A disabled lexicon is checked all the same: it may be enabled
// later without its terms being looked at again.
Status ValidateLexicon(const LexiconConfig& config);

}  // namespace palabre::moderation
