#include "core/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace palabre {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto()); }
};

bool IsBase64UrlNoPadding(const std::string& s) {
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

TEST_F(CryptoTest, InitIsIdempotent) {
  EXPECT_TRUE(InitCrypto());
  EXPECT_TRUE(InitCrypto());
}

TEST_F(CryptoTest, RandomTokenHasBase64UrlLengthAndAlphabet) {
  const std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, no padding
  EXPECT_TRUE(IsBase64UrlNoPadding(token)) << token;
  EXPECT_EQ(RandomToken(16).size(), 22u);
  EXPECT_EQ(RandomToken(1).size(), 2u);
  EXPECT_EQ(RandomToken(3).size(), 4u);
  EXPECT_EQ(RandomToken(0), "");
}

TEST_F(CryptoTest, RandomTokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomToken());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST_F(CryptoTest, RandomTokenUsesWholeAlphabet) {
  // 200 tokens of 43 characters: every one of the 64 symbols appears, '-' and '_' included.
  std::set<char> symbols;
  for (int i = 0; i < 200; ++i) {
    for (const char c : RandomToken()) symbols.insert(c);
  }
  EXPECT_EQ(symbols.size(), 64u);
  EXPECT_TRUE(symbols.count('-'));
  EXPECT_TRUE(symbols.count('_'));
}

// Reference digests computed with Python's hashlib.blake2b(digest_size=32).
TEST_F(CryptoTest, HashHexIsBlake2b256) {
  EXPECT_EQ(HashHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(HashHex("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST_F(CryptoTest, HashHexUsesKeysOf16To64BytesDirectly) {
  EXPECT_EQ(HashHex("203.0.113.7", "0123456789abcdef"),
            "bacbfe1a7ac91da8046504e39b0d9c1148b997d89531f2e7610eaedd98ff120a");
  std::string key64;
  for (int i = 0; i < 64; ++i) key64.push_back(static_cast<char>(i));
  EXPECT_EQ(HashHex("203.0.113.7", key64),
            "e66b553ebf6500adee78bb25de165c28e57af968de933cb59f13ec0e282403f2");
}

TEST_F(CryptoTest, HashHexHashesShortAndLongKeysFirst) {
  // key "salt" (4 bytes) -> key BLAKE2b-256("salt"); key 65 bytes likewise.
  EXPECT_EQ(HashHex("203.0.113.7", "salt"),
            "93dc0c13879a4625853078124c682408cc7229695c3efc091fab981a5e162f4f");
  EXPECT_EQ(HashHex("203.0.113.7", std::string(65, 'k')),
            "57653287f99aebf91d127a7632c279fd27abecb44aa589ed33bc864b39f6733a");
}

TEST_F(CryptoTest, KeyChangesTheHash) {
  const std::string plain = HashHex("203.0.113.7");
  EXPECT_NE(HashHex("203.0.113.7", "site-a-salt"), plain);
  EXPECT_NE(HashHex("203.0.113.7", "site-a-salt"), HashHex("203.0.113.7", "site-b-salt"));
  EXPECT_EQ(HashHex("203.0.113.7", "site-a-salt"), HashHex("203.0.113.7", "site-a-salt"));
  EXPECT_EQ(plain.size(), 64u);
  EXPECT_EQ(plain.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST_F(CryptoTest, HashHexTakesBinaryData) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(HashHex(with_nul), HashHex("a"));
  EXPECT_NE(HashHex(with_nul), HashHex("ab"));
}

TEST_F(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("token", "token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "tokeN"));
  EXPECT_FALSE(ConstantTimeEquals("token", "Token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "token2"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
  EXPECT_FALSE(ConstantTimeEquals("x", ""));
  const std::string t = RandomToken();
  EXPECT_TRUE(ConstantTimeEquals(t, std::string(t)));
  EXPECT_TRUE(ConstantTimeEquals(HashHex(t), HashHex(t)));
}

}  // namespace
}  // namespace palabre
