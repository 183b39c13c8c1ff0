#include "moderation/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "moderation/pipeline_testing.h"

namespace palabre::moderation {
namespace {

TEST_F(PipelineTest, MostSevereActionWinsAndEveryReasonIsKept) {
  std::vector<CheckSlot> checks;
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("a", With(Action::kFlag, "x"))));
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("b", With(Action::kHold, "y"))));
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("c", With(Action::kPass, ""))));
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("d", With(Action::kFlag, "z"))));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kHold);
  EXPECT_EQ(Codes(d), (Strings{"a:x", "b:y", "d:z"}));  // the check's Name() fills Reason::check
  EXPECT_FALSE(d.published());
}

// pass < flag < review < hold < reject: a review publishes unless another check holds or
// rejects, and whichever wins, every reason stays.
TEST_F(PipelineTest, ReviewSitsBetweenFlagAndHold) {
  auto run = [this](std::vector<Action> actions) {
    static const char* const kNames[][2] = {{"c0", "x1"}, {"c1", "x2"}, {"c2", "x3"}, {"c3", "x4"}};
    std::vector<CheckSlot> checks;
    for (std::size_t i = 0; i < actions.size(); ++i) {
      checks.push_back(Slot(Stage::kContent, std::make_unique<FakeCheck>(
                                                 kNames[i][0], With(actions[i], kNames[i][1]))));
    }
    Pipeline p(std::move(checks), ModerationConfig{}, clock_);
    return Evaluate(p, "texte");
  };
  const Decision flagged = run({Action::kFlag, Action::kReview, Action::kPass, Action::kFlag});
  EXPECT_EQ(flagged.action, Action::kReview);
  EXPECT_TRUE(flagged.published());
  EXPECT_TRUE(flagged.review());
  EXPECT_EQ(Codes(flagged), (Strings{"c0:x1", "c1:x2", "c3:x4"}));
  EXPECT_DOUBLE_EQ(flagged.review_risk(), 0.5);
  EXPECT_EQ(run({Action::kReview, Action::kReview}).action, Action::kReview);
  const Decision held = run({Action::kReview, Action::kHold});
  EXPECT_EQ(held.action, Action::kHold);
  EXPECT_FALSE(held.published());
  EXPECT_EQ(held.reasons.size(), 2u);  // the review reason stays for the moderator
  EXPECT_EQ(run({Action::kHold, Action::kReview}).action, Action::kHold);
  EXPECT_EQ(run({Action::kReview, Action::kReject}).action, Action::kReject);
  EXPECT_EQ(run({Action::kReview, Action::kFlag}).action, Action::kReview);
  EXPECT_EQ(run({Action::kFlag}).action, Action::kFlag);
}

// A review from a gate does not end the run (only a reject does); a flood set to review
// publishes without Retry-After.
TEST_F(PipelineTest, AReviewGateNeitherEndsTheRunNorRateLimits) {
  std::atomic<int> later_runs{0};
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(
      Stage::kGate, std::make_unique<FakeCheck>("flood", With(Action::kReview, "flood", {}, 30))));
  checks.push_back(Slot(Stage::kContent,
                        std::make_unique<FakeCheck>("c", With(Action::kFlag, "y"),
                                                    std::chrono::milliseconds(0), &later_runs)));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kReview);
  EXPECT_EQ(later_runs.load(), 1);
  EXPECT_EQ(d.retry_after_s, 0);
  EXPECT_FALSE(d.rate_limited());
  bool counted = false;
  for (const CheckStats& s : p.Stats()) {
    if (s.name == "flood") counted = s.reviews == 1 && s.holds == 0 && s.flags == 0;
  }
  EXPECT_TRUE(counted);
}

TEST_F(PipelineTest, AContentRejectDoesNotHideLaterEvidence) {
  std::vector<CheckSlot> checks;
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("a", With(Action::kReject, "x"))));
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("b", With(Action::kHold, "y"))));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kReject);
  EXPECT_EQ(Codes(d), (Strings{"a:x", "b:y"}));
}

TEST_F(PipelineTest, AGateRejectEndsTheRun) {
  std::atomic<int> later_runs{0};
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(Stage::kGate, std::make_unique<FakeCheck>("g1", With(Action::kFlag, "f"))));
  checks.push_back(
      Slot(Stage::kGate, std::make_unique<FakeCheck>("g2", With(Action::kReject, "r", {}, 30))));
  checks.push_back(Slot(Stage::kGate, std::make_unique<FakeCheck>("g3", With(Action::kHold, "h"))));
  checks.push_back(Slot(Stage::kContent,
                        std::make_unique<FakeCheck>("c", With(Action::kHold, "y"),
                                                    std::chrono::milliseconds(0), &later_runs)));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kReject);
  EXPECT_EQ(Codes(d), (Strings{"g1:f", "g2:r", "g3:h"}));  // the other gates still run
  EXPECT_EQ(later_runs.load(), 0);
  EXPECT_EQ(d.retry_after_s, 30);
  EXPECT_TRUE(d.rate_limited());
}

