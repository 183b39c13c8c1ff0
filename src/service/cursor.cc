#include "service/cursor.h"

#include <cstdint>
#include <limits>

namespace palabre::service {

std::string EncodeCursor(const store::PageCursor& cursor) {
  // "<key>.<id>" in base64url: opaque to clients, trivially checked when it comes back.
  const std::string plain = std::to_string(cursor.key) + "." + std::to_string(cursor.id);
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : plain) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buf >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buf << (6 - bits)) & 0x3F]);
  return out;
}

Result<store::PageCursor> DecodeCursor(std::string_view cursor) {
  const Status bad(Error::kInvalidCursor, "not a cursor palabre gave");
  if (cursor.size() > 64) return bad;
  std::string plain;
  std::uint32_t buf = 0;
  int bits = 0;
  for (char ch : cursor) {
    int v;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9')
      v = ch - '0' + 52;
    else if (ch == '-')
      v = 62;
    else if (ch == '_')
      v = 63;
    else
      return bad;
    buf = (buf << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      plain.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  const auto dot = plain.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == plain.size()) return bad;
  auto parse = [](std::string_view s, std::int64_t& out) {
    if (s.empty() || s.size() > 20) return false;
    std::size_t i = 0;
    bool neg = false;
    if (s[0] == '-') {
      neg = true;
      i = 1;
      if (s.size() == 1) return false;
    }
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (v > (std::numeric_limits<std::int64_t>::max() - (s[i] - '0')) / 10) return false;
      v = v * 10 + (s[i] - '0');
    }
    out = neg ? -v : v;
    return true;
  };
  store::PageCursor c;
  if (!parse(std::string_view(plain).substr(0, dot), c.key) ||
      !parse(std::string_view(plain).substr(dot + 1), c.id) || c.id <= 0) {
    return bad;
  }
  return c;
}

}  // namespace palabre::service
