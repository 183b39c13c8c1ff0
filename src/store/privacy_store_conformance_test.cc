// The Store conformance suite (store_conformance_testing.h), PrivacyStore: a reader's
// comments found, erased and purged.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

TEST_P(QueueTest, CommentsByEmailAreFoundWhateverTheCaseAcrossSitesAndStatuses) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  auto add = [&](ThreadId thread, TimestampMs at, std::string email, CommentStatus status) {
    Comment c = NewComment(thread, std::nullopt, at, status);
    c.email = std::move(email);
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? inserted->id : 0;
  };
  CommentId second = add(b.id, kT0 + 2, "Awa@Example.SN", CommentStatus::kHeld);
  CommentId first = add(a.id, kT0 + 1, "awa@example.sn", CommentStatus::kPublished);
  CommentId third = add(a.id, kT0 + 3, "AWA@EXAMPLE.SN", CommentStatus::kRejected);
  add(a.id, kT0 + 4, "awa@example.sn.evil", CommentStatus::kPublished);
  add(a.id, kT0 + 5, "", CommentStatus::kPublished);

  Result<std::vector<Comment>> found = store().ListCommentsByEmail("awa@EXAMPLE.sn");
  ASSERT_OK(found);
  EXPECT_THAT(Ids(*found), ElementsAre(first, second, third));
  EXPECT_EQ((*found)[1].email, "Awa@Example.SN");  // as written
  Result<std::vector<Comment>> nobody = store().ListCommentsByEmail("");
  ASSERT_OK(nobody);
  EXPECT_THAT(*nobody, IsEmpty());
  Result<std::vector<Comment>> wild = store().ListCommentsByEmail("%");
  ASSERT_OK(wild);
  EXPECT_THAT(*wild, IsEmpty());
}

TEST_P(QueueTest, EraseCommentsByEmailEmptiesPersonalDataAndKeepsCountsAndPlaces) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  auto add = [&](ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
                 std::string email, CommentStatus status) {
    Comment c = NewComment(thread, parent, at, status);
    c.email = std::move(email);
    c.client_hash = "client";
    c.edit_token_hash = "token";
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  Comment root = add(a.id, std::nullopt, kT0, "awa@example.sn", CommentStatus::kPublished);
  Comment reply = add(a.id, root.id, kT0 + 1, "moussa@example.sn", CommentStatus::kPublished);
  Comment held = add(a.id, std::nullopt, kT0 + 2, "Awa@example.sn", CommentStatus::kHeld);
  Comment elsewhere = add(b.id, std::nullopt, kT0 + 3, "awa@example.sn", CommentStatus::kPublished);
  Comment kept = add(b.id, std::nullopt, kT0 + 4, "fatou@example.sn", CommentStatus::kPublished);
  EXPECT_EQ(CountOf(a.id), 2);
  EXPECT_EQ(CountOf(b.id), 2);

  Result<std::int64_t> erased = store().EraseCommentsByEmail("AWA@example.sn");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 3);
  EXPECT_EQ(CountOf(a.id), 1);  // the reply
  EXPECT_EQ(CountOf(b.id), 1);
  for (CommentId id : {root.id, held.id, elsewhere.id}) {
    Result<Comment> c = store().GetComment(id);
    ASSERT_OK(c);
    EXPECT_EQ(c->status, CommentStatus::kDeleted);
    EXPECT_EQ(c->text, "");
    EXPECT_EQ(c->html, "");
    EXPECT_EQ(c->author, "");
    EXPECT_EQ(c->email, "");
    EXPECT_EQ(c->client_hash, "");
    EXPECT_EQ(c->edit_token_hash, "");
  }
  Result<Comment> untouched = store().GetComment(kept.id);
  ASSERT_OK(untouched);
  EXPECT_EQ(untouched->email, "fatou@example.sn");
  EXPECT_EQ(untouched->text, kept.text);
  // The reply keeps its place under its erased root, a tombstone (so is the erased held
  // comment: every erased comment is a deleted one).
  std::vector<Comment> top = WalkTopLevel(a.id, Sort::kOldest, 10);
  EXPECT_THAT(Ids(top), ElementsAre(root.id, held.id));
  std::vector<CommentId> roots = {root.id};
  Result<std::vector<Comment>> replies = store().ListReplies(a.id, roots);
  ASSERT_OK(replies);
  EXPECT_THAT(Ids(*replies), ElementsAre(reply.id));

  Result<std::vector<Comment>> left = store().ListCommentsByEmail("awa@example.sn");
  ASSERT_OK(left);
  EXPECT_THAT(*left, IsEmpty());
  erased = store().EraseCommentsByEmail("awa@example.sn");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 0);
  erased = store().EraseCommentsByEmail("");
  ASSERT_OK(erased);
  EXPECT_EQ(*erased, 0);
  EXPECT_EQ(CountOf(b.id), 1);
}

TEST_P(QueueTest, PurgeEmptiesOldEmailsClientHashesAndReporterHashes) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  auto add = [&](TimestampMs at, std::string email, std::string client) {
    Comment c = NewComment(t.id, std::nullopt, at);
    c.email = std::move(email);
    c.client_hash = std::move(client);
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  Comment old1 = add(kT0, "awa@example.sn", "h1");
  Comment old2 = add(kT0 + 1, "", "h2");
  Comment old3 = add(kT0 + 2, "", "");  // nothing to purge
  Comment recent = add(kT0 + 10, "moussa@example.sn", "h3");
  Report r1 = MakeReport(old1.id, "r1", kT0 + 3);
  r1.range_hash = "range-1";
  r1.token_hash = "browser-1";
  ASSERT_OK(store().AddReport(r1));
  ASSERT_OK(store().AddReport(MakeReport(old1.id, "r2", kT0 + 4)));
  Report r3 = MakeReport(old1.id, "r3", kT0 + 20);
  r3.range_hash = "range-3";
  r3.token_hash = "browser-3";
  ASSERT_OK(store().AddReport(r3));

  Result<std::int64_t> purged = store().PurgePersonalData(kT0 + 10);
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 2);
  for (CommentId id : {old1.id, old2.id, old3.id}) {
    Result<Comment> c = store().GetComment(id);
    ASSERT_OK(c);
    EXPECT_EQ(c->email, "");
    EXPECT_EQ(c->client_hash, "");
    EXPECT_EQ(c->status, CommentStatus::kPublished);
    EXPECT_EQ(c->text, "Bonjour à tous");
  }
  Result<Comment> kept = store().GetComment(recent.id);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->email, "moussa@example.sn");
  EXPECT_EQ(kept->client_hash, "h3");
  Result<std::vector<Report>> reports = store().ListReports(old1.id);
  ASSERT_OK(reports);
  ASSERT_EQ(reports->size(), 3u);
  EXPECT_EQ((*reports)[0].reporter_hash, "");
  EXPECT_EQ((*reports)[0].range_hash, "");
  EXPECT_EQ((*reports)[0].token_hash, "");
  EXPECT_EQ((*reports)[1].reporter_hash, "");
  EXPECT_EQ((*reports)[2].reporter_hash, "r3");
  EXPECT_EQ((*reports)[2].range_hash, "range-3");
  EXPECT_EQ((*reports)[2].token_hash, "browser-3");
  EXPECT_FALSE((*reports)[0].resolved);  // still counted
  purged = store().PurgePersonalData(kT0 + 10);
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 0);
  // A purged reader may report again (nobody knows them any more), browser included.
  Result<std::int64_t> open = store().AddReport(r1);
  ASSERT_OK(open);
  EXPECT_EQ(*open, 4);
}

}  // namespace
}  // namespace palabre::store
