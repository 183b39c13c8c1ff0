// FoldText and AppendUtf8: the character-level folding shared by the classifier's
// preprocessing (preprocess.h) and the topic stems (topic.h).
//
// FoldText: NFKD (full-width, mathematical and ligature forms become plain letters), French
// lower case, combining marks (accents) and format characters (zero-width joiners, soft
// hyphens) dropped, œ → oe, æ → ae, ß → ss, typographic apostrophes (’ ‘ ʼ `) → ', white space
// and control characters → ' '. Invalid UTF-8 bytes become U+FFFD. Pure, thread-safe, never
// throws.
#pragma once

#include <string>
#include <string_view>

namespace palabre::moderation::classifier {

std::u32string FoldText(std::string_view text);

// Appends the UTF-8 encoding of code point `c` (a valid scalar value) to `out`.
void AppendUtf8(std::string& out, char32_t c);

}  // namespace palabre::moderation::classifier
