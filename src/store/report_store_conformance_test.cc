// The Store conformance suite (store_conformance_testing.h), ReportStore: moderation
// decisions and reader reports.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

TEST_P(QueueTest, ModerateCommentKeepsTheCountExactAndResolvesReports) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment held = Add(t.id, kT0, CommentStatus::kHeld, "A", "x");
  Comment published = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  EXPECT_EQ(CountOf(t.id), 1);

  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  EXPECT_EQ(CountOf(t.id), 2);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));  // no change
  EXPECT_EQ(CountOf(t.id), 2);
  ASSERT_OK(store().ModerateComment(published.id, CommentStatus::kRejected));
  EXPECT_EQ(CountOf(t.id), 1);
  ASSERT_OK(store().ModerateComment(published.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(t.id), 1);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kHeld));
  EXPECT_EQ(CountOf(t.id), 0);
  Result<Comment> got = store().GetComment(held.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, CommentStatus::kHeld);
  EXPECT_EQ(store().ModerateComment(published.id + 1000, CommentStatus::kPublished).error(),
            Error::kUnknownComment);

  // Reports open until a moderator acts on the comment, whatever the decision.
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));
  Result<std::int64_t> open = store().AddReport(MakeReport(held.id, "r1", kT0 + 10));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 1);
  open = store().AddReport(MakeReport(held.id, "r2", kT0 + 11));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  ASSERT_OK(store().ModerateComment(held.id, CommentStatus::kPublished));  // approved as is
  EXPECT_EQ(CountOf(t.id), 1);
  Result<std::vector<Report>> reports = store().ListReports(held.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_TRUE((*reports)[0].resolved);
  EXPECT_TRUE((*reports)[1].resolved);
  open = store().AddReport(MakeReport(held.id, "r3", kT0 + 12));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 1);  // only the new one is open
  // SetCommentStatus (an author's own deletion) resolves nothing.
  ASSERT_OK(store().SetCommentStatus(held.id, CommentStatus::kDeleted));
  EXPECT_EQ(CountOf(t.id), 0);
  CommentQuery q = Sites({"a"});
  q.reported_only = true;
  EXPECT_THAT(WalkIds(q), ElementsAre(held.id));
}

TEST_P(QueueTest, ReportsAreOnePerReaderAndCountedUntilResolved) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment c = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment quiet = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment other = Add(t.id, kT0 + 2, CommentStatus::kHeld, "C", "z");

  Report first = MakeReport(c.id, "reader-1", kT0 + 20, ReportReason::kHate);
  first.note = "";
  ASSERT_OK(store().AddReport(first));
  Result<std::int64_t> open = store().AddReport(MakeReport(c.id, "reader-2", kT0 + 10));
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "reader-1", kT0 + 30)).error(),
            Error::kAlreadyReported);
  ASSERT_OK(store().AddReport(MakeReport(other.id, "reader-1", kT0 + 30)));  // another comment
  EXPECT_EQ(store().AddReport(MakeReport(c.id + 1000, "reader-9", kT0)).error(),
            Error::kUnknownComment);
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "", kT0)).error(), Error::kInvalidArgument);

  Result<std::vector<Report>> reports = store().ListReports(c.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);  // oldest first
  EXPECT_EQ((*reports)[0].reporter_hash, "reader-2");
  EXPECT_EQ((*reports)[0].reason, ReportReason::kSpam);
  EXPECT_EQ((*reports)[0].note, "pub déguisée");
  EXPECT_EQ((*reports)[0].created_at, kT0 + 10);
  EXPECT_EQ((*reports)[0].comment_id, c.id);
  EXPECT_FALSE((*reports)[0].resolved);
  EXPECT_GT((*reports)[0].id, 0);
  EXPECT_EQ((*reports)[1].reporter_hash, "reader-1");
  EXPECT_EQ((*reports)[1].reason, ReportReason::kHate);
  EXPECT_EQ((*reports)[1].note, "");
  Result<std::vector<Report>> none = store().ListReports(quiet.id);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());

  // The queue counts open reports and can show only reported comments.
  CommentQuery q = Sites({"a"});
  std::vector<Comment> listed = Walk(q);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, other.id);
  EXPECT_EQ(listed[0].open_reports, 1);
  EXPECT_EQ(listed[1].id, quiet.id);
  EXPECT_EQ(listed[1].open_reports, 0);
  EXPECT_EQ(listed[2].id, c.id);
  EXPECT_EQ(listed[2].open_reports, 2);
  q.reported_only = true;
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id, c.id));
  q.status = CommentStatus::kPublished;
  EXPECT_THAT(WalkIds(q), ElementsAre(c.id));

  ASSERT_OK(store().ModerateComment(c.id, CommentStatus::kPublished));
  q.status.reset();
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id));
  // A reader who reported before the decision still cannot report twice.
  EXPECT_EQ(store().AddReport(MakeReport(c.id, "reader-2", kT0 + 40)).error(),
            Error::kAlreadyReported);
}

