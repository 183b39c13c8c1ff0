#include "core/client_address.h"

#include <gtest/gtest.h>

namespace palabre {
namespace {

TEST(ClientAddress, Ipv4IsItselfAndItsSlash24) {
  EXPECT_EQ(ClientKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientRange("192.0.2.7"), "192.0.2.0/24");
  EXPECT_EQ(ClientRange("192.0.2.250"), ClientRange("192.0.2.7"));
  EXPECT_NE(ClientRange("192.0.3.7"), ClientRange("192.0.2.7"));
  EXPECT_NE(ClientKey("192.0.2.8"), ClientKey("192.0.2.7"));
}

TEST(ClientAddress, PortsBracketsAndSpacesAreIgnored) {
  EXPECT_EQ(ClientKey(" 192.0.2.7:5678 "), "192.0.2.7");
  EXPECT_EQ(ClientKey("[2001:db8::1]:443"), ClientKey("2001:db8::1"));
  EXPECT_EQ(ClientKey("fe80::1%eth0"), ClientKey("fe80::1"));
}

TEST(ClientAddress, Ipv6IsItsSlash64AndItsRangeTheSlash48) {
  // Privacy addresses of one subscriber: one client.
  EXPECT_EQ(ClientKey("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), ClientKey("2001:db8:1:2::1"));
  EXPECT_NE(ClientKey("2001:db8:1:3::1"), ClientKey("2001:db8:1:2::1"));
  EXPECT_EQ(ClientRange("2001:db8:1:3::1"), "2001:db8:1::/48");
  EXPECT_EQ(ClientRange("2001:db8:1:ffff::9"), ClientRange("2001:db8:1:3::1"));
  EXPECT_NE(ClientRange("2001:db8:2::1"), ClientRange("2001:db8:1::1"));
  // Written differently, the same address.
  EXPECT_EQ(ClientKey("2001:0DB8:0001:0002:0000:0000:0000:0001"), ClientKey("2001:db8:1:2::1"));
}

TEST(ClientAddress, MappedIpv4IsIpv4) {
  EXPECT_EQ(ClientKey("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientRange("::ffff:192.0.2.7"), "192.0.2.0/24");
}

TEST(ClientAddress, AnythingElseIsItsOwnKeyAndRange) {
  EXPECT_EQ(ClientKey("proxy.example"), "proxy.example");
  EXPECT_EQ(ClientRange("proxy.example"), "proxy.example");
  EXPECT_EQ(ClientKey(""), "");
  EXPECT_EQ(ClientKey("999.1.1.1"), "999.1.1.1");
}

}  // namespace
}  // namespace palabre
