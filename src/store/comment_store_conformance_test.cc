// The Store conformance suite (store_conformance_testing.h), CommentStore: comments, listing
// and pagination, votes.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, InsertCommentStoresEveryFieldAndSetsItsPlace) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment in = NewComment(thread.id, std::nullopt, kT0 + 42);
  in.id = 999;       // ignored
  in.root_id = 777;  // ignored
  in.depth = 5;      // ignored
  in.author = "Mamadou Diallo";
  in.email = "mamadou@example.sn";
  in.text = "**Très** juste !";
  in.html = "<p><strong>Très</strong> juste !</p>";
  in.edited_at = kT0 + 50;
  in.upvotes = 3;
  in.downvotes = 1;
  in.edit_token_hash = "ab12";
  in.client_hash = "cd34";
  in.source_id = "disqus-1";
  in.moderation = R"({"action":"pass"})";
  in.review = true;
  in.risk = 0.8125;
  Result<Comment> stored = store().InsertComment(in);
  ASSERT_OK(stored);
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->root_id, stored->id);
  EXPECT_EQ(stored->depth, 0);
  EXPECT_FALSE(stored->parent_id.has_value());

  Result<Comment> got = store().GetComment(stored->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->id, stored->id);
  EXPECT_EQ(got->thread_id, thread.id);
  EXPECT_FALSE(got->parent_id.has_value());
  EXPECT_EQ(got->root_id, stored->id);
  EXPECT_EQ(got->depth, 0);
  EXPECT_EQ(got->author, in.author);
  EXPECT_EQ(got->email, in.email);
  EXPECT_EQ(got->text, in.text);
  EXPECT_EQ(got->html, in.html);
  EXPECT_EQ(got->status, CommentStatus::kPublished);
  EXPECT_EQ(got->created_at, kT0 + 42);
  EXPECT_EQ(got->edited_at, std::optional<TimestampMs>(kT0 + 50));
  EXPECT_EQ(got->upvotes, 3);
  EXPECT_EQ(got->downvotes, 1);
  EXPECT_EQ(got->edit_token_hash, "ab12");
  EXPECT_EQ(got->client_hash, "cd34");
  EXPECT_EQ(got->source_id, "disqus-1");
  EXPECT_EQ(got->moderation, in.moderation);
  EXPECT_TRUE(got->review);
  EXPECT_DOUBLE_EQ(got->risk, 0.8125);
}

TEST_P(StoreTest, RiskIsKeptToFourDecimalsWithinZeroToOne) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  const std::pair<double, double> cases[] = {{0.0, 0.0}, {1.0, 1.0},  {0.73126, 0.7313},
                                             {1.7, 1.0}, {-0.3, 0.0}, {0.00004, 0.0}};
  for (const auto& [given, kept] : cases) {
    Comment in = NewComment(thread.id, std::nullopt, kT0);
    in.review = true;
    in.risk = given;
    Result<Comment> stored = store().InsertComment(in);
    ASSERT_OK(stored);
    EXPECT_DOUBLE_EQ(stored->risk, kept) << given;
    Result<Comment> got = store().GetComment(stored->id);
    ASSERT_OK(got);
    EXPECT_DOUBLE_EQ(got->risk, kept) << given;
  }
  // A comment inserted without a mark has none.
  Result<Comment> plain = store().GetComment(Post(thread.id, std::nullopt, kT0).id);
  ASSERT_OK(plain);
  EXPECT_FALSE(plain->review);
  EXPECT_EQ(plain->risk, 0.0);
}

TEST_P(StoreTest, SetCommentModerationReplacesTheDecisionAndTheReviewMark) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().SetCommentModeration(c.id, R"({"action":"review"})", true, 0.64));
  Result<Comment> got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->moderation, R"({"action":"review"})");
  EXPECT_TRUE(got->review);
  EXPECT_DOUBLE_EQ(got->risk, 0.64);
  EXPECT_EQ(got->text, c.text);  // nothing else changes
  EXPECT_EQ(got->status, CommentStatus::kPublished);
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentModeration(c.id, R"({"action":"publish"})", false, 0.0));
  got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->moderation, R"({"action":"publish"})");
  EXPECT_FALSE(got->review);
  EXPECT_EQ(got->risk, 0.0);
  EXPECT_EQ(store().SetCommentModeration(c.id + 1000, "{}", true, 0.5).error(),
            Error::kUnknownComment);
}

