#include "core/text/ascii.h"

#include <gtest/gtest.h>

namespace palabre::text {
namespace {

TEST(AsciiTest, LowerFoldsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Awa.DIALLO@Example.SN"), "awa.diallo@example.sn");
  EXPECT_EQ(AsciiLower("ÉCOLE Été"), "École Été");  // UTF-8 bytes pass through unchanged
  EXPECT_EQ(AsciiLower(""), "");
}

TEST(AsciiTest, EqualsIgnoreCaseComparesWholeStrings) {
  EXPECT_TRUE(EqualsIgnoreCase("PostgreSQL", "postgresql"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("sqlite", "sqlite3"));
  EXPECT_FALSE(EqualsIgnoreCase("É", "é"));  // not ASCII: compared as bytes
}

TEST(AsciiTest, TrimRemovesBlanksAtBothEndsOnly) {
  EXPECT_EQ(TrimAscii(" \t flood.burst_max = 3\r\n"), "flood.burst_max = 3");
  EXPECT_EQ(TrimAscii("a b"), "a b");
  EXPECT_EQ(TrimAscii(" \t\r\n"), "");
  EXPECT_EQ(TrimAscii("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // NO-BREAK SPACE is not ASCII
}

}  // namespace
}  // namespace palabre::text
