// Random tokens and keyed hashes (libsodium): edit tokens, hashed client addresses, voter ids.
//
// palabre never stores a secret or an address in clear: edit tokens are stored as their hash,
// client addresses as a keyed hash with the site's salt. Thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

namespace palabre {

// Must be called once before any other function here (idempotent, thread-safe). Returns false
// if libsodium cannot initialise.
bool InitCrypto();

// `bytes` random bytes, base64url without padding (32 bytes -> 43 characters).
std::string RandomToken(std::size_t bytes = 32);

// Hex BLAKE2b-256 of `data`, keyed by `key` when not empty.
std::string HashHex(std::string_view data, std::string_view key = {});

// Constant-time comparison of two strings of equal length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace palabre
