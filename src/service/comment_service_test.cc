#include "service/comment_service.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "service/comment_service_testing.h"
#include "service/site_service.h"
#include "store/store.h"

namespace palabre::service {
namespace {

TEST_F(CommentServiceTest, PostCreatesThreadAndListsIt) {
  PostOutput out = MustPost("Paix à leurs âmes.");
  EXPECT_GT(out.comment.id, 0);
  EXPECT_EQ(out.comment.status, CommentStatus::kPublished);
  EXPECT_EQ(out.edit_token.size(), 43u);
  EXPECT_EQ(out.comment.html, "<p>Paix à leurs âmes.</p>\n");
  EXPECT_EQ(moderator_.recorded.load(), 1);

  clock_.AdvanceMs(5 * 60'000);
  ThreadPage page = MustList();
  EXPECT_TRUE(page.exists);
  EXPECT_EQ(page.thread.comment_count, 1);
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.comments[0].comment.author, "Awa");
  EXPECT_EQ(page.comments[0].relative_time, "il y a 5 minutes");
  EXPECT_TRUE(page.comments[0].comment.email.empty());
  EXPECT_TRUE(page.comments[0].comment.edit_token_hash.empty());
  EXPECT_TRUE(page.next_cursor.empty());
}

TEST_F(CommentServiceTest, UnknownKeyIsAnEmptyPage) {
  ThreadPage page = MustList();
  EXPECT_FALSE(page.exists);
  EXPECT_EQ(page.thread.comment_count, 0);
  EXPECT_TRUE(page.comments.empty());
}

TEST_F(CommentServiceTest, UnknownSite) {
  PostInput in;
  in.site_id = "nope";
  in.author = "A";
  in.text = "x";
  EXPECT_EQ(Post(in).error(), Error::kUnknownSite);
  ListInput l;
  l.site_id = "nope";
  l.key = "k";
  EXPECT_EQ(service_->List(l).error(), Error::kUnknownSite);
}

TEST_F(CommentServiceTest, ValidationErrorsHaveTheirOwnCodes) {
  PostInput in;
  in.author = "Awa";
  in.text = "   \n\t ";
  EXPECT_EQ(Post(in).error(), Error::kTextEmpty);
  in.text = std::string(5001, 'a');
  EXPECT_EQ(Post(in).error(), Error::kTextTooLong);
  in.text = std::string(5000, 'a');
  EXPECT_TRUE(Post(in).ok());
  in.text = "ok";
  in.author = "  ";
  EXPECT_EQ(Post(in).error(), Error::kAuthorMissing);
  in.author = std::string(61, 'b');
  EXPECT_EQ(Post(in).error(), Error::kAuthorTooLong);
  in.author = "Awa";
  in.email = "pas-un-email";
  EXPECT_EQ(Post(in).error(), Error::kEmailInvalid);
  in.email = std::string(250, 'x') + "@a.sn";
  EXPECT_EQ(Post(in).error(), Error::kEmailTooLong);
  in.email = "";
  in.text = "\xC3\x28";
  EXPECT_EQ(Post(in).error(), Error::kInvalidUtf8);
  in.text = "ok";
  in.key = std::string(513, 'k');
  EXPECT_EQ(Post(in).error(), Error::kKeyInvalid);
}

TEST_F(CommentServiceTest, RepliesNestUpToMaxDepthThenAttachWithReplyTo) {
  CommentId top = MustPost("Premier").comment.id;
  CommentId parent = top;
  std::vector<CommentId> chain;
  for (int i = 1; i <= 5; ++i) {
    clock_.AdvanceMs(1000);
    parent = MustPost("Réponse " + std::to_string(i), parent).comment.id;
    chain.push_back(parent);
  }
  ListInput in;
  in.max_depth = 3;
  ThreadPage page = MustList(in);
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.thread.comment_count, 6);
  const CommentView* level = &page.comments[0];
  for (int d = 1; d <= 2; ++d) {
    ASSERT_EQ(level->replies.size(), 1u) << "depth " << d;
    level = &level->replies[0];
    EXPECT_FALSE(level->reply_to_id.has_value());
  }
  // Level 2 holds reply 3 (shown at depth 3) ... replies 4 and 5 are flattened beside it.
  ASSERT_EQ(level->replies.size(), 3u);
  EXPECT_EQ(level->replies[0].comment.id, chain[2]);
  EXPECT_FALSE(level->replies[0].reply_to_id.has_value());
  EXPECT_EQ(level->replies[1].comment.id, chain[3]);
  EXPECT_EQ(level->replies[1].reply_to_id, chain[2]);
  EXPECT_EQ(level->replies[1].reply_to_author, "Awa");
  EXPECT_EQ(level->replies[2].reply_to_id, chain[3]);
}

TEST_F(CommentServiceTest, ReplyToACommentOfAnotherThreadIsRefused) {
  CommentId other = MustPost("Ailleurs", std::nullopt, "article-2").comment.id;
  MustPost("Ici");
  PostInput in;
  in.author = "Awa";
  in.text = "Réponse";
  in.parent_id = other;
  EXPECT_EQ(Post(in).error(), Error::kUnknownParent);
  in.parent_id = 999999;
  EXPECT_EQ(Post(in).error(), Error::kUnknownParent);
}

TEST_F(CommentServiceTest, CursorPaginationVisitsEveryTopLevelCommentOnce) {
  for (int i = 0; i < 45; ++i) {
    if (i % 7 != 0) clock_.AdvanceMs(1);  // some share a timestamp
    MustPost("Commentaire " + std::to_string(i));
  }
  for (Sort sort : {Sort::kOldest, Sort::kNewest, Sort::kBest}) {
    std::set<CommentId> seen;
    ListInput in;
    in.sort = sort;
    in.limit = 20;
    int pages = 0;
    do {
      ThreadPage page = MustList(in);
      for (const auto& v : page.comments) EXPECT_TRUE(seen.insert(v.comment.id).second);
      in.cursor = page.next_cursor;
      ++pages;
    } while (!in.cursor.empty() && pages < 10);
    EXPECT_EQ(seen.size(), 45u) << ToString(sort);
    EXPECT_EQ(pages, 3) << ToString(sort);
  }
}

TEST_F(CommentServiceTest, NewestFirstOrder) {
  CommentId a = MustPost("a").comment.id;
  clock_.AdvanceMs(1000);
  CommentId b = MustPost("b").comment.id;
  ListInput in;
  in.sort = Sort::kNewest;
  ThreadPage page = MustList(in);
  ASSERT_EQ(page.comments.size(), 2u);
  EXPECT_EQ(page.comments[0].comment.id, b);
  EXPECT_EQ(page.comments[1].comment.id, a);
}

TEST_F(CommentServiceTest, HeldAndAutoRejectedCommentsAreNotListedCountedOrAnswerable) {
  moderator_.next.action = moderation::Action::kHold;
  PostOutput held = MustPost("à vérifier");
  EXPECT_EQ(held.comment.status, CommentStatus::kHeld);
  EXPECT_FALSE(held.edit_token.empty());
  EXPECT_FALSE(held.comment.auto_rejected);
  const int recorded = moderator_.recorded.load();
  moderator_.next.action = moderation::Action::kReject;
  moderator_.next.reasons = {
      {"lexicon", "banned_word", "", 1.0, moderation::Action::kReject, {}, 0}};
  PostOutput rejected = MustPost("refusé");
  // Kept for the console (the site's keep_rejected_days, 30 by default), marked as the
  // pipeline's, with its decision; no edit token, not in the duplicate and flood history.
  EXPECT_GT(rejected.comment.id, 0);
  EXPECT_TRUE(rejected.edit_token.empty());
  EXPECT_EQ(moderator_.recorded.load(), recorded);
  auto stored = store_->GetComment(rejected.comment.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, CommentStatus::kRejected);
  EXPECT_TRUE(stored->auto_rejected);
  EXPECT_NE(stored->moderation.find("banned_word"), std::string::npos);
  EXPECT_TRUE(stored->edit_token_hash.empty());
  moderator_.next = {};
  ThreadPage page = MustList();
  EXPECT_TRUE(page.comments.empty());
  EXPECT_EQ(page.thread.comment_count, 0);
  // Replying to a held or an automatically rejected comment is refused.
  for (CommentId parent : {held.comment.id, rejected.comment.id}) {
    PostInput in;
    in.author = "B";
    in.text = "réponse";
    in.parent_id = parent;
    EXPECT_EQ(Post(in).error(), Error::kCommentNotPublished);
  }
}

TEST_F(CommentServiceTest, RejectedCommentsAreNotKeptWhenTheSiteSaysZeroDays) {
  auto site = store_->GetSite("demo");
  ASSERT_TRUE(site.ok());
  site->settings = R"({"keep_rejected_days":0})";
  ASSERT_TRUE(store_->UpdateSite(*site).ok());
  moderator_.next.action = moderation::Action::kReject;
  PostOutput rejected = MustPost("refusé");
  EXPECT_EQ(rejected.comment.id, 0);
  store::CommentQuery q;
  q.site_ids = {"demo"};
  auto page = store_->QueryComments(q);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->comments.empty());
}

