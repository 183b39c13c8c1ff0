#include "http/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace palabre::http {
namespace {

std::string Gunzip(std::string_view gz) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

TEST(Gzip, RoundTripsAndShrinksJson) {
  std::string json = "{\"comments\":[";
  for (int i = 0; i < 200; ++i) {
    json += "{\"id\":" + std::to_string(i) +
            ",\"author\":\"Awa\",\"html\":\"<p>Paix à leurs âmes.</p>\"},";
  }
  json += "{}]}";
  const std::string gz = GzipCompress(json);
  ASSERT_FALSE(gz.empty());
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size() * 5, json.size());
  EXPECT_EQ(Gunzip(gz), json);
  EXPECT_EQ(Gunzip(GzipCompress("")), "");
}

}  // namespace
}  // namespace palabre::http
