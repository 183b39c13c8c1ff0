#include "http/query.h"

#include <gtest/gtest.h>

namespace palabre::http {
namespace {

TEST(PercentDecode, DecodesEscapesAndPlus) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("%C3%A9t%c3%a9", false), "\xC3\xA9t\xC3\xA9");  // "été"
}

TEST(PercentDecode, KeepsMalformedEscapesAsWritten) {
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(PercentDecode("%%41", false), "%A");
}

TEST(PercentDecode, MalformedEscapesAreDetected) {
  for (const char* bad : {"%zz", "a=%zz", "%zz=1", "100%", "%4", "a%2", "%%41", "k=%G0"}) {
    EXPECT_FALSE(IsValidPercentEncoding(bad)) << bad;
  }
  for (const char* good : {"", "a=1&b=2", "%41", "a%2Fb%2fc", "x=%25zz", "+"}) {
    EXPECT_TRUE(IsValidPercentEncoding(good)) << good;
  }
  EXPECT_TRUE(IsValidPercentEncoding(PercentEncode("%zz \xFF")));
}

TEST(PercentEncode, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  const std::string encoded = PercentEncode(all);
  EXPECT_EQ(encoded.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%"),
            std::string::npos);
  EXPECT_EQ(PercentDecode(encoded, true), all);
  EXPECT_EQ(PercentEncode("https://site/a b"), "https%3A%2F%2Fsite%2Fa%20b");
}

TEST(QueryParams, ParsesNamesValuesAndRepeats) {
  QueryParams q;
  q.Parse("sort=newest&keys=a,b&keys=c&flag&&empty=&lang=fr+en");
  EXPECT_EQ(q.size(), 6u);
  EXPECT_EQ(q.Get("sort"), "newest");
  EXPECT_EQ(q.Get("flag"), "");
  EXPECT_EQ(q.Get("empty"), "");
  EXPECT_EQ(q.Get("lang"), "fr en");
  EXPECT_FALSE(q.Get("missing").has_value());
  EXPECT_EQ(q.GetAll("keys"), (std::vector<std::string_view>{"a,b", "c"}));
}

TEST(QueryParams, DecodesNamesAndKeepsRawValues) {
  QueryParams q;
  q.Parse("k%65ys=a%2Cb,c");
  EXPECT_EQ(q.Get("keys"), "a,b,c");
  ASSERT_EQ(q.GetAllRaw("keys").size(), 1u);
  EXPECT_EQ(q.GetAllRaw("keys")[0], "a%2Cb,c");
}

TEST(QueryParams, ReuseClearsPreviousParameters) {
  QueryParams q;
  q.Parse("a=1&b=2&c=3");
  q.Parse("b=9");
  EXPECT_EQ(q.size(), 1u);
  EXPECT_FALSE(q.Get("a").has_value());
  EXPECT_EQ(q.Get("b"), "9");
  q.Parse("");
  EXPECT_EQ(q.size(), 0u);
}

TEST(SplitDecoded, EncodedSeparatorStaysInItsPiece) {
  std::vector<std::string> out;
  SplitDecodedTo("a,b%2Cc,,https%3A%2F%2Fx%2Fy,", ',', true, out);
  EXPECT_EQ(out, (std::vector<std::string>{"a", "b,c", "https://x/y"}));
}

}  // namespace
}  // namespace palabre::http
