#include "moderation/checks/length_check.h"

#include <gtest/gtest.h>

#include <string>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;

Verdict Judge(const std::string& text, LengthConfig config = {}) {
  CheckInput in(text);
  return in.Run(LengthCheck(config));
}

TEST(LengthCheckTest, OverTheLimitIsRejected) {
  LengthConfig config;
  config.max_chars = 100;
  EXPECT_EQ(Judge(std::string(100, 'a'), config).action, Action::kPass);
  const Verdict v = Judge(std::string(101, 'a'), config);
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"too_long"});
}

TEST(LengthCheckTest, CountsCodePointsNotBytes) {
  LengthConfig config;
  config.max_chars = 10;
  std::string accented;
  for (int i = 0; i < 10; ++i) accented += "é";  // 20 bytes, 10 characters
  EXPECT_EQ(Judge(accented, config).action, Action::kPass);
  EXPECT_EQ(Judge(accented + "é", config).action, Action::kReject);
}

TEST(LengthCheckTest, VeryShortCommentsAreFine) {
  EXPECT_EQ(Judge("Triste.").action, Action::kPass);
  EXPECT_EQ(Judge("A").action, Action::kPass);
}

TEST(LengthCheckTest, LineLimitWhenSet) {
  const std::string five_lines = "a\nb\nc\nd\ne";
  EXPECT_EQ(Judge(five_lines).action, Action::kPass);  // off by default
  LengthConfig config;
  config.max_lines = 4;
  const Verdict v = Judge(five_lines, config);
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"too_many_lines"});
  config.max_lines = 5;
  EXPECT_EQ(Judge(five_lines, config).action, Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
