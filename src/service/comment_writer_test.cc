// CommentWriter's cost: one site read per write, however the call goes (store calls counted by
// store/fault_injecting_store.h; the moderator moves the clock past the site cache's lifetime,
// so a second read of the site after the decision would reach the store).
#include "service/comment_writer.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "service/comment_service.h"
#include "service/site_service.h"
#include "store/fault_injecting_store.h"

namespace palabre::service {
namespace {

using store::StoreMethod;

// Publishes everything; each evaluation takes "ten seconds" of the fake clock.
class SlowModerator final : public moderation::Moderator {
 public:
  explicit SlowModerator(FakeClock& clock) : clock_(clock) {}
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override {
    clock_.AdvanceMs(10'000);
    return {};
  }
  void Record(const Site&, const Comment&, const moderation::Decision*) override {}

 private:
  FakeClock& clock_;
};

class CommentWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_writer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto base = store::OpenStore((dir_ / "t.db").string());
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    store_ = std::make_unique<store::FaultInjectingStore>(std::move(base).value());
    SiteService sites(*store_, clock_);
    SiteInput in;
    in.id = "demo";
    in.name = "Demo";
    in.time_zone = "Europe/Paris";
    ASSERT_TRUE(sites.Add(in).ok());
    service_ = std::make_unique<CommentService>(*store_, moderator_, clock_);
    // A live listener as the app wires it: it reads the thread's count (routes.cc).
    service_->SetListener([this](const Site& site, const Thread& thread, const Comment&) {
      ++published_;
      EXPECT_TRUE(service_->reader().Counts(site, {thread.key}).ok());
    });
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  int SiteReads() const { return store_->calls(StoreMethod::kGetSite); }

  std::filesystem::path dir_;
  FakeClock clock_{1'750'000'000'000};
  SlowModerator moderator_{clock_};
  std::unique_ptr<store::FaultInjectingStore> store_;
  std::unique_ptr<CommentService> service_;
  std::atomic<int> published_{0};
};

TEST_F(CommentWriterTest, APostReadsItsSiteOnceAndHandsItDown) {
  PostInput in;
  in.site_id = "demo";
  in.key = "article-1";
  in.author = "Awa";
  in.text = "Premier commentaire.";
  const int before = SiteReads();
  auto first = service_->Post(in);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(SiteReads() - before, 1);
  EXPECT_EQ(published_, 1);
  // The answer carries that site: the handler needs no other read for its time zone.
  EXPECT_EQ(first->site.id, "demo");
  EXPECT_EQ(first->site.time_zone, "Europe/Paris");

  // A reply to an existing thread: one read again (the cached site is stale by now).
  in.parent_id = first->comment.id;
  in.text = "Une réponse.";
  const int before_reply = SiteReads();
  auto reply = service_->Post(in);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(SiteReads() - before_reply, 1);
  EXPECT_EQ(published_, 2);
}

TEST_F(CommentWriterTest, AnEditReadsItsSiteOnce) {
  PostInput in;
  in.site_id = "demo";
  in.key = "article-1";
  in.author = "Awa";
  in.text = "Premier jet.";
  auto posted = service_->Post(in);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  clock_.AdvanceMs(10'000);
  const int before = SiteReads();
  auto edited = service_->Edit(posted->comment.id, posted->edit_token, "Second jet.");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(SiteReads() - before, 1);
  EXPECT_EQ(edited->site.time_zone, "Europe/Paris");
  EXPECT_EQ(edited->comment.text, "Second jet.");
}

}  // namespace
}  // namespace palabre::service
