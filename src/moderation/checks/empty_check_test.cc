#include "moderation/checks/empty_check.h"

#include <gtest/gtest.h>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;

Verdict Judge(std::string_view text, EmptyConfig config = {}) {
  CheckInput in(text);
  return in.Run(EmptyCheck(config));
}

TEST(EmptyCheckTest, RejectsTextWithoutLetterOrDigit) {
  for (const char* text : {"", "   ", "\n\t ", "...", "?!?!", "—", "« »", "$$$ @@@", "*_*"}) {
    const Verdict v = Judge(text);
    EXPECT_EQ(v.action, Action::kReject) << '"' << text << '"';
    ASSERT_EQ(v.reasons.size(), 1u) << text;
    EXPECT_EQ(v.reasons[0].code, "empty");
    EXPECT_EQ(v.reasons[0].check, "empty");
  }
}

TEST(EmptyCheckTest, ShortRealCommentsPass) {
  for (const char* text : {"Triste.", "Amen", "40", "ok", "Paix à leurs âmes", "Ndeysaan"}) {
    EXPECT_EQ(Judge(text).action, Action::kPass) << text;
    EXPECT_TRUE(Judge(text).reasons.empty()) << text;
  }
}

TEST(EmptyCheckTest, EmojiOnlyReactionPassesUnlessTheSiteSaysOtherwise) {
  EXPECT_EQ(Judge("🙏🙏").action, Action::kPass);
  EmptyConfig strict;
  strict.allow_emoji_only = false;
  EXPECT_EQ(Judge("🙏🙏", strict).action, Action::kReject);
  // Punctuation and arrows are not emoji.
  EXPECT_EQ(Judge("!!! → ...").action, Action::kReject);
}

TEST(EmptyCheckTest, ActionIsConfigurable) {
  EmptyConfig config;
  config.action = Action::kHold;
  EXPECT_EQ(Judge("...", config).action, Action::kHold);
}

}  // namespace
}  // namespace palabre::moderation
