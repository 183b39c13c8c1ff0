#include "moderation/classifier/topic.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace palabre::moderation::classifier {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(TopicTest, StemsContentWordsWithoutAccentsStopWordsOrElisions) {
  const auto stems = ContentStems("L'armée attaque ! Les attaques de l'ARMEE, wallahi c'est trop.");
  EXPECT_TRUE(Has(stems, "attaqu"));
  EXPECT_EQ(std::count(stems.begin(), stems.end(), "attaqu"), 1) << "distinct stems";
  EXPECT_TRUE(Has(stems, "arme"));
  EXPECT_FALSE(Has(stems, "wallahi"));
  EXPECT_FALSE(Has(stems, "les"));
  EXPECT_FALSE(Has(stems, "l"));
  // "sécurité" and "securite" are one term.
  EXPECT_EQ(ContentStems("sécurité"), ContentStems("securite"));
  EXPECT_TRUE(ContentStems("15 000 le 12/05").empty());
}

TEST(TopicTest, CountsWords) {
  EXPECT_EQ(CountWords("Paix à leurs âmes"), 4u);
  EXPECT_EQ(CountWords("l'armée, 40 morts"), 3u);  // the elided "l'" is not a word
  EXPECT_EQ(CountWords("  🙏🏾 !! "), 0u);
}

TEST(TopicTest, CoverageCountsArticleStemsFullyAndPublicAffairsHalf) {
  const std::unordered_set<std::string> article = {"attaqu", "djibo", "soldat"};
  const auto stems = ContentStems("attaque Djibo gouvernement décodeur");
  ASSERT_EQ(stems.size(), 4u);
  const Coverage c = TopicCoverage(stems, article);
  EXPECT_EQ(c.shared, 2u);
  EXPECT_EQ(c.general, 1u);
  EXPECT_DOUBLE_EQ(c.value, 2.5 / 4.0);
  EXPECT_TRUE(IsPublicAffairsStem(ContentStems("CEDEAO")[0]));
  EXPECT_FALSE(IsPublicAffairsStem(ContentStems("décodeur")[0]));
  EXPECT_DOUBLE_EQ(TopicCoverage({}, article).value, 1.0);
}

}  // namespace
}  // namespace palabre::moderation::classifier