TEST_P(StoreTest, RepliesTakeTheirRootAndDepthFromTheParent) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment root = Post(thread.id, std::nullopt, kT0);
  Comment child = Post(thread.id, root.id, kT0 + 1);
  Comment grandchild = Post(thread.id, child.id, kT0 + 2);
  EXPECT_EQ(child.parent_id, std::optional<CommentId>(root.id));
  EXPECT_EQ(child.root_id, root.id);
  EXPECT_EQ(child.depth, 1);
  EXPECT_EQ(grandchild.root_id, root.id);
  EXPECT_EQ(grandchild.depth, 2);
  Result<Comment> got = store().GetComment(grandchild.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->parent_id, std::optional<CommentId>(child.id));
  EXPECT_EQ(got->root_id, root.id);
  EXPECT_EQ(got->depth, 2);
}

TEST_P(StoreTest, InsertCommentIntoUnknownThreadIsUnknownThread) {
  AddSite("s");
  EXPECT_EQ(store().InsertComment(NewComment(424242, std::nullopt, kT0)).error(),
            Error::kUnknownThread);
}

TEST_P(StoreTest, ParentOfAnotherThreadOrAbsentIsUnknownParent) {
  AddSite("s");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Comment in_a = Post(a.id, std::nullopt, kT0);
  EXPECT_EQ(store().InsertComment(NewComment(b.id, in_a.id, kT0 + 1)).error(),
            Error::kUnknownParent);
  EXPECT_EQ(store().InsertComment(NewComment(b.id, 424242, kT0 + 1)).error(),
            Error::kUnknownParent);
  EXPECT_EQ(CountOf(b.id), 0);  // nothing was inserted
  EXPECT_EQ(CountOf(a.id), 1);
}

TEST_P(StoreTest, OnlyPublishedCommentsAreCounted) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment root = Post(thread.id, std::nullopt, kT0);
  Post(thread.id, root.id, kT0 + 1);
  Post(thread.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Post(thread.id, std::nullopt, kT0 + 3, CommentStatus::kRejected);
  Post(thread.id, std::nullopt, kT0 + 4, CommentStatus::kDeleted);
  EXPECT_EQ(CountOf(thread.id), 2);
}