TEST_F(PipelineTest, ScoresMergeByMaximumAndRetryAfterOnlyOnReject) {
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(Stage::kContent, std::make_unique<FakeCheck>(
                                             "a", With(Action::kHold, "x",
                                                       {{"toxicity", 0.2}, {"insult", 0.7}}, 30))));
  checks.push_back(Slot(Stage::kContent, std::make_unique<FakeCheck>(
                                             "b", With(Action::kPass, "", {{"toxicity", 0.6}}))));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.scores, (std::map<std::string, double>{{"insult", 0.7}, {"toxicity", 0.6}}));
  EXPECT_EQ(d.action, Action::kHold);
  EXPECT_EQ(d.retry_after_s, 0);
}

TEST_F(PipelineTest, ASlowCheckIsFlaggedUnavailableNeverASilentPass) {
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(
      Stage::kContent,
      std::make_unique<FakeCheck>("slow", With(Action::kPass, ""), std::chrono::milliseconds(20)),
      /*budget_us=*/1000));
  checks.push_back(
      Slot(Stage::kContent, std::make_unique<FakeCheck>("fast", With(Action::kPass, ""))));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kFlag);
  EXPECT_TRUE(d.published());  // flagged comments publish, moderators see them
  ASSERT_EQ(Codes(d), Strings{"slow:check_unavailable"});
  EXPECT_NE(d.reasons[0].detail.find("délai"), std::string::npos);
  const auto stats = p.Stats();
  auto slow =
      std::find_if(stats.begin(), stats.end(), [](const auto& s) { return s.name == "slow"; });
  ASSERT_NE(slow, stats.end());
  EXPECT_EQ(slow->runs, 1u);
  EXPECT_EQ(slow->over_budget, 1u);
  EXPECT_GE(slow->max_ns, 20'000'000u);
}

TEST_F(PipelineTest, ALateRejectIsKept) {
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(Stage::kContent,
                        std::make_unique<FakeCheck>("slow", With(Action::kReject, "banned_word"),
                                                    std::chrono::milliseconds(5)),
                        1000));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kReject);
  EXPECT_EQ(Codes(d), (Strings{"slow:banned_word", "slow:check_unavailable"}));
}

TEST_F(PipelineTest, AFailedCheckIsFlaggedUnavailable) {
  Verdict failed;
  failed.failed = true;
  std::vector<CheckSlot> checks;
  checks.push_back(Slot(Stage::kContent, std::make_unique<FakeCheck>("model", failed)));
  Pipeline p(std::move(checks), ModerationConfig{}, clock_);
  const Decision d = Evaluate(p, "texte");
  EXPECT_EQ(d.action, Action::kFlag);
  EXPECT_EQ(Codes(d), Strings{"model:check_unavailable"});
  EXPECT_EQ(p.Stats()[0].failures, 1u);
}

TEST_F(PipelineTest, DefaultListOrderAndSwitches) {
  auto names = [](const ModerationConfig& c) {
    auto list = MakeDefaultChecks(c);
    EXPECT_TRUE(list.ok());
    Strings out;
    for (const auto& slot : *list) out.emplace_back(slot.check->Name());
    return out;
  };
  EXPECT_EQ(names(ModerationConfig{}),
            (Strings{"empty", "length", "flood", "duplicate", "links_contacts", "shouting",
                     "lexicon", "violence", "dehumanization", "toxicity", "off_topic"}));
  ModerationConfig c;
  c.shouting.enabled = false;
  c.flood.enabled = false;
  c.toxicity.enabled = false;
  c.violence.enabled = false;
  c.dehumanization.enabled = false;
  EXPECT_EQ(names(c),
            (Strings{"empty", "length", "duplicate", "links_contacts", "lexicon", "off_topic"}));
  ModerationConfig bad;
  bad.lexicon.banned = {"?!"};
  EXPECT_FALSE(MakeDefaultChecks(bad).ok());
  ModerationConfigs configs;
  configs.sites["bad"] = bad;
  EXPECT_FALSE(Pipeline::Create(configs, clock_).ok());
}

// Each check's Name() has its section in docs/moderation/checks.md, and nothing else has.
TEST_F(PipelineTest, DocumentationHasOneHeadingPerCheck) {
  const char* env = std::getenv("PALABRE_SOURCE_DIR");
  std::string root = env != nullptr ? env : "";
  if (root.empty()) {
    root = __FILE__;
    root = root.substr(0, root.rfind("/src/moderation/"));
  }
  std::ifstream in(root + "/docs/moderation/checks.md");
  ASSERT_TRUE(in) << root + "/docs/moderation/checks.md";
  std::set<std::string> headings;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) headings.insert(line.substr(3));
  }
  std::set<std::string> names = {"toxicity", "off_topic"};  // the classifier checks
  auto list = MakeDefaultChecks(ModerationConfig{});
  ASSERT_TRUE(list.ok());
  for (const auto& slot : *list) names.insert(std::string(slot.check->Name()));
  EXPECT_EQ(headings, names);
}

