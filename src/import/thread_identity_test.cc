#include "import/thread_identity.h"

#include <gtest/gtest.h>

namespace palabre::import {
namespace {

std::string Key(KeyRule rule, std::string ident, std::string url,
                std::vector<std::pair<std::string, std::string>> maps = {}) {
  SourceThread t;
  t.ident = std::move(ident);
  t.url = std::move(url);
  return ThreadKeyFor(t, IdentityOptions{rule, std::move(maps)});
}

TEST(ThreadIdentityTest, PathDropsQueryFragmentAndTrailingSlash) {
  EXPECT_EQ(Key(KeyRule::kPath, "x", "https://s.example/eco/riz/?utm=fb#c12"), "/eco/riz");
  EXPECT_EQ(Key(KeyRule::kPath, "", "http://S.example/eco/riz"), "/eco/riz");
  EXPECT_EQ(Key(KeyRule::kPath, "", "https://s.example"), "/");
  EXPECT_EQ(Key(KeyRule::kPath, "", "https://s.example/"), "/");
  EXPECT_EQ(Key(KeyRule::kPath, "", "/2023/04/elections/"), "/2023/04/elections");
  EXPECT_EQ(Key(KeyRule::kPath, "", "/Casse/Garde"), "/Casse/Garde");  // paths keep their case
}

TEST(ThreadIdentityTest, UrlKeepsSchemeAndHostInLowerCase) {
  EXPECT_EQ(Key(KeyRule::kUrl, "", "HTTPS://WWW.S.example/eco/riz/?a=1"),
            "https://www.s.example/eco/riz");
  EXPECT_EQ(Key(KeyRule::kUrl, "", "https://s.example:8443/"), "https://s.example:8443");
  EXPECT_EQ(Key(KeyRule::kUrl, "", "/sans/hote"), "/sans/hote");
}

TEST(ThreadIdentityTest, IdFallsBackToThePath) {
  EXPECT_EQ(Key(KeyRule::kId, "article-12", "https://s.example/a/"), "article-12");
  EXPECT_EQ(Key(KeyRule::kId, "  ", "https://s.example/a/"), "/a");
  EXPECT_EQ(Key(KeyRule::kId, "", ""), "");
}

TEST(ThreadIdentityTest, MapsMoveAnOldDomain) {
  const std::vector<std::pair<std::string, std::string>> maps = {
      {"http://ancien.example/", "https://nouveau.example/archives/"}};
  EXPECT_EQ(Key(KeyRule::kUrl, "", "http://ancien.example/a/b", maps),
            "https://nouveau.example/archives/a/b");
  EXPECT_EQ(Key(KeyRule::kPath, "", "http://ancien.example/a/b", maps), "/archives/a/b");
  EXPECT_EQ(Key(KeyRule::kUrl, "", "https://autre.example/a", maps), "https://autre.example/a");
}

TEST(ThreadIdentityTest, ParsesRulesAndMaps) {
  EXPECT_EQ(ParseKeyRule("path"), KeyRule::kPath);
  EXPECT_EQ(ParseKeyRule("uri"), std::nullopt);
  EXPECT_EQ(ParseMap("a=b")->second, "b");
  EXPECT_EQ(ParseMap("a=")->second, "");
  EXPECT_EQ(ParseMap("=b"), std::nullopt);
  EXPECT_EQ(ParseMap("ab"), std::nullopt);
}

}  // namespace
}  // namespace palabre::import
