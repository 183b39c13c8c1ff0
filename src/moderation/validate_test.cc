// ValidateLexicon: the answer the pipeline would give when building the lexicon check.
#include "moderation/validate.h"

#include <gtest/gtest.h>

namespace palabre::moderation {
namespace {

TEST(ValidateLexiconTest, TheDefaultsAndWellFormedSiteTermsAreValid) {
  EXPECT_TRUE(ValidateLexicon(LexiconConfig{}).ok());
  LexiconConfig config;
  config.banned = {"arnaque*", "faux média"};
  config.suspect = {"vendu"};
  config.allow = {"con"};
  EXPECT_TRUE(ValidateLexicon(config).ok());
}

TEST(ValidateLexiconTest, AMalformedTermIsRefusedInEveryList) {
  for (int list = 0; list < 2; ++list) {
    LexiconConfig config;
    (list == 0 ? config.banned : config.suspect) = {"vendu", "!!!"};
    Status status = ValidateLexicon(config);
    EXPECT_EQ(status.error(), Error::kInvalidArgument) << list;
    EXPECT_FALSE(status.message().empty()) << list;
  }
}

}  // namespace
}  // namespace palabre::moderation
