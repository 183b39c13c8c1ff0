// UTF-8 checks and Unicode normalisation of user text (ICU).
//
// Every piece of text that enters palabre (comment, name, e-mail, key, title) goes through
// NormalizeUserText first: it must be valid UTF-8; it is normalised to NFC; control characters
// other than newline and tab are removed; CRLF/CR become LF. Thread-safe, no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre::text {

bool IsValidUtf8(std::string_view s);

// kInvalidUtf8 if `s` is not valid UTF-8; otherwise the cleaned NFC text. With
// `single_line`, newlines and tabs become spaces (names, titles). Leading and trailing
// white space is trimmed.
Result<std::string> NormalizeUserText(std::string_view s, bool single_line);

// Number of Unicode code points of valid UTF-8 `s` (what limits are expressed in).
std::size_t CodePointCount(std::string_view s);

// True if `s` has no letter or digit at all (blank, spaces, punctuation, emoji only).
bool HasNoLetterOrDigit(std::string_view s);

}  // namespace palabre::text
