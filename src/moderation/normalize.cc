#include "moderation/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace palabre::moderation {
namespace {

// A code point of the mapped text with the bytes of the original it came from.
struct Unit {
  char32_t cp;
  std::uint32_t begin;
  std::uint32_t end;
};

bool IsApostrophe(char32_t c) {
  return c == U'\'' || c == U'`' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB ||
         c == 0x2032 || c == 0x201B;
}

bool IsMark(UChar32 c) {
  const std::int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// Scripts whose letters may stand in for Latin ones; letters of other scripts (Arabic, N'Ko,
// Ethiopic...) are kept as written.
bool MayImitateLatin(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return false;
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARMENIAN:
    case USCRIPT_CHEROKEE:
    case USCRIPT_COPTIC:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return true;
    default:
      return false;
  }
}

// Steps 1-3 of the header for one non-ASCII code point, through ICU. Immutable after
// construction; ICU's normalizers and a const spoof checker are safe to share between threads.
class FoldTable {
 public:
  static const FoldTable& Get() {
    static const FoldTable table;
    return table;
  }

  void Append(UChar32 c, std::uint32_t begin, std::uint32_t end, std::vector<Unit>* out) const {
    if (c < 0x10000) {
      const std::uint32_t entry = bmp_[static_cast<std::size_t>(c)];
      const std::uint32_t offset = entry >> 8;
      const std::uint32_t length = entry & 0xFF;
      for (std::uint32_t k = 0; k < length; ++k) out->push_back({pool_[offset + k], begin, end});
      return;
    }
    // Supplementary planes: mathematical and enclosed letters and tag characters go through
    // ICU; emoji and the rest are kept (they are separators or letters of other scripts).
    const bool needs_icu = (c >= 0x1D400 && c <= 0x1D7FF) || (c >= 0x1F100 && c <= 0x1F1FF) ||
                           (c >= 0xE0000 && c <= 0xE0FFF);
    if (!needs_icu) {
      out->push_back({static_cast<char32_t>(c), begin, end});
      return;
    }
    for (char32_t m : Compute(c)) out->push_back({m, begin, end});
  }

 private:
  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    status = U_ZERO_ERROR;
    nfd_ = icu::Normalizer2::getNFDInstance(status);
    status = U_ZERO_ERROR;
    spoof_ = uspoof_open(&status);
    if (U_FAILURE(status)) spoof_ = nullptr;
    bmp_.resize(0x10000);
    for (UChar32 c = 0; c < 0x10000; ++c) {
      std::u32string mapped;
      if (c < 0x80) {
        mapped.push_back(static_cast<char32_t>(c));
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        mapped.push_back(0xFFFD);
      } else {
        mapped = Compute(c);
      }
      if (mapped.size() > 0xFF) mapped.resize(0xFF);
      bmp_[static_cast<std::size_t>(c)] =
          static_cast<std::uint32_t>(pool_.size()) << 8 | static_cast<std::uint32_t>(mapped.size());
      pool_ += mapped;
    }
  }

  static void AppendCodePoints(const icu::UnicodeString& s, std::u32string* out) {
    for (std::int32_t i = 0; i < s.length();) {
      const UChar32 c = s.char32At(i);
      out->push_back(static_cast<char32_t>(c));
      i += U16_LENGTH(c);
    }
  }

  // The Latin skeleton of `c` if it is plain ASCII, else nothing.
  std::u32string AsciiSkeleton(UChar32 c) const {
    if (spoof_ == nullptr || casefold_ == nullptr || nfd_ == nullptr) return {};
    UErrorCode status = U_ZERO_ERROR;
    UChar in[2];
    std::int32_t in_length = 0;
    U16_APPEND_UNSAFE(in, in_length, c);
    UChar buffer[32];
    const std::int32_t n = uspoof_getSkeleton(spoof_, 0, in, in_length, buffer, 32, &status);
    if (U_FAILURE(status) || n <= 0 || n > 32) return {};
    icu::UnicodeString skeleton = nfd_->normalize(icu::UnicodeString(buffer, n), status);
    if (U_FAILURE(status)) return {};
    std::u32string out;
    for (std::int32_t i = 0; i < skeleton.length();) {
      const UChar32 s = skeleton.char32At(i);
      i += U16_LENGTH(s);
      if (IsMark(s)) continue;
      if (s >= 0x80) return {};
      out.push_back(static_cast<char32_t>(s >= 'A' && s <= 'Z' ? s + 32 : s));
    }
    return out;
  }

