// The Store conformance suite (store_conformance_testing.h), ModerationStore: the queue,
// review after publishing, an author's history, the audit log, auto-rejected comments.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

TEST_P(QueueTest, AQueryNeedsSites) {
  EXPECT_EQ(store().QueryComments(CommentQuery{}).error(), Error::kInvalidArgument);
}

TEST_P(QueueTest, FiltersByStatusSiteThreadAuthorAndAnyStatusByDefault) {
  AddSite("a");
  AddSite("b");
  AddSite("c");
  Thread a1 = AddThread("a", "1");
  Thread a2 = AddThread("a", "2");
  Thread b1 = AddThread("b", "1");
  Thread c1 = AddThread("c", "1");
  Comment held_a1 = Add(a1.id, kT0 + 1, CommentStatus::kHeld, "Awa", "un");
  Comment pub_a1 = Add(a1.id, kT0 + 2, CommentStatus::kPublished, "Moussa", "deux");
  Comment rej_a2 = Add(a2.id, kT0 + 3, CommentStatus::kRejected, "Awa", "trois");
  Comment held_b1 = Add(b1.id, kT0 + 4, CommentStatus::kHeld, "Awa", "quatre");
  Comment reply = Add(a1.id, kT0 + 5, CommentStatus::kHeld, "Fatou", "cinq", {}, pub_a1.id);
  Comment del_a2 = Add(a2.id, kT0 + 6, CommentStatus::kDeleted, "Awa", "six");
  Add(c1.id, kT0 + 7, CommentStatus::kHeld, "Awa", "sept");  // site c is never asked for

  // Any status, sites a and b, newest first; replies included.
  EXPECT_THAT(WalkIds(Sites({"a", "b"})),
              ElementsAre(del_a2.id, reply.id, held_b1.id, rej_a2.id, pub_a1.id, held_a1.id));

  CommentQuery held = Sites({"a", "b"});
  held.status = CommentStatus::kHeld;
  EXPECT_THAT(WalkIds(held), ElementsAre(reply.id, held_b1.id, held_a1.id));
  held.newest_first = false;
  EXPECT_THAT(WalkIds(held), ElementsAre(held_a1.id, held_b1.id, reply.id));

  CommentQuery one_site = Sites({"b"});
  EXPECT_THAT(WalkIds(one_site), ElementsAre(held_b1.id));

  CommentQuery thread = Sites({"a", "b"});
  thread.thread_id = a2.id;
  EXPECT_THAT(WalkIds(thread), ElementsAre(del_a2.id, rej_a2.id));

  CommentQuery author = Sites({"a", "b"});
  author.author = "Awa";
  EXPECT_THAT(WalkIds(author), ElementsAre(del_a2.id, held_b1.id, rej_a2.id, held_a1.id));
  author.author = "awa";  // the author filter is exact
  EXPECT_THAT(WalkIds(author), IsEmpty());

  CommentQuery combined = Sites({"a", "b"});
  combined.status = CommentStatus::kHeld;
  combined.author = "Awa";
  combined.thread_id = a1.id;
  EXPECT_THAT(WalkIds(combined), ElementsAre(held_a1.id));

  CommentQuery unknown = Sites({"absent"});
  EXPECT_THAT(WalkIds(unknown), IsEmpty());

  // Every field comes back, as GetComment returns it.
  Result<CommentPage> page = store().QueryComments(one_site);
  ASSERT_OK(page);
  ASSERT_EQ(page->comments.size(), 1u);
  Result<Comment> direct = store().GetComment(held_b1.id);
  ASSERT_OK(direct);
  const Comment& listed = page->comments[0];
  EXPECT_EQ(listed.thread_id, direct->thread_id);
  EXPECT_EQ(listed.author, direct->author);
  EXPECT_EQ(listed.text, direct->text);
  EXPECT_EQ(listed.html, direct->html);
  EXPECT_EQ(listed.status, CommentStatus::kHeld);
  EXPECT_EQ(listed.moderation, direct->moderation);
  EXPECT_EQ(listed.created_at, kT0 + 4);
  EXPECT_EQ(listed.open_reports, 0);
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(QueueTest, ReasonCodeMatchesTheExactQuotedCodeOnly) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment spam = Add(t.id, kT0 + 1, CommentStatus::kHeld, "A", "x", {"spam"});
  Comment both = Add(t.id, kT0 + 2, CommentStatus::kHeld, "B", "x", {"toxicity", "spam"});
  Comment longer = Add(t.id, kT0 + 3, CommentStatus::kHeld, "C", "x", {"spam_link"});
  Add(t.id, kT0 + 4, CommentStatus::kHeld, "D", "spam dans le texte", {"flood"});
  Comment wild = Add(t.id, kT0 + 5, CommentStatus::kHeld, "E", "x", {"off_topic"});

  CommentQuery q = Sites({"a"});
  q.reason_code = "spam";
  EXPECT_THAT(WalkIds(q), ElementsAre(both.id, spam.id));
  q.reason_code = "spam_link";
  EXPECT_THAT(WalkIds(q), ElementsAre(longer.id));
  q.reason_code = "off_topic";
  EXPECT_THAT(WalkIds(q), ElementsAre(wild.id));
  // LIKE's wildcards in the code are plain characters.
  q.reason_code = "off%";
  EXPECT_THAT(WalkIds(q), IsEmpty());
  q.reason_code = "off_topi_";
  EXPECT_THAT(WalkIds(q), IsEmpty());
  q.reason_code = "spa";
  EXPECT_THAT(WalkIds(q), IsEmpty());
}

