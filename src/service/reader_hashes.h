// The salted hashes that stand for a reader of a site (their client, their network range,
// their browser's token), shared by the writer (a comment's client hash) and the reader
// actions (votes, reports). Never the address itself: only these are stored. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/client_address.h"
#include "core/crypto.h"
#include "core/model.h"

namespace palabre::service {

// "" without an address.
inline std::string ClientHash(std::string_view address, const Site& site) {
  return address.empty() ? "" : HashHex(ClientKey(address), site.salt);
}
inline std::string RangeHash(std::string_view address, const Site& site) {
  return address.empty() ? "" : HashHex("range:" + ClientRange(address), site.salt);
}
// "" without a token.
inline std::string TokenHash(std::string_view token, const Site& site) {
  return token.empty() ? "" : HashHex("token:" + std::string(token), site.salt);
}

}  // namespace palabre::service
