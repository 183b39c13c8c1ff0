#include "service/api_key_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

class ApiKeyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    tmp_ = std::make_unique<TempStore>(
        std::string("keys_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = tmp_->get();
    ASSERT_NE(store_, nullptr);
    SiteService sites(*store_, clock_);
    SiteInput in;
    in.id = "a";
    ASSERT_TRUE(sites.Add(in).ok());
  }

  FakeClock clock_;
  std::unique_ptr<TempStore> tmp_;
  store::Store* store_ = nullptr;
};

TEST_F(ApiKeyServiceTest, AKeyIsShownOnceAndStoredAsItsHash) {
  auto made = CreateApiKey(*store_, clock_, "a", "  Outil de modération ", 10);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(made->secret.starts_with("plb_"));
  EXPECT_EQ(made->key.name, "Outil de modération");
  auto stored = store_->ListApiKeys("a");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].key_hash, HashHex(made->secret));
  EXPECT_EQ((*stored)[0].hint, made->secret.substr(0, 8));
  EXPECT_EQ((*stored)[0].key_hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  auto other = CreateApiKey(*store_, clock_, "a", "", 10);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->secret, made->secret);
  EXPECT_EQ(CreateApiKey(*store_, clock_, "nowhere", "x").error(), Error::kUnknownSite);
  EXPECT_EQ(CreateApiKey(*store_, clock_, "a", std::string(101, 'x')).error(),
            Error::kInvalidArgument);
  EXPECT_EQ(CreateApiKey(*store_, clock_, "a", "x", 10'001).error(), Error::kInvalidArgument);
}

TEST_F(ApiKeyServiceTest, AdmitChecksTheKeyThenItsBudgetPerMinute) {
  auto made = CreateApiKey(*store_, clock_, "a", "CMS", 3);
  ASSERT_TRUE(made.ok());
  ApiKeyService keys(*store_, clock_);
  EXPECT_EQ(keys.Admit("").error(), Error::kApiKeyMissing);
  EXPECT_EQ(keys.Admit("plb_" + std::string(43, 'A')).error(), Error::kApiKeyInvalid);
  EXPECT_EQ(keys.Admit("not even close").error(), Error::kApiKeyInvalid);
  for (int i = 0; i < 3; ++i) {
    auto in = keys.Admit(made->secret);
    ASSERT_TRUE(in.ok());
    EXPECT_EQ(in->retry_after_s, 0);
    EXPECT_EQ(in->key.site_id, "a");
    clock_.AdvanceMs(10'000);
  }
  auto out = keys.Admit(made->secret);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->retry_after_s, 30);  // the minute began 30 s ago
  clock_.AdvanceMs(30'000);
  auto again = keys.Admit(made->secret);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->retry_after_s, 0);
}

}  // namespace
}  // namespace palabre::service