TEST_P(QueueTest, TextSearchIsACaseInsensitiveLiteralSubstringOfTextOrAuthor) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  Comment hundred = Add(t.id, kT0 + 1, CommentStatus::kHeld, "Awa", "Remise de 100% ce soir");
  Comment thousand = Add(t.id, kT0 + 2, CommentStatus::kHeld, "Awa", "1000 personnes");
  Comment underscore = Add(t.id, kT0 + 3, CommentStatus::kHeld, "Awa", "mon_pseudo ici");
  Comment other = Add(t.id, kT0 + 4, CommentStatus::kHeld, "Awa", "monXpseudo ici");
  Comment by_author = Add(t.id, kT0 + 5, CommentStatus::kPublished, "Casino_Royal", "bonjour");
  Comment backslash = Add(t.id, kT0 + 6, CommentStatus::kHeld, "Awa", R"(C:\temp)");

  CommentQuery q = Sites({"a"});
  q.text_contains = "100%";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
  q.text_contains = "n_p";
  EXPECT_THAT(WalkIds(q), ElementsAre(underscore.id));
  q.text_contains = "REMISE";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
  q.text_contains = "casino";  // the author's name
  EXPECT_THAT(WalkIds(q), ElementsAre(by_author.id));
  q.text_contains = "pseudo";
  EXPECT_THAT(WalkIds(q), ElementsAre(other.id, underscore.id));
  q.text_contains = R"(:\t)";
  EXPECT_THAT(WalkIds(q), ElementsAre(backslash.id));
  q.text_contains = "000";
  EXPECT_THAT(WalkIds(q), ElementsAre(thousand.id));
  q.text_contains = "%";
  EXPECT_THAT(WalkIds(q), ElementsAre(hundred.id));
}

TEST_P(QueueTest, EveryPageSizeWalksEveryCommentOnceInBothOrders) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread b = AddThread("b", "1");
  std::vector<Comment> all;
  // Many share a creation time, across both sites: ties are broken by id.
  for (int i = 0; i < 23; ++i) {
    all.push_back(Add(i % 2 == 0 ? a.id : b.id, kT0 + i / 4,
                      i % 3 == 0 ? CommentStatus::kPublished : CommentStatus::kHeld, "A", "x"));
  }
  std::vector<CommentId> oldest = Ids(all);  // inserted in (created_at, id) order
  std::vector<CommentId> newest(oldest.rbegin(), oldest.rend());
  for (int limit : {1, 2, 3, 5, 7, 22, 23, 24, 500}) {
    CommentQuery q = Sites({"a", "b"});
    q.limit = limit;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(newest)) << "limit " << limit;
    q.newest_first = false;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(oldest)) << "limit " << limit;
  }
  // Filtered walks too.
  std::vector<CommentId> held_oldest;
  for (const Comment& c : all) {
    if (c.status == CommentStatus::kHeld) held_oldest.push_back(c.id);
  }
  CommentQuery held = Sites({"a", "b"});
  held.status = CommentStatus::kHeld;
  held.newest_first = false;
  held.limit = 4;
  EXPECT_THAT(WalkIds(held), ElementsAreArray(held_oldest));
}

