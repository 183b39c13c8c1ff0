#include "core/text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace palabre::text {
namespace {

std::string Normalized(std::string_view s, bool single_line = false) {
  Result<std::string> r = NormalizeUserText(s, single_line);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : std::string("<error>");
}

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Paix à leurs âmes"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));  // NUL is valid UTF-8
  EXPECT_TRUE(IsValidUtf8("\x7F"));
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(IsValidUtf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("Wolof: Jërëjëf 🙏🏾, ߒߞߏ"));  // emoji with modifier, N'Ko
}

TEST(ReplaceInvalidUtf8Test, ReplacesEachIllFormedByteAndKeepsTheRest) {
  EXPECT_EQ(ReplaceInvalidUtf8("Paix à leurs âmes 🙏🏾"), "Paix à leurs âmes 🙏🏾");
  EXPECT_EQ(ReplaceInvalidUtf8("caf\xE9 ok"), "caf\uFFFD ok");            // Latin-1 é
  EXPECT_EQ(ReplaceInvalidUtf8("\xC0\xAF"), "\uFFFD\uFFFD");              // overlong: two bytes
  EXPECT_EQ(ReplaceInvalidUtf8("a\xF0\x9F\x99"), "a\uFFFD\uFFFD\uFFFD");  // truncated
  EXPECT_EQ(ReplaceInvalidUtf8("\xED\xA0\x80x"), "\uFFFD\uFFFD\uFFFDx");  // surrogate
  EXPECT_TRUE(IsValidUtf8(ReplaceInvalidUtf8("\xFF\xFE\x80 \xC3")));
}

TEST(IsValidUtf8Test, RejectsIllFormedText) {
  EXPECT_FALSE(IsValidUtf8("\x80"));  // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));                      // truncated 2-byte
  EXPECT_FALSE(IsValidUtf8("caf\xC3"));                   // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));                  // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));                  // truncated 3-byte
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x99"));              // truncated 4-byte
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                  // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));                  // overlong
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));                  // overlong NUL ("modified UTF-8")
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));              // overlong 3-byte
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));              // overlong U+07FF
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));          // overlong 4-byte
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));          // overlong U+FFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800, high surrogate
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF, low surrogate
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x28\xA1"));             // second byte not a continuation
  EXPECT_FALSE(IsValidUtf8("\xE2\x82\x28"));             // third byte not a continuation
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x99\x28"));         // fourth byte not a continuation
  EXPECT_FALSE(IsValidUtf8("Paix \xE0 leurs \xE2mes"));  // Latin-1, not UTF-8
}

TEST(NormalizeUserTextTest, RejectsInvalidUtf8) {
  const Result<std::string> r = NormalizeUserText("caf\xE9", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::kInvalidUtf8);
  EXPECT_EQ(NormalizeUserText("\xED\xA0\x80", true).error(), Error::kInvalidUtf8);
}

TEST(NormalizeUserTextTest, KeepsFrenchTextUnchanged) {
  EXPECT_EQ(Normalized("Paix à leurs âmes. Ça ira, Noël, où, œuvre, « guillemets »"),
            "Paix à leurs âmes. Ça ira, Noël, où, œuvre, « guillemets »");
}

TEST(NormalizeUserTextTest, ComposesToNfc) {
  // "e" + COMBINING ACUTE ACCENT -> "é" (U+00E9); "A" + COMBINING RING -> "Å".
  EXPECT_EQ(Normalized("cafe\xCC\x81"), "caf\xC3\xA9");
  EXPECT_EQ(Normalized("A\xCC\x8A"), "\xC3\x85");
  // ANGSTROM SIGN U+212B is canonically "Å" U+00C5.
  EXPECT_EQ(Normalized("\xE2\x84\xAB"), "\xC3\x85");
  // Combining marks in non-canonical order are reordered: a + dot below + acute.
  EXPECT_EQ(Normalized("a\xCC\x81\xCC\xA3"), Normalized("a\xCC\xA3\xCC\x81"));
  // Compatibility characters are not folded (NFC, not NFKC): the ligature ﬁ stays.
  EXPECT_EQ(Normalized("\xEF\xAC\x81n"), "\xEF\xAC\x81n");
}

TEST(NormalizeUserTextTest, RemovingAControlCharacterLetsMarksCompose) {
  // The control character is removed before composition.
  EXPECT_EQ(Normalized("e\x07\xCC\x81"), "\xC3\xA9");
}

TEST(NormalizeUserTextTest, RemovesControlCharactersButNewlineAndTab) {
  EXPECT_EQ(Normalized("a\x01"
                       "b\x1B[31mc\x7F"
                       "d"),
            "ab[31mcd");
  EXPECT_EQ(Normalized(std::string_view("a\0b", 3)), "ab");
  EXPECT_EQ(Normalized("a\xC2\x85"
                       "b\xC2\x9F"
                       "c"),
            "abc");  // C1 controls NEL, APC
  EXPECT_EQ(Normalized("a\x0B"
                       "b\x0C"
                       "c"),
            "abc");  // VT, FF
  EXPECT_EQ(Normalized("ligne 1\nligne 2\tfin"), "ligne 1\nligne 2\tfin");
}