  std::u32string Compute(UChar32 c) const {
    std::u32string out;
    if (casefold_ == nullptr || nfd_ == nullptr) {
      out.push_back(static_cast<char32_t>(c));
      return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = casefold_->normalize(icu::UnicodeString(c), status);
    if (U_FAILURE(status)) return std::u32string(1, static_cast<char32_t>(c));
    const icu::UnicodeString decomposed = nfd_->normalize(folded, status);
    if (U_FAILURE(status)) return std::u32string(1, static_cast<char32_t>(c));
    std::u32string parts;
    AppendCodePoints(decomposed, &parts);
    for (char32_t p : parts) {
      const auto x = static_cast<UChar32>(p);
      if (IsMark(x)) continue;
      if (x < 0x80) {
        out.push_back(p);
      } else if (IsApostrophe(p)) {
        out.push_back(U'\'');
      } else if (u_hasBinaryProperty(x, UCHAR_ALPHABETIC) && MayImitateLatin(x)) {
        std::u32string skeleton = AsciiSkeleton(x);
        if (skeleton.empty()) {
          out.push_back(p);
        } else {
          out += skeleton;
        }
      } else {
        out.push_back(p);
      }
    }
    return out;
  }

  const icu::Normalizer2* casefold_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  USpoofChecker* spoof_ = nullptr;  // never closed: lives as long as the process
  std::vector<std::uint32_t> bmp_;  // (offset in pool_ << 8) | length, per BMP code point
  std::u32string pool_;
};

enum class Kind : std::uint8_t { kWord, kLeet, kApostrophe, kSpace, kBreak, kOther };

Kind Classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      return Kind::kWord;
    }
    if (c == '@' || c == '$') return Kind::kLeet;
    if (c == '\'' || c == '`') return Kind::kApostrophe;
    if (c == '\n') return Kind::kBreak;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return Kind::kSpace;
    return Kind::kOther;
  }
  const auto x = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(x, UCHAR_ALPHABETIC) || u_isdigit(x)) return Kind::kWord;
  if (c == 0x2028 || c == 0x2029 || c == 0x85) return Kind::kBreak;
  if (u_isUWhiteSpace(x)) return Kind::kSpace;
  return Kind::kOther;
}

// A number with its unit, written as one token: an hour ("17h", "10h30"), a distance, a weight,
// an age, an ordinal ("3e", "1er"). Its digits are not l33t: "17h" is not "ith".
bool IsMeasure(const std::vector<Unit>& units, std::uint32_t first, std::uint32_t end) {
  std::uint32_t k = first;
  while (k < end && units[k].cp >= '0' && units[k].cp <= '9') ++k;
  if (k == first || k == end) return false;
  std::string unit;
  while (k < end && units[k].cp >= 'a' && units[k].cp <= 'z' && unit.size() < 4) {
    unit.push_back(static_cast<char>(units[k].cp));
    ++k;
  }
  while (k < end && units[k].cp >= '0' && units[k].cp <= '9') ++k;  // "10h30"
  static constexpr std::string_view kUnits[] = {"h",  "mn", "min", "km",  "kg",  "g", "m",
                                                "cm", "e",  "er",  "eme", "ans", "an"};
  return k == end && std::any_of(std::begin(kUnits), std::end(kUnits),
                                 [&](std::string_view u) { return u == unit; });
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC);
}

char32_t Leet(char32_t c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    default:
      return c;
  }
}

// A token before squeezing: a character and where it came from.
struct Char {
  char32_t cp;
  std::uint32_t begin;
  std::uint32_t end;
  std::uint8_t mark;
};

void AppendUtf8(char32_t cp, std::string* out) {
  char buffer[4];
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, static_cast<UChar32>(cp), error);
  if (error) {
    out->append("\xEF\xBF\xBD");
  } else {
    out->append(buffer, static_cast<std::size_t>(length));
  }
}

}  // namespace

Span NormalizedText::ToOriginal(std::size_t begin, std::size_t end) const {
  return Span{origin[begin].begin, origin[end - 1].end};
}