TEST_F(PipelineTest, SitesHaveTheirOwnSettings) {
  // The link policy alone: the classifier (which may call a bare link spam) is off here.
  auto configs = ParseModerationConfig({
      {"moderation.toxicity.enabled", "false"},
      {"moderation.sites.strict.toxicity.enabled", "false"},
      {"moderation.sites.open.toxicity.enabled", "false"},
      {"moderation.sites.strict.links_contacts.link_action", "reject"},
      {"moderation.sites.open.links_contacts.link_action", "pass"},
  });
  ASSERT_TRUE(configs.ok());
  auto p = Default(*configs);
  const std::string text = "Source : https://exemple.com/article";
  site_.id = "strict";
  EXPECT_EQ(Evaluate(*p, text).action, Action::kReject);
  site_.id = "open";
  EXPECT_EQ(Evaluate(*p, text).action, Action::kPass);
  site_.id = "other";
  EXPECT_EQ(Evaluate(*p, text).action, Action::kHold);
}

TEST_F(PipelineTest, ConcurrentEvaluateAndRecord) {
  auto p = Default();
  std::vector<std::thread> threads;
  std::atomic<int> published{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Thread thread;
      thread.id = t;
      for (int i = 0; i < 200; ++i) {
        Comment c;
        c.thread_id = t;
        c.author = "Lecteur " + std::to_string(t * 1000 + i);
        c.text = "Commentaire " + std::to_string(t * 1000 + i) + " sur la sécurité au Sahel.";
        c.created_at = 1'700'000'000'000 + i;
        const Decision d = p->Evaluate(site_, thread, c);
        if (d.published()) ++published;
        c.id = t * 1000 + i + 1;
        p->Record(site_, c, nullptr);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(published.load(), 800);
}

// --- Per-site settings from the moderator console ------------------------------------------------

TEST_F(PipelineTest, ReconfigureChangesOneSiteAtOnce) {
  auto configs = ParseModerationConfig({{"moderation.toxicity.enabled", "false"}});
  ASSERT_TRUE(configs.ok());
  auto p = Default(*configs);
  const std::string text = "Ce ministre est un vrai gaspilleur";
  site_.id = "a";
  EXPECT_EQ(Evaluate(*p, text).action, Action::kPass);
  ModerationConfig strict = configs->defaults;
  strict.pipeline.budget_us = 10'000'000;
  strict.lexicon.banned = {"gaspilleur"};
  ASSERT_TRUE(p->Reconfigure("a", strict).ok());
  const Decision d = Evaluate(*p, text);
  EXPECT_EQ(d.action, Action::kReject);
  EXPECT_EQ(Codes(d), (Strings{"lexicon:banned_word"}));
  site_.id = "b";  // other sites keep the defaults
  EXPECT_EQ(Evaluate(*p, text).action, Action::kPass);
}

TEST_F(PipelineTest, ReconfigureRefusesABadConfigAndKeepsTheOldList) {
  auto configs = ParseModerationConfig({{"moderation.toxicity.enabled", "false"}});
  ASSERT_TRUE(configs.ok());
  auto p = Default(*configs);
  ModerationConfig bad = configs->defaults;
  bad.shouting.caps_ratio = 3;
  EXPECT_EQ(p->Reconfigure("a", bad).error(), Error::kInvalidArgument);
  site_.id = "a";
  EXPECT_EQ(Evaluate(*p, "Bonjour à tous").action, Action::kPass);
}

TEST_F(PipelineTest, ReconfigureWhileEvaluating) {
  auto configs = ParseModerationConfig({{"moderation.toxicity.enabled", "false"}});
  ASSERT_TRUE(configs.ok());
  auto p = Default(*configs);
  std::atomic<bool> stop{false};
  std::atomic<int> runs{0};
  std::thread reader([&] {
    Site site;
    site.id = "a";
    Thread thread;
    thread.id = 1;
    Comment c;
    c.thread_id = 1;
    c.author = "Awa";
    c.text = "Un gaspilleur de plus au gouvernement";
    while (!stop) {
      const Decision d = p->Analyze(site, thread, c);
      EXPECT_TRUE(d.action == Action::kPass || d.action == Action::kReject);
      ++runs;
    }
  });
  for (int i = 0; i < 20; ++i) {
    ModerationConfig c = configs->defaults;
    c.pipeline.budget_us = 10'000'000;
    if (i % 2 == 0) c.lexicon.banned = {"gaspilleur"};
    ASSERT_TRUE(p->Reconfigure("a", c).ok());
  }
  while (runs < 50) std::this_thread::yield();
  stop = true;
  reader.join();
}

}  // namespace
}  // namespace palabre::moderation
