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

}  // namespace
}  // namespace palabre::store