TEST(NormalizeUserTextTest, KeepsZeroWidthJoinerInsideEmojiSequencesOnly) {
  // "👩‍💻": ZERO WIDTH JOINER between two pictographs joins them into one emoji.
  EXPECT_EQ(Normalized("👩\xE2\x80\x8D💻"), "👩\xE2\x80\x8D💻");
  // After a skin tone (Extend) or an emoji presentation selector, still inside the sequence.
  EXPECT_EQ(Normalized("👩🏽\xE2\x80\x8D💻"), "👩🏽\xE2\x80\x8D💻");
  EXPECT_EQ(Normalized("❤\xEF\xB8\x8F\xE2\x80\x8D🔥"), "❤\xEF\xB8\x8F\xE2\x80\x8D🔥");
  // Between letters, at an end, or before a letter: it only hides things.
  EXPECT_EQ(Normalized("Aw\xE2\x80\x8D"
                       "a"),
            "Awa");
  EXPECT_EQ(Normalized("👩\xE2\x80\x8D"
                       "a"),
            "👩a");
  EXPECT_EQ(Normalized("a\xE2\x80\x8D💻"), "a💻");
  EXPECT_EQ(Normalized("👩\xE2\x80\x8D"), "👩");
}

TEST(NormalizeUserTextTest, RemovesBidiControls) {
  // RIGHT-TO-LEFT OVERRIDE turning "moc.evil" around; LRE..RLO, isolates, marks, ALM.
  EXPECT_EQ(Normalized("Awa \xE2\x80\xAEmoc.live\xE2\x80\xAC"), "Awa moc.live");
  for (const char* c : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                        "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
                        "\xE2\x81\xA9", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C"}) {
    EXPECT_EQ(Normalized(std::string("a") + c + "b"), "ab") << c;
    EXPECT_EQ(Normalized(std::string("a") + c + "b", true), "ab") << c;
  }
  // Right-to-left text itself is kept.
  EXPECT_EQ(Normalized("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"), "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");
}

TEST(NormalizeUserTextTest, RemovesZeroWidthCharacters) {
  // ZWSP, ZWNJ, WORD JOINER, BOM: "Awa" and "A<ZWSP>wa" are one name.
  for (const char* c : {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x81\xA0", "\xEF\xBB\xBF",
                        "\xE1\xA0\x8E", "\xE2\x81\xA2"}) {
    EXPECT_EQ(Normalized(std::string("A") + c + "wa"), "Awa") << c;
  }
  // A text made only of them is blank.
  EXPECT_EQ(Normalized("\xE2\x80\x8B\xEF\xBB\xBF"), "");
  // Removing one lets what it kept apart compose (then NFC).
  EXPECT_EQ(Normalized("e\xE2\x80\x8B\xCC\x81"), "\xC3\xA9");
  // Other format characters stay: SOFT HYPHEN, a flag's tag characters.
  EXPECT_EQ(Normalized("ma\xC2\xADnu"), "ma\xC2\xADnu");
}

TEST(NormalizeUserTextTest, NormalizesLineEnds) {
  EXPECT_EQ(Normalized("a\r\nb\rc\nd"), "a\nb\nc\nd");
  EXPECT_EQ(Normalized("a\r\r\nb"), "a\n\nb");
  EXPECT_EQ(Normalized("a\n\r\nb"), "a\n\nb");
  EXPECT_EQ(Normalized("a\xE2\x80\xA8"
                       "b\xE2\x80\xA9"
                       "c"),
            "a\nb\nc");  // U+2028, U+2029
}

TEST(NormalizeUserTextTest, SingleLineTurnsBreaksAndTabsIntoSpaces) {
  EXPECT_EQ(Normalized("Awa\nTraoré", true), "Awa Traoré");
  EXPECT_EQ(Normalized("Awa\r\nTraoré", true), "Awa Traoré");
  EXPECT_EQ(Normalized("Awa\tTraoré", true), "Awa Traoré");
  EXPECT_EQ(Normalized("a\n\nb", true), "a  b");  // each break is one space, not collapsed
  EXPECT_EQ(Normalized("\n\tAwa\n", true), "Awa");
}

TEST(NormalizeUserTextTest, TrimsWhiteSpaceAtBothEndsOnly) {
  EXPECT_EQ(Normalized("  \n\t Bonjour  à tous \n\n"), "Bonjour  à tous");
  EXPECT_EQ(Normalized("\xC2\xA0"
                       "Awa\xE3\x80\x80"),
            "Awa");                                         // NO-BREAK SPACE, IDEOGRAPHIC SPACE
  EXPECT_EQ(Normalized("\xE2\x80\x83x\xE2\x80\xAF"), "x");  // EM SPACE, NARROW NBSP
  // A narrow no-break space inside French punctuation stays.
  EXPECT_EQ(Normalized("Vraiment\xE2\x80\xAF?"), "Vraiment\xE2\x80\xAF?");
  EXPECT_EQ(Normalized("   "), "");
  EXPECT_EQ(Normalized(""), "");
  EXPECT_EQ(Normalized("\r\n\x01\r\n"), "");
}

