// The HTTP-dates of the feeds' Last-Modified and If-Modified-Since (RFC 9110, 5.6.7).
#include "http/handlers/feed_handler.h"

#include <gtest/gtest.h>

namespace palabre::http::handlers {
namespace {

TEST(HttpDateTest, WritesImfFixdate) {
  EXPECT_EQ(HttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(HttpDate(784'111'777'000), "Sun, 06 Nov 1994 08:49:37 GMT");    // RFC 9110's example
  EXPECT_EQ(HttpDate(1'750'000'000'999), "Sun, 15 Jun 2025 15:06:40 GMT");  // to the second below
  EXPECT_EQ(HttpDate(951'782'400'000), "Tue, 29 Feb 2000 00:00:00 GMT");
}

TEST(HttpDateTest, ReadsImfFixdateOnly) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784'111'777'000);
  EXPECT_EQ(ParseHttpDate("Tue, 29 Feb 2000 00:00:00 GMT"), 951'782'400'000);
  for (TimestampMs t : {0LL, 1'750'000'000'000LL, 4'102'444'799'000LL}) {
    EXPECT_EQ(ParseHttpDate(HttpDate(t)), t);
  }
  // The obsolete forms, and anything malformed, are ignored (nullopt).
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 31 Feb 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 24:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 0x Nov 1994 08:49:37 GMT"), std::nullopt);
}

}  // namespace
}  // namespace palabre::http::handlers
