// FaultInjectingStore: chosen calls fail without reaching the wrapped store; the others pass
// through (the whole conformance suite also runs through a rule-free wrapper).
#include "store/fault_injecting_store.h"

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace palabre::store {
namespace {

class FaultInjectingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "palabre_fault_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    Result<std::unique_ptr<Store>> base = OpenStore("sqlite://" + dir_ + "/f.db");
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    store_ = std::make_unique<FaultInjectingStore>(std::move(base).value());
    Site site;
    site.id = "s";
    ASSERT_TRUE(store_->CreateSite(site).ok());
    Thread thread;
    thread.site_id = "s";
    thread.key = "k";
    Result<Thread> t = store_->EnsureThread(thread);
    ASSERT_TRUE(t.ok());
    thread_ = t->id;
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Comment NewComment() const {
    Comment c;
    c.thread_id = thread_;
    c.text = "x";
    return c;
  }

  std::int64_t Count() {
    Result<Thread> t = store_->base().GetThreadById(thread_);
    EXPECT_TRUE(t.ok());
    return t.ok() ? t->comment_count : -1;
  }

  std::string dir_;
  std::unique_ptr<FaultInjectingStore> store_;
  ThreadId thread_ = 0;
};

TEST_F(FaultInjectingStoreTest, FailNextFailsThatManyCallsThenPassesThrough) {
  store_->FailNext(StoreMethod::kInsertComment, Error::kUnavailable, 2);
  EXPECT_EQ(store_->InsertComment(NewComment()).error(), Error::kUnavailable);
  EXPECT_EQ(store_->InsertComment(NewComment()).error(), Error::kUnavailable);
  EXPECT_EQ(Count(), 0);  // the failed calls changed nothing
  EXPECT_TRUE(store_->InsertComment(NewComment()).ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(store_->calls(StoreMethod::kInsertComment), 3);
}

TEST_F(FaultInjectingStoreTest, OnlyTheChosenMethodFails) {
  store_->FailAlways(StoreMethod::kVote, Error::kInternal);
  Result<Comment> c = store_->InsertComment(NewComment());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(store_->Vote(c->id, "v", "", 1, 0).error(), Error::kInternal);
  EXPECT_EQ(store_->Vote(c->id, "v", "", 1, 0).error(), Error::kInternal);
  EXPECT_TRUE(store_->GetComment(c->id).ok());
  store_->Clear();
  Result<Comment> voted = store_->Vote(c->id, "v", "", 1, 0);
  ASSERT_TRUE(voted.ok());
  EXPECT_EQ(voted->upvotes, 1);  // the failed votes never reached the store
}

TEST_F(FaultInjectingStoreTest, AnyFailsEveryMethod) {
  store_->FailAlways(StoreMethod::kAny, Error::kUnavailable);
  EXPECT_EQ(store_->GetSite("s").error(), Error::kUnavailable);
  EXPECT_EQ(store_->ListSites().error(), Error::kUnavailable);
  EXPECT_EQ(store_->GetThread("s", "k").error(), Error::kUnavailable);
  EXPECT_EQ(store_->ListTopLevel(thread_, Sort::kOldest, std::nullopt, 20).error(),
            Error::kUnavailable);
  std::vector<std::string> keys = {"k"};
  EXPECT_EQ(store_->CountComments("s", keys).error(), Error::kUnavailable);
  EXPECT_EQ(store_->SetThreadClosed(thread_, true).error(), Error::kUnavailable);
  store_->Clear();
  Result<Thread> t = store_->GetThreadById(thread_);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->closed);
}

TEST_F(FaultInjectingStoreTest, AMethodRuleIsUsedBeforeTheAnyRule) {
  store_->FailAlways(StoreMethod::kAny, Error::kUnavailable);
  store_->FailNext(StoreMethod::kGetSite, Error::kInternal);
  EXPECT_EQ(store_->GetSite("s").error(), Error::kInternal);
  EXPECT_EQ(store_->GetSite("s").error(), Error::kUnavailable);
}

TEST_F(FaultInjectingStoreTest, AForwardedFailureIsTheWrappedStoresOwn) {
  EXPECT_EQ(store_->GetComment(424242).error(), Error::kUnknownComment);
  EXPECT_EQ(store_->calls(StoreMethod::kGetComment), 1);
}

}  // namespace
}  // namespace palabre::store