TEST_P(StoreTest, GetUnknownCommentIsUnknownComment) {
  EXPECT_EQ(store().GetComment(424242).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, UpdateCommentTextChangesTextHtmlAndEditTime) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().UpdateCommentText(c.id, "Corrigé", "<p>Corrigé</p>", kT0 + 60'000));
  Result<Comment> got = store().GetComment(c.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->text, "Corrigé");
  EXPECT_EQ(got->html, "<p>Corrigé</p>");
  EXPECT_EQ(got->edited_at, std::optional<TimestampMs>(kT0 + 60'000));
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->author, c.author);
  EXPECT_EQ(store().UpdateCommentText(424242, "x", "x", kT0).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, SetCommentStatusAdjustsTheCountBothWays) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment a = Post(thread.id, std::nullopt, kT0);
  Comment held = Post(thread.id, std::nullopt, kT0 + 1, CommentStatus::kHeld);
  EXPECT_EQ(CountOf(thread.id), 1);

  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kPublished));  // approved
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kDeleted));  // no change, no drift
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kRejected));  // not published either
  EXPECT_EQ(CountOf(thread.id), 1);
  ASSERT_OK(store().SetCommentStatus(a.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(thread.id), 2);
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kHeld));
  EXPECT_EQ(CountOf(thread.id), 1);

  Result<Comment> got = store().GetComment(held.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, CommentStatus::kHeld);
  EXPECT_EQ(store().SetCommentStatus(424242, CommentStatus::kDeleted).error(),
            Error::kUnknownComment);
}

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, ListingShowsPublishedAndDeletedOnly) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment published = Post(thread.id, std::nullopt, kT0);
  Comment deleted = Post(thread.id, std::nullopt, kT0 + 1);
  Comment held = Post(thread.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Comment rejected = Post(thread.id, std::nullopt, kT0 + 3, CommentStatus::kRejected);
  Comment reply_published = Post(thread.id, deleted.id, kT0 + 4);
  Post(thread.id, deleted.id, kT0 + 5, CommentStatus::kHeld);  // held reply: hidden
  Comment reply_deleted = Post(thread.id, published.id, kT0 + 6);
  ASSERT_OK(store().SetCommentStatus(deleted.id, CommentStatus::kDeleted));
  ASSERT_OK(store().SetCommentStatus(reply_deleted.id, CommentStatus::kDeleted));

  for (Sort sort : {Sort::kOldest, Sort::kNewest, Sort::kBest}) {
    Result<TopLevelPage> page = store().ListTopLevel(thread.id, sort, std::nullopt, 10);
    ASSERT_OK(page);
    std::set<CommentId> ids;
    for (const Comment& c : page->comments) ids.insert(c.id);
    EXPECT_EQ(ids, (std::set<CommentId>{published.id, deleted.id})) << ToString(sort);
    EXPECT_FALSE(page->next.has_value());
  }
  std::vector<CommentId> roots = {published.id, deleted.id, held.id, rejected.id};
  Result<std::vector<Comment>> replies = store().ListReplies(thread.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(reply_published.id, reply_deleted.id));
  EXPECT_EQ((*replies)[1].status, CommentStatus::kDeleted);
}

TEST_P(StoreTest, ListTopLevelOfEmptyOrUnknownThreadIsEmpty) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  for (ThreadId id : {thread.id, ThreadId{424242}}) {
    Result<TopLevelPage> page = store().ListTopLevel(id, Sort::kOldest, std::nullopt, 20);
    ASSERT_OK(page);
    EXPECT_THAT(page->comments, IsEmpty());
    EXPECT_FALSE(page->next.has_value());
  }
}

TEST_P(PaginationTest, EveryPageSizeWalksEveryTopLevelCommentOnceInOrder) {
  for (Sort sort : {Sort::kOldest, Sort::kNewest, Sort::kBest}) {
    std::vector<CommentId> expected = Expected(sort);
    for (int limit : {1, 2, 7, 20, 56, 57, 58, 100}) {
      std::vector<Comment> walked = WalkTopLevel(thread_.id, sort, limit);
      std::vector<CommentId> ids = Ids(walked);
      EXPECT_EQ(std::set<CommentId>(ids.begin(), ids.end()).size(), ids.size())
          << "duplicates, sort " << ToString(sort) << " limit " << limit;
      EXPECT_THAT(ids, ElementsAreArray(expected))
          << "sort " << ToString(sort) << " limit " << limit;
    }
  }
}

TEST_P(PaginationTest, FirstPageSaysWhetherMoreFollow) {
  Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 20);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 20u);
  ASSERT_TRUE(page->next.has_value());
  Result<TopLevelPage> whole = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 57);
  ASSERT_OK(whole);
  EXPECT_EQ(whole->comments.size(), 57u);
  EXPECT_FALSE(whole->next.has_value());  // exactly full: no empty last page
}

TEST_P(PaginationTest, AHugeLimitReturnsEverythingOnOnePage) {
  Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kNewest, std::nullopt,
                                                   std::numeric_limits<int>::max());
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAreArray(Expected(Sort::kNewest)));
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(PaginationTest, ACommentPostedAfterTheFirstPageAppearsOnALaterOne) {
  Result<TopLevelPage> first = store().ListTopLevel(thread_.id, Sort::kOldest, std::nullopt, 20);
  ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  Comment late = Post(thread_.id, std::nullopt, kT0 + 10'000'000);
  std::vector<CommentId> rest;
  std::optional<PageCursor> cursor = first->next;
  while (cursor.has_value()) {
    Result<TopLevelPage> page = store().ListTopLevel(thread_.id, Sort::kOldest, cursor, 20);
    ASSERT_OK(page);
    for (const Comment& c : page->comments) rest.push_back(c.id);
    cursor = page->next;
  }
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.back(), late.id);
  EXPECT_EQ(rest.size(), 57u - 20u + 1u);
}

