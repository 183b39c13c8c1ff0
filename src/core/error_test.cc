#include "core/error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace palabre {
namespace {

bool IsLowerSnakeCase(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z' || s.back() == '_') return false;
  char prev = 0;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok || (c == '_' && prev == '_')) return false;
    prev = c;
  }
  return true;
}

TEST(ErrorTest, EveryErrorHasADistinctLowerSnakeCaseCode) {
  std::set<std::string> codes;
  int count = 0;
  for (int i = static_cast<int>(Error::kOk); i <= static_cast<int>(Error::kInternal); ++i) {
    const std::string code(ErrorCode(static_cast<Error>(i)));
    EXPECT_TRUE(IsLowerSnakeCase(code)) << "value " << i << ": '" << code << "'";
    EXPECT_TRUE(codes.insert(code).second) << "value " << i << " repeats '" << code << "'";
    ++count;
  }
  EXPECT_EQ(codes.size(), static_cast<std::size_t>(count));
}

TEST(ErrorTest, CodesAreTheDocumentedContracts) {
  EXPECT_EQ(ErrorCode(Error::kOk), "ok");
  EXPECT_EQ(ErrorCode(Error::kInvalidUtf8), "invalid_utf8");
  EXPECT_EQ(ErrorCode(Error::kTextTooLong), "text_too_long");
  EXPECT_EQ(ErrorCode(Error::kRateLimited), "rate_limited");
  EXPECT_EQ(ErrorCode(Error::kOriginNotAllowed), "origin_not_allowed");
  EXPECT_EQ(ErrorCode(Error::kInternal), "internal");
}

TEST(ErrorTest, IsLowerSnakeCaseHelperRejectsOtherShapes) {
  EXPECT_TRUE(IsLowerSnakeCase("text_too_long"));
  EXPECT_FALSE(IsLowerSnakeCase(""));
  EXPECT_FALSE(IsLowerSnakeCase("TextTooLong"));
  EXPECT_FALSE(IsLowerSnakeCase("text-too-long"));
  EXPECT_FALSE(IsLowerSnakeCase("_text"));
  EXPECT_FALSE(IsLowerSnakeCase("text_"));
  EXPECT_FALSE(IsLowerSnakeCase("text__long"));
}

}  // namespace
}  // namespace palabre