TEST_P(QueueTest, TheLimitIsClampedToOneToFiveHundred) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  for (int i = 0; i < 3; ++i) Add(t.id, kT0 + i, CommentStatus::kHeld, "A", "x");
  CommentQuery q = Sites({"a"});
  q.limit = 0;
  Result<CommentPage> page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 1u);
  EXPECT_TRUE(page->next.has_value());
  q.limit = -5;
  page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 1u);
  q.limit = 1'000'000;
  page = store().QueryComments(q);
  ASSERT_OK(page);
  EXPECT_EQ(page->comments.size(), 3u);
  EXPECT_FALSE(page->next.has_value());
}

TEST_P(QueueTest, ACommentArrivingBetweenPagesIsNeitherLostNorRepeatedOldestFirst) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  std::vector<CommentId> expected;
  for (int i = 0; i < 4; ++i)
    expected.push_back(Add(t.id, kT0 + i, CommentStatus::kHeld, "A", "x").id);
  CommentQuery q = Sites({"a"});
  q.newest_first = false;
  q.limit = 3;
  Result<CommentPage> first = store().QueryComments(q);
  ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  expected.push_back(Add(t.id, kT0 + 10, CommentStatus::kHeld, "A", "x").id);
  q.after = first->next;
  std::vector<CommentId> seen = Ids(first->comments);
  for (CommentId id : WalkIds(q)) seen.push_back(id);
  EXPECT_THAT(seen, ElementsAreArray(expected));
}

// -------------------------------------------------------------------------------------------------

TEST_P(QueueTest, TheReviewQueueHasThePublishedMarkedCommentsHighestRiskFirst) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "1");
  Thread a2 = AddThread("a", "2");
  Thread b = AddThread("b", "1");
  const Comment low = AddReview(a.id, kT0, 0.35);
  const Comment high = AddReview(a2.id, kT0 + 1, 0.9);
  const Comment tie_old = AddReview(a.id, kT0 + 2, 0.6);
  const Comment tie_new = AddReview(a.id, kT0 + 3, 0.6);
  const Comment other_site = AddReview(b.id, kT0 + 4, 0.99);
  AddReview(a.id, kT0 + 5, 0.95, CommentStatus::kHeld);      // held: the held queue's
  AddReview(a.id, kT0 + 6, 0.97, CommentStatus::kRejected);  // not shown to readers
  Add(a.id, kT0 + 7, CommentStatus::kPublished, "A", "sans marque");

  // Highest risk first; equal risks newest (highest id) first.
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(high.id, tie_new.id, tie_old.id, low.id));
  EXPECT_THAT(WalkIds(ReviewQueue({"a", "b"})),
              ElementsAre(other_site.id, high.id, tie_new.id, tie_old.id, low.id));
  const std::vector<Comment> listed = Walk(ReviewQueue({"a"}));
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_TRUE(listed[0].review);
  EXPECT_DOUBLE_EQ(listed[0].risk, 0.9);
  // The other filters combine with it.
  CommentQuery in_thread = ReviewQueue({"a"});
  in_thread.thread_id = a2.id;
  EXPECT_THAT(WalkIds(in_thread), ElementsAre(high.id));
  // Without the risk order, the review filter keeps the time order.
  CommentQuery by_time = ReviewQueue({"a"});
  by_time.by_risk = false;
  by_time.newest_first = false;
  EXPECT_THAT(WalkIds(by_time), ElementsAre(low.id, high.id, tie_old.id, tie_new.id));
  // An author's deletion takes a comment out of the queue.
  ASSERT_OK(store().SetCommentStatus(low.id, CommentStatus::kDeleted));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(high.id, tie_new.id, tie_old.id));
}

TEST_P(QueueTest, EveryPageSizeWalksTheReviewQueueOnceByRisk) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  std::vector<Comment> all;
  for (int i = 0; i < 17; ++i) {
    // Few distinct risks, so that pages end inside runs of equal risks.
    all.push_back(AddReview(t.id, kT0 + i, 0.25 * (i % 4) + 0.1));
  }
  std::vector<Comment> expected = all;
  std::sort(expected.begin(), expected.end(), [](const Comment& x, const Comment& y) {
    return x.risk != y.risk ? x.risk > y.risk : x.id > y.id;
  });
  for (int limit : {1, 2, 3, 4, 5, 16, 17, 18, 500}) {
    CommentQuery q = ReviewQueue({"a"});
    q.limit = limit;
    EXPECT_THAT(WalkIds(q), ElementsAreArray(Ids(expected))) << "limit " << limit;
  }
}

