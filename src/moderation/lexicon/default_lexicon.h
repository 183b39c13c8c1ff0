// The default word lists palabre ships (data/*.lex.inc, compiled into the binary) and the
// parser of their format, also used for site-specific lists.
//
// Format: one term per line inside a "[banned]", "[suspect]" or "[allow]" section; "#" starts
// a comment; blank lines are ignored. Pure functions, thread-safe. ParseList fails
// (kInvalidArgument, naming the line) on a term before any section or an unknown section.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/lexicon/matcher.h"

namespace palabre::moderation::lexicon {

// The text of the built-in list of `language` ("fr" or "en"); empty for any other language.
std::string_view DefaultListText(std::string_view language);

// The terms of a list in the format above; Term::list is set to `list_name`.
Result<std::vector<Term>> ParseList(std::string_view text, std::string_view list_name);

}  // namespace palabre::moderation::lexicon
