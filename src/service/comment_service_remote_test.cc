// CommentService::OnRemoteChange: what a node does with a change another node committed to
// the shared store. Two services on one store stand for two nodes: "there" writes,
// "here" is told through OnRemoteChange, as its change feed would.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "service/comment_service.h"
#include "service/site_service.h"
#include "store/change_feed.h"
#include "store/store.h"

namespace palabre::service {
namespace {

class CountingModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override {
    return next;
  }
  void Record(const Site&, const Comment& c, const moderation::Decision*) override {
    recorded.push_back(c.id);
  }
  moderation::Decision next;
  std::vector<CommentId> recorded;
};

class RemoteChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_remote_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = store::OpenStore((dir_ / "t.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    SiteService sites(*store_, clock_);
    SiteInput in;
    in.id = "demo";
    in.name = "Demo";
    ASSERT_TRUE(sites.Add(in).ok());
    there_ = std::make_unique<CommentService>(*store_, there_moderator_, clock_);
    here_ = std::make_unique<CommentService>(*store_, here_moderator_, clock_);
    here_->SetListener([this](const Site& site, const Thread& thread, const Comment& comment) {
      pushed_.push_back(site.id + "/" + thread.key + "/" + std::to_string(comment.id));
    });
  }
  void TearDown() override {
    here_.reset();
    there_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  PostOutput PostThere(const std::string& text, const std::string& key = "article-1") {
    PostInput in;
    in.site_id = "demo";
    in.key = key;
    in.author = "Awa";
    in.text = text;
    auto out = there_->Post(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? std::move(out).value() : PostOutput{};
  }

  static store::Change ChangeOf(store::ChangeKind kind, CommentId id,
                                const std::string& key = "article-1") {
    return store::Change{kind, "demo", key, id};
  }

  FakeClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  CountingModerator there_moderator_;
  CountingModerator here_moderator_;
  std::unique_ptr<CommentService> there_;
  std::unique_ptr<CommentService> here_;
  std::vector<std::string> pushed_;
};

TEST_F(RemoteChangeTest, ANewPublishedCommentIsVersionedRecordedAndPushed) {
  const std::uint64_t before = here_->ThreadVersion("demo", "article-1");
  PostOutput posted = PostThere("Bonjour depuis l'autre nœud");
  EXPECT_EQ(here_->ThreadVersion("demo", "article-1"), before);  // not told yet

  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, posted.comment.id));
  EXPECT_NE(here_->ThreadVersion("demo", "article-1"), before);
  EXPECT_EQ(here_moderator_.recorded, std::vector<CommentId>{posted.comment.id});
  EXPECT_EQ(pushed_,
            std::vector<std::string>{"demo/article-1/" + std::to_string(posted.comment.id)});
}

TEST_F(RemoteChangeTest, AHeldCommentIsRecordedButNotPushed) {
  there_moderator_.next.action = moderation::Action::kHold;
  PostOutput held = PostThere("À vérifier");
  ASSERT_EQ(held.comment.status, CommentStatus::kHeld);
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, held.comment.id));
  EXPECT_EQ(here_moderator_.recorded, std::vector<CommentId>{held.comment.id});
  EXPECT_TRUE(pushed_.empty());
}

TEST_F(RemoteChangeTest, AnEditIsPushedButNotRecordedAgain) {
  PostOutput posted = PostThere("Premier jet");
  clock_.AdvanceMs(1000);
  ASSERT_TRUE(there_->Edit(posted.comment.id, posted.edit_token, "Version corrigée").ok());
  const std::uint64_t before = here_->ThreadVersion("demo", "article-1");
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentEdited, posted.comment.id));
  EXPECT_NE(here_->ThreadVersion("demo", "article-1"), before);
  EXPECT_TRUE(here_moderator_.recorded.empty());
  EXPECT_EQ(pushed_.size(), 1u);
}