TEST_P(QueueTest, AnyModeratorDecisionClearsTheReviewMarkAndKeepsTheRisk) {
  AddSite("a");
  Thread t = AddThread("a", "1");
  const Comment approved = AddReview(t.id, kT0, 0.5);
  const Comment unpublished = AddReview(t.id, kT0 + 1, 0.7);
  const Comment rejected = AddReview(t.id, kT0 + 2, 0.8);
  const Comment waiting = AddReview(t.id, kT0 + 3, 0.4);
  EXPECT_EQ(CountOf(t.id), 4);
  ASSERT_OK(store().ModerateComment(approved.id, CommentStatus::kPublished));  // left as it is
  ASSERT_OK(store().ModerateComment(unpublished.id, CommentStatus::kHeld));
  ASSERT_OK(store().ModerateComment(rejected.id, CommentStatus::kRejected));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(waiting.id));
  EXPECT_EQ(CountOf(t.id), 2);
  for (CommentId id : {approved.id, unpublished.id, rejected.id}) {
    Result<Comment> got = store().GetComment(id);
    ASSERT_OK(got);
    EXPECT_FALSE(got->review) << id;
  }
  Result<Comment> kept = store().GetComment(unpublished.id);
  ASSERT_OK(kept);
  EXPECT_DOUBLE_EQ(kept->risk, 0.7);
  // Published again by a moderator: still reviewed, not back in the queue.
  ASSERT_OK(store().ModerateComment(unpublished.id, CommentStatus::kPublished));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(waiting.id));
  // An edit the pipeline sends to review marks it again.
  ASSERT_OK(store().SetCommentModeration(approved.id, R"({"action":"review"})", true, 0.45));
  EXPECT_THAT(WalkIds(ReviewQueue({"a"})), ElementsAre(approved.id, waiting.id));
}

// -------------------------------------------------------------------------------------------------

TEST_P(QueueTest, AuthorHistoryCountsByNameOrClientHashOnOneSite) {
  AddSite("a");
  AddSite("b");
  Thread t = AddThread("a", "1");
  Thread other_site = AddThread("b", "1");
  auto add = [&](ThreadId thread, std::string author, std::string client, CommentStatus status) {
    Comment c = NewComment(thread, std::nullopt, kT0, status);
    c.author = std::move(author);
    c.client_hash = std::move(client);
    ASSERT_OK(store().InsertComment(c));
  };
  add(t.id, "Awa", "h1", CommentStatus::kPublished);
  add(t.id, "Awa", "h2", CommentStatus::kPublished);
  add(t.id, "Awa", "", CommentStatus::kHeld);
  add(t.id, "Autre", "h1", CommentStatus::kRejected);  // same client, another name
  add(t.id, "Autre", "h9", CommentStatus::kDeleted);   // neither
  add(t.id, "Anonyme", "", CommentStatus::kRejected);  // empty hash matches nothing
  add(other_site.id, "Awa", "h1", CommentStatus::kRejected);

  Result<AuthorHistory> h = store().GetAuthorHistory("a", "Awa", "h1");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 2);
  EXPECT_EQ(h->held, 1);
  EXPECT_EQ(h->rejected, 1);
  EXPECT_EQ(h->deleted, 0);

  h = store().GetAuthorHistory("a", "Awa", "");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 2);
  EXPECT_EQ(h->held, 1);
  EXPECT_EQ(h->rejected, 0);

  h = store().GetAuthorHistory("a", "Personne", "h9");
  ASSERT_OK(h);
  EXPECT_EQ(h->published, 0);
  EXPECT_EQ(h->deleted, 1);

  h = store().GetAuthorHistory("a", "", "");
  ASSERT_OK(h);
  EXPECT_EQ(h->published + h->held + h->rejected + h->deleted, 0);
}