TEST_F(CommentServiceTest, AFloodRefusalIsNotKept) {
  moderator_.next.action = moderation::Action::kReject;
  moderator_.next.retry_after_s = 30;
  moderator_.next.reasons = {{"flood", "flood", "", 1.0, moderation::Action::kReject, {}, 0}};
  ASSERT_TRUE(moderator_.next.rate_limited());
  PostOutput out = MustPost("encore");
  EXPECT_EQ(out.comment.id, 0);
  store::CommentQuery q;
  q.site_ids = {"demo"};
  auto page = store_->QueryComments(q);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->comments.empty());
}

TEST_F(CommentServiceTest, AReviewDecisionPublishesAndMarksForReviewWithItsRisk) {
  moderator_.next.action = moderation::Action::kReview;
  moderator_.next.reasons = {{"toxicity", "insult", "", 0.55, moderation::Action::kReview, {}, 0},
                             {"shouting", "shouting", "", 0.9, moderation::Action::kFlag, {}, 0},
                             {"toxicity", "hate", "", 0.62, moderation::Action::kReview, {}, 0}};
  PostOutput out = MustPost("Un avis qui mérite un second regard.");
  EXPECT_EQ(out.comment.status, CommentStatus::kPublished);
  EXPECT_TRUE(out.comment.review);
  EXPECT_DOUBLE_EQ(out.comment.risk, 0.62);  // the review reasons' highest score
  EXPECT_FALSE(out.edit_token.empty());
  auto stored = store_->GetComment(out.comment.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->review);
  EXPECT_DOUBLE_EQ(stored->risk, 0.62);
  // Listed to readers like any published comment, without the mark.
  moderator_.next = {};
  ThreadPage page = MustList();
  ASSERT_EQ(page.comments.size(), 1u);
  EXPECT_EQ(page.thread.comment_count, 1);
  EXPECT_TRUE(page.comments[0].comment.moderation.empty());
  // An edit the pipeline publishes plainly takes the mark off; one it reviews puts it back.
  auto calm = service_->Edit(out.comment.id, out.edit_token, "Un avis calme.");
  ASSERT_TRUE(calm.ok()) << calm.status().ToString();
  EXPECT_FALSE(store_->GetComment(out.comment.id)->review);
  moderator_.next.action = moderation::Action::kReview;
  moderator_.next.reasons = {{"shouting", "shouting", "", 0.7, moderation::Action::kReview, {}, 0}};
  auto again = service_->Edit(out.comment.id, out.edit_token, "UN AVIS CRIÉ.");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->comment.status, CommentStatus::kPublished);
  stored = store_->GetComment(out.comment.id);
  EXPECT_TRUE(stored->review);
  EXPECT_DOUBLE_EQ(stored->risk, 0.7);
  EXPECT_NE(stored->moderation.find("\"review\""), std::string::npos);
  // A held comment is the held queue's: its edits never mark it.
  moderator_.next.action = moderation::Action::kHold;
  PostOutput held = MustPost("à vérifier");
  moderator_.next.action = moderation::Action::kReview;
  ASSERT_TRUE(service_->Edit(held.comment.id, held.edit_token, "toujours à vérifier").ok());
  stored = store_->GetComment(held.comment.id);
  EXPECT_EQ(stored->status, CommentStatus::kHeld);
  EXPECT_FALSE(stored->review);
}