TEST_F(RemoteChangeTest, VotesDeletionsAndThreadChangesOnlyBumpTheVersion) {
  PostOutput posted = PostThere("Un avis");
  std::uint64_t version = here_->ThreadVersion("demo", "article-1");
  VoteInput vote;
  vote.comment_id = posted.comment.id;
  vote.direction = 1;
  vote.client_address = "198.51.100.9";
  ASSERT_TRUE(there_->Vote(vote).ok());
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentVoted, posted.comment.id));
  EXPECT_NE(here_->ThreadVersion("demo", "article-1"), version);
  version = here_->ThreadVersion("demo", "article-1");

  // A deletion seen half-way (text emptied, status not yet changed) is not pushed either.
  ASSERT_TRUE(store_->UpdateCommentText(posted.comment.id, "", "", clock_.NowMs()).ok());
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentEdited, posted.comment.id));
  ASSERT_TRUE(store_->SetCommentStatus(posted.comment.id, CommentStatus::kDeleted).ok());
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentStatus, posted.comment.id));
  EXPECT_NE(here_->ThreadVersion("demo", "article-1"), version);
  version = here_->ThreadVersion("demo", "article-1");

  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kThreadChanged, 0));
  EXPECT_NE(here_->ThreadVersion("demo", "article-1"), version);
  EXPECT_TRUE(pushed_.empty());
  EXPECT_TRUE(here_moderator_.recorded.empty());
}

TEST_F(RemoteChangeTest, AChangeOfAVanishedCommentStillBumpsTheVersion) {
  const std::uint64_t before = here_->ThreadVersion("demo", "gone");
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, 424242, "gone"));
  EXPECT_NE(here_->ThreadVersion("demo", "gone"), before);
  EXPECT_TRUE(pushed_.empty());
  EXPECT_TRUE(here_moderator_.recorded.empty());
}

TEST_F(RemoteChangeTest, AResyncBumpsEveryThreadThisNodeVersioned) {
  PostOutput a = PostThere("Sur a", "a");
  PostOutput b = PostThere("Sur b", "b");
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, a.comment.id, "a"));
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, b.comment.id, "b"));
  const std::uint64_t va = here_->ThreadVersion("demo", "a");
  const std::uint64_t vb = here_->ThreadVersion("demo", "b");
  here_->OnRemoteChange(store::Change{});  // kResync
  EXPECT_NE(here_->ThreadVersion("demo", "a"), va);
  EXPECT_NE(here_->ThreadVersion("demo", "b"), vb);
}

TEST_F(RemoteChangeTest, AResyncGivesEveryThreadANewVersionThenCallsTheResetListener) {
  PostOutput a = PostThere("Sur a", "a");
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentInserted, a.comment.id, "a"));
  const std::uint64_t va = here_->ThreadVersion("demo", "a");
  // A thread this node never versioned: a page of it may be cached all the same.
  const std::uint64_t never = here_->ThreadVersion("demo", "never-versioned");
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen_by_listener;
  here_->SetResetListener([&] {
    seen_by_listener.emplace_back(here_->ThreadVersion("demo", "a"),
                                  here_->ThreadVersion("demo", "never-versioned"));
  });
  here_->OnRemoteChange(store::Change{});  // kResync
  ASSERT_EQ(seen_by_listener.size(), 1u);
  EXPECT_GT(seen_by_listener[0].first, va);
  EXPECT_GT(seen_by_listener[0].second, never);
  EXPECT_GT(seen_by_listener[0].second, va);  // newer than any version given before
  // Versions keep growing after it.
  const std::uint64_t after = here_->ThreadVersion("demo", "a");
  here_->OnRemoteChange(ChangeOf(store::ChangeKind::kCommentVoted, a.comment.id, "a"));
  EXPECT_GT(here_->ThreadVersion("demo", "a"), after);
  // Other changes never call it.
  EXPECT_EQ(seen_by_listener.size(), 1u);
  EXPECT_EQ(pushed_.size(), 1u);
}

}  // namespace
}  // namespace palabre::service
