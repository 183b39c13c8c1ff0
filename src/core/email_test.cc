#include "core/email.h"

#include <gtest/gtest.h>

#include <string>

namespace palabre {
namespace {

TEST(EmailTest, AcceptsOrdinaryAddresses) {
  EXPECT_TRUE(LooksLikeEmail("awa@example.sn"));
  EXPECT_TRUE(LooksLikeEmail("moussa.traore+lefaso@mail.example.bf"));
  EXPECT_TRUE(LooksLikeEmail("Fatou.Diop@Example.COM"));
  EXPECT_TRUE(LooksLikeEmail("aïcha@exemple.ci"));  // UTF-8 local part: not refused
}

TEST(EmailTest, RefusesWhatIsNoAddress) {
  for (const char* bad : {"", "awa", "@example.sn", "awa@", "awa@example", "awa@.sn", "awa@sn.",
                          "a@b@example.sn", "awa diallo@example.sn", "awa@example.sn\n",
                          "<awa@example.sn>", "\"awa\"@example.sn", "awa@example.sn, b@example.sn",
                          "awa@example.sn;", "awa\t@example.sn", "awa\x7f@example.sn"}) {
    EXPECT_FALSE(LooksLikeEmail(bad)) << bad;
  }
}

TEST(EmailTest, AtMost254Bytes) {
  const std::string domain = "@example.sn";
  EXPECT_TRUE(LooksLikeEmail(std::string(254 - domain.size(), 'a') + domain));
  EXPECT_FALSE(LooksLikeEmail(std::string(255 - domain.size(), 'a') + domain));
}

}  // namespace
}  // namespace palabre
