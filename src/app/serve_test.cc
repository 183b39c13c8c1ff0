#include "app/serve.h"

#include <gtest/gtest.h>

namespace palabre::app {
namespace {

using Origins = std::vector<std::string>;

TEST(DemoOriginsTest, ALoopbackAddressIsAllowedUnderBothItsNames) {
  EXPECT_EQ(DemoOrigins("127.0.0.1", 8080, ""),
            (Origins{"http://127.0.0.1:8080", "http://localhost:8080"}));
  EXPECT_EQ(DemoOrigins("localhost", 41234, ""),
            (Origins{"http://127.0.0.1:41234", "http://localhost:41234"}));
  EXPECT_EQ(DemoOrigins("0.0.0.0", 80, ""),
            (Origins{"http://127.0.0.1:80", "http://localhost:80"}));
  EXPECT_EQ(DemoOrigins("::1", 8080, ""),
            (Origins{"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"}));
}

TEST(DemoOriginsTest, AnotherHostAndThePublicUrlAreAllowedAsTyped) {
  EXPECT_EQ(DemoOrigins("192.168.1.20", 8080, ""), (Origins{"http://192.168.1.20:8080"}));
  EXPECT_EQ(DemoOrigins("Demo.Local", 8080, ""), (Origins{"http://demo.local:8080"}));
  EXPECT_EQ(DemoOrigins("127.0.0.1", 8080, "https://demo.example"),
            (Origins{"http://127.0.0.1:8080", "http://localhost:8080", "https://demo.example"}));
  EXPECT_EQ(DemoOrigins("127.0.0.1", 8080, "http://localhost:8080"),
            (Origins{"http://127.0.0.1:8080", "http://localhost:8080"}));
}

TEST(PublicOriginTest, TheOriginOfAnHttpUrl) {
  EXPECT_EQ(*PublicOrigin("https://Demo.example:443/article?x=1"), "https://demo.example");
  EXPECT_EQ(*PublicOrigin("http://localhost:9000"), "http://localhost:9000");
  EXPECT_EQ(*PublicOrigin("http://[::1]:9000/"), "http://[::1]:9000");
  for (const char* bad : {"demo.example", "ftp://demo.example/", "https:///x", "https://a b/"}) {
    EXPECT_EQ(PublicOrigin(bad).error(), Error::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace palabre::app
