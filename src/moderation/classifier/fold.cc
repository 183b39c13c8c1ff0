#include "moderation/classifier/fold.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>

namespace palabre::moderation::classifier {

std::u32string FoldText(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString decomposed = nfkd->normalize(s, status);
    if (U_SUCCESS(status)) s = std::move(decomposed);
  }
  s.toLower(icu::Locale::getFrench());
  std::u32string out;
  out.reserve(static_cast<std::size_t>(s.length()));
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    switch (c) {
      case 0x2019:  // ’
      case 0x2018:  // ‘
      case 0x02BC:  // ʼ
      case 0x0060:  // `
        c = '\'';
        break;
      case 0x0153:  // œ
        out += U"oe";
        continue;
      case 0x00E6:  // æ
        out += U"ae";
        continue;
      case 0x00DF:  // ß
        out += U"ss";
        continue;
      default:
        break;
    }
    if (type == U_CONTROL_CHAR || u_isUWhiteSpace(c)) c = ' ';
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace palabre::moderation::classifier
