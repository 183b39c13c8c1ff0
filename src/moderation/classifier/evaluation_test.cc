#include "moderation/classifier/evaluation.h"

#include <gtest/gtest.h>

namespace palabre::moderation::classifier {
namespace {

Scores Make(Label top, double p, double ok) {
  Scores s;
  s[top] = p;
  if (top != Label::kOk) s[Label::kOk] = ok;
  return s;
}

TEST(RocAucTest, PerfectReversedTiedAndUndefined) {
  EXPECT_DOUBLE_EQ(RocAuc({0.1, 0.2, 0.8, 0.9}, {false, false, true, true}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.9, 0.8, 0.2, 0.1}, {false, false, true, true}), 0.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.5, 0.5, 0.5, 0.5}, {false, true, false, true}), 0.5);
  // One positive above two of three negatives.
  EXPECT_NEAR(RocAuc({0.6, 0.1, 0.5, 0.7}, {true, false, false, false}), 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(RocAuc({0.1, 0.2}, {true, true}), -1.0);
}

TEST(EvaluateScoresTest, PerLabelMetricsAndConfusion) {
  // truth:      threat  threat  hate    ok      ok      ok
  // predicted:  threat  hate    hate    ok      ok      threat
  const std::vector<Label> truth = {Label::kThreat, Label::kThreat, Label::kHate,
                                    Label::kOk,     Label::kOk,     Label::kOk};
  const std::vector<Scores> scores = {
      Make(Label::kThreat, 0.9, 0.0), Make(Label::kHate, 0.6, 0.1), Make(Label::kHate, 0.8, 0.1),
      Make(Label::kOk, 0.9, 0.0),     Make(Label::kOk, 0.7, 0.0),   Make(Label::kThreat, 0.7, 0.2)};
  const EvalReport r = EvaluateScores(truth, scores);
  EXPECT_EQ(r.rows, 6u);
  EXPECT_EQ(r.confusion[Index(Label::kThreat)][Index(Label::kHate)], 1u);
  EXPECT_EQ(r.confusion[Index(Label::kOk)][Index(Label::kThreat)], 1u);
  const LabelMetrics& threat = r.labels[Index(Label::kThreat)];
  EXPECT_EQ(threat.support, 2u);
  EXPECT_EQ(threat.predicted, 2u);
  EXPECT_DOUBLE_EQ(threat.precision, 0.5);
  EXPECT_DOUBLE_EQ(threat.recall, 0.5);
  EXPECT_DOUBLE_EQ(threat.f1, 0.5);
  const LabelMetrics& hate = r.labels[Index(Label::kHate)];
  EXPECT_DOUBLE_EQ(hate.precision, 0.5);
  EXPECT_DOUBLE_EQ(hate.recall, 1.0);
  EXPECT_DOUBLE_EQ(r.labels[Index(Label::kOk)].recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(r.labels[Index(Label::kSpam)].auc, -1.0);
  // not-ok: 3 positives, predicted not-ok 4 rows of which 3 right.
  EXPECT_DOUBLE_EQ(r.not_ok_recall, 1.0);
  EXPECT_DOUBLE_EQ(r.not_ok_precision, 0.75);
  const std::string text = r.ToText();
  EXPECT_NE(text.find("threat"), std::string::npos);
  EXPECT_NE(text.find("confusion"), std::string::npos);
  EXPECT_DOUBLE_EQ(r.not_ok_auc, 1.0);
  // Labels without rows have no line of their own, only a column of the confusion matrix.
  EXPECT_EQ(text.find("\nspam "), std::string::npos);
  EXPECT_NE(text.find("\nhate "), std::string::npos);
}

}  // namespace
}  // namespace palabre::moderation::classifier