TEST_P(StoreTest, ListRepliesOfSeveralRootsOldestFirst) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Thread other = AddThread("s", "other");
  Comment r1 = Post(thread.id, std::nullopt, kT0);
  Comment r2 = Post(thread.id, std::nullopt, kT0 + 1);
  Comment r3 = Post(thread.id, std::nullopt, kT0 + 2);
  Comment r3a = Post(thread.id, r3.id, kT0 + 10);
  Comment r1a = Post(thread.id, r1.id, kT0 + 20);
  Post(thread.id, r2.id, kT0 + 25);                  // r2 is not asked for
  Comment r1a1 = Post(thread.id, r1a.id, kT0 + 30);  // depth 2, root r1
  Comment r3b = Post(thread.id, r3.id, kT0 + 30);    // same time as r1a1: id breaks the tie
  Comment r1b = Post(thread.id, r1.id, kT0 + 5);     // posted later, created earlier
  Comment foreign = Post(other.id, std::nullopt, kT0);
  Post(other.id, foreign.id, kT0 + 1);

  std::vector<CommentId> roots = {r3.id, r1.id};
  Result<std::vector<Comment>> replies = store().ListReplies(thread.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(r1b.id, r3a.id, r1a.id, r1a1.id, r3b.id));
  for (const Comment& c : *replies) EXPECT_GE(c.depth, 1);

  std::vector<CommentId> none;
  Result<std::vector<Comment>> empty = store().ListReplies(thread.id, none);
  ASSERT_OK(empty);
  EXPECT_THAT(*empty, IsEmpty());
  // Roots of another thread give nothing: the thread scopes the read.
  std::vector<CommentId> foreign_roots = {foreign.id};
  Result<std::vector<Comment>> scoped = store().ListReplies(thread.id, foreign_roots);
  ASSERT_OK(scoped);
  EXPECT_THAT(*scoped, IsEmpty());
}

TEST_P(StoreTest, ListRecentCommentsOfASite) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Thread elsewhere = AddThread("other", "a");
  Post(a.id, std::nullopt, kT0 - 1000);  // before `since`
  Comment c1 = Post(a.id, std::nullopt, kT0);
  Comment c2 = Post(b.id, std::nullopt, kT0 + 5, CommentStatus::kHeld);  // any status
  Comment c3 = Post(a.id, c1.id, kT0 + 5);
  Comment c4 = Post(b.id, std::nullopt, kT0 + 9, CommentStatus::kRejected);
  Post(elsewhere.id, std::nullopt, kT0 + 1);

  Result<std::vector<Comment>> all = store().ListRecentComments("s", kT0, 100);
  ASSERT_OK(all);
  EXPECT_THAT(Ids(*all), ElementsAre(c1.id, c2.id, c3.id, c4.id));
  // Over the limit: the latest ones, still oldest first.
  Result<std::vector<Comment>> latest = store().ListRecentComments("s", kT0, 2);
  ASSERT_OK(latest);
  EXPECT_THAT(Ids(*latest), ElementsAre(c3.id, c4.id));
  Result<std::vector<Comment>> none = store().ListRecentComments("absent", kT0, 100);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

