#include "moderation/lexicon/matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "moderation/lexicon/default_lexicon.h"

namespace palabre::moderation::lexicon {
namespace {

using Strings = std::vector<std::string>;

// The terms (as written in the list) found in `text`, in match order.
Strings Find(const Matcher& m, std::string_view text) {
  const NormalizedText n = Normalize(text);
  std::vector<Match> matches;
  m.FindAll(n, &matches);
  Strings out;
  for (const Match& match : matches) out.push_back(m.terms()[match.term].text);
  return out;
}

Matcher Build(std::vector<Term> terms) {
  auto m = Matcher::Build(std::move(terms));
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return std::move(m).value();
}

TEST(MatcherTest, FindsEveryTermInOnePass) {
  const Matcher m = Build({{"he", Level::kBanned, "t"},
                           {"she", Level::kBanned, "t"},
                           {"his", Level::kSuspect, "t"},
                           {"hers", Level::kSuspect, "t"}});
  EXPECT_EQ(Find(m, "she his hers he"), (Strings{"she", "his", "hers", "he"}));
  EXPECT_EQ(Find(m, "ushers"), Strings{});  // inside a word
}

TEST(MatcherTest, WholeWordsOnlyUnlessPrefix) {
  const Matcher m = Build({{"con", Level::kSuspect, "t"}, {"encul*", Level::kBanned, "t"}});
  EXPECT_EQ(Find(m, "quel con"), Strings{"con"});
  EXPECT_EQ(Find(m, "concours economie deconde con-"), Strings{"con"});
  EXPECT_EQ(Find(m, "enculés"), Strings{"encul*"});
  EXPECT_EQ(Find(m, "les enculeurs"), Strings{"encul*"});
  EXPECT_EQ(Find(m, "pasencule"), Strings{});
}

TEST(MatcherTest, MultiWordTermsAcrossPunctuation) {
  const Matcher m = Build({{"fils de pute", Level::kBanned, "t"}});
  EXPECT_EQ(Find(m, "Fils... de -- PUTE"), Strings{"fils de pute"});
  EXPECT_EQ(Find(m, "fils de puteaux"), Strings{});
}

TEST(MatcherTest, StretchingOfTheTermIsRequired) {
  const Matcher m = Build({{"conne", Level::kSuspect, "t"}});
  EXPECT_EQ(Find(m, "conne"), Strings{"conne"});
  EXPECT_EQ(Find(m, "connnnnne"), Strings{"conne"});
  EXPECT_EQ(Find(m, "cone"), Strings{});
}

TEST(MatcherTest, DigitOneStandsForL) {
  const Matcher m = Build({{"salope", Level::kBanned, "t"}, {"bite", Level::kSuspect, "t"}});
  EXPECT_EQ(Find(m, "sa1ope"), Strings{"salope"});
  EXPECT_EQ(Find(m, "saiope"), Strings{});  // an 'i' is not an 'l'
  EXPECT_EQ(Find(m, "b1te"), Strings{"bite"});
}

TEST(MatcherTest, AllowedPhrasesHideWhatTheyContain) {
  const Matcher m =
      Build({{"bite", Level::kSuspect, "t"}, {"bite d'amarrage", Level::kAllow, "t"}});
  EXPECT_EQ(Find(m, "une bite d'amarrage"), Strings{});
  EXPECT_EQ(Find(m, "une bite"), Strings{"bite"});
}

TEST(MatcherTest, NonAsciiTerms) {
  const Matcher m = Build({{"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", Level::kSuspect, "t"}});
  EXPECT_EQ(Find(m, "wa \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 !"),
            Strings{"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"});
}

TEST(MatcherTest, EmptyMatcherAndBadTerms) {
  EXPECT_EQ(Find(Matcher(), "rien"), Strings{});
  auto bad = Matcher::Build({{"...", Level::kBanned, "t"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("..."), std::string::npos);
}

TEST(DefaultLexiconTest, ListsParseAndCompile) {
  for (const char* language : {"fr", "en"}) {
    auto terms = ParseList(DefaultListText(language), language);
    ASSERT_TRUE(terms.ok()) << terms.status().ToString();
    EXPECT_GT(terms->size(), 30u) << language;
    auto m = Matcher::Build(*terms);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
  }
  EXPECT_TRUE(DefaultListText("wo").empty());
}

TEST(DefaultLexiconTest, ParseListFormat) {
  auto terms =
      ParseList("# comment\n[banned]\nfoo  # note\n\n[suspect]\nbar*\n[allow]\nfoo bar\n", "x");
  ASSERT_TRUE(terms.ok());
  ASSERT_EQ(terms->size(), 3u);
  EXPECT_EQ((*terms)[0].text, "foo");
  EXPECT_EQ((*terms)[0].level, Level::kBanned);
  EXPECT_EQ((*terms)[1].text, "bar*");
  EXPECT_EQ((*terms)[1].level, Level::kSuspect);
  EXPECT_EQ((*terms)[2].level, Level::kAllow);
  EXPECT_EQ((*terms)[2].list, "x");
  EXPECT_FALSE(ParseList("foo\n", "x").ok());               // before any section
  EXPECT_FALSE(ParseList("[forbidden]\nfoo\n", "x").ok());  // unknown section
}

}  // namespace
}  // namespace palabre::moderation::lexicon
