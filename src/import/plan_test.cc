#include "import/plan.h"

#include "import/import_testing.h"

namespace palabre::import {
namespace {

Plan PlanOf(const std::string& fixture, Format format, KeyRule rule) {
  Plan plan(IdentityOptions{rule, {}});
  auto reader = OpenReader(format, FixturePath(fixture));
  EXPECT_TRUE(reader.ok());
  const ReadAll all = ReadEverything(**reader);
  for (const auto& t : all.threads) plan.Add(t);
  for (const auto& c : all.comments) plan.Add(c);
  for (const auto& o : all.omitted) plan.Omitted(o);
  for (const auto& s : all.skipped) plan.Malformed(s);
  plan.Finish();
  return plan;
}

TEST(PlanTest, DisqusByIdentifierMergesTheDuplicateArticle) {
  const Plan plan = PlanOf("disqus.xml", Format::kDisqus, KeyRule::kId);
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
  const Plan plan = PlanOf("disqus.xml", Format::kDisqus, KeyRule::kUrl);
  EXPECT_EQ(plan.report().threads, 2);  // 1002 is left with no comment to import
  EXPECT_EQ(plan.report().merged_threads, 0);
  // 5005's parent is in another palabre thread now: a placeholder, and 5004 has no reply left.
  EXPECT_EQ(plan.ParentOf("5005"), "missing:5004");
  EXPECT_EQ(plan.FateOf("5004"), Fate::kSkipDeletedLeaf);
  EXPECT_EQ(plan.report().orphans, 2);
  EXPECT_EQ(plan.report().tombstones, 0);
}

TEST(PlanTest, WordPressCountsWhatItLeftOut) {
  const Plan plan = PlanOf("wxr.xml", Format::kWxr, KeyRule::kPath);
  const PlanReport& r = plan.report();
  EXPECT_EQ(r.omitted.at("pingback"), 1);
  EXPECT_EQ(r.omitted.at("trackback"), 1);
  EXPECT_EQ(r.published, 1);
  EXPECT_EQ(r.held, 1);
  EXPECT_EQ(r.spam, 1);
  EXPECT_EQ(r.deleted_skipped, 1);
  EXPECT_EQ(plan.Thread("42")->key, "/2024/06/saison-des-pluies");
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