TEST_P(StoreTest, ListLatestPublishedOfASiteOrAThreadNewestFirst) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Thread elsewhere = AddThread("other", "a");
  Comment c1 = Post(a.id, std::nullopt, kT0);
  Post(b.id, std::nullopt, kT0 + 1, CommentStatus::kHeld);
  Comment c3 = Post(a.id, c1.id, kT0 + 2);  // a reply
  Post(b.id, std::nullopt, kT0 + 3, CommentStatus::kRejected);
  Comment c5 = Post(b.id, std::nullopt, kT0 + 3);  // same time as the rejected one: by id
  Comment c6 = Post(a.id, std::nullopt, kT0 + 4);
  Post(a.id, std::nullopt, kT0 + 5, CommentStatus::kDeleted);
  Post(elsewhere.id, std::nullopt, kT0 + 9);

  Result<std::vector<Comment>> site = store().ListLatestPublished("s", 0, 100);
  ASSERT_OK(site);
  EXPECT_THAT(Ids(*site), ElementsAre(c6.id, c5.id, c3.id, c1.id));
  Result<std::vector<Comment>> capped = store().ListLatestPublished("s", 0, 2);
  ASSERT_OK(capped);
  EXPECT_THAT(Ids(*capped), ElementsAre(c6.id, c5.id));
  Result<std::vector<Comment>> thread = store().ListLatestPublished("s", a.id, 100);
  ASSERT_OK(thread);
  EXPECT_THAT(Ids(*thread), ElementsAre(c6.id, c3.id, c1.id));
  // A thread of another site is not this site's; nothing for a limit below 1.
  Result<std::vector<Comment>> foreign = store().ListLatestPublished("s", elsewhere.id, 100);
  ASSERT_OK(foreign);
  EXPECT_THAT(*foreign, IsEmpty());
  Result<std::vector<Comment>> zero = store().ListLatestPublished("s", 0, 0);
  ASSERT_OK(zero);
  EXPECT_THAT(*zero, IsEmpty());
}

TEST_P(StoreTest, FindImportedBySiteAndSourceId) {
  AddSite("s");
  AddSite("other");
  Thread thread = AddThread("s", "k");
  Thread elsewhere = AddThread("other", "k");
  Comment in = NewComment(thread.id, std::nullopt, kT0);
  in.source_id = "wp-1234";
  Result<Comment> imported = store().InsertComment(in);
  ASSERT_OK(imported);
  Post(thread.id, std::nullopt, kT0 + 1);  // not imported: empty source id

  Result<std::optional<CommentId>> found = store().FindImported("s", "wp-1234");
  ASSERT_OK(found);
  EXPECT_EQ(*found, std::optional<CommentId>(imported->id));
  Result<std::optional<CommentId>> absent = store().FindImported("s", "wp-9999");
  ASSERT_OK(absent);
  EXPECT_FALSE(absent->has_value());
  Result<std::optional<CommentId>> other_site = store().FindImported("other", "wp-1234");
  ASSERT_OK(other_site);
  EXPECT_FALSE(other_site->has_value());
  Result<std::optional<CommentId>> empty = store().FindImported("s", "");
  ASSERT_OK(empty);
  EXPECT_FALSE(empty->has_value());

  // The same source id again in the site is refused; in another site it is fine.
  Comment twice = NewComment(thread.id, std::nullopt, kT0 + 2);
  twice.source_id = "wp-1234";
  EXPECT_EQ(store().InsertComment(twice).error(), Error::kDuplicateImport);
  EXPECT_EQ(CountOf(thread.id), 2);
  twice.thread_id = elsewhere.id;
  EXPECT_OK(store().InsertComment(twice));
}

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, VoteUpAgainThenSwitch) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);

  Result<Comment> up = store().Vote(c.id, "voter-a", "", 1, kT0 + 1);
  ASSERT_OK(up);
  EXPECT_EQ(up->upvotes, 1);
  EXPECT_EQ(up->downvotes, 0);
  EXPECT_EQ(up->score(), 1);

  EXPECT_EQ(store().Vote(c.id, "voter-a", "", 1, kT0 + 2).error(), Error::kAlreadyVoted);
  Result<Comment> unchanged = store().GetComment(c.id);
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->upvotes, 1);

  Result<Comment> down = store().Vote(c.id, "voter-a", "", -1, kT0 + 3);
  ASSERT_OK(down);
  EXPECT_EQ(down->upvotes, 0);
  EXPECT_EQ(down->downvotes, 1);
  EXPECT_EQ(store().Vote(c.id, "voter-a", "", -1, kT0 + 4).error(), Error::kAlreadyVoted);

  Result<Comment> other = store().Vote(c.id, "voter-b", "", 1, kT0 + 5);
  ASSERT_OK(other);
  EXPECT_EQ(other->upvotes, 1);
  EXPECT_EQ(other->downvotes, 1);
  EXPECT_EQ(other->score(), 0);

  Result<Comment> back_up = store().Vote(c.id, "voter-a", "", 1, kT0 + 6);
  ASSERT_OK(back_up);
  EXPECT_EQ(back_up->upvotes, 2);
  EXPECT_EQ(back_up->downvotes, 0);
  Result<Comment> stored = store().GetComment(c.id);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->upvotes, 2);
  EXPECT_EQ(stored->downvotes, 0);
}

