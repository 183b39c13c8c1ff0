// What follows a post: an author learning where their comments stand, edits and deletes with
// the edit token, votes and their budgets, and how reports weigh. Posting and listing:
// comment_service_test.cc.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/comment_service.h"
#include "service/comment_service_testing.h"
#include "service/site_service.h"
#include "store/store.h"

namespace palabre::service {
namespace {

TEST_F(CommentServiceTest, AnAuthorLearnsWhereTheirCommentsStandWithTheirEditTokens) {
  moderator_.next.action = moderation::Action::kHold;
  moderator_.next.reasons.push_back(
      {"links_contacts", "link", "lien : exemple.com", 1.0, moderation::Action::kHold, {}, 0});
  PostOutput held = MustPost("Voir exemple.com");
  moderator_.next = {};
  PostOutput published = MustPost("Un avis publié.");
  PostOutput other = MustPost("Un avis publié aussi.", std::nullopt, "article-2");
  clock_.AdvanceMs(60 * 60'000);  // the edit window does not apply
  auto statuses = service_->AuthorStatuses("demo",
                                           {{held.comment.id, held.edit_token},
                                            {published.comment.id, published.edit_token},
                                            {other.comment.id, held.edit_token},  // not its token
                                            {987654, held.edit_token},
                                            {held.comment.id, ""}},
                                           text::Lang::kFr);
  ASSERT_TRUE(statuses.ok()) << statuses.status().ToString();
  ASSERT_EQ(statuses->size(), 5u);
  const AuthorView& h = (*statuses)[0];
  EXPECT_EQ(h.id, held.comment.id);
  EXPECT_EQ(h.status, AuthorStatus::kHeld);
  ASSERT_TRUE(h.comment.has_value());
  EXPECT_EQ(h.comment->comment.html, "<p>Voir exemple.com</p>\n");
  EXPECT_TRUE(h.comment->comment.edit_token_hash.empty());
  EXPECT_TRUE(h.comment->comment.client_hash.empty());
  EXPECT_TRUE(h.comment->comment.moderation.empty());
  EXPECT_FALSE(h.comment->relative_time.empty());
  ASSERT_EQ(h.reasons.size(), 1u);
  EXPECT_EQ(h.reasons[0].code, "link");
  EXPECT_EQ((*statuses)[1].status, AuthorStatus::kPublished);
  EXPECT_TRUE((*statuses)[1].comment.has_value());
  EXPECT_TRUE((*statuses)[1].reasons.empty());
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_EQ((*statuses)[i].status, AuthorStatus::kUnknown) << i;
    EXPECT_FALSE((*statuses)[i].comment.has_value()) << i;
  }

  // Rejected: the reasons, not the comment. Another site knows nothing of it.
  ASSERT_TRUE(store_->SetCommentStatus(held.comment.id, CommentStatus::kRejected).ok());
  auto rejected =
      service_->AuthorStatuses("demo", {{held.comment.id, held.edit_token}}, text::Lang::kEn);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->at(0).status, AuthorStatus::kRejected);
  EXPECT_FALSE(rejected->at(0).comment.has_value());
  EXPECT_EQ(rejected->at(0).reasons.size(), 1u);
  SiteService sites(*store_, clock_);
  SiteInput in;
  in.id = "other";
  in.name = "Other";
  ASSERT_TRUE(sites.Add(in).ok());
  auto foreign = service_->AuthorStatuses("other", {{published.comment.id, published.edit_token}},
                                          text::Lang::kFr);
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(foreign->at(0).status, AuthorStatus::kUnknown);

