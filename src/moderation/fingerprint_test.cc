#include "moderation/fingerprint.h"

#include <gtest/gtest.h>

namespace palabre::moderation {
namespace {

Fingerprint Of(std::string_view text) { return ComputeFingerprint(Normalize(text)); }

constexpr const char* kText =
    "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer pourquoi les "
    "renforts sont arrivés si tard.";

TEST(FingerprintTest, SameFoldedTextSameFingerprint) {
  const Fingerprint a = Of(kText);
  const Fingerprint b =
      Of("LE GOUVERNEMENT doit publier le bilan exact de l’attaque de Djibo, et expliquer pourquoi "
         "les renforts sont arrives si tard !!");
  EXPECT_EQ(a.exact, b.exact);
  EXPECT_EQ(a.minhash, b.minhash);
  EXPECT_DOUBLE_EQ(Similarity(a, b), 1.0);
  for (std::size_t band = 0; band < kBands; ++band) EXPECT_EQ(a.BandKey(band), b.BandKey(band));
}

TEST(FingerprintTest, SmallEditsStaySimilar) {
  const Fingerprint a = Of(kText);
  const Fingerprint b =
      Of("Le gouvernement doit publier le bilan exact de l'attaque de Djibo et nous expliquer "
         "pourquoi les renforts sont arrivés si tard.");
  EXPECT_NE(a.exact, b.exact);
  EXPECT_GE(Similarity(a, b), 0.6);
}

TEST(FingerprintTest, DifferentTextsAreNotSimilar) {
  const Fingerprint a = Of(kText);
  const Fingerprint b =
      Of("Les familles des soldats tombés attendent toujours une aide de l'État et personne ne "
         "leur répond depuis des mois.");
  EXPECT_LE(Similarity(a, b), 0.2);
}

TEST(FingerprintTest, EmptyAndOneWordTexts) {
  const Fingerprint empty = Of("...");
  EXPECT_EQ(empty.exact, 0u);
  EXPECT_EQ(empty.shingles, 0u);
  EXPECT_DOUBLE_EQ(Similarity(empty, empty), 0.0);
  const Fingerprint word = Of("Triste");
  EXPECT_NE(word.exact, 0u);
  EXPECT_EQ(word.shingles, 1u);
  EXPECT_DOUBLE_EQ(Similarity(word, Of("TRISTE !")), 1.0);
}

TEST(FingerprintTest, Hash64DependsOnSeedAndBytes) {
  EXPECT_EQ(Hash64("abc"), Hash64("abc"));
  EXPECT_NE(Hash64("abc"), Hash64("abd"));
  EXPECT_NE(Hash64("abc", 1), Hash64("abc", 2));
  EXPECT_NE(Hash64(""), Hash64(std::string_view("\0", 1)));
}

}  // namespace
}  // namespace palabre::moderation
