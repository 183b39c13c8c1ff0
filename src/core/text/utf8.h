// UTF-8 checks and Unicode normalisation of user text (ICU).
//
// Every piece of text that enters palabre (comment, name, e-mail, key, title) goes through
// NormalizeUserText first: it must be valid UTF-8 (no overlong forms, surrogates or code points
// above U+10FFFF); CRLF, CR and U+2028/U+2029 become LF; control characters (Unicode Cc) other
// than newline and tab are removed; so are the invisible characters that reorder or disguise
// text: bidirectional controls (U+202A..202E, U+2066..2069, U+200E/200F, U+061C: a name cannot
// reverse the line it is shown in) and zero-width characters (U+200B..200D, U+2060, U+FEFF,
// and U+180E, U+2061..2064, U+206A..206F: a name cannot imitate another, a word cannot slip
// past the word lists). ZERO WIDTH JOINER is kept only between two pictographs, where it joins
// an emoji sequence (UAX #29 rule GB11: "👩‍💻" stays one emoji). Other format characters
// (soft hyphen, variation selectors, tag characters of flags) are kept. The result is
// normalised to NFC. Thread-safe, no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre::text {

bool IsValidUtf8(std::string_view s);

// `s` with each byte that does not start a well-formed sequence replaced by U+FFFD (one per
// byte, as browsers decode); valid UTF-8 is returned unchanged.
std::string ReplaceInvalidUtf8(std::string_view s);

// kInvalidUtf8 if `s` is not valid UTF-8; otherwise the cleaned NFC text. With
// `single_line`, each newline and tab becomes one space (names, titles). Leading and trailing
// white space (Unicode White_Space, so also NO-BREAK SPACE) is trimmed. Idempotent.
Result<std::string> NormalizeUserText(std::string_view s, bool single_line);

// Number of Unicode code points of valid UTF-8 `s` (what limits are expressed in).
std::size_t CodePointCount(std::string_view s);

// True if `s` has no letter or digit at all (blank, spaces, punctuation, emoji only).
bool HasNoLetterOrDigit(std::string_view s);

// The length of the longest prefix of UTF-8 `s` of at most `max_bytes` bytes that does not cut a
// character (it ends before a byte that starts one); `s.size()` when it fits. 0 only when
// `max_bytes` is 0 or the first character is longer than `max_bytes`.
std::size_t PrefixBytes(std::string_view s, std::size_t max_bytes);

// The length in bytes of the first `max_points` code points of UTF-8 `s` (all of it when it has
// fewer).
std::size_t CodePointPrefixBytes(std::string_view s, std::size_t max_points);

// `s` cut to at most `max_bytes` bytes on a character boundary, followed by "…" when cut.
std::string EllipsizeBytes(std::string_view s, std::size_t max_bytes);

}  // namespace palabre::text
