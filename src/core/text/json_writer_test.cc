#include "core/text/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace palabre::text {
namespace {

TEST(JsonWriter, EscapesQuotesBackslashesAndControls) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\n\t\r\b\f\x01\x1f end");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f end\"");
}

TEST(JsonWriter, CopiesValidUtf8AndReplacesInvalidBytes) {
  std::string out;
  AppendJsonString(out, "é \xF0\x9F\x98\x80 \xFF end");
  EXPECT_EQ(out, "\"é \xF0\x9F\x98\x80 \xEF\xBF\xBD end\"");
  out.clear();
  AppendJsonString(out, "\xED\xA0\x80");  // an encoded surrogate is not UTF-8
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString(out, "\xC0\xAF");  // overlong "/"
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString(out, "\xE2\x82");  // truncated sequence at the end
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWriter, AppendsToWhatIsThere) {
  std::string out = "{\"k\":";
  AppendJsonString(out, "");
  out += ",\"n\":";
  AppendJsonInt(out, -9223372036854775807LL - 1);
  EXPECT_EQ(out, "{\"k\":\"\",\"n\":-9223372036854775808");
}

TEST(JsonWriter, DoublesHaveFourSignificantDigitsAndAreAlwaysJson) {
  std::string out;
  AppendJsonDouble(out, 0.87654);
  EXPECT_EQ(out, "0.8765");
  out.clear();
  AppendJsonDouble(out, std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(out, "0");
  out.clear();
  AppendJsonDouble(out, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(out, "0");
}

}  // namespace
}  // namespace palabre::text
