// What a reader's network address says about who they are, for limits that a reader cannot
// escape by minting identifiers: flood control, bans, votes and reports.
//
// ClientKey is one client: an IPv4 address as it is, an IPv6 address by its /64 (an ISP gives
// a subscriber at least a /64, and privacy addresses rotate inside it at no cost), an
// IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4. ClientRange is the network around
// it: IPv4 /24, IPv6 /48 (one site or one small provider block), so that many addresses of
// one range count once where that matters (reader reports). Either is a canonical text
// ("192.0.2.7", "2001:db8:1:2::/64", "192.0.2.0/24"); callers hash it with the
// site's salt and never store it. An IPv4 key is the dotted address itself, so hashes of IPv4
// clients are those palabre always stored. A text that is not an IP address (a test's made-up peer,
// a proxy that sent a name) is its own key and its own range. Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>

namespace palabre {

// `address` may carry brackets and a port ("[2001:db8::1]:443", "192.0.2.7:5678") and
// surrounding spaces; they are ignored.
std::string ClientKey(std::string_view address);
std::string ClientRange(std::string_view address);

}  // namespace palabre
