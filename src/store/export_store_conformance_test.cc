// The Store conformance suite (store_conformance_testing.h), ExportStore.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

std::vector<ThreadId> ThreadIds(const std::vector<Thread>& threads) {
  std::vector<ThreadId> ids;
  for (const Thread& t : threads) ids.push_back(t.id);
  return ids;
}

TEST_P(StoreTest, ListSiteThreadsPagesByIdWithinTheSite) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  AddThread("other", "a");
  Thread b = AddThread("s", "b");
  Thread c = AddThread("s", "c");
  ASSERT_OK(store().SetThreadClosed(b.id, true));

  Result<std::vector<Thread>> first = store().ListSiteThreads("s", 0, 2);
  ASSERT_OK(first);
  EXPECT_THAT(ThreadIds(*first), ElementsAre(a.id, b.id));
  EXPECT_EQ((*first)[1].key, "b");
  EXPECT_TRUE((*first)[1].closed);
  Result<std::vector<Thread>> rest = store().ListSiteThreads("s", b.id, 2);
  ASSERT_OK(rest);
  EXPECT_THAT(ThreadIds(*rest), ElementsAre(c.id));
  Result<std::vector<Thread>> end = store().ListSiteThreads("s", c.id, 2);
  ASSERT_OK(end);
  EXPECT_THAT(*end, IsEmpty());
  Result<std::vector<Thread>> absent = store().ListSiteThreads("absent", 0, 10);
  ASSERT_OK(absent);
  EXPECT_THAT(*absent, IsEmpty());
  Result<std::vector<Thread>> zero = store().ListSiteThreads("s", 0, 0);
  ASSERT_OK(zero);
  EXPECT_THAT(*zero, IsEmpty());
}

TEST_P(StoreTest, ListThreadCommentsPagesByIdInEveryStatus) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Thread other = AddThread("s", "other");
  Comment c1 = Post(thread.id, std::nullopt, kT0 + 50);  // ids, not times, order the pages
  Comment c2 = Post(thread.id, c1.id, kT0 + 10, CommentStatus::kHeld);
  Post(other.id, std::nullopt, kT0);
  Comment c3 = Post(thread.id, std::nullopt, kT0 + 20, CommentStatus::kRejected);
  Comment c4 = Post(thread.id, c1.id, kT0 + 30);
  ASSERT_OK(store().SetCommentStatus(c4.id, CommentStatus::kDeleted));

  Result<std::vector<Comment>> first = store().ListThreadComments(thread.id, 0, 3);
  ASSERT_OK(first);
  EXPECT_THAT(Ids(*first), ElementsAre(c1.id, c2.id, c3.id));
  EXPECT_EQ((*first)[1].status, CommentStatus::kHeld);
  EXPECT_EQ((*first)[1].parent_id, std::optional<CommentId>(c1.id));
  EXPECT_EQ((*first)[2].status, CommentStatus::kRejected);
  Result<std::vector<Comment>> rest = store().ListThreadComments(thread.id, c3.id, 3);
  ASSERT_OK(rest);
  EXPECT_THAT(Ids(*rest), ElementsAre(c4.id));
  EXPECT_EQ((*rest)[0].status, CommentStatus::kDeleted);
  Result<std::vector<Comment>> absent = store().ListThreadComments(thread.id + 1000, 0, 10);
  ASSERT_OK(absent);
  EXPECT_THAT(*absent, IsEmpty());
  Result<std::vector<Comment>> zero = store().ListThreadComments(thread.id, 0, 0);
  ASSERT_OK(zero);
  EXPECT_THAT(*zero, IsEmpty());
}

TEST_P(StoreTest, ListThreadVotesPagesByCommentThenVoter) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Thread other = AddThread("s", "other");
  Comment c1 = Post(thread.id, std::nullopt, kT0);
  Comment c2 = Post(thread.id, std::nullopt, kT0 + 1);
  Comment elsewhere = Post(other.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(c2.id, "v-b", "", 1, kT0 + 5));
  ASSERT_OK(store().Vote(c1.id, "v-b", "tok", -1, kT0 + 6));
  ASSERT_OK(store().Vote(c1.id, "v-a", "", 1, kT0 + 7));
  ASSERT_OK(store().Vote(elsewhere.id, "v-a", "", 1, kT0 + 8));

  Result<std::vector<CommentVote>> first = store().ListThreadVotes(thread.id, 0, "", 2);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].comment_id, c1.id);
  EXPECT_EQ((*first)[0].voter_hash, "v-a");
  EXPECT_EQ((*first)[0].direction, 1);
  EXPECT_EQ((*first)[0].created_at, kT0 + 7);
  EXPECT_EQ((*first)[1].voter_hash, "v-b");
  EXPECT_EQ((*first)[1].token_hash, "tok");
  EXPECT_EQ((*first)[1].direction, -1);
  Result<std::vector<CommentVote>> rest = store().ListThreadVotes(thread.id, c1.id, "v-b", 2);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].comment_id, c2.id);
  Result<std::vector<CommentVote>> zero = store().ListThreadVotes(thread.id, 0, "", 0);
  ASSERT_OK(zero);
  EXPECT_THAT(*zero, IsEmpty());
}

