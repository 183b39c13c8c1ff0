#include "moderation/quotation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace palabre::moderation {
namespace {

// Where the quotation around `word` opens and closes, or {npos, npos} when there is none.
std::pair<std::size_t, std::size_t> Around(std::string_view text, std::string_view word) {
  std::size_t open = std::string_view::npos;
  std::size_t close = std::string_view::npos;
  if (!FindQuotation(text, text.find(word), &open, &close)) {
    return {std::string_view::npos, std::string_view::npos};
  }
  return {open, close};
}

TEST(QuotationTest, FindsEveryKindOfMark) {
  const std::string guillemets = "tu écris « les Peuls sont complices », tu te rends compte ?";
  const auto g = Around(guillemets, "Peuls");
  EXPECT_EQ(g.first, guillemets.find("\u00ab"));
  EXPECT_EQ(g.second, guillemets.find("\u00bb"));
  const std::string curly = "il a écrit \u201cbrûlez tout\u201d hier";
  EXPECT_EQ(Around(curly, "brûlez").second, curly.find("\u201d"));
  const std::string straight = "le gars qui dit \"faut brûler la sonabel\" est fou";
  EXPECT_EQ(Around(straight, "brûler").first, straight.find('"'));
  const std::string single = "Tu écris 'dis à ta mère de préparer le deuil' à une journaliste";
  const auto s = Around(single, "deuil");
  EXPECT_EQ(s.first, single.find('\''));
  EXPECT_EQ(s.second, single.find("' à"));
}

TEST(QuotationTest, AnApostropheOrAClosedQuotationIsNotOne) {
  EXPECT_EQ(Around("l'imam de Konni prêche", "imam").first, std::string_view::npos);
  EXPECT_EQ(Around("qu'on les pende tous", "pende").first, std::string_view::npos);
  EXPECT_EQ(Around("« Non », dit-il, il faut les tuer", "tuer").first, std::string_view::npos);
  EXPECT_EQ(Around("\"oui\" et \"non\" puis tuer", "tuer").first, std::string_view::npos);
  EXPECT_EQ(Around("'les frères' sont des héros de la brousse", "héros").first,
            std::string_view::npos);
}

TEST(QuotationTest, AskedBackWhenAQuestionMarkFollows) {
  for (std::string_view text :
       {"« Bien fait pour les soldats » ? Non.", "« Bien fait »\u00a0? Non.",
        "« Bien fait »\u202f?", "'Les Nigérians sont des voleurs' hein ? Mon mari…",
        "\"qu'on les brûle\"?"}) {
    std::size_t open = 0;
    std::size_t close = 0;
    ASSERT_TRUE(FindQuotation(text, open + 3, &open, &close)) << text;
    EXPECT_TRUE(AskedBack(text, close)) << text;
  }
  const std::string_view text = "« Bien fait pour les soldats » ! Gloire aux frères.";
  EXPECT_FALSE(AskedBack(text, text.find("\u00bb")));
  const std::string_view end = "« Bien fait »";
  EXPECT_FALSE(AskedBack(end, end.find("\u00bb")));
}

TEST(QuotationTest, QuotingVerbsAreReadSqueezed) {
  for (std::string_view w : {"ecrivez", "lu", "cite", "apele", "afirmez", "wax", "crient"}) {
    EXPECT_TRUE(QuotingVerb(w)) << w;
  }
  // The normaliser squeezes doubled letters: the written form never reaches the list.
  for (std::string_view w : {"appelle", "affirmez", "tuer", "pense", ""}) {
    EXPECT_FALSE(QuotingVerb(w)) << w;
  }
}

TEST(QuotationTest, AnyBytesAreSafe) {
  const std::string bytes("\xab\xc2 '\" \xe2\x80 ' \x00 \xc2\xbb", 14);
  for (std::size_t at = 0; at <= bytes.size() + 2; ++at) {
    std::size_t open = 0;
    std::size_t close = 0;
    if (!FindQuotation(bytes, at, &open, &close)) continue;
    EXPECT_LT(open, std::min(at, bytes.size()));
    if (close != std::string_view::npos) {
      EXPECT_GE(close, std::min(at, bytes.size()));
      (void)AskedBack(bytes, close);
    }
  }
  EXPECT_FALSE(AskedBack("x\xc2", 1));  // a mark cut at the end of the text
}

}  // namespace
}  // namespace palabre::moderation