  // Limits.
  std::vector<AuthorQuery> many(51, AuthorQuery{published.comment.id, published.edit_token});
  EXPECT_EQ(service_->AuthorStatuses("demo", many, text::Lang::kFr).error(),
            Error::kInvalidArgument);
  many.pop_back();
  EXPECT_TRUE(service_->AuthorStatuses("demo", many, text::Lang::kFr).ok());
  EXPECT_EQ(service_->AuthorStatuses("nope", {}, text::Lang::kFr).error(), Error::kUnknownSite);
}

TEST_F(CommentServiceTest, EditWithTokenWithinTheWindow) {
  PostOutput out = MustPost("Texte *initial*");
  EXPECT_EQ(service_->Edit(out.comment.id, "wrong", "x").error(), Error::kBadEditToken);
  EXPECT_EQ(service_->Edit(out.comment.id, "", "x").error(), Error::kBadEditToken);
  clock_.AdvanceMs(60'000);
  auto edited = service_->Edit(out.comment.id, out.edit_token, "Texte **corrigé**");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->comment.html, "<p>Texte <strong>corrigé</strong></p>\n");
  ThreadPage page = MustList();
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.comments[0].comment.text, "Texte **corrigé**");
  EXPECT_TRUE(page.comments[0].comment.edited_at.has_value());
  clock_.AdvanceMs(15 * 60'000);
  EXPECT_EQ(service_->Edit(out.comment.id, out.edit_token, "trop tard").error(),
            Error::kEditWindowExpired);
  EXPECT_EQ(service_->Delete(out.comment.id, out.edit_token).error(), Error::kEditWindowExpired);
}

TEST_F(CommentServiceTest, RejectedEditKeepsTheOldText) {
  PostOutput out = MustPost("Bonjour");
  moderator_.next.action = moderation::Action::kReject;
  auto edited = service_->Edit(out.comment.id, out.edit_token, "insulte");
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->decision.action, moderation::Action::kReject);
  moderator_.next = {};
  EXPECT_EQ(MustList().comments.at(0).comment.text, "Bonjour");
}

TEST_F(CommentServiceTest, DeleteLeavesATombstoneOnlyWhenRepliesRemain) {
  PostOutput lone = MustPost("seul");
  PostOutput parent = MustPost("parent");
  MustPost("enfant", parent.comment.id);
  ASSERT_TRUE(service_->Delete(lone.comment.id, lone.edit_token).ok());
  ASSERT_TRUE(service_->Delete(parent.comment.id, parent.edit_token).ok());
  EXPECT_EQ(service_->Delete(parent.comment.id, parent.edit_token).error(), Error::kUnknownComment);
  ThreadPage page = MustList();
  EXPECT_EQ(page.thread.comment_count, 1);
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.comments[0].comment.status, CommentStatus::kDeleted);
  EXPECT_TRUE(page.comments[0].comment.author.empty());
  EXPECT_TRUE(page.comments[0].comment.html.empty());
  ASSERT_EQ(page.comments[0].replies.size(), 1u);
  EXPECT_EQ(page.comments[0].replies[0].comment.text, "enfant");
}

TEST_F(CommentServiceTest, OneVotePerClientAndPerBrowser) {
  CommentId id = MustPost("bien dit").comment.id;
  auto up = service_->Vote(V(id, 1, "198.51.100.1", "browser-token-0001"));
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->comment.upvotes, 1);
  EXPECT_EQ(up->retry_after_s, 0);
  EXPECT_EQ(service_->Vote(V(id, 1, "198.51.100.1")).error(), Error::kAlreadyVoted);
  // The same browser from another address is the same reader.
  EXPECT_EQ(service_->Vote(V(id, 1, "192.0.2.9", "browser-token-0001")).error(),
            Error::kAlreadyVoted);
  auto down = service_->Vote(V(id, -1, "198.51.100.1"));
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->comment.upvotes, 0);
  EXPECT_EQ(down->comment.downvotes, 1);
  // Made-up tokens from one address count once: the address is the reader.
  for (int i = 0; i < 100; ++i) {
    auto r = service_->Vote(V(id, 1, "198.51.100.2", "made-up-token-" + std::to_string(1000 + i)));
    if (i == 0) {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    } else {
      EXPECT_EQ(r.error(), Error::kAlreadyVoted) << i;
    }
  }
  // IPv6 privacy addresses of one /64 are one client.
  ASSERT_TRUE(service_->Vote(V(id, 1, "2001:db8:1:2::1")).ok());
  EXPECT_EQ(service_->Vote(V(id, 1, "2001:db8:1:2:ffff::7")).error(), Error::kAlreadyVoted);
  auto stored = store_->GetComment(id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->upvotes, 2);
  EXPECT_EQ(service_->Vote(V(id, 2, "a")).error(), Error::kInvalidVote);
  EXPECT_EQ(service_->Vote(V(424242, 1, "a")).error(), Error::kUnknownComment);
  EXPECT_EQ(service_->Vote(V(id, 1, "a", "short")).error(), Error::kInvalidArgument);
  EXPECT_EQ(service_->Vote(V(id, 1, "a", "not a token, spaces and all")).error(),
            Error::kInvalidArgument);
}

