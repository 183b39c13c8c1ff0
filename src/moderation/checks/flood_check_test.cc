#include "moderation/checks/flood_check.h"

#include <gtest/gtest.h>

#include "moderation/check_testing.h"
#include "moderation/history.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::kTestNow;

constexpr std::int64_t kSecond = 1000;

class FloodCheckTest : public ::testing::Test {
 protected:
  // A comment recorded `ago_s` seconds before kTestNow.
  void Posted(std::int64_t ago_s, const std::string& author, const std::string& client) {
    Comment c;
    c.id = ++last_id_;
    c.thread_id = 1;
    c.author = author;
    c.client_hash = client;
    c.created_at = kTestNow - ago_s * kSecond;
    c.text = "commentaire " + std::to_string(c.id);
    HistoryEntry e;
    e.id = c.id;
    e.thread_id = c.thread_id;
    e.at = c.created_at;
    e.author = AuthorOf(c);
    e.fingerprint = ComputeFingerprint(Normalize(c.text));
    history_.Add("site", e);
  }

  Verdict Check(const std::string& author, const std::string& client, FloodConfig config = {},
                TimestampMs now = kTestNow) {
    CheckInput in("Encore un commentaire", &history_, now, author, client);
    return in.Run(FloodCheck(config));
  }

  History history_;
  CommentId last_id_ = 0;
};

TEST_F(FloodCheckTest, ABurstFromOneNameIsRejectedWithRetryAfter) {
  Posted(20, "Awa", "c1");
  Posted(10, "Awa", "c2");
  EXPECT_EQ(Check("Awa", "c3").action, Action::kPass);  // third comment in 30 s: allowed
  Posted(5, "Awa", "c3");
  const Verdict v = Check("awa ", "c4");  // same name, folded
  EXPECT_EQ(v.action, Action::kReject);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].code, "flood");
  // The oldest of the three (20 s ago) leaves the 30 s window in 10 s.
  EXPECT_EQ(v.retry_after_s, 10);
}

TEST_F(FloodCheckTest, ABurstFromOneAddressUnderDifferentNames) {
  Posted(3, "Awa", "same");
  Posted(2, "Moussa", "same");
  Posted(1, "Ibrahim", "same");
  const Verdict v = Check("Fatou", "same");
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_GT(v.retry_after_s, 0);
  EXPECT_NE(v.reasons[0].detail.find("adresse"), std::string::npos);
  FloodConfig names_only;
  names_only.by_client = false;
  EXPECT_EQ(Check("Fatou", "same", names_only).action, Action::kPass);
}

TEST_F(FloodCheckTest, OthersAreNotSlowedDown) {
  Posted(3, "Awa", "c1");
  Posted(2, "Awa", "c1");
  Posted(1, "Awa", "c1");
  EXPECT_EQ(Check("Moussa", "c9").action, Action::kPass);
}

TEST_F(FloodCheckTest, SustainedRate) {
  // Ten comments over nine minutes, never three in 30 s.
  for (int i = 9; i >= 0; --i) Posted(i * 60 + 1, "Awa", std::to_string(i) + "-client");
  const Verdict v = Check("Awa", "new");
  EXPECT_EQ(v.action, Action::kReject);
  // The oldest counted was 541 s ago: it leaves the 600 s window in 59 s.
  EXPECT_EQ(v.retry_after_s, 59);
  // Once it has left, posting is allowed again.
  EXPECT_EQ(Check("Awa", "new", {}, kTestNow + 60 * kSecond).action, Action::kPass);
}

TEST_F(FloodCheckTest, WindowsAndLimitsAreConfigurable) {
  Posted(50, "Awa", "c1");
  Posted(40, "Awa", "c2");
  FloodConfig config;
  config.burst_max = 2;
  config.burst_window_s = 60;
  const Verdict v = Check("Awa", "c3", config);
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_EQ(v.retry_after_s, 10);  // the older one (50 s ago) leaves in 10 s
  config.action = Action::kHold;
  const Verdict held = Check("Awa", "c3", config);
  EXPECT_EQ(held.action, Action::kHold);
  EXPECT_EQ(held.retry_after_s, 0);  // only a reject asks to come back later
}

TEST_F(FloodCheckTest, AnEditIsNotANewComment) {
  Posted(3, "Awa", "c1");
  Posted(2, "Awa", "c1");
  Posted(1, "Awa", "c1");
  CheckInput in("texte corrigé", &history_, kTestNow, "Awa", "c1");
  in.comment.id = 2;
  EXPECT_EQ(in.Run(FloodCheck(FloodConfig{})).action, Action::kPass);
}

TEST_F(FloodCheckTest, AnonymousWithoutAddressIsNotCounted) {
  EXPECT_EQ(Check("", "").action, Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
