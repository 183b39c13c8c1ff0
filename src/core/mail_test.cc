#include "core/mail.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/crypto.h"

namespace palabre {
namespace {

using ::testing::StartsWith;

TEST(EncodeHeaderText, PlainAsciiIsLeftAsItIs) {
  EXPECT_EQ(EncodeHeaderText("New reply on Le Journal"), "New reply on Le Journal");
  EXPECT_EQ(EncodeHeaderText(""), "");
}

TEST(EncodeHeaderText, AccentsBecomeUtf8EncodedWords) {
  ASSERT_TRUE(InitCrypto());
  // "Réponse" is 8 bytes of UTF-8: base64 "UsOpcG9uc2U=".
  EXPECT_EQ(EncodeHeaderText("Réponse"), "=?UTF-8?B?UsOpcG9uc2U=?=");
}

TEST(EncodeHeaderText, LongTextIsSplitIntoShortWordsWithoutCuttingACharacter) {
  ASSERT_TRUE(InitCrypto());
  std::string title;
  for (int i = 0; i < 30; ++i) title += "été ";  // 5 bytes each: 150 bytes
  const std::string encoded = EncodeHeaderText(title);
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_THAT(word, StartsWith("=?UTF-8?B?"));
    ++words;
    start = end + 1;
  }
  EXPECT_EQ(words, 4u);  // 150 bytes in pieces of at most 45
}

TEST(EncodeHeaderText, ControlCharactersCannotEndTheHeader) {
  EXPECT_EQ(EncodeHeaderText("a\r\nBcc: x@example.org"), "a  Bcc: x@example.org");
  // Text that looks like an encoded-word is encoded itself, so that a reader sees it as typed.
  ASSERT_TRUE(InitCrypto());
  EXPECT_THAT(EncodeHeaderText("=?x?="), StartsWith("=?UTF-8?B?"));
}

TEST(FormatMailbox, QuotesOrEncodesTheName) {
  ASSERT_TRUE(InitCrypto());
  EXPECT_EQ(FormatMailbox("", "a@example.org"), "a@example.org");
  EXPECT_EQ(FormatMailbox("Le \"Journal\"", "a@example.org"),
            "\"Le \\\"Journal\\\"\" <a@example.org>");
  EXPECT_THAT(FormatMailbox("L'Éveil", "a@example.org"),
              ::testing::MatchesRegex("=\\?UTF-8\\?B\\?[A-Za-z0-9+/=]+\\?= <a@example.org>"));
}

TEST(MailDate, IsTheRfc5322DateInUtc) {
  EXPECT_EQ(MailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(MailDate(1796645076), "Mon, 07 Dec 2026 12:04:36 +0000");
}

TEST(IsSafeHeaderValue, RefusesLineBreaksAndOverlongValues) {
  EXPECT_TRUE(IsSafeHeaderValue("<https://example.org/u?t=abc>"));
  EXPECT_FALSE(IsSafeHeaderValue("a\r\nb"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string_view("a\0b", 3)));
  EXPECT_FALSE(IsSafeHeaderValue(std::string(999, 'a')));
  EXPECT_TRUE(IsSafeHeaderValue(std::string(998, 'a')));
}

}  // namespace
}  // namespace palabre