NormalizedText Normalize(std::string_view text) {
  NormalizedText out;
  out.original.assign(text);
  const FoldTable& table = FoldTable::Get();

  // Steps 1-3: mapped code points.
  std::vector<Unit> units;
  units.reserve(text.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const auto begin = static_cast<std::uint32_t>(i);
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
      units.push_back({static_cast<char32_t>(c >= 'A' && c <= 'Z' ? c + 32 : c), begin,
                       static_cast<std::uint32_t>(i)});
      continue;
    }
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    table.Append(c, begin, static_cast<std::uint32_t>(i), &units);
  }

  // Step 4: raw tokens, maximal runs of word characters (apostrophes separate).
  std::vector<Kind> kinds(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) kinds[i] = Classify(units[i].cp);
  struct Range {
    std::uint32_t first;
    std::uint32_t end;
  };
  std::vector<Range> raw;
  for (std::uint32_t i = 0; i < units.size();) {
    if (kinds[i] != Kind::kWord && kinds[i] != Kind::kLeet) {
      ++i;
      continue;
    }
    std::uint32_t j = i;
    while (j < units.size() && (kinds[j] == Kind::kWord || kinds[j] == Kind::kLeet)) ++j;
    raw.push_back({i, j});
    i = j;
  }

  // Step 5: runs of >= 3 one-character tokens with short gaps become one token.
  auto joinable_gap = [&](const Range& a, const Range& b) {
    const std::uint32_t gap = b.first - a.end;
    if (gap < 1 || gap > 3) return false;
    for (std::uint32_t k = a.end; k < b.first; ++k) {
      if (kinds[k] != Kind::kSpace && kinds[k] != Kind::kOther) return false;
    }
    return true;
  };
  struct Token {  // raw tokens [first, end)
    std::size_t first;
    std::size_t end;
  };
  std::vector<Token> tokens;
  tokens.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t j = i;
    if (raw[i].end - raw[i].first == 1) {
      while (j + 1 < raw.size() && raw[j + 1].end - raw[j + 1].first == 1 &&
             joinable_gap(raw[j], raw[j + 1])) {
        ++j;
      }
    }
    const std::size_t end = j - i + 1 >= 3 ? j + 1 : i + 1;
    tokens.push_back({i, end});
    i = end;
  }

  // Steps 6-7 per token, then the output.
  out.folded.reserve(text.size());
  out.runs.reserve(text.size());
  out.marks.reserve(text.size());
  out.origin.reserve(text.size());
  std::vector<Char> chars;
  std::uint32_t previous_end = 0;
  for (const Token& token : tokens) {
    chars.clear();
    bool has_letter = false;
    for (std::size_t p = token.first; p < token.end; ++p) {
      for (std::uint32_t k = raw[p].first; k < raw[p].end; ++k) {
        has_letter |= IsLetter(units[k].cp);
      }
    }
    // "17h", "10h30", "3e": a number and its unit, kept as written.
    const bool measure = token.end == token.first + 1 &&
                         IsMeasure(units, raw[token.first].first, raw[token.first].end);
    for (std::size_t p = token.first; p < token.end; ++p) {
      const Range& r = raw[p];
      for (std::uint32_t k = r.first; k < r.end; ++k) {
        const Unit& u = units[k];
        if (has_letter && !measure) {
          chars.push_back({Leet(u.cp), u.begin, u.end,
                           static_cast<std::uint8_t>(u.cp == '1' ? kFromDigitOne : 0)});
        } else if (kinds[k] == Kind::kWord) {
          chars.push_back({u.cp, u.begin, u.end, 0});
        }
      }
    }
    if (chars.empty()) continue;
    if (!out.folded.empty()) {
      out.folded.push_back(' ');
      out.runs.push_back(1);
      out.marks.push_back(0);
      out.origin.push_back(Span{previous_end, std::max(previous_end, chars.front().begin)});
    }
    const std::size_t token_start = out.folded.size();
    for (std::size_t k = 0; k < chars.size();) {
      std::size_t m = k + 1;
      if (IsLetter(chars[k].cp)) {
        while (m < chars.size() && chars[m].cp == chars[k].cp) ++m;
      }
      const std::size_t before = out.folded.size();
      AppendUtf8(chars[k].cp, &out.folded);
      const auto run = static_cast<std::uint8_t>(std::min<std::size_t>(m - k, 255));
      for (std::size_t b = before; b < out.folded.size(); ++b) {
        out.runs.push_back(run);
        out.marks.push_back(chars[k].mark);
        out.origin.push_back(Span{chars[k].begin, chars[m - 1].end});
      }
      k = m;
    }
    previous_end = chars.back().end;
    out.words.emplace_back(out.folded, token_start, out.folded.size() - token_start);
  }
  return out;
}

std::string FoldName(std::string_view name) {
  NormalizedText n = Normalize(name);
  std::string key;
  key.reserve(n.folded.size());
  for (char c : n.folded) {
    if (c != ' ') key.push_back(c);
  }
  return key;
}

}  // namespace palabre::moderation