TEST_P(QueueTest, AReaderIsOneClientAndOneBrowserForReportsToo) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment c = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Report first = MakeReport(c.id, "client-1", kT0);
  first.range_hash = "range-1";
  first.token_hash = "browser-1";
  ASSERT_OK(store().AddReport(first));
  // The same browser from another client is the same reader.
  Report same_browser = MakeReport(c.id, "client-2", kT0 + 1);
  same_browser.token_hash = "browser-1";
  EXPECT_EQ(store().AddReport(same_browser).error(), Error::kAlreadyReported);
  // Another client of the same range with another browser is another reader.
  Report neighbour = MakeReport(c.id, "client-3", kT0 + 2);
  neighbour.range_hash = "range-1";
  neighbour.token_hash = "browser-3";
  Result<std::int64_t> open = store().AddReport(neighbour);
  ASSERT_OK(open);
  EXPECT_EQ(*open, 2);
  Result<std::vector<Report>> reports = store().ListReports(c.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].range_hash, "range-1");
  EXPECT_EQ((*reports)[0].token_hash, "browser-1");
  EXPECT_EQ((*reports)[0].outcome, ReportOutcome::kNone);
  EXPECT_FALSE((*reports)[0].burst);
}

TEST_P(QueueTest, ModeratorsDecisionsAreTheReportersRecord) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment bad1 = Add(t.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment bad2 = Add(t.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment fine = Add(t.id, kT0 + 2, CommentStatus::kPublished, "C", "z");
  Comment target = Add(t.id, kT0 + 3, CommentStatus::kPublished, "D", "w");
  for (const Comment& c : {bad1, bad2, fine}) {
    ASSERT_OK(store().AddReport(MakeReport(c.id, "careful", kT0 + 10)));
    ASSERT_OK(store().AddReport(MakeReport(c.id, "zealous", kT0 + 10)));
  }
  ASSERT_OK(store().ModerateComment(bad1.id, CommentStatus::kRejected));
  ASSERT_OK(store().ModerateComment(bad2.id, CommentStatus::kHeld));
  ASSERT_OK(store().ModerateComment(fine.id, CommentStatus::kPublished));
  Result<std::vector<Report>> decided = store().ListReports(bad1.id);
  ASSERT_OK(decided);
  EXPECT_EQ((*decided)[0].outcome, ReportOutcome::kUpheld);
  decided = store().ListReports(fine.id);
  ASSERT_OK(decided);
  EXPECT_EQ((*decided)[0].outcome, ReportOutcome::kDismissed);
  EXPECT_TRUE((*decided)[0].resolved);

  Report burst = MakeReport(target.id, "careful", kT0 + 20);
  burst.range_hash = "range-c";
  burst.burst = true;
  ASSERT_OK(store().AddReport(burst));
  ASSERT_OK(store().AddReport(MakeReport(target.id, "newcomer", kT0 + 21)));
  Result<std::vector<OpenReport>> open = store().ListOpenReports(target.id);
  ASSERT_OK(open);
  ASSERT_EQ(open->size(), 2u);  // oldest first
  EXPECT_EQ((*open)[0].reporter_hash, "careful");
  EXPECT_EQ((*open)[0].range_hash, "range-c");
  EXPECT_EQ((*open)[0].created_at, kT0 + 20);
  EXPECT_TRUE((*open)[0].burst);
  EXPECT_EQ((*open)[0].upheld, 2);
  EXPECT_EQ((*open)[0].dismissed, 1);
  EXPECT_EQ((*open)[1].reporter_hash, "newcomer");
  EXPECT_EQ((*open)[1].upheld, 0);
  EXPECT_EQ((*open)[1].dismissed, 0);
  EXPECT_FALSE((*open)[1].burst);
  // Resolved reports are no longer open.
  open = store().ListOpenReports(bad1.id);
  ASSERT_OK(open);
  EXPECT_THAT(*open, IsEmpty());
}

TEST_P(QueueTest, RecentReportsAndOpenBurstsOfSomeSites) {
  AddSite("a");
  AddSite("b");
  Thread ta = AddThread("a", "1");
  Thread tb = AddThread("b", "1");
  Comment a1 = Add(ta.id, kT0, CommentStatus::kPublished, "A", "x");
  Comment a2 = Add(ta.id, kT0 + 1, CommentStatus::kPublished, "B", "y");
  Comment b1 = Add(tb.id, kT0 + 2, CommentStatus::kPublished, "C", "z");
  ASSERT_OK(store().AddReport(MakeReport(a1.id, "client-1", kT0 + 100)));
  ASSERT_OK(store().AddReport(MakeReport(a2.id, "client-1", kT0 + 200)));
  ASSERT_OK(store().AddReport(MakeReport(b1.id, "client-1", kT0 + 300)));
  Result<RecentActions> recent = store().RecentReports("client-1", kT0 + 150);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 2);
  EXPECT_EQ(recent->oldest, kT0 + 200);
  recent = store().RecentReports("client-2", kT0);
  ASSERT_OK(recent);
  EXPECT_EQ(recent->count, 0);
  EXPECT_EQ(recent->oldest, 0);

  const std::vector<std::string> a = {"a"};
  const std::vector<std::string> ab = {"a", "b"};
  Result<std::int64_t> bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 0);
  for (const char* client : {"client-2", "client-3"}) {
    Report r = MakeReport(a1.id, client, kT0 + 400);
    r.burst = true;
    ASSERT_OK(store().AddReport(r));
  }
  Report rb = MakeReport(b1.id, "client-2", kT0 + 400);
  rb.burst = true;
  ASSERT_OK(store().AddReport(rb));
  bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 2);  // comments, not reports
  bursts = store().CountReportBursts(a);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 1);
  bursts = store().CountReportBursts(std::vector<std::string>{});
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 0);
  // A moderator's decision closes the burst.
  ASSERT_OK(store().ModerateComment(a1.id, CommentStatus::kPublished));
  bursts = store().CountReportBursts(ab);
  ASSERT_OK(bursts);
  EXPECT_EQ(*bursts, 1);
}

}  // namespace
}  // namespace palabre::store