TEST_P(StoreTest, VoteMovesTheCommentInBestOrder) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment a = Post(thread.id, std::nullopt, kT0);
  Comment b = Post(thread.id, std::nullopt, kT0 + 1);
  ASSERT_OK(store().Vote(a.id, "v", "", 1, kT0 + 2));
  Result<TopLevelPage> page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(a.id, b.id));
  ASSERT_OK(store().Vote(a.id, "v", "", -1, kT0 + 3));
  page = store().ListTopLevel(thread.id, Sort::kBest, std::nullopt, 10);
  ASSERT_OK(page);
  EXPECT_THAT(Ids(page->comments), ElementsAre(b.id, a.id));
}

TEST_P(StoreTest, AVoterIsOneClientAndOneBrowser) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  auto counts = [&](const Result<Comment>& r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::pair(r->upvotes, r->downvotes) : std::pair<std::int64_t, std::int64_t>();
  };
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "browser-1", 1, kT0)), std::pair(1L, 0L));
  // The same browser from another client, or the same client with another browser: one voter.
  EXPECT_EQ(store().Vote(c.id, "client-b", "browser-1", 1, kT0).error(), Error::kAlreadyVoted);
  EXPECT_EQ(store().Vote(c.id, "client-a", "browser-2", 1, kT0).error(), Error::kAlreadyVoted);
  EXPECT_EQ(store().Vote(c.id, "client-a", "", 1, kT0).error(), Error::kAlreadyVoted);
  // Another direction from either replaces the vote.
  EXPECT_EQ(counts(store().Vote(c.id, "client-b", "browser-1", -1, kT0 + 1)), std::pair(0L, 1L));
  // client-a's vote went with it: client-a votes again, as a voter of its own.
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "", 1, kT0 + 2)), std::pair(1L, 1L));
  // One request matching both votes (client-a's and browser-1's) replaces both by one.
  EXPECT_EQ(counts(store().Vote(c.id, "client-a", "browser-1", -1, kT0 + 3)), std::pair(0L, 1L));
  EXPECT_EQ(store().Vote(c.id, "client-a", "browser-1", -1, kT0 + 4).error(), Error::kAlreadyVoted);
  Result<Comment> stored = store().GetComment(c.id);
  ASSERT_OK(stored);
  EXPECT_EQ(std::pair(stored->upvotes, stored->downvotes), std::pair(0L, 1L));
}

