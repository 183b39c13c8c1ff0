#include "service/thread_key.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMax = 512;

std::string Key(std::string_view raw) {
  auto key = ThreadKey(raw, kMax);
  if (key.ok()) return *key;
  std::string error = "<";
  error.append(ErrorCode(key.error()));
  error.push_back('>');
  return error;
}

TEST(ThreadKey, APrintableAsciiKeyIsItsOwnForm) {
  EXPECT_EQ(Key("article-1"), "article-1");
  EXPECT_EQ(Key("/2024/03/une-page.html?id=7#c"), "/2024/03/une-page.html?id=7#c");
  EXPECT_EQ(Key("a  b"), "a  b");  // inner spaces are kept, as NormalizeUserText keeps them
  EXPECT_EQ(Key("x"), "x");
}

TEST(ThreadKey, OtherKeysAreNormalisedToOneTrimmedNfcLine) {
  EXPECT_EQ(Key(" article "), "article");
  EXPECT_EQ(Key("un\tarticle"), "un article");
  EXPECT_EQ(Key("un\narticle"), "un article");
  EXPECT_EQ(Key("caf\x65\xCC\x81"), "caf\xC3\xA9");        // e + COMBINING ACUTE -> é
  EXPECT_EQ(Key("cl\xE2\x80\x8B\xC3\xA9"), "cl\xC3\xA9");  // zero-width space dropped
  EXPECT_EQ(Key("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
}

TEST(ThreadKey, EmptyBlankBrokenOrTooLongKeysAreInvalid) {
  std::string invalid = "<";
  invalid.append(ErrorCode(Error::kKeyInvalid));
  invalid.push_back('>');
  EXPECT_EQ(Key(""), invalid);
  EXPECT_EQ(Key(" "), invalid);
  EXPECT_EQ(Key(" \t\n "), invalid);
  EXPECT_EQ(Key("\xE2\x80\x8B"), invalid);  // nothing left once the invisible is gone
  EXPECT_EQ(Key("bad\xC3"), invalid);       // truncated UTF-8
  EXPECT_EQ(Key("\xC0\xAF"), invalid);      // overlong
}

TEST(ThreadKey, TheLimitIsInCodePointsOnBothPaths) {
  EXPECT_EQ(Key(std::string(kMax, 'a')), std::string(kMax, 'a'));
  EXPECT_FALSE(ThreadKey(std::string(kMax + 1, 'a'), kMax).ok());
  std::string accents;
  for (std::size_t i = 0; i < kMax; ++i) accents += "\xC3\xA9";  // 2 bytes, 1 code point each
  EXPECT_EQ(Key(accents), accents);
  std::string one_more = accents;
  one_more.append("\xC3\xA9");
  EXPECT_FALSE(ThreadKey(one_more, kMax).ok());
  // Surrounding spaces do not count: the limit applies to the stored key.
  std::string spaced(kMax + 2, 'a');
  spaced.front() = ' ';
  spaced.back() = ' ';
  EXPECT_EQ(Key(spaced), std::string(kMax, 'a'));
  EXPECT_FALSE(ThreadKey("abc", 2).ok());
}

}  // namespace
}  // namespace palabre::service