TEST_P(StoreTest, RestoredVotesKeepTheirVoterAndLeaveTheCountsAlone) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Comment c = NewComment(thread.id, std::nullopt, kT0);
  c.upvotes = 1;  // restored with the comment
  Result<Comment> stored = store().InsertComment(c);
  ASSERT_OK(stored);
  CommentVote v;
  v.comment_id = stored->id;
  v.voter_hash = "v-a";
  v.token_hash = "tok";
  v.direction = 1;
  v.created_at = kT0 + 3;
  ASSERT_OK(store().RestoreVote(v));
  ASSERT_OK(store().RestoreVote(v));  // run twice: still one
  Result<std::vector<CommentVote>> votes = store().ListThreadVotes(thread.id, 0, "", 10);
  ASSERT_OK(votes);
  ASSERT_EQ(votes->size(), 1u);
  EXPECT_EQ((*votes)[0].token_hash, "tok");
  Result<Comment> after = store().GetComment(stored->id);
  ASSERT_OK(after);
  EXPECT_EQ(after->upvotes, 1);
  // The restored voter is known: voting the same way again is refused.
  EXPECT_EQ(store().Vote(stored->id, "v-a", "", 1, kT0 + 9).error(), Error::kAlreadyVoted);

  v.comment_id = stored->id + 1000;
  EXPECT_EQ(store().RestoreVote(v).error(), Error::kUnknownComment);
  v.comment_id = stored->id;
  v.direction = 0;
  EXPECT_EQ(store().RestoreVote(v).error(), Error::kInvalidArgument);
}

TEST_P(StoreTest, ReportsAreListedByThreadAndRestoredAsTheyWere) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  Thread other = AddThread("s", "other");
  Comment c = Post(thread.id, std::nullopt, kT0);
  Comment elsewhere = Post(other.id, std::nullopt, kT0);
  ASSERT_OK(store().AddReport(MakeReport(c.id, "r1", kT0 + 10)));
  ASSERT_OK(store().AddReport(MakeReport(elsewhere.id, "r1", kT0 + 11)));
  Result<std::vector<Report>> listed = store().ListThreadReports(thread.id, 0, 10);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].reporter_hash, "r1");
  Result<std::vector<Report>> after = store().ListThreadReports(thread.id, (*listed)[0].id, 10);
  ASSERT_OK(after);
  EXPECT_THAT(*after, IsEmpty());

  Report resolved = MakeReport(c.id, "r2", kT0 + 20, ReportReason::kHate);
  resolved.resolved = true;
  resolved.outcome = ReportOutcome::kUpheld;
  resolved.burst = true;
  resolved.range_hash = "range";
  ASSERT_OK(store().RestoreReport(resolved));
  ASSERT_OK(store().RestoreReport(resolved));      // twice: still one
  Report purged = MakeReport(c.id, "", kT0 + 30);  // its reporter hash emptied by retention
  ASSERT_OK(store().RestoreReport(purged));
  ASSERT_OK(store().RestoreReport(purged));
  listed = store().ListThreadReports(thread.id, 0, 10);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[1].reporter_hash, "r2");
  EXPECT_EQ((*listed)[1].reason, ReportReason::kHate);
  EXPECT_TRUE((*listed)[1].resolved);
  EXPECT_EQ((*listed)[1].outcome, ReportOutcome::kUpheld);
  EXPECT_TRUE((*listed)[1].burst);
  EXPECT_EQ((*listed)[1].range_hash, "range");
  EXPECT_EQ((*listed)[1].created_at, kT0 + 20);
  EXPECT_EQ((*listed)[2].reporter_hash, "");
  // A restored report counts as the reader's: reporting the comment again is refused.
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "r2", kT0 + 40)).error(), Error::kAlreadyReported);
  purged.comment_id = c.id + 1000;
  EXPECT_EQ(store().RestoreReport(purged).error(), Error::kUnknownComment);
}

TEST_P(StoreTest, DeleteSiteContentEmptiesOneSiteAndKeepsTheSite) {
  AddSite("s");
  AddSite("other");
  Thread a = AddThread("s", "a");
  Thread b = AddThread("s", "b");
  Thread kept = AddThread("other", "a");
  Comment c = Post(a.id, std::nullopt, kT0);
  Post(a.id, c.id, kT0 + 1);
  Post(b.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Comment other = Post(kept.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(c.id, "v", "", 1, kT0 + 3));
  ASSERT_OK(store().AddReport(MakeReport(c.id, "r", kT0 + 4)));

  Result<std::int64_t> deleted = store().DeleteSiteContent("s");
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 3);
  Result<std::vector<Thread>> left = store().ListSiteThreads("s", 0, 10);
  ASSERT_OK(left);
  EXPECT_THAT(*left, IsEmpty());
  EXPECT_EQ(store().GetComment(c.id).error(), Error::kUnknownComment);
  ASSERT_OK(store().GetSite("s"));
  ASSERT_OK(store().GetComment(other.id));
  Result<std::vector<Thread>> others = store().ListSiteThreads("other", 0, 10);
  ASSERT_OK(others);
  EXPECT_EQ(others->size(), 1u);
  // The key can be used again.
  Thread again = AddThread("s", "a");
  EXPECT_NE(again.id, 0);
  EXPECT_EQ(store().DeleteSiteContent("absent").error(), Error::kUnknownSite);
}

}  // namespace
}  // namespace palabre::store
