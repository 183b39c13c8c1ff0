#include "moderation/lexicon_validation.h"

#include <gtest/gtest.h>

namespace palabre::moderation {
namespace {

TEST(ValidateLexicon, TheBuiltInListsAndWellFormedSiteTermsPass) {
  LexiconConfig config;
  EXPECT_TRUE(ValidateLexicon(config).ok());
  config.banned = {"arnaque*", "faux site"};
  config.suspect = {"promo"};
  config.allow = {"concours"};
  EXPECT_TRUE(ValidateLexicon(config).ok());
}

TEST(ValidateLexicon, ATermWithoutLetterOrDigitIsRefusedAndNamed) {
  LexiconConfig config;
  config.banned = {"ok", "!!!"};
  const Status banned = ValidateLexicon(config);
  EXPECT_EQ(banned.error(), Error::kInvalidArgument);
  EXPECT_NE(banned.message().find("!!!"), std::string::npos) << banned.message();

  config.banned.clear();
  config.allow = {"..."};
  EXPECT_EQ(ValidateLexicon(config).error(), Error::kInvalidArgument);
}

TEST(ValidateLexicon, ADisabledLexiconIsCheckedAllTheSame) {
  LexiconConfig config;
  config.enabled = false;
  config.suspect = {"*"};
  EXPECT_EQ(ValidateLexicon(config).error(), Error::kInvalidArgument);
}

}  // namespace
}  // namespace palabre::moderation