TEST_P(StoreTest, DirectionZeroTakesTheVoteBack) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = Post(thread.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(c.id, "client-a", "browser-1", 1, kT0));
  ASSERT_OK(store().Vote(c.id, "client-b", "", -1, kT0));
  Result<Comment> undone = store().Vote(c.id, "client-a", "", 0, kT0 + 1);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->upvotes, 0);
  EXPECT_EQ(undone->downvotes, 1);
  // Nothing standing: nothing changes, and it is not an error.
  undone = store().Vote(c.id, "client-a", "browser-1", 0, kT0 + 2);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->downvotes, 1);
  // By the browser alone, from another client.
  ASSERT_OK(store().Vote(c.id, "client-a", "browser-1", 1, kT0 + 3));
  undone = store().Vote(c.id, "client-z", "browser-1", 0, kT0 + 4);
  ASSERT_OK(undone);
  EXPECT_EQ(undone->upvotes, 0);
  // After taking it back, the voter votes again.
  Result<Comment> again = store().Vote(c.id, "client-a", "browser-1", 1, kT0 + 5);
  ASSERT_OK(again);
  EXPECT_EQ(again->upvotes, 1);
  EXPECT_EQ(store().Vote(c.id + 1000, "client-a", "", 0, kT0).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, RecentVotesCountAClientsStandingVotesSinceATime) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  std::vector<Comment> cs;
  for (int i = 0; i < 4; ++i) cs.push_back(Post(thread.id, std::nullopt, kT0 + i));
  ASSERT_OK(store().Vote(cs[0].id, "client-a", "", 1, kT0 + 100));
  ASSERT_OK(store().Vote(cs[1].id, "client-a", "", 1, kT0 + 200));
  ASSERT_OK(store().Vote(cs[2].id, "client-a", "", -1, kT0 + 300));
  ASSERT_OK(store().Vote(cs[3].id, "client-b", "", 1, kT0 + 300));
  Result<RecentActions> recent = store().RecentVotes("client-a", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 2);
  EXPECT_EQ(recent->oldest, kT0 + 200);
  recent = store().RecentVotes("client-a", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 3);
  EXPECT_EQ(recent->oldest, kT0 + 100);
  recent = store().RecentVotes("client-c", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 0);
  EXPECT_EQ(recent->oldest, 0);
  // A vote taken back no longer stands.
  ASSERT_OK(store().Vote(cs[1].id, "client-a", "", 0, kT0 + 400));
  recent = store().RecentVotes("client-a", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 1);
}

TEST_P(StoreTest, VoteOnUnknownCommentIsUnknownComment) {
  EXPECT_EQ(store().Vote(424242, "v", "", 1, kT0).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, ListRepliesToFindsOthersPublishedRepliesToAReadersComments) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Thread elsewhere = AddThread("other", "a");
  auto post = [&](ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
                  std::string token, CommentStatus status = CommentStatus::kPublished) {
    Comment c = NewComment(thread, parent, at, status);
    c.replies_token = std::move(token);
    Result<Comment> stored = store().InsertComment(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : Comment{};
  };
  const std::string awa(64, 'a');
  Comment mine_a = post(a.id, std::nullopt, kT0, awa);
  Comment mine_b = post(b.id, std::nullopt, kT0 + 1, awa);
  Comment r1 = post(a.id, mine_a.id, kT0 + 2, "");
  post(a.id, mine_a.id, kT0 + 3, "", CommentStatus::kHeld);
  post(a.id, mine_a.id, kT0 + 4, awa);  // her own answer to herself
  Comment r2 = post(b.id, mine_b.id, kT0 + 5, std::string(64, 'b'));
  post(a.id, r1.id, kT0 + 6, "");  // a reply to a reply: not to her
  post(a.id, std::nullopt, kT0 + 7, "");
  Comment foreign = post(elsewhere.id, std::nullopt, kT0, awa);  // the same token elsewhere
  post(elsewhere.id, foreign.id, kT0 + 8, "");

  Result<std::vector<Comment>> replies = store().ListRepliesTo("s", awa, 10);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(r2.id, r1.id));
  EXPECT_TRUE((*replies)[0].replies_token.empty()) << "reads leave the token out";
  Result<std::vector<Comment>> capped = store().ListRepliesTo("s", awa, 1);
  ASSERT_OK(capped);
  EXPECT_THAT(Ids(*capped), ElementsAre(r2.id));
  EXPECT_THAT(*store().ListRepliesTo("s", std::string(64, 'c'), 10), IsEmpty());
  EXPECT_THAT(*store().ListRepliesTo("s", "", 10), IsEmpty()) << "anonymous comments are nobody's";
  // Erasing or forgetting the reader's data leaves the feed empty.
  ASSERT_OK(store().PurgePersonalData(kT0 + 100));
  EXPECT_THAT(*store().ListRepliesTo("s", awa, 10), IsEmpty());
}

}  // namespace
}  // namespace palabre::store
