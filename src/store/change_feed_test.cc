// The change feed of a store no other process writes to (SQLite): it starts, never delivers,
// and stops. PgStore's feed is tested in postgres/pg_store_test.cc.
#include "store/change_feed.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "store/fault_injecting_store.h"
#include "store/store.h"

namespace palabre::store {
namespace {

TEST(ChangeFeedTest, ASqliteStoreHasASilentFeed) {
  std::string dir = (std::filesystem::temp_directory_path() / "palabre_feed_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    Result<std::unique_ptr<Store>> store = OpenStore("sqlite://" + dir + "/feed.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    FaultInjectingStore wrapped(std::move(store).value());
    std::unique_ptr<ChangeFeed> feed = wrapped.NewChangeFeed();
    ASSERT_NE(feed, nullptr);
    int delivered = 0;
    EXPECT_FALSE(feed->WaitListening(std::chrono::milliseconds(0)));  // not started
    ASSERT_TRUE(feed->Start([&delivered](const Change&) { ++delivered; }).ok());
    EXPECT_TRUE(feed->WaitListening(std::chrono::milliseconds(0)));
    EXPECT_EQ(feed->Start([](const Change&) {}).error(), Error::kInvalidArgument);
    Site site;
    site.id = "s";
    site.salt = "x";
    ASSERT_TRUE(wrapped.CreateSite(site).ok());
    feed->Stop();
    feed->Stop();
    EXPECT_EQ(delivered, 0);
  }
  std::filesystem::remove_all(dir);
}

TEST(ChangeFeedTest, KindsHaveStableNames) {
  EXPECT_EQ(ToString(ChangeKind::kCommentInserted), "inserted");
  EXPECT_EQ(ToString(ChangeKind::kCommentEdited), "edited");
  EXPECT_EQ(ToString(ChangeKind::kCommentStatus), "status");
  EXPECT_EQ(ToString(ChangeKind::kCommentVoted), "voted");
  EXPECT_EQ(ToString(ChangeKind::kThreadChanged), "thread");
  EXPECT_EQ(ToString(ChangeKind::kResync), "resync");
}

}  // namespace
}  // namespace palabre::store
