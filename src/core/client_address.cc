#include "core/client_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

#include "core/text/ascii.h"

namespace palabre {
namespace {

struct Parsed {
  bool v4 = false;
  std::array<std::uint8_t, 16> bytes{};  // v4: the first 4
};

// The address without brackets or port, as inet_pton reads it.
std::string Bare(std::string_view s) {
  s = text::TrimAscii(s);
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close != std::string_view::npos) return std::string(s.substr(1, close - 1));
  }
  // "a.b.c.d:port": one colon and dots before it. (IPv6 has two colons or more.)
  const auto colon = s.find(':');
  if (colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos) {
    return std::string(s.substr(0, colon));
  }
  return std::string(s);
}

std::optional<Parsed> Parse(std::string_view address) {
  const std::string bare = Bare(address);
  if (bare.empty() || bare.size() > 64) return std::nullopt;
  Parsed p;
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) {
    p.v4 = true;
    std::memcpy(p.bytes.data(), &v4.s_addr, 4);
    return p;
  }
  in6_addr v6{};
  // A zone id ("fe80::1%eth0") is not part of the address.
  const std::string no_zone = bare.substr(0, bare.find('%'));
  if (inet_pton(AF_INET6, no_zone.c_str(), &v6) != 1) return std::nullopt;
  std::memcpy(p.bytes.data(), v6.s6_addr, 16);
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(p.bytes.data(), kMapped, 12) == 0) {
    p.v4 = true;
    std::memmove(p.bytes.data(), p.bytes.data() + 12, 4);
    std::memset(p.bytes.data() + 4, 0, 12);
  }
  return p;
}

std::string V4(const Parsed& p, int keep_octets) {
  char buf[40];
  std::array<unsigned, 4> o{};
  for (int i = 0; i < 4; ++i) o[i] = i < keep_octets ? p.bytes[i] : 0;
  if (keep_octets < 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", o[0], o[1], o[2], o[3], keep_octets * 8);
  } else {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", o[0], o[1], o[2], o[3]);
  }
  return buf;
}

// The first `groups` 16-bit groups, "v6:2001:db8:1:2::/64".
std::string V6(const Parsed& p, int groups) {
  char buf[48];
  int n = 0;
  for (int g = 0; g < groups; ++g) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n),
                       "%x:", static_cast<unsigned>((p.bytes[2 * g] << 8) | p.bytes[2 * g + 1]));
  }
  std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ":/%d", groups * 16);
  return buf;
}

}  // namespace

std::string ClientKey(std::string_view address) {
  const auto p = Parse(address);
  if (!p) return std::string(text::TrimAscii(address));
  return p->v4 ? V4(*p, 4) : V6(*p, 4);
}

std::string ClientRange(std::string_view address) {
  const auto p = Parse(address);
  if (!p) return std::string(text::TrimAscii(address));
  return p->v4 ? V4(*p, 3) : V6(*p, 3);
}

}  // namespace palabre
