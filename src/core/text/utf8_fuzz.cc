// libFuzzer target: IsValidUtf8 agrees with ICU's decoder, and NormalizeUserText keeps its
// promises (valid NFC output, no control characters, no bidi controls or zero-width characters
// but a joiner inside an emoji sequence, trimmed, idempotent) on any bytes.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text/utf8.h"

namespace {

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "utf8_fuzz: property violated: %s\n", what);
    std::abort();
  }
}

// Reference validity: ICU's U8_NEXT rejects overlongs, surrogates and values over U+10FFFF.
bool IcuValid(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

void CheckNormalized(std::string_view in, bool single_line) {
  const palabre::Result<std::string> r = palabre::text::NormalizeUserText(in, single_line);
  Check(r.ok(), "valid input is accepted");
  const std::string& out = r.value();
  Check(palabre::text::IsValidUtf8(out), "output is UTF-8");

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  Check(U_SUCCESS(status), "NFC instance");
  Check(nfc->isNormalizedUTF8(out, status) && U_SUCCESS(status), "output is NFC");

  const auto* p = reinterpret_cast<const std::uint8_t*>(out.data());
  const auto n = static_cast<std::int32_t>(out.size());
  std::int32_t i = 0;
  UChar32 first = -1, last = -1, previous = -1;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (first < 0) first = c;
    last = c;
    Check(!((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
            c == 0x200F || c == 0x061C),
          "no bidi controls");
    Check(c != 0x200B && c != 0x200C && c != 0x2060 && c != 0xFEFF, "no zero-width characters");
    if (c == 0x200D) {
      // Kept only inside an emoji sequence: something before it, and a pictograph after.
      UChar32 next = -1;
      std::int32_t j = i;
      if (j < n) U8_NEXT(p, j, n, next);
      Check(previous >= 0 && next >= 0 && u_hasBinaryProperty(next, UCHAR_EXTENDED_PICTOGRAPHIC),
            "ZERO WIDTH JOINER only before a pictograph");
    }
    previous = c;
    Check(c != '\r', "no CR");
    Check(c != 0x2028 && c != 0x2029, "no line/paragraph separators");
    if (single_line) Check(c != '\n' && c != '\t', "single line has no LF or tab");
    Check(c == '\n' || c == '\t' || u_charType(c) != U_CONTROL_CHAR, "no control characters");
  }
  if (!out.empty()) {
    Check(!u_isUWhiteSpace(first) && !u_isUWhiteSpace(last), "trimmed");
  }
  const palabre::Result<std::string> again = palabre::text::NormalizeUserText(out, single_line);
  Check(again.ok() && again.value() == out, "idempotent");
  Check(palabre::text::CodePointCount(out) <= out.size(), "code points <= bytes");
  (void)palabre::text::HasNoLetterOrDigit(out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const bool valid = palabre::text::IsValidUtf8(in);
  Check(valid == IcuValid(in), "IsValidUtf8 agrees with ICU");
  if (!valid) {
    Check(palabre::text::NormalizeUserText(in, false).error() == palabre::Error::kInvalidUtf8,
          "invalid input is rejected");
    return 0;
  }
  CheckNormalized(in, false);
  CheckNormalized(in, true);
  return 0;
}
