#include "moderation/fingerprint.h"

#include <cstring>
#include <limits>

namespace palabre::moderation {
namespace {

// The finaliser of SplitMix64: a strong 64-bit mixer.
std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

// Per-position odd multipliers and offsets of the hash family h_i(x) = (a_i * x + b_i) >> 32,
// derived once from fixed seeds (the signature must not change between runs of one process).
struct Family {
  std::array<std::uint64_t, kMinHashSize> a;
  std::array<std::uint64_t, kMinHashSize> b;
  Family() {
    for (std::size_t i = 0; i < kMinHashSize; ++i) {
      a[i] = Mix(0x9E3779B97F4A7C15ull * (2 * i + 1)) | 1;
      b[i] = Mix(0xD1B54A32D192ED03ull * (2 * i + 2));
    }
  }
};

const Family& GetFamily() {
  static const Family family;
  return family;
}

}  // namespace

std::uint64_t Hash64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = Mix(seed ^ (bytes.size() * 0x9E3779B97F4A7C15ull));
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = Mix(h ^ word) + 0x9E3779B97F4A7C15ull;
  }
  std::uint64_t tail = 0;
  for (std::size_t k = 0; i < bytes.size(); ++i, ++k) {
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * k);
  }
  return Mix(h ^ tail ^ 0xA0761D6478BD642Full);
}

std::uint32_t Fingerprint::BandKey(std::size_t b) const {
  std::uint64_t h = 0x8EBC6AF09C88C6E3ull + b;
  for (std::size_t r = 0; r < kRows; ++r) h = Mix(h ^ minhash[b * kRows + r]);
  const auto key = static_cast<std::uint32_t>(h >> 32);
  return key == 0 ? 1 : key;
}

Fingerprint ComputeFingerprint(const NormalizedText& text) {
  Fingerprint fp;
  fp.length = static_cast<std::uint32_t>(text.folded.size());
  if (text.folded.empty()) return fp;
  fp.exact = Hash64(text.folded, 1);
  if (fp.exact == 0) fp.exact = 1;
  fp.minhash.fill(std::numeric_limits<std::uint32_t>::max());
  const Family& family = GetFamily();
  auto add = [&](std::uint64_t shingle) {
    ++fp.shingles;
    for (std::size_t i = 0; i < kMinHashSize; ++i) {
      const auto h = static_cast<std::uint32_t>((family.a[i] * shingle + family.b[i]) >> 32);
      if (h < fp.minhash[i]) fp.minhash[i] = h;
    }
  };
  const auto& words = text.words;
  if (words.size() == 1) {
    add(Hash64(words[0], 2));
    return fp;
  }
  std::uint64_t previous = Hash64(words[0], 3);
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::uint64_t current = Hash64(words[i], 3);
    add(Mix(previous * 31 + current));
    previous = current;
  }
  return fp;
}

double Similarity(const Fingerprint& a, const Fingerprint& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0.0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kMinHashSize; ++i) equal += a.minhash[i] == b.minhash[i];
  return static_cast<double>(equal) / kMinHashSize;
}

}  // namespace palabre::moderation