TEST_F(CommentServiceTest, ATitleComesFromThePublishersPageOnly) {
  ASSERT_TRUE(store_
                  ->UpdateSite([&] {
                    auto site = *store_->GetSite("demo");
                    site.origins = {"https://journal.example"};
                    return site;
                  }())
                  .ok());
  service_ = std::make_unique<CommentService>(*store_, moderator_, clock_, Limits{});
  // The first reader to comment, without the publisher's Origin, names nothing.
  PostInput in;
  in.key = "a1";
  in.author = "Premier";
  in.text = "premier !";
  in.title = "Titre inventé par un lecteur";
  in.client_address = "198.51.100.1";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(store_->GetThread("demo", "a1")->title, "");
  in.origin = "https://ailleurs.example";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(store_->GetThread("demo", "a1")->title, "");
  // The widget on the publisher's page: its data-title fills the empty title.
  in.origin = "https://journal.example";
  in.title = "Le vrai titre";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(store_->GetThread("demo", "a1")->title, "Le vrai titre");
  // And never replaces a title.
  in.title = "Autre titre";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(store_->GetThread("demo", "a1")->title, "Le vrai titre");
  // A new thread from the publisher's page is titled at once.
  in.key = "a2";
  in.title = "Deuxième article";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(store_->GetThread("demo", "a2")->title, "Deuxième article");
}