TEST_F(CommentServiceTest, AVoteIsTakenBackWithDirectionZero) {
  CommentId id = MustPost("bien dit").comment.id;
  ASSERT_TRUE(service_->Vote(V(id, 1, "198.51.100.1", "browser-token-0001")).ok());
  // From another network, the browser's token finds the vote.
  auto undone = service_->Vote(V(id, 0, "192.0.2.77", "browser-token-0001"));
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  EXPECT_EQ(undone->comment.upvotes, 0);
  // Nothing to take back: nothing changes.
  undone = service_->Vote(V(id, 0, "198.51.100.1"));
  ASSERT_TRUE(undone.ok());
  EXPECT_EQ(undone->comment.upvotes, 0);
  ASSERT_TRUE(service_->Vote(V(id, -1, "198.51.100.1")).ok());
}

TEST_F(CommentServiceTest, NoVoteOnACommentPostedFromTheSameClient) {
  // MustPost posts from 203.0.113.7.
  CommentId id = MustPost("mon avis").comment.id;
  EXPECT_EQ(service_->Vote(V(id, 1, "203.0.113.7")).error(), Error::kOwnComment);
  EXPECT_EQ(service_->Vote(V(id, -1, "203.0.113.7", "browser-token-0001")).error(),
            Error::kOwnComment);
  ASSERT_TRUE(service_->Vote(V(id, 1, "203.0.113.8")).ok());
}

TEST_F(CommentServiceTest, VotesOfOneClientAreBudgetedPerHour) {
  Limits limits;
  limits.votes_per_hour = 3;
  service_ = std::make_unique<CommentService>(*store_, moderator_, clock_, limits);
  std::vector<CommentId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(MustPost("avis " + std::to_string(i)).comment.id);
  for (int i = 0; i < 3; ++i) {
    auto voted = service_->Vote(V(ids[i], 1, "198.51.100.1"));
    ASSERT_TRUE(voted.ok());
    EXPECT_EQ(voted->retry_after_s, 0);
    clock_.AdvanceMs(60'000);
  }
  auto refused = service_->Vote(V(ids[3], 1, "198.51.100.1"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->retry_after_s, 3600 - 180);  // when the first vote leaves the hour
  EXPECT_EQ(store_->GetComment(ids[3])->upvotes, 0);
  // Others are not held back; taking a vote back is never refused.
  ASSERT_EQ(service_->Vote(V(ids[3], 1, "198.51.100.2"))->retry_after_s, 0);
  ASSERT_TRUE(service_->Vote(V(ids[0], 0, "198.51.100.1")).ok());
  ASSERT_EQ(service_->Vote(V(ids[3], 1, "198.51.100.1"))->retry_after_s, 0);
  clock_.AdvanceMs(3600'000);
  ASSERT_EQ(service_->Vote(V(ids[4], 1, "198.51.100.1"))->retry_after_s, 0);
}

TEST(ReportWeightTest, DismissedReportsWeighTwiceAsMuchAsUpheldOnes) {
  EXPECT_DOUBLE_EQ(ReporterWeight(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(ReporterWeight(5, 0), 1.0);
  EXPECT_DOUBLE_EQ(ReporterWeight(0, 1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(ReporterWeight(1, 1), 0.5);
  EXPECT_DOUBLE_EQ(ReporterWeight(0, 10), 1.0 / 21);
  EXPECT_LE(ReporterWeight(1000, 0), 1.0);
}

TEST(ReportWeightTest, OneRangeCountsAtMostOnce) {
  auto r = [](std::string range, std::int64_t upheld = 0, std::int64_t dismissed = 0) {
    store::OpenReport o;
    o.range_hash = std::move(range);
    o.upheld = upheld;
    o.dismissed = dismissed;
    return o;
  };
  EXPECT_DOUBLE_EQ(ReportScore({}), 0);
  EXPECT_DOUBLE_EQ(ReportScore({r("a"), r("a"), r("a"), r("a")}), 1);
  EXPECT_DOUBLE_EQ(ReportScore({r("a"), r("b"), r("c")}), 3);
  // Two reporters whose reports were dismissed weigh 1/3 each; together, one range's 2/3.
  EXPECT_DOUBLE_EQ(ReportScore({r("a", 0, 1), r("a", 0, 1), r("b")}), 1 + 2.0 / 3);
}

}  // namespace
}  // namespace palabre::service
