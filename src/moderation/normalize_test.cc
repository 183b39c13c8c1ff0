#include "moderation/normalize.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>

namespace palabre::moderation {
namespace {

std::string Folded(std::string_view s) { return Normalize(s).folded; }

TEST(NormalizeTest, LowerCaseAccentsAndPunctuation) {
  // "armée" loses its accent, then its doubled e is squeezed like any stretched letter.
  EXPECT_EQ(Folded("L'Armée a DÉCIDÉ, hier soir !"), "l arme a decide hier soir");
  EXPECT_EQ(Folded("Ça suffit…"), "ca sufit");
  EXPECT_EQ(Folded("cœur, Œuvre"), "coeur oeuvre");
}

TEST(NormalizeTest, ElisionSplitsAfterApostrophes) {
  EXPECT_EQ(Folded("qu'il s'en aille, j'y crois, c’est l’heure"),
            "qu il s en aile j y crois c est l heure");
}

TEST(NormalizeTest, SpacedOutLettersAreJoined) {
  EXPECT_EQ(Folded("c.o.n.n.a.r.d"), "conard");
  EXPECT_EQ(Folded("espèce de c o n n a r d !"), "espece de conard");
  EXPECT_EQ(Folded("c-o-n-n-a-r-d"), "conard");
  EXPECT_EQ(Folded("c . o . n"), "con");
  // Two single letters are ordinary French ("il y a"), not a spelled-out word.
  EXPECT_EQ(Folded("il y a du monde"), "il y a du monde");
  // Apostrophes never join: "l'a" stays two words.
  EXPECT_EQ(Folded("l'a d'a"), "l a d a");
}

TEST(NormalizeTest, LeetInsideWordsOnly) {
  EXPECT_EQ(Folded("c0nn4rd"), "conard");
  EXPECT_EQ(Folded("s@lope $alope m3rde"), "salope salope merde");
  EXPECT_EQ(Folded("L'attaque a fait 40 morts en 2024"), "l ataque a fait 40 morts en 2024");
  // A number and its unit is no l33t word: hours, distances, ordinals.
  EXPECT_EQ(Folded("Ta fille sort à 17h, le bus à 10h30"), "ta file sort a 17h le bus a 10h30");
  EXPECT_EQ(Folded("Le 3e convoi, à 20km de Kaya"), "le 3e convoi a 20km de kaya");
  EXPECT_EQ(Folded("t3 tu3r, c0nn4rd, 4ns"), "te tuer conard ans");
  EXPECT_EQ(Folded("100$"), "100");
}

TEST(NormalizeTest, DigitOneIsMarked) {
  NormalizedText n = Normalize("cu1");
  ASSERT_EQ(n.folded, "cui");
  EXPECT_EQ(n.marks[2], kFromDigitOne);
  EXPECT_EQ(n.marks[0], 0);
}

TEST(NormalizeTest, StretchedLettersAreSqueezedWithTheirRuns) {
  NormalizedText n = Normalize("Connnnard");
  ASSERT_EQ(n.folded, "conard");
  EXPECT_EQ(n.runs[2], 4);  // n
  EXPECT_EQ(n.runs[0], 1);
  EXPECT_EQ(Folded("nooooon"), "non");
  // Digits are not squeezed.
  EXPECT_EQ(Folded("1000 morts"), "1000 morts");
}

TEST(NormalizeTest, ConfusablesAndCompatibilityForms) {
  EXPECT_EQ(Folded("c\xD0\xBEnnard"), "conard");                     // Cyrillic о
  EXPECT_EQ(Folded("c\xCE\xBFnnard"), "conard");                     // Greek ο
  EXPECT_EQ(Folded("\xEF\xBD\x83\xEF\xBD\x8F\xEF\xBD\x8E"), "con");  // full-width ｃｏｎ
  EXPECT_EQ(Folded("\xF0\x9D\x90\x9C\xF0\x9D\x90\xA8\xF0\x9D\x90\xA7"), "con");  // bold 𝐜𝐨𝐧
  EXPECT_EQ(Folded("\xD1\x81\xD0\xB0\xD1\x80"), "cap");                          // Cyrillic сар
}

TEST(NormalizeTest, InvisibleCharactersVanish) {
  EXPECT_EQ(Folded("con\xE2\x80\x8Bnard"), "conard");  // zero-width space
  EXPECT_EQ(Folded("con\xC2\xADnard"), "conard");      // soft hyphen
  EXPECT_EQ(Folded("e\xCC\x81tat"), "etat");           // decomposed é
}

TEST(NormalizeTest, OtherScriptsAreKept) {
  // Arabic stays Arabic (no Latin skeleton forced on it); emoji are separators.
  EXPECT_EQ(Folded("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xF0\x9F\x99\x8F paix"),
            "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 paix");
}

TEST(NormalizeTest, WordsAndOrigins) {
  const std::string text = "Ils ont DÉTRUIT l'école";
  NormalizedText n = Normalize(text);
  ASSERT_EQ(n.folded, "ils ont detruit l ecole");
  EXPECT_EQ(n.words, (std::vector<std::string>{"ils", "ont", "detruit", "l", "ecole"}));
  ASSERT_EQ(n.runs.size(), n.folded.size());
  ASSERT_EQ(n.origin.size(), n.folded.size());
  const std::size_t at = n.folded.find("detruit");
  Span span = n.ToOriginal(at, at + 7);
  EXPECT_EQ(text.substr(span.begin, span.end - span.begin), "DÉTRUIT");
  const std::size_t school = n.folded.find("ecole");
  span = n.ToOriginal(school, school + 5);
  EXPECT_EQ(text.substr(span.begin, span.end - span.begin), "école");
}

TEST(NormalizeTest, SpanOfAJoinedWordCoversTheSeparators) {
  const std::string text = "un c.o.n ici";
  NormalizedText n = Normalize(text);
  ASSERT_EQ(n.folded, "un con ici");
  Span span = n.ToOriginal(3, 6);
  EXPECT_EQ(text.substr(span.begin, span.end - span.begin), "c.o.n");
}

TEST(NormalizeTest, EmptyAndInvalidInput) {
  EXPECT_EQ(Folded(""), "");
  EXPECT_EQ(Folded("   !!! ... ???"), "");
  EXPECT_EQ(Folded("ok\xFF\xFEok"), "ok ok");
  EXPECT_TRUE(Normalize("").words.empty());
}

TEST(NormalizeTest, FoldNameIgnoresCaseSpacesAndPunctuation) {
  EXPECT_EQ(FoldName("Moussa  D."), "mousad");
  EXPECT_EQ(FoldName("moussa d"), "mousad");
  EXPECT_EQ(FoldName("MOUSSA-D"), "mousad");
  EXPECT_EQ(FoldName("..."), "");
}

}  // namespace
}  // namespace palabre::moderation

