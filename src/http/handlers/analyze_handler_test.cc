#include "http/handlers/analyze_handler.h"

#include <gtest/gtest.h>

namespace palabre::http::handlers {
namespace {

TEST(PerspectiveScoreTest, MapsPalabreScoresToPerspectiveAttributes) {
  moderation::Decision d;
  d.scores = {{"toxicity", 0.8}, {"threat", 0.7}, {"hate", 0.2}, {"insult", 0.4}, {"spam", 0.1}};
  d.reasons.push_back({"links_contacts", "phone", "", 0.9, moderation::Action::kHold, {}});
  double v = -1;
  ASSERT_TRUE(PerspectiveScore(d, "TOXICITY", v));
  EXPECT_DOUBLE_EQ(v, 0.8);
  ASSERT_TRUE(PerspectiveScore(d, "SEVERE_TOXICITY", v));
  EXPECT_DOUBLE_EQ(v, 0.7);
  ASSERT_TRUE(PerspectiveScore(d, "IDENTITY_ATTACK", v));
  EXPECT_DOUBLE_EQ(v, 0.2);
  ASSERT_TRUE(PerspectiveScore(d, "INSULT", v));
  EXPECT_DOUBLE_EQ(v, 0.4);
  ASSERT_TRUE(PerspectiveScore(d, "THREAT", v));
  EXPECT_DOUBLE_EQ(v, 0.7);
  ASSERT_TRUE(PerspectiveScore(d, "SPAM", v));
  EXPECT_DOUBLE_EQ(v, 0.9);  // the phone number says more than the classifier
  ASSERT_TRUE(PerspectiveScore(d, "PROFANITY", v));
  EXPECT_DOUBLE_EQ(v, 0.2);
  d.reasons.push_back({"lexicon", "banned_word", "", 1.0, moderation::Action::kReject, {}});
  ASSERT_TRUE(PerspectiveScore(d, "PROFANITY", v));
  EXPECT_DOUBLE_EQ(v, 0.95);
  EXPECT_FALSE(PerspectiveScore(d, "FLIRTATION", v));
  moderation::Decision empty;
  ASSERT_TRUE(PerspectiveScore(empty, "TOXICITY", v));
  EXPECT_DOUBLE_EQ(v, 0.0);
}

}  // namespace
}  // namespace palabre::http::handlers
