#include "core/mail.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <ctime>

#include "core/text/utf8.h"

namespace palabre {
namespace {

constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";
// 75 characters per encoded-word (RFC 2047 section 2) leave 63 for base64: 45 bytes of text.
constexpr std::size_t kWordBytes = 45;

bool IsPlainAscii(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// The length of the first piece of `s` of at most `max` bytes that ends on a character
// boundary (a continuation byte is never the first of the next piece); at least one byte.
std::size_t PieceLength(std::string_view s, std::size_t max) {
  const std::size_t n = text::PrefixBytes(s, max);
  return n == 0 ? max : n;
}

}  // namespace

std::string EncodeHeaderText(std::string_view utf8) {
  std::string clean(utf8);
  for (char& c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  if (IsPlainAscii(clean) && clean.find("=?") == std::string::npos) return clean;
  std::string out;
  std::string_view rest = clean;
  while (!rest.empty()) {
    const std::size_t n = PieceLength(rest, kWordBytes);
    if (!out.empty()) out += ' ';
    out.append(kWordStart).append(Base64(rest.substr(0, n))).append(kWordEnd);
    rest.remove_prefix(n);
  }
  return out;
}

std::string FormatMailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string shown;
  if (IsPlainAscii(name) && name.find("=?") == std::string_view::npos) {
    shown = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') shown += '\\';
      shown += c;
    }
    shown += '"';
  } else {
    shown = EncodeHeaderText(name);
  }
  return shown + " <" + std::string(address) + ">";
}

std::string MailDate(std::int64_t unix_seconds) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool IsSafeHeaderValue(std::string_view value) {
  return value.size() <= 998 &&
         value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace palabre
