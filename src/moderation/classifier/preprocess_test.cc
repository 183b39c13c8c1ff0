#include "moderation/classifier/preprocess.h"

#include <gtest/gtest.h>

namespace palabre::moderation::classifier {
namespace {

TEST(PreprocessTest, LowerCasesRemovesAccentsAndSeparatesPunctuation) {
  EXPECT_EQ(PreprocessText("L'Armée a RÉPONDU, enfin!"), "l' armee a repondu , enfin !");
  EXPECT_EQ(PreprocessText("  Déjà   vu\t\n"), "deja vu");
  EXPECT_EQ(PreprocessText("cœur"), "coeur");
}

TEST(PreprocessTest, ReplacesUrlsEmailsAndHandles) {
  EXPECT_EQ(PreprocessText("voir https://exemple.com/a?b=1 ou www.pret-rapide.ci."),
            "voir __url__ ou __url__ .");
  EXPECT_EQ(PreprocessText("bit.ly/abc wa.me/22376000000"), "__url__ __url__");
  EXPECT_EQ(PreprocessText("écrivez à pret.rapide@gmail.com"), "ecrivez a __email__");
  EXPECT_EQ(PreprocessText("@user merci"), "__user__ merci");
  // A dot between words is not a link.
  EXPECT_EQ(PreprocessText("fin.Bazoum"), "fin . bazoum");
}

TEST(PreprocessTest, PhoneNumbersOfTheRegionBecomeOneToken) {
  EXPECT_EQ(PreprocessText("+223 76 12 34 56"), "__phone__");
  EXPECT_EQ(PreprocessText("appelez le 77 123 45 67"), "appelez le __phone__");
  EXPECT_EQ(PreprocessText("+225 07 07 07 07 07 ou 0707070707"), "__phone__ ou __phone__");
  EXPECT_EQ(PreprocessText("0022376123456"), "__phone__");
}

TEST(PreprocessTest, OtherNumbersAreNumbers) {
  EXPECT_EQ(PreprocessText("15 000 000 FCFA"), "__num__ fcfa");
  EXPECT_EQ(PreprocessText("40 morts, 3,5 milliards"), "__num__ morts , __num__ milliards");
  EXPECT_EQ(PreprocessText("le 12/05/2024 à 10h30"), "le __num__ a __num__ h __num__");
  EXPECT_EQ(PreprocessText("G5 Sahel"), "g __num__ sahel");
}

TEST(PreprocessTest, ReadsLeetDigitsAndSymbolsInsideWords) {
  EXPECT_EQ(PreprocessText("m3rde c0nnard"), "merde connard");
  EXPECT_EQ(PreprocessText("s@lope $ale"), "salope sale");
  EXPECT_EQ(PreprocessText("p*tain"), "p*tain");
}

TEST(PreprocessTest, ShrinksStretchedLettersAndPunctuationRuns) {
  EXPECT_EQ(PreprocessText("nooooon"), "non");
  EXPECT_EQ(PreprocessText("cool"), "cool");
  EXPECT_EQ(PreprocessText("quoi!!!!!!"), "quoi ! ! !");
}

TEST(PreprocessTest, KeepsInformalSpellingAndLocalWords) {
  EXPECT_EQ(PreprocessText("C vrai ki ns a dit ça, wallahi dafa metti"),
            "c vrai ki ns a dit ca , wallahi dafa metti");
  EXPECT_EQ(PreprocessText("Inch'Allah"), "inch' allah");
}

TEST(PreprocessTest, FoldsCompatibilityCharactersAndDropsInvisibleOnes) {
  EXPECT_EQ(PreprocessText("ＣＯＮ"), "con");
  EXPECT_EQ(PreprocessText("con\u200bnard"), "connard");
}

TEST(PreprocessTest, NeverProducesFastTextLabels) {
  EXPECT_EQ(PreprocessText("__label__ok salut"), "_ _ label _ _ ok salut");
}

TEST(PreprocessTest, InvalidUtf8AndEmptyInput) {
  EXPECT_EQ(PreprocessText(""), "");
  EXPECT_EQ(PreprocessText("a\xff"
                           "b"),
            "a \xef\xbf\xbd b");
}

}  // namespace
}  // namespace palabre::moderation::classifier
