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

TEST(AnalysisJsonTest, ScoresOnlyNoWordsNoSpansNoIds) {
  moderation::Decision d;
  d.action = moderation::Action::kReject;
  d.scores = {{"toxicity", 0.81234}};
  moderation::Reason banned{"lexicon",
                            "banned_word",
                            "Mot interdit : « secretmot » (liste site).",
                            1.0,
                            moderation::Action::kReject,
                            {{4, 13}}};
  moderation::Reason copy{
      "duplicate", "duplicate", "Copie du commentaire 42.", 0.97, moderation::Action::kHold,
      {{0, 20}},   42};
  d.reasons = {banned, copy};
  const std::string json = AnalysisJson(d);
  EXPECT_EQ(json,
            "{\"action\":\"reject\",\"reasons\":[{\"check\":\"lexicon\",\"code\":\"banned_word\","
            "\"score\":1.0000,\"action\":\"reject\"},{\"check\":\"duplicate\",\"code\":"
            "\"duplicate\",\"score\":0.9700,\"action\":\"hold\"}],"
            "\"scores\":{\"toxicity\":0.8123}}");
  EXPECT_EQ(json.find("secretmot"), std::string::npos);
  EXPECT_EQ(json.find("42"), std::string::npos);
  EXPECT_EQ(json.find("spans"), std::string::npos);
}

TEST(PresentedKeyTest, QueryThenHeaderThenBearer) {
  Request req;
  req.SetTarget("/v1alpha1/comments:analyze?key=plb_query");
  req.query.Parse(req.raw_query);
  req.headers.push_back({"X-Api-Key", "plb_header"});
  EXPECT_EQ(PresentedKey(req), "plb_query");
  req.SetTarget("/api/v1/analyze");
  req.query.Parse(req.raw_query);
  EXPECT_EQ(PresentedKey(req), "plb_header");
  req.headers.clear();
  req.headers.push_back({"Authorization", "bearer plb_bearer"});
  EXPECT_EQ(PresentedKey(req), "plb_bearer");
  req.headers.clear();
  req.headers.push_back({"Authorization", "Basic dXNlcjpwdw=="});
  EXPECT_EQ(PresentedKey(req), "");
}

}  // namespace
}  // namespace palabre::http::handlers