TEST_F(CommentServiceTest, CountsFollowTheKeysAsked) {
  MustPost("a", std::nullopt, "k1");
  MustPost("b", std::nullopt, "k1");
  MustPost("c", std::nullopt, "k3");
  auto counts = service_->Counts("demo", {"k3", "k2", "k1"});
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 3u);
  EXPECT_EQ((*counts)[0].key, "k3");
  EXPECT_EQ((*counts)[0].count, 1);
  EXPECT_EQ((*counts)[1].count, 0);
  EXPECT_EQ((*counts)[2].count, 2);
  std::vector<std::string> many(101, "k");
  EXPECT_EQ(service_->Counts("demo", many).error(), Error::kTooManyKeys);
}

TEST_F(CommentServiceTest, VersionChangesOnEveryVisibleWrite) {
  const auto v0 = service_->ThreadVersion("demo", "article-1");
  PostOutput out = MustPost("a");
  const auto v1 = service_->ThreadVersion("demo", "article-1");
  EXPECT_NE(v0, v1);
  ASSERT_TRUE(service_->Vote(V(out.comment.id, 1, "198.51.100.99")).ok());
  const auto v2 = service_->ThreadVersion("demo", "article-1");
  EXPECT_NE(v1, v2);
  EXPECT_EQ(service_->ThreadVersion("demo", "article-2"), v0 == 0 ? 0u : v0);
}

TEST(CursorTest, RoundTripsAndRefusesForgeries) {
  store::PageCursor c{1'750'000'000'123, 42};
  auto back = DecodeCursor(EncodeCursor(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, c);
  store::PageCursor negative{-3, 7};
  EXPECT_EQ(*DecodeCursor(EncodeCursor(negative)), negative);
  for (const char* bad : {"", "!!", "abc", "MTIz", "LjQy", "MS4w"}) {
    EXPECT_EQ(DecodeCursor(bad).error(), Error::kInvalidCursor) << bad;
  }
}

}  // namespace
}  // namespace palabre::service
