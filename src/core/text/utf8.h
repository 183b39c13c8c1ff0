// UTF-8 checks and Unicode normalisation of user text (ICU).
//
// Every piece of text that enters palabre (comment, name, e-mail, key, title) goes through
// NormalizeUserText first: it must be valid UTF-8 (no overlong forms, surrogates or code points
// above U+10FFFF); CRLF, CR and U+2028/U+2029 become LF; control characters (Unicode Cc) other
// than newline and tab are removed; the result is normalised to NFC. Format characters such as
// ZERO WIDTH JOINER are kept. Thread-safe, no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre::text {

bool IsValidUtf8(std::string_view s);

// kInvalidUtf8 if `s` is not valid UTF-8; otherwise the cleaned NFC text. With
// `single_line`, each newline and tab becomes one space (names, titles). Leading and trailing
// white space (Unicode White_Space, so also NO-BREAK SPACE) is trimmed. Idempotent.
Result<std::string> NormalizeUserText(std::string_view s, bool single_line);

// Number of Unicode code points of valid UTF-8 `s` (what limits are expressed in).
std::size_t CodePointCount(std::string_view s);

// True if `s` has no letter or digit at all (blank, spaces, punctuation, emoji only).
bool HasNoLetterOrDigit(std::string_view s);

}  // namespace palabre::text
