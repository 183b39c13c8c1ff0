#include "import/plan.h"

#include "import/import_testing.h"

namespace palabre::import {
namespace {

// The plan keeps its ids in an arena it owns: it does not move.
std::unique_ptr<Plan> PlanOf(const std::string& fixture, Format format, KeyRule rule) {
  auto owned = std::make_unique<Plan>(IdentityOptions{rule, {}});
  Plan& plan = *owned;
  auto reader = OpenReader(format, FixturePath(fixture));
  EXPECT_TRUE(reader.ok());
  const ReadAll all = ReadEverything(**reader);
  for (const auto& t : all.threads) plan.Add(t);
  for (const auto& c : all.comments) plan.Add(c);
  for (const auto& o : all.omitted) plan.Omitted(o);
  for (const auto& s : all.skipped) plan.Malformed(s);
  plan.Finish();
  return owned;
}

TEST(PlanTest, DisqusByIdentifierMergesTheDuplicateArticle) {
  const auto owned = PlanOf("disqus.xml", Format::kDisqus, KeyRule::kId);
  const Plan& plan = *owned;
  const PlanReport& r = plan.report();
  EXPECT_EQ(r.source_threads, 3);
  EXPECT_EQ(r.threads, 2);         // 1002 and 1003 are one article, with and without a query
  EXPECT_EQ(r.merged_threads, 2);  // both of them
  EXPECT_EQ(r.threads_by_rule.at("id"), 2);
  EXPECT_EQ(r.threads_by_rule.at("url"), 3);  // http:// and https://www. stay apart
  EXPECT_EQ(r.threads_by_rule.at("path"), 2);
  EXPECT_EQ(r.comments, 7);
  EXPECT_EQ(r.published, 4);
  EXPECT_EQ(r.spam, 1);
  EXPECT_EQ(r.held, 0);
  EXPECT_EQ(r.tombstones, 1);
  EXPECT_EQ(r.deleted_skipped, 1);
  EXPECT_EQ(r.orphans, 1);
  EXPECT_EQ(r.placeholders, 1);
  EXPECT_EQ(r.top_level, 3);
  EXPECT_EQ(r.replies, 3);
  EXPECT_EQ(r.malformed, 1);
  ASSERT_EQ(r.problems.size(), 1u);

  EXPECT_EQ(plan.Thread("1001")->key, "article-kati-2022");
  EXPECT_EQ(plan.Thread("1002")->key, "/economie/prix-du-riz");
  EXPECT_EQ(plan.Thread("1003")->key, "/economie/prix-du-riz");
  // 1002 is closed in the export, but merged with the open 1003: the article stays open.
  EXPECT_FALSE(plan.Thread("1002")->closed);
  EXPECT_EQ(plan.FateOf("5003"), Fate::kImport);
  EXPECT_EQ(plan.ParentOf("5003"), "5001");  // its parent comes after it in the file
  EXPECT_EQ(plan.FateOf("5004"), Fate::kTombstone);
  EXPECT_EQ(plan.ParentOf("5005"), "5004");  // across the two merged source threads
  EXPECT_EQ(plan.FateOf("5006"), Fate::kSkipDeletedLeaf);
  EXPECT_EQ(plan.ParentOf("5007"), "missing:4999");
  EXPECT_TRUE(Plan::IsPlaceholder(plan.ParentOf("5007")));
  EXPECT_EQ(plan.PlaceholderThreadKey("missing:4999"), "/economie/prix-du-riz");
  EXPECT_EQ(plan.FateOf("nope"), Fate::kSkipNoThread);
}

TEST(PlanTest, ByUrlTheReplyAcrossArticlesIsAnOrphan) {
  const auto owned = PlanOf("disqus.xml", Format::kDisqus, KeyRule::kUrl);
  const Plan& plan = *owned;
  EXPECT_EQ(plan.report().threads, 2);  // 1002 is left with no comment to import
  EXPECT_EQ(plan.report().merged_threads, 0);
  EXPECT_TRUE(plan.Thread("1002")->closed);  // on its own under this rule: closed
  // 5005's parent is in another palabre thread now: a placeholder, and 5004 has no reply left.
  EXPECT_EQ(plan.ParentOf("5005"), "missing:5004");
  EXPECT_EQ(plan.FateOf("5004"), Fate::kSkipDeletedLeaf);
  EXPECT_EQ(plan.report().orphans, 2);
  EXPECT_EQ(plan.report().tombstones, 0);
}

TEST(PlanTest, WordPressCountsWhatItLeftOut) {
  const auto owned = PlanOf("wxr.xml", Format::kWxr, KeyRule::kPath);
  const Plan& plan = *owned;
  const PlanReport& r = plan.report();
  EXPECT_EQ(r.omitted.at("pingback"), 1);
  EXPECT_EQ(r.omitted.at("trackback"), 1);
  EXPECT_EQ(r.published, 1);
  EXPECT_EQ(r.held, 1);
  EXPECT_EQ(r.spam, 1);
  EXPECT_EQ(r.deleted_skipped, 1);
  EXPECT_EQ(plan.Thread("42")->key, "/2024/06/saison-des-pluies");
  EXPECT_FALSE(plan.Thread("42")->closed);
  EXPECT_EQ(plan.Thread("43"), nullptr);  // closed, but only a trackback: no thread to make
}

TEST(PlanTest, AMergedThreadIsClosedOnlyWhenAllItsSourcesAreWhateverTheirOrder) {
  for (const bool closed_first : {false, true}) {
    for (const bool both_closed : {false, true}) {
      Plan plan(IdentityOptions{KeyRule::kPath, {}});
      SourceThread a;
      a.id = "a";
      a.url = "https://x.example/article";
      a.closed = closed_first || both_closed;
      a.created_at = 2'000;
      SourceThread b = a;
      b.id = "b";
      b.url = "https://x.example/article?utm=1";
      b.closed = !closed_first || both_closed;
      b.created_at = 1'000;
      plan.Add(a);
      plan.Add(b);
      plan.Finish();
      EXPECT_EQ(plan.Thread("a")->closed, both_closed);
      EXPECT_EQ(plan.Thread("b")->closed, both_closed);
      EXPECT_EQ(plan.Thread("a")->created_at, 1'000);  // the earliest of the two
    }
  }
}

TEST(PlanTest, NumbersNameEveryCommentItsParentAndItsThread) {
  Plan plan(IdentityOptions{});
  SourceThread t;
  t.id = "t";
  t.url = "/a";
  SourceComment reply;
  reply.id = "2";
  reply.thread = "t";
  reply.parent = "1";  // before its parent
  SourceComment parent;
  parent.id = "1";
  parent.thread = "t";
  plan.Add(t);
  plan.Add(reply);
  plan.Add(parent);
  plan.Finish();
  const Plan::Index r = plan.IndexOf("2");
  const Plan::Index p = plan.IndexOf("1");
  ASSERT_NE(r, Plan::kNone);
  ASSERT_NE(p, Plan::kNone);
  EXPECT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan.ParentAt(r), p);
  EXPECT_EQ(plan.ParentAt(p), Plan::kNone);
  EXPECT_EQ(plan.IdAt(p), "1");
  EXPECT_EQ(plan.ThreadAt(r)->key, "/a");
  EXPECT_FALSE(plan.IsPlaceholderAt(p));
  EXPECT_EQ(plan.IndexOf("3"), Plan::kNone);
}

TEST(PlanTest, DeletedChainsAndCyclesEnd) {
  Plan plan(IdentityOptions{});
  SourceThread t;
  t.id = "t";
  t.url = "/a";
  plan.Add(t);
  auto add = [&](std::string id, std::string parent, SourceState state) {
    SourceComment c;
    c.id = std::move(id);
    c.thread = "t";
    c.parent = std::move(parent);
    c.state = state;
    plan.Add(c);
  };
  add("1", "", SourceState::kDeleted);
  add("2", "1", SourceState::kDeleted);
  add("3", "2", SourceState::kApproved);  // keeps both deleted ancestors as tombstones
  add("4", "5", SourceState::kApproved);  // a cycle in a broken export: 4 -> 5 -> 4
  add("5", "4", SourceState::kApproved);
  add("6", "6", SourceState::kApproved);  // its own parent
  add("3", "", SourceState::kApproved);   // the same id twice
  plan.Finish();
  EXPECT_EQ(plan.FateOf("1"), Fate::kTombstone);
  EXPECT_EQ(plan.FateOf("2"), Fate::kTombstone);
  EXPECT_EQ(plan.report().duplicates, 1);
  EXPECT_EQ(plan.ParentOf("6"), "missing:6");
  EXPECT_EQ(plan.FateOf("4"), Fate::kImport);
}

TEST(PlanTest, KeepDeletedKeepsDeletedLeavesAsTombstones) {
  for (const bool keep : {false, true}) {
    Plan plan(IdentityOptions{}, keep);
    SourceThread t;
    t.id = "t";
    t.url = "/a";
    t.created_at = 1'700'000'000'000;
    plan.Add(t);
    SourceComment c;
    c.id = "1";
    c.thread = "t";
    c.state = SourceState::kDeleted;
    plan.Add(c);
    plan.Finish();
    EXPECT_EQ(plan.FateOf("1"), keep ? Fate::kTombstone : Fate::kSkipDeletedLeaf);
    EXPECT_EQ(plan.report().tombstones, keep ? 1 : 0);
    EXPECT_EQ(plan.report().deleted_skipped, keep ? 0 : 1);
    EXPECT_EQ(plan.Thread("t")->created_at, 1'700'000'000'000);
  }
}

}  // namespace
}  // namespace palabre::import
