#include "moderation/decision.h"

#include <gtest/gtest.h>

namespace palabre::moderation {
namespace {

TEST(DecisionJsonTest, RoundTripKeepsActionsSpansAndTheNamedComment) {
  Decision d;
  d.action = Action::kHold;
  d.reasons.push_back(
      Reason{"links_contacts", "phone", "Numéro de téléphone", 1.0, Action::kHold, {{10, 24}}, 0});
  d.reasons.push_back(
      Reason{"duplicate", "copy_paste", "Texte \"identique\"\n", 0.93, Action::kHold, {}, 42});
  d.reasons.push_back(Reason{"shouting", "shouting", "", 0.5, Action::kFlag, {{0, 3}, {5, 9}}, 0});
  d.scores["spam"] = 0.81;
  const std::string json = d.ToJson();
  EXPECT_NE(json.find("\"spans\":[[10,24]]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"action\":\"flag\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"comment_id\":42"), std::string::npos) << json;

  auto back = ParseDecisionJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->action, Action::kHold);
  ASSERT_EQ(back->reasons.size(), 3u);
  EXPECT_EQ(back->reasons[0].code, "phone");
  EXPECT_EQ(back->reasons[0].action, Action::kHold);
  ASSERT_EQ(back->reasons[0].spans.size(), 1u);
  EXPECT_EQ(back->reasons[0].spans[0].begin, 10u);
  EXPECT_EQ(back->reasons[0].spans[0].end, 24u);
  EXPECT_EQ(back->reasons[1].comment_id, 42);
  EXPECT_EQ(back->reasons[1].detail, "Texte \"identique\"\n");
  EXPECT_NEAR(back->reasons[1].score, 0.93, 1e-9);
  EXPECT_EQ(back->reasons[2].action, Action::kFlag);
  EXPECT_EQ(back->reasons[2].spans.size(), 2u);
  EXPECT_NEAR(back->scores.at("spam"), 0.81, 1e-9);
  EXPECT_EQ(back->ToJson(), json);
}

TEST(DecisionTest, ReviewPublishesBetweenFlagAndHold) {
  EXPECT_LT(Action::kFlag, Action::kReview);
  EXPECT_LT(Action::kReview, Action::kHold);
  Decision d;
  d.action = Action::kReview;
  EXPECT_TRUE(d.published());
  EXPECT_TRUE(d.review());
  EXPECT_EQ(ToString(Action::kReview), "review");
  d.action = Action::kFlag;
  EXPECT_TRUE(d.published());
  EXPECT_FALSE(d.review());
  d.action = Action::kHold;
  EXPECT_FALSE(d.published());
  EXPECT_FALSE(d.review());
}

TEST(DecisionTest, ReviewRiskIsTheHighestScoreOfTheReviewReasons) {
  Decision d;
  EXPECT_EQ(d.review_risk(), 0.0);
  d.reasons.push_back(Reason{"toxicity", "insult", "", 0.95, Action::kFlag, {}, 0});
  d.reasons.push_back(Reason{"shouting", "shouting", "", 0.62, Action::kReview, {}, 0});
  d.reasons.push_back(Reason{"toxicity", "hate", "", 0.71, Action::kReview, {}, 0});
  d.reasons.push_back(Reason{"links_contacts", "phone", "", 0.99, Action::kHold, {}, 0});
  EXPECT_DOUBLE_EQ(d.review_risk(), 0.71);  // flag and hold reasons do not count
  d.reasons.push_back(Reason{"fake", "odd", "", 7.0, Action::kReview, {}, 0});
  EXPECT_DOUBLE_EQ(d.review_risk(), 1.0);
}

TEST(DecisionJsonTest, ReviewRoundTripsAsReview) {
  Decision d;
  d.action = Action::kReview;
  d.reasons.push_back(Reason{"shouting", "shouting", "", 0.8, Action::kReview, {{0, 4}}, 0});
  const std::string json = d.ToJson();
  EXPECT_EQ(json.find("\"action\":\"review\""), 1u) << json;  // the decision's outcome
  EXPECT_NE(json.find("\"action\":\"review\",\"spans\""), std::string::npos) << json;
  auto back = ParseDecisionJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->action, Action::kReview);
  ASSERT_EQ(back->reasons.size(), 1u);
  EXPECT_EQ(back->reasons[0].action, Action::kReview);
  EXPECT_EQ(back->ToJson(), json);
}

TEST(DecisionJsonTest, OldDecisionsAndEmptyParse) {
  auto old = ParseDecisionJson(
      R"({"action":"publish","reasons":[{"check":"shouting","code":"shouting","detail":"x","score":0.5}],"scores":{}})");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->action, Action::kPass);
  ASSERT_EQ(old->reasons.size(), 1u);
  EXPECT_EQ(old->reasons[0].action, Action::kFlag);
  EXPECT_TRUE(old->reasons[0].spans.empty());
  auto empty = ParseDecisionJson("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->reasons.empty());
}

TEST(DecisionJsonTest, MalformedIsInvalidJson) {
  for (const char* bad :
       {"[", "[]", "{\"action\":\"maybe\"}", "{\"reasons\":{}}",
        "{\"reasons\":[{\"spans\":[[3,1]]}]}", "{\"reasons\":[{\"score\":\"x\"}]}"}) {
    EXPECT_EQ(ParseDecisionJson(bad).error(), Error::kInvalidJson) << bad;
  }
}

}  // namespace
}  // namespace palabre::moderation