TEST(NormalizeUserTextTest, IsIdempotent) {
  for (const std::string_view s :
       {"  cafe\xCC\x81\r\n\x02x\t ", "A\xCC\x8A\xC2\xA0", "\xE2\x80\x83\n\nb\n", "ok",
        "👩\xE2\x80\x8B\xE2\x80\x8D💻", "👩\xE2\x80\x8D\xE2\x80\x8B💻",
        "\xE2\x80\x8B \xE2\x80\xAE"
        "a"}) {
    for (const bool single_line : {false, true}) {
      const std::string once = Normalized(s, single_line);
      EXPECT_EQ(Normalized(once, single_line), once);
    }
  }
}

TEST(CodePointCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("âmes"), 4u);
  EXPECT_EQ(CodePointCount("€"), 1u);
  EXPECT_EQ(CodePointCount("🙏🏾"), 2u);  // emoji + skin tone modifier
  EXPECT_EQ(CodePointCount("e\xCC\x81"), 2u);
  EXPECT_EQ(CodePointCount(std::string(4000, 'a')), 4000u);
}

TEST(HasNoLetterOrDigitTest, Blank) {
  EXPECT_TRUE(HasNoLetterOrDigit(""));
  EXPECT_TRUE(HasNoLetterOrDigit("   \n\t"));
  EXPECT_TRUE(HasNoLetterOrDigit("?!... ;-) «»"));
  EXPECT_TRUE(HasNoLetterOrDigit("🙏🏾🔥👍"));
  EXPECT_TRUE(HasNoLetterOrDigit("\xC2\xA0\xE2\x80\x8B"));  // NBSP, ZERO WIDTH SPACE
  EXPECT_TRUE(HasNoLetterOrDigit("\xCC\x81\xCC\x81"));      // combining marks alone
}

TEST(HasNoLetterOrDigitTest, LettersAndDigitsOfAnyScript) {
  EXPECT_FALSE(HasNoLetterOrDigit("a"));
  EXPECT_FALSE(HasNoLetterOrDigit("Z"));
  EXPECT_FALSE(HasNoLetterOrDigit("!!! 1 !!!"));
  EXPECT_FALSE(HasNoLetterOrDigit("🔥é🔥"));
  EXPECT_FALSE(HasNoLetterOrDigit("ß"));
  EXPECT_FALSE(HasNoLetterOrDigit("ߒߞߏ"));       // N'Ko letters
  EXPECT_FALSE(HasNoLetterOrDigit("سلام"));      // Arabic
  EXPECT_FALSE(HasNoLetterOrDigit("\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE
  EXPECT_FALSE(HasNoLetterOrDigit("ɓɗŋ"));       // Fula/Wolof letters
}

TEST(PrefixBytesTest, NeverCutsACharacter) {
  // "é" is 2 bytes, "€" 3, "😀" 4.
  EXPECT_EQ(PrefixBytes("abc", 10), 3u);
  EXPECT_EQ(PrefixBytes("abc", 2), 2u);
  EXPECT_EQ(PrefixBytes("a\xC3\xA9", 2), 1u);  // "aé": not half of é
  EXPECT_EQ(PrefixBytes("a\xC3\xA9", 3), 3u);
  EXPECT_EQ(PrefixBytes("\xE2\x82\xAC\xE2\x82\xAC", 5), 3u);  // "€€"
  EXPECT_EQ(PrefixBytes("\xF0\x9F\x98\x80", 3), 0u);          // a 4-byte emoji alone
  EXPECT_EQ(PrefixBytes("abc", 0), 0u);
  EXPECT_EQ(PrefixBytes("", 4), 0u);
}

TEST(CodePointPrefixBytesTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointPrefixBytes("\xC3\xA9t\xC3\xA9", 2), 3u);  // "ét"
  EXPECT_EQ(CodePointPrefixBytes("\xC3\xA9t\xC3\xA9", 3), 5u);  // all
  EXPECT_EQ(CodePointPrefixBytes("\xC3\xA9t\xC3\xA9", 9), 5u);
  EXPECT_EQ(CodePointPrefixBytes("abc", 0), 0u);
  EXPECT_EQ(CodePointPrefixBytes("", 3), 0u);
}

TEST(EllipsizeBytesTest, CutsOnABoundaryAndSaysSo) {
  EXPECT_EQ(EllipsizeBytes("Attaque", 20), "Attaque");
  EXPECT_EQ(EllipsizeBytes("Attaque", 7), "Attaque");
  EXPECT_EQ(EllipsizeBytes("Attaque", 3), "Att\xE2\x80\xA6");
  EXPECT_EQ(EllipsizeBytes("D\xC3\xA9j\xC3\xA0", 2), "D\xE2\x80\xA6");  // "Déjà": é not cut
}

}  // namespace
}  // namespace palabre::text
