// Fingerprint: what the duplicate check and the history keep of a comment's text.
//
// `exact` hashes the folded text (moderation/normalize.h), so texts that differ only in case,
// accents, punctuation, spacing or stretched letters have the same one. `minhash` is a MinHash
// signature of the set of word bigrams (shingles) of the folded text: the share of equal
// positions of two signatures estimates the Jaccard similarity of the two shingle sets, and
// the first kBands * kRows values, cut into bands, are the keys of the locality-sensitive
// index (moderation/history.h): two texts land in a common bucket with probability
// 1 - (1 - J^kRows)^kBands (J = 0.6: 0.86, 0.7: 0.97, 0.8: 0.997, identical: 1).
//
// Value types and pure functions: thread-safe, never fail.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "moderation/normalize.h"

namespace palabre::moderation {

inline constexpr std::size_t kMinHashSize = 32;
inline constexpr std::size_t kBands = 8;
inline constexpr std::size_t kRows = 3;
static_assert(kBands * kRows <= kMinHashSize);

struct Fingerprint {
  std::uint64_t exact = 0;     // hash of `folded`; 0 only for an empty text
  std::uint32_t length = 0;    // bytes of `folded`
  std::uint32_t shingles = 0;  // shingles hashed (0: no word)
  std::array<std::uint32_t, kMinHashSize> minhash{};

  // Key of band b (< kBands) for the index; never 0.
  std::uint32_t BandKey(std::size_t b) const;
};

Fingerprint ComputeFingerprint(const NormalizedText& text);

// Estimated Jaccard similarity of the shingle sets, in [0, 1]; 0 if either has no shingle.
double Similarity(const Fingerprint& a, const Fingerprint& b);

// 64-bit hash of bytes (stable within a process; not for storage).
std::uint64_t Hash64(std::string_view bytes, std::uint64_t seed = 0);

}  // namespace palabre::moderation
