// The fixture of the comment service's tests (comment_service_test.cc: posting, listing,
// moderation's decisions, counts and versions; comment_service_edit_vote_test.cc: an author's
// statuses, edits, deletes and votes): a real SQLite store in a temporary folder, site "demo",
// and a moderator whose decision the test sets. Test-only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.h"
#include "core/crypto.h"
#include "service/comment_service.h"
#include "service/site_service.h"
#include "store/store.h"

namespace palabre::service {

// Moderator whose decision the test sets.
class FakeModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override {
    return next;
  }
  void Record(const Site&, const Comment&, const moderation::Decision*) override { ++recorded; }
  moderation::Decision next;
  std::atomic<int> recorded{0};
};

class CommentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_service_test_" + std::to_string(::getpid()) + "_" +
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
    in.time_zone = "Africa/Dakar";
    ASSERT_TRUE(sites.Add(in).ok());
    service_ = std::make_unique<CommentService>(*store_, moderator_, clock_, Limits{});
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  PostOutput MustPost(std::string text, std::optional<CommentId> parent = std::nullopt,
                      std::string key = "article-1") {
    PostInput in;
    in.site_id = "demo";
    in.key = std::move(key);
    in.author = "Awa";
    in.text = std::move(text);
    in.parent_id = parent;
    in.client_address = "203.0.113.7";
    auto out = service_->Post(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? std::move(out).value() : PostOutput{};
  }

  Result<PostOutput> Post(PostInput in) {
    if (in.site_id.empty()) in.site_id = "demo";
    if (in.key.empty()) in.key = "article-1";
    return service_->Post(in);
  }

  ThreadPage MustList(ListInput in = {}) {
    if (in.site_id.empty()) in.site_id = "demo";
    if (in.key.empty()) in.key = "article-1";
    auto page = service_->List(in);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? std::move(page).value() : ThreadPage{};
  }

  std::filesystem::path dir_;
  FakeClock clock_{1'750'000'000'000};
  FakeModerator moderator_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CommentService> service_;
};

// A vote on `id` from `address` (and, when given, the browser token `token`).
inline VoteInput V(CommentId id, int direction, std::string address, std::string token = "") {
  VoteInput in;
  in.comment_id = id;
  in.direction = direction;
  in.client_address = std::move(address);
  in.token = std::move(token);
  return in;
}

}  // namespace palabre::service
