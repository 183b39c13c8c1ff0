#include "moderation/classifier/dataset.h"

#include <gtest/gtest.h>

namespace palabre::moderation::classifier {
namespace {

TEST(DatasetTest, ParsesTsvWithHeaderAndOptionalSource) {
  auto rows = ParseLabelledTsv(
      "label\ttext\tsource\nok\tPaix à leurs âmes\tmine\n\nthreat\tje vais te trouver\n", "t");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].label, Label::kOk);
  EXPECT_EQ((*rows)[0].text, "Paix à leurs âmes");
  EXPECT_EQ((*rows)[0].source, "mine");
  EXPECT_EQ((*rows)[1].label, Label::kThreat);
  EXPECT_EQ((*rows)[1].source, "");
}

TEST(DatasetTest, ReadsTheOptionalCategoryColumn) {
  auto rows = ParseLabelledTsv(
      "label\ttext\tsource\tcategory\nthreat\tMort aux traîtres\tw\tincitement\n"
      "ok\tAmine\tw\n",
      "t");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].source, "w");
  EXPECT_EQ((*rows)[0].category, "incitement");
  EXPECT_EQ((*rows)[1].category, "");
  auto json =
      ParseLabelledJsonl("{\"label\":\"ok\",\"text\":\"Amine\",\"category\":\"religious\"}\n", "t");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ((*json)[0].category, "religious");
}

TEST(DatasetTest, TsvErrorsNameTheLine) {
  auto unknown = ParseLabelledTsv("label\ttext\nnasty\tx\n", "f.tsv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error(), Error::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("f.tsv:2"), std::string::npos);
  EXPECT_FALSE(ParseLabelledTsv("label\ttext\nok\n", "f").ok());
  EXPECT_FALSE(ParseLabelledTsv("label\ttext\nok\t  \n", "f").ok());
}

TEST(DatasetTest, ParsesJsonLines) {
  auto rows = ParseLabelledJsonl(
      "{\"label\":\"spam\",\"text\":\"Pr\\u00eat rapide \\\"garanti\\\" \\ud83d\\ude00\","
      "\"id\":12,\"tags\":[\"a\",{\"b\":\"}\"}],\"source\":\"x\"}\n"
      "\n"
      "  {\"text\": \"ok\\ttab\", \"label\": \"__label__ok\"}  \r\n",
      "t");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].label, Label::kSpam);
  EXPECT_EQ((*rows)[0].text, "Prêt rapide \"garanti\" \xF0\x9F\x98\x80");
  EXPECT_EQ((*rows)[0].source, "x");
  EXPECT_EQ((*rows)[1].label, Label::kOk);
  EXPECT_EQ((*rows)[1].text, "ok\ttab");
}

TEST(DatasetTest, JsonLinesErrors) {
  EXPECT_FALSE(ParseLabelledJsonl("{\"label\":\"ok\"}\n", "t").ok());                // no text
  EXPECT_FALSE(ParseLabelledJsonl("{\"text\":\"a\"}\n", "t").ok());                  // no label
  EXPECT_FALSE(ParseLabelledJsonl("{\"label\":\"ok\",\"text\":\"a\"\n", "t").ok());  // unclosed
  EXPECT_FALSE(ParseLabelledJsonl("[1,2]\n", "t").ok());
  EXPECT_FALSE(ParseLabelledJsonl("{\"label\":\"ok\",\"text\":\"\\ud800\"}\n", "t").ok());
  auto bad = ParseLabelledJsonl(
      "{\"label\":\"ok\",\"text\":\"a\"}\n{\"label\":\"x\",\"text\":\"b\"}", "j");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("j:2"), std::string::npos);
}

TEST(DatasetTest, MissingFile) {
  auto rows = ReadLabelledFile("/nonexistent/palabre/data.tsv");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error(), Error::kInvalidArgument);
}

TEST(LabelsTest, NamesRoundTripAndToxicityIsTheWorstUnacceptableLabel) {
  for (Label label : kAllLabels) EXPECT_EQ(ParseLabel(LabelName(label)), label);
  EXPECT_EQ(ParseLabel("__label__hate"), Label::kHate);
  EXPECT_EQ(ParseLabel("HATE"), std::nullopt);
  Scores s;
  s[Label::kOk] = 0.1;  // a low P(ok) alone is no evidence of toxicity
  s[Label::kSpam] = 0.9;
  s[Label::kInsult] = 0.3;
  EXPECT_DOUBLE_EQ(s.Toxicity(), 0.3);
  EXPECT_EQ(s.Top(), Label::kSpam);
}

}  // namespace
}  // namespace palabre::moderation::classifier
