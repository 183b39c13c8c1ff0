#include "core/text/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace palabre::text {
namespace {

// Decodes the code point at `s[i]` of valid UTF-8 and advances `i`; -1 (and one byte) on an
// ill-formed sequence, which valid input never has.
UChar32 NextCodePoint(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  // ICU's macro works on int32_t indices; callers bound inputs far below 2 GiB, and the
  // length is clamped to stay correct if they do not.
  const std::int32_t length =
      s.size() - i > INT32_MAX ? INT32_MAX : static_cast<std::int32_t>(s.size() - i);
  std::int32_t offset = 0;
  UChar32 c;
  U8_NEXT(p + i, offset, length, c);
  i += static_cast<std::size_t>(offset);
  return c;
}

bool IsWhiteSpace(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

// Invisible characters that change how text around them is shown or matched, dropped from
// every text: bidirectional controls (embeddings and overrides U+202A..202E, isolates
// U+2066..2069, marks U+200E/200F and U+061C) and zero-width or invisible characters (U+200B
// ZERO WIDTH SPACE, U+200C/200D ZERO WIDTH (NON-)JOINER, U+2060 WORD JOINER, U+FEFF, U+180E,
// the invisible operators U+2061..2064 and the deprecated format characters U+206A..206F).
// ZERO WIDTH JOINER is the exception handled by the caller: it stays inside an emoji sequence.
bool IsHiddenFormat(UChar32 c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) || c == 0x061C ||
         c == 0xFEFF || c == 0x180E;
}

bool IsPictographic(UChar32 c) {
  return c >= 0 && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) != 0;
}

// Grapheme_Cluster_Break=Extend: variation selectors, emoji modifiers, combining marks.
bool IsExtend(UChar32 c) {
  return c >= 0 && u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK) == U_GCB_EXTEND;
}

// Step 1 of NormalizeUserText: line ends, control characters, hidden format characters,
// single-line folding.
std::string CleanControls(std::string_view s, bool single_line) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  // Whether the last code point kept, Extend characters aside, is a pictograph: a ZERO WIDTH
  // JOINER after it and before another pictograph joins an emoji sequence (UAX #29, GB11:
  // "👩‍💻", families, flags with a sign) and is kept; anywhere else it only hides things.
  bool after_pictograph = false;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII: the common case
      out.push_back(s[i]);
      ++i;
      after_pictograph = false;
      continue;
    }
    const std::size_t start = i;
    const UChar32 c = NextCodePoint(s, i);
    if (c == 0x200D) {
      std::size_t next = i;
      if (after_pictograph && i < s.size() && IsPictographic(NextCodePoint(s, next))) {
        out.append(s.substr(start, i - start));
      }
      after_pictograph = false;
      continue;
    }
    if (IsHiddenFormat(c)) continue;
    if (!IsExtend(c)) after_pictograph = IsPictographic(c);
    if (c == '\r') {
      if (i < s.size() && s[i] == '\n') ++i;  // CRLF is one line end
      out.push_back(single_line ? ' ' : '\n');
    } else if (c == '\n' || c == 0x2028 || c == 0x2029) {  // LF, LINE/PARAGRAPH SEPARATOR
      out.push_back(single_line ? ' ' : '\n');
    } else if (c == '\t') {
      out.push_back(single_line ? ' ' : '\t');
    } else if (u_charType(c) == U_CONTROL_CHAR) {
      // C0, DEL and C1 controls are dropped.
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// Removes leading and trailing White_Space code points of valid UTF-8.
std::string_view TrimWhiteSpace(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t next = begin;
    if (!IsWhiteSpace(NextCodePoint(s, next))) break;
    begin = next;
  }
  std::size_t end = s.size();
  while (end > begin) {
    // Step back to the lead byte of the last code point.
    std::size_t lead = end - 1;
    while (lead > begin && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
    std::size_t next = lead;
    if (!IsWhiteSpace(NextCodePoint(s, next))) break;
    end = lead;
  }
  return s.substr(begin, end - begin);
}

}  // namespace

namespace {

// Length of the well-formed UTF-8 sequence at p[i] (1 to 4), 0 if it is ill-formed. Ranges of
// Unicode 15, table 3-7 (well-formed UTF-8 byte sequences): they exclude overlong forms (C0,
// C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..,
// F5..FF).
std::size_t SequenceLength(const std::uint8_t* p, std::size_t i, std::size_t n) {
  const std::uint8_t b0 = p[i];
  if (b0 < 0x80) return 1;
  std::size_t len;
  std::uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n - i < len) return 0;
  if (p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = SequenceLength(p, i, s.size());
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = SequenceLength(p, i, s.size());
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

Result<std::string> NormalizeUserText(std::string_view s, bool single_line) {
  if (!IsValidUtf8(s)) return Result<std::string>(Error::kInvalidUtf8, "text is not UTF-8");
  if (s.size() > INT32_MAX) {
    return Result<std::string>(Error::kInvalidArgument, "text over 2 GiB");
  }
  const std::string cleaned = CleanControls(s, single_line);

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Result<std::string>(Error::kInternal, u_errorName(status));
  }
  const icu::StringPiece piece(cleaned.data(), static_cast<std::int32_t>(cleaned.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    return std::string(TrimWhiteSpace(cleaned));
  }
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(cleaned.size() + cleaned.size() / 8);
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    return Result<std::string>(Error::kInternal, u_errorName(status));
  }
  return std::string(TrimWhiteSpace(normalized));
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t count = 0;
  for (const char ch : s) {
    // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool HasNoLetterOrDigit(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if ((byte >= '0' && byte <= '9') || ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z')) {
        return false;
      }
      ++i;
      continue;
    }
    const UChar32 c = NextCodePoint(s, i);
    if (c >= 0 && u_isalnum(c)) return false;
  }
  return true;
}

std::size_t PrefixBytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::size_t CodePointPrefixBytes(std::string_view s, std::size_t max_points) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == max_points) return i;
  }
  return s.size();
}

std::string EllipsizeBytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  return std::string(s.substr(0, PrefixBytes(s, max_bytes))) + "\xE2\x80\xA6";  // …
}

}  // namespace palabre::text