TEST_P(QueueTest, CommentFactsAreTheSitesCommentsOfAHalfOpenRangeOldestFirst) {
  AddSite("a");
  AddSite("b");
  Thread t = AddThread("a", "1");
  Thread u = AddThread("a", "2");
  Thread other = AddThread("b", "1");
  Add(t.id, kT0 - 1, CommentStatus::kPublished, "A", "x");
  Comment first = Add(t.id, kT0, CommentStatus::kHeld, "A", "x", {"spam"});
  Comment second = Add(u.id, kT0 + 5, CommentStatus::kRejected, "A", "x");
  Comment third = Add(t.id, kT0 + 5, CommentStatus::kDeleted, "A", "x");
  Add(t.id, kT0 + 10, CommentStatus::kPublished, "A", "x");  // until is excluded
  Add(other.id, kT0 + 1, CommentStatus::kPublished, "A", "x");

  Result<std::vector<CommentFact>> facts = store().ListCommentFacts("a", kT0, kT0 + 10);
  ASSERT_OK(facts);
  ASSERT_EQ(facts->size(), 3u);
  EXPECT_EQ((*facts)[0].id, first.id);
  EXPECT_EQ((*facts)[0].status, CommentStatus::kHeld);
  EXPECT_EQ((*facts)[0].created_at, kT0);
  EXPECT_EQ((*facts)[0].moderation, ModerationJson({"spam"}));
  EXPECT_EQ((*facts)[1].id, second.id);
  EXPECT_EQ((*facts)[1].status, CommentStatus::kRejected);
  EXPECT_EQ((*facts)[2].id, third.id);
  EXPECT_EQ((*facts)[2].status, CommentStatus::kDeleted);

  Result<std::vector<CommentFact>> empty = store().ListCommentFacts("a", kT0 + 20, kT0 + 30);
  ASSERT_OK(empty);
  EXPECT_THAT(*empty, IsEmpty());
}

// -------------------------------------------------------------------------------------------------

AuditEntry MakeAudit(std::string site, std::string action, TimestampMs at) {
  AuditEntry e;
  e.site_id = std::move(site);
  e.user_id = 3;
  e.user_email = "mod@example.sn";
  e.action = std::move(action);
  e.reason = "spam";
  e.detail = R"({"note":"x"})";
  e.response_ms = 1234;
  e.at = at;
  return e;
}

TEST_P(StoreTest, AuditIsListedNewestFirstPageByPage) {
  AddSite("a");
  AddSite("b");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    AuditEntry e = MakeAudit("a", i % 2 == 0 ? "approve" : "reject", kT0 + i);
    if (i == 3) e.comment_id = 42;
    Result<AuditEntry> appended = store().AppendAudit(e);
    ASSERT_OK(appended);
    EXPECT_GT(appended->id, 0);
    ids.push_back(appended->id);
    ASSERT_OK(store().AppendAudit(MakeAudit("b", "ban", kT0 + i)));  // interleaved
  }
  EXPECT_EQ(store().AppendAudit(MakeAudit("absent", "ban", kT0)).error(), Error::kUnknownSite);

  std::vector<std::int64_t> newest(ids.rbegin(), ids.rend());
  std::vector<std::int64_t> walked;
  std::int64_t before = 0;
  for (int pages = 0; pages < 10; ++pages) {
    Result<std::vector<AuditEntry>> page = store().ListAudit("a", before, 3);
    ASSERT_OK(page);
    EXPECT_LE(page->size(), 3u);
    if (page->empty()) break;
    for (const AuditEntry& e : *page) {
      EXPECT_EQ(e.site_id, "a");
      walked.push_back(e.id);
    }
    before = page->back().id;
  }
  EXPECT_THAT(walked, ElementsAreArray(newest));

  Result<std::vector<AuditEntry>> all = store().ListAudit("a", 0, 100);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 7u);
  const AuditEntry& e = (*all)[3];  // the fourth from the end: i == 3
  EXPECT_EQ(e.id, ids[3]);
  EXPECT_EQ(e.user_id, 3);
  EXPECT_EQ(e.user_email, "mod@example.sn");
  EXPECT_EQ(e.action, "reject");
  EXPECT_EQ(e.comment_id, std::optional<CommentId>(42));
  EXPECT_EQ(e.reason, "spam");
  EXPECT_EQ(e.detail, R"({"note":"x"})");
  EXPECT_EQ(e.response_ms, 1234);
  EXPECT_EQ(e.at, kT0 + 3);
  EXPECT_EQ((*all)[0].comment_id, std::nullopt);

  Result<std::vector<AuditEntry>> clamped = store().ListAudit("a", 0, 0);  // limit 1 at least
  ASSERT_OK(clamped);
  EXPECT_EQ(clamped->size(), 1u);
  Result<std::vector<AuditEntry>> none = store().ListAudit("absent", 0, 10);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

