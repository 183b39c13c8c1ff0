// Random tokens, keyed hashes and password hashes (libsodium): edit tokens, hashed client
// addresses, voter ids, moderators' passwords.
//
// palabre never stores a secret or an address in clear: edit tokens are stored as their hash,
// client addresses as a keyed hash with the site's salt, passwords as Argon2id strings
// (crypto_pwhash_str). Thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre {

// Must be called once before any other function here (idempotent, thread-safe). Returns false
// if libsodium cannot initialise.
bool InitCrypto();

// `bytes` random bytes, base64url without padding (32 bytes -> 43 characters).
std::string RandomToken(std::size_t bytes = 32);

// Hex BLAKE2b-256 of `data`, keyed by `key` when not empty.
std::string HashHex(std::string_view data, std::string_view key = {});

// The replies feed's token of a reader (docs/NOTIFICATIONS.md, "A reader's replies"): a keyed
// hash of the widget's per-browser reader token with a key derived from the site's salt, so
// that another site gets another token and the reader token cannot be found from it.
std::string RepliesFeedToken(std::string_view reader_token, std::string_view site_salt);

// Constant-time comparison of two strings of equal length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Cost of a password hash. kInteractive is libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (about
// 64 MiB and a few tens of ms): the only setting for real accounts. kTest is the minimum
// libsodium accepts, for unit tests that hash many passwords.
enum class PasswordCost { kInteractive, kTest };

// Argon2id string ("$argon2id$v=19$m=...") of `password`, with a random salt; the cost is
// recorded in the string, so VerifyPassword needs nothing else. kInternal if libsodium runs
// out of memory.
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = PasswordCost::kInteractive);

// Whether `password` matches `hash` (a HashPassword string). False for a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace palabre
