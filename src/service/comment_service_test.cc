#include "service/comment_service.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "core/crypto.h"
#include "service/site_service.h"
#include "store/store.h"

namespace palabre::service {
namespace {

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

VoteInput V(CommentId id, int direction, std::string address, std::string token = "") {
  VoteInput in;
  in.comment_id = id;
  in.direction = direction;
  in.client_address = std::move(address);
  in.token = std::move(token);
  return in;
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