namespace palabre::moderation {
namespace {

// Invariants on arbitrary input: one runs/marks/origin entry per folded byte, origins inside the
// original and in order, single spaces between non-empty words, valid UTF-8 out.
TEST(NormalizeTest, InvariantsOnRandomInput) {
  const char* pieces[] = {"a",
                          "B",
                          "é",
                          "e\xCC\x81",
                          " ",
                          ".",
                          "'",
                          "’",
                          "1",
                          "0",
                          "@",
                          "$",
                          "\xD0\xBE",
                          "\xEF\xBD\x83",
                          "\xE2\x80\x8B",
                          "\xF0\x9F\x99\x8F",
                          "\n",
                          "\xFF",
                          "\xC3",
                          "-",
                          "!!",
                          "nnn",
                          "\xD8\xB3",
                          "\xF0\x9D\x90\x9C",
                          "ß"};
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(next() % 40);
    for (int i = 0; i < length; ++i) text += pieces[next() % std::size(pieces)];
    const NormalizedText n = Normalize(text);
    ASSERT_EQ(n.runs.size(), n.folded.size()) << text;
    ASSERT_EQ(n.marks.size(), n.folded.size()) << text;
    ASSERT_EQ(n.origin.size(), n.folded.size()) << text;
    if (n.folded.empty()) {
      EXPECT_TRUE(n.words.empty());
      continue;
    }
    EXPECT_NE(n.folded.front(), ' ') << text;
    EXPECT_NE(n.folded.back(), ' ') << text;
    EXPECT_EQ(n.folded.find("  "), std::string::npos) << text;
    std::string joined;
    for (const auto& w : n.words) joined += (joined.empty() ? "" : " ") + w;
    EXPECT_EQ(joined, n.folded);
    for (std::size_t i = 0; i < n.folded.size(); ++i) {
      EXPECT_LE(n.origin[i].begin, n.origin[i].end);
      EXPECT_LE(n.origin[i].end, text.size());
      EXPECT_GE(n.runs[i], 1);
      if (i > 0) {
        EXPECT_LE(n.origin[i - 1].begin, n.origin[i].begin) << text;
      }
    }
    const Span all = n.ToOriginal(0, n.folded.size());
    EXPECT_LE(all.begin, all.end);
  }
}

}  // namespace
}  // namespace palabre::moderation
