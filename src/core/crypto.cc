#include "core/crypto.h"

#include <sodium.h>

#include <array>

namespace palabre {

bool InitCrypto() {
  // sodium_init is itself thread-safe and idempotent: 0 on first success, 1 when already done.
  return sodium_init() >= 0;
}

std::string RandomToken(std::size_t bytes) {
  if (bytes == 0) return {};
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  // The encoded length counts the terminating NUL that sodium_bin2base64 writes.
  std::string out(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), kVariant);
  sodium_memzero(raw.data(), raw.size());
  out.resize(out.size() - 1);
  return out;
}

std::string HashHex(std::string_view data, std::string_view key) {
  constexpr std::size_t kDigestBytes = 32;
  static_assert(kDigestBytes >= crypto_generichash_BYTES_MIN &&
                kDigestBytes <= crypto_generichash_BYTES_MAX);
  std::array<unsigned char, kDigestBytes> key_digest{};
  const auto* key_ptr = reinterpret_cast<const unsigned char*>(key.data());
  std::size_t key_len = key.size();
  if (key_len != 0 &&
      (key_len < crypto_generichash_KEYBYTES_MIN || key_len > crypto_generichash_KEYBYTES_MAX)) {
    // BLAKE2b takes 16..64-byte keys: any other key is first reduced to a 32-byte digest.
    crypto_generichash(key_digest.data(), key_digest.size(), key_ptr, key_len, nullptr, 0);
    key_ptr = key_digest.data();
    key_len = key_digest.size();
  }
  std::array<unsigned char, kDigestBytes> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     key_len == 0 ? nullptr : key_ptr, key_len);
  sodium_memzero(key_digest.data(), key_digest.size());
  std::string hex(kDigestBytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.resize(kDigestBytes * 2);
  return hex;
}

std::string RepliesFeedToken(std::string_view reader_token, std::string_view site_salt) {
  return HashHex(reader_token, HashHex("palabre replies feed v1", site_salt));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // lengths are not secret (tokens have a fixed size)
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  const bool test = cost == PasswordCost::kTest;
  const unsigned long long ops =
      test ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem = test ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(Error::kInternal, "password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  // crypto_pwhash_str_verify wants a NUL-terminated string of less than STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  hash.copy(buf, hash.size());
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

}  // namespace palabre