TEST_P(QueueTest, AutoRejectedCommentsAreKeptApartAndDeletedPastTheirCutoff) {
  AddSite("a");
  AddSite("b");
  const Thread thread = AddThread("a", "k");
  const Thread other = AddThread("b", "k");
  const Comment shown = Post(thread.id, std::nullopt, kT0);
  const Comment by_moderator = Add(thread.id, kT0 + 1, CommentStatus::kRejected, "Modou", "non");
  auto pipeline = [&](ThreadId t, TimestampMs at) {
    Comment c = NewComment(t, std::nullopt, at, CommentStatus::kRejected);
    c.auto_rejected = true;
    c.moderation = ModerationJson({"banned_word"});
    Result<Comment> inserted = store().InsertComment(c);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    return inserted.ok() ? *inserted : Comment{};
  };
  const Comment old = pipeline(thread.id, kT0 + 2);
  const Comment recent = pipeline(thread.id, kT0 + 10);
  const Comment elsewhere = pipeline(other.id, kT0 + 2);
  EXPECT_TRUE(old.auto_rejected);
  EXPECT_FALSE(shown.auto_rejected);
  Result<Comment> read = store().GetComment(old.id);
  ASSERT_OK(read);
  EXPECT_TRUE(read->auto_rejected);
  EXPECT_EQ(read->status, CommentStatus::kRejected);
  // Never listed to readers nor counted.
  EXPECT_EQ(CountOf(thread.id), 1);
  Result<TopLevelPage> top = store().ListTopLevel(thread.id, Sort::kOldest, std::nullopt, 10);
  ASSERT_OK(top);
  EXPECT_THAT(Ids(top->comments), ElementsAre(shown.id));

  CommentQuery q;
  q.site_ids = {"a"};
  q.status = CommentStatus::kRejected;
  q.auto_rejected = true;
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(recent.id, old.id));
  q.auto_rejected = false;
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(by_moderator.id));
  q.auto_rejected.reset();
  EXPECT_THAT(Ids(Walk(q)), ElementsAre(recent.id, old.id, by_moderator.id));

  // Published by a moderator (a false positive) then answered: kept even if rejected again.
  const Comment answered = pipeline(thread.id, kT0 + 3);
  ASSERT_OK(store().ModerateComment(answered.id, CommentStatus::kPublished));
  Post(thread.id, answered.id, kT0 + 20);
  ASSERT_OK(store().ModerateComment(answered.id, CommentStatus::kRejected));

  Result<std::int64_t> deleted = store().DeleteAutoRejected("a", kT0 + 10);
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 1);  // old; not recent (at the cutoff), nor the moderator's, nor answered
  EXPECT_EQ(store().GetComment(old.id).error(), Error::kUnknownComment);
  EXPECT_OK(store().GetComment(recent.id));
  EXPECT_OK(store().GetComment(by_moderator.id));
  EXPECT_OK(store().GetComment(answered.id));
  EXPECT_OK(store().GetComment(elsewhere.id));  // another site
  Result<std::int64_t> none = store().DeleteAutoRejected("absent", kT0 + 100);
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
  EXPECT_EQ(CountOf(thread.id), 2);
}

TEST_P(StoreTest, ACommentsAuditIsListedNewestFirst) {
  AddSite("a");
  AddSite("b");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    AuditEntry e = MakeAudit(i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "approve" : "reject", kT0 + i);
    e.comment_id = i < 4 ? 7 : 8;
    Result<AuditEntry> appended = store().AppendAudit(e);
    ASSERT_OK(appended);
    ids.push_back(appended->id);
  }
  ASSERT_OK(store().AppendAudit(MakeAudit("a", "settings", kT0 + 9)));  // about no comment
  Result<std::vector<AuditEntry>> of7 = store().ListCommentAudit(7, 10);
  ASSERT_OK(of7);
  std::vector<std::int64_t> got;
  for (const AuditEntry& e : *of7) got.push_back(e.id);
  EXPECT_THAT(got, ElementsAre(ids[3], ids[2], ids[1], ids[0]));
  EXPECT_EQ((*of7)[0].action, "reject");
  EXPECT_EQ((*of7)[0].user_email, "mod@example.sn");
  Result<std::vector<AuditEntry>> last = store().ListCommentAudit(7, 1);
  ASSERT_OK(last);
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0].id, ids[3]);
  Result<std::vector<AuditEntry>> none = store().ListCommentAudit(99, 10);
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
}

}  // namespace
}  // namespace palabre::store
