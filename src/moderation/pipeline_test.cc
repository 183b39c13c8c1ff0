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

namespace palabre::moderation {
namespace {

using Strings = std::vector<std::string>;

// A check that returns a fixed verdict, optionally after a delay, and counts its runs.
class FakeCheck final : public Check {
 public:
  FakeCheck(std::string name, Verdict verdict, std::chrono::milliseconds delay = {},
            std::atomic<int>* runs = nullptr)
      : name_(std::move(name)), verdict_(std::move(verdict)), delay_(delay), runs_(runs) {}
  std::string_view Name() const override { return name_; }
  Verdict Run(const Comment&, const Context&) const noexcept override {
    if (runs_ != nullptr) ++*runs_;
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    return verdict_;
  }

 private:
  std::string name_;
  Verdict verdict_;
  std::chrono::milliseconds delay_;
  std::atomic<int>* runs_;
};

Verdict With(Action action, const std::string& code, std::map<std::string, double> scores = {},
             int retry_after_s = 0) {
  Verdict v;
  if (action != Action::kPass) v.Add(Reason{"", code, "détail", 0.5, action, {}});
  v.scores = std::move(scores);
  v.retry_after_s = retry_after_s;
  return v;
}

CheckSlot Slot(Stage stage, std::unique_ptr<Check> check, int budget_us = 0) {
  return CheckSlot{stage, budget_us, std::move(check)};
}

Strings Codes(const Decision& d) {
  Strings codes;
  for (const auto& r : d.reasons) codes.push_back(r.check + ":" + r.code);
  return codes;
}

class PipelineTest : public ::testing::Test {
 protected:
  Decision Evaluate(Pipeline& p, const std::string& text, const std::string& author = "Awa",
                    const std::string& client = "c1", ThreadId thread_id = 1) {
    Thread thread;
    thread.id = thread_id;
    thread.site_id = site_.id;
    Comment c;
    c.thread_id = thread_id;
    c.author = author;
    c.client_hash = client;
    c.text = text;
    return p.Evaluate(site_, thread, c);
  }

  // Evaluates, then records as the service does when the comment is stored.
  Decision Post(Pipeline& p, const std::string& text, const std::string& author = "Awa",
                const std::string& client = "c1", ThreadId thread_id = 1) {
    Decision d = Evaluate(p, text, author, client, thread_id);
    if (d.action != Action::kReject) {
      Comment stored;
      stored.id = ++last_id_;
      stored.thread_id = thread_id;
      stored.author = author;
      stored.client_hash = client;
      stored.text = text;
      stored.created_at = clock_.NowMs();
      stored.status = d.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
      p.Record(site_, stored, &d);  // as the comment writer: the judged fingerprint reused
    }
    clock_.AdvanceMs(60'000);  // a minute between posts: no flood unless a test wants one
    return d;
  }

  // The default lists, with a budget no loaded CI machine can overrun: these tests pin
  // decisions; budgets are pinned above with deliberately slow checks.
  std::unique_ptr<Pipeline> Default(ModerationConfigs configs = {}) {
    configs.defaults.pipeline.budget_us = 10'000'000;
    for (auto& [site, config] : configs.sites) config.pipeline.budget_us = 10'000'000;
    auto p = Pipeline::Create(configs, clock_);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return std::move(p).value();
  }

  void SetUp() override { site_.id = "site"; }

  FakeClock clock_;
  Site site_;
  CommentId last_id_ = 0;
};

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

TEST_F(PipelineTest, EndToEndDecisions) {
  auto p = Default();
  EXPECT_EQ(Post(*p, "La junte a échoué, il faut des élections").action, Action::kPass);
  EXPECT_EQ(Post(*p, "L'attaque de Djibo a fait 40 morts, paix à leurs âmes").action,
            Action::kPass);
  EXPECT_EQ(Post(*p, "Triste.").action, Action::kPass);
  EXPECT_EQ(Post(*p, "...").action, Action::kReject);
  const Decision spam =
      Post(*p, "Grand marabout, retour de l'être aimé, appelez le +229 97 12 34 56 sur WhatsApp",
           "Marabout", "c-spam");
  EXPECT_EQ(spam.action, Action::kHold);
  EXPECT_EQ(Codes(spam),
            (Strings{"links_contacts:phone", "links_contacts:contact", "toxicity:spam"}));
  const Decision insult = Post(*p, "Espèce de c0nn4rd !!!!", "Troll", "c-troll");
  EXPECT_EQ(insult.action, Action::kReject);
  EXPECT_EQ(Codes(insult),
            (Strings{"shouting:shouting", "lexicon:banned_word", "toxicity:insult"}));
  EXPECT_DOUBLE_EQ(insult.scores.at("profanity"), 1.0);
  const std::string json = insult.ToJson();
  EXPECT_NE(json.find("\"code\":\"banned_word\""), std::string::npos);
}

TEST_F(PipelineTest, CallsToViolenceApologiaAndThreatsAreStoppedWithTheirWords) {
  auto p = Default();
  const std::string call = "Il faut bombarder Paris et brûler leurs ambassades.";
  const Decision incitement = Post(*p, call);
  EXPECT_EQ(incitement.action, Action::kReject);
  ASSERT_FALSE(incitement.reasons.empty());
  EXPECT_EQ(incitement.reasons[0].check + ":" + incitement.reasons[0].code, "violence:incitement");
  ASSERT_FALSE(incitement.reasons[0].spans.empty());
  const Span s = incitement.reasons[0].spans[0];
  EXPECT_EQ(call.substr(s.begin, s.end - s.begin), "Il faut bombarder");
  EXPECT_EQ(Post(*p, "Gloire aux moudjahidines du JNIM !", "Moussa", "c2").action, Action::kReject);
  const Decision threat = Post(*p, "Ta voiture grise, on la connaît.", "Ali", "c3");
  EXPECT_GE(threat.action, Action::kHold);
  const Strings codes = Codes(threat);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "violence:threat"), codes.end());
  for (const char* lawful : {"L'armée doit frapper les bases terroristes sans pitié.",
                             "Des hommes armés ont ouvert le feu sur le marché de Diapaga.",
                             "Honneur à nos FDS, que Dieu leur donne la victoire."}) {
    const Strings lawful_codes = Codes(Post(*p, lawful, "Awa", "c4"));
    for (const auto& code : lawful_codes)
      EXPECT_EQ(code.rfind("violence:", 0), std::string::npos) << lawful;
  }
}

// Checks' actions come from the configuration: a site may send what a check finds to review.
TEST_F(PipelineTest, ConfiguredReviewActionsPublishAndQueue) {
  ModerationConfigs configs;
  configs.defaults.toxicity.enabled = false;
  configs.defaults.shouting.action = Action::kReview;
  configs.defaults.links_contacts.link_action = Action::kReview;
  auto p = Default(configs);
  const Decision shouting = Post(*p, "LE GOUVERNEMENT DOIT AGIR MAINTENANT POUR LES ROUTES");
  EXPECT_EQ(shouting.action, Action::kReview);
  EXPECT_TRUE(shouting.published());
  EXPECT_DOUBLE_EQ(shouting.review_risk(), 1.0);  // every letter a capital
  const Decision link =
      Post(*p, "La source est ici : https://exemple.ml/rapport-complet", "Ali", "c-ali");
  EXPECT_EQ(link.action, Action::kReview);
  EXPECT_EQ(Codes(link), (Strings{"links_contacts:link"}));
  EXPECT_NE(link.ToJson().find("\"action\":\"review\""), std::string::npos);
  // A phone number keeps its hold: the strongest action wins.
  const Decision phone =
      Post(*p, "Voir https://exemple.ml et appelez le +223 76 12 34 56", "Bah", "c-bah");
  EXPECT_EQ(phone.action, Action::kHold);
}

TEST_F(PipelineTest, RecordFeedsDuplicateAndFlood) {
  auto p = Default();
  const std::string text =
      "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer pourquoi "
      "les renforts sont arrivés si tard.";
  EXPECT_EQ(Post(*p, text, "Awa", "c1", 1).action, Action::kPass);
  const Decision again = Post(*p, text, "Awa", "c1", 1);
  EXPECT_EQ(again.action, Action::kReject);
  EXPECT_EQ(Codes(again), Strings{"duplicate:duplicate"});
  const Decision copy = Post(*p, text, "Moussa", "c2", 2);
  EXPECT_EQ(copy.action, Action::kHold);
  EXPECT_EQ(Codes(copy), Strings{"duplicate:copy_paste"});
  EXPECT_NE(copy.reasons[0].detail.find("commentaire 1"), std::string::npos);

  // Flood: three quick comments, the fourth is refused with a Retry-After.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Evaluate(*p, "Message " + std::to_string(i), "Ibou", "c3").action, Action::kPass);
    Comment c;
    c.id = ++last_id_;
    c.thread_id = 1;
    c.author = "Ibou";
    c.client_hash = "c3";
    c.text = "Message " + std::to_string(i);
    c.created_at = clock_.NowMs();
    p->Record(site_, c, nullptr);
    clock_.AdvanceMs(5000);
  }
  const Decision flood = Evaluate(*p, "Encore moi", "Ibou", "c3");
  EXPECT_EQ(flood.action, Action::kReject);
  EXPECT_EQ(Codes(flood), Strings{"flood:flood"});  // the gate ends the run
  EXPECT_EQ(flood.retry_after_s, 15);
}

// The comment writer hands Record the decision Evaluate returned: the text is not normalised
// and hashed a second time, the judged fingerprint goes into the history as it is.
TEST_F(PipelineTest, RecordReusesTheJudgedFingerprint) {
  auto p = Default();
  const std::string judged_text =
      "Les familles de Djibo attendent toujours l'aide promise par le ministère depuis des mois.";
  const std::string stored_text =
      "Au grand marché de Bobo-Dioulasso, le prix du sac de riz a encore augmenté cette semaine, "
      "et les familles ne savent plus comment tenir jusqu'à la fin du mois.";
  const Decision judged = Evaluate(*p, judged_text, "Awa", "c1");
  ASSERT_NE(judged.fingerprint, nullptr);
  Comment c;
  c.id = ++last_id_;
  c.thread_id = 1;
  c.author = "Awa";
  c.client_hash = "c1";
  c.text = stored_text;  // not what was judged: shows which fingerprint was kept
  c.created_at = clock_.NowMs();
  c.status = CommentStatus::kPublished;
  p->Record(site_, c, &judged);
  clock_.AdvanceMs(60'000);
  EXPECT_EQ(Codes(Evaluate(*p, judged_text, "Moussa", "c2", 2)), Strings{"duplicate:copy_paste"});
  EXPECT_EQ(Evaluate(*p, stored_text, "Moussa", "c2", 2).action, Action::kPass);
  // Without a decision the stored text is fingerprinted.
  c.id = ++last_id_;
  p->Record(site_, c, nullptr);
  EXPECT_EQ(Codes(Evaluate(*p, stored_text, "Ibou", "c3", 3)), Strings{"duplicate:copy_paste"});
}

TEST_F(PipelineTest, AnalyzeAndEvaluateRecordNothing) {
  auto p = Default();
  const std::string text =
      "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer pourquoi "
      "les renforts sont arrivés si tard.";
  Thread thread;
  thread.id = 1;
  Comment c;
  c.thread_id = 1;
  c.author = "Awa";
  c.text = text;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(p->Analyze(site_, thread, c).action, Action::kPass);
    EXPECT_EQ(p->Evaluate(site_, thread, c).action, Action::kPass);
  }
  EXPECT_EQ(p->history().GetStats().indexed, 0u);
}

TEST_F(PipelineTest, RejectedCommentsAreNotRecorded) {
  auto p = Default();
  Comment c;
  c.id = 1;
  c.thread_id = 1;
  c.author = "Awa";
  c.text =
      "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer "
      "pourquoi les renforts sont arrivés si tard.";
  c.created_at = clock_.NowMs();
  c.status = CommentStatus::kRejected;
  p->Record(site_, c, nullptr);
  c.status = CommentStatus::kHeld;
  c.id = 2;
  p->Record(site_, c, nullptr);
  EXPECT_EQ(p->history().GetStats().indexed, 1u);
}

TEST_F(PipelineTest, ReplayedCommentsAreJudgedAtTheirOwnTime) {
  auto p = Default();
  Thread thread;
  thread.id = 1;
  const TimestampMs t0 = 1'600'000'000'000;  // long before the clock
  for (int i = 0; i < 4; ++i) {
    Comment c;
    c.thread_id = 1;
    c.author = "Awa";
    c.text = "Réaction " + std::to_string(i);
    c.created_at = t0 + i * 1000;
    const Decision d = p->Evaluate(site_, thread, c);
    EXPECT_EQ(d.action, i < 3 ? Action::kPass : Action::kReject) << i;
    if (d.action == Action::kReject) continue;
    c.id = i + 1;
    p->Record(site_, c, nullptr);
  }
}

TEST_F(PipelineTest, AnEditIsNotFloodNorADuplicateOfItself) {
  auto p = Default();
  Thread thread;
  thread.id = 1;
  const std::string text =
      "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer pourquoi "
      "les renforts sont arrivés si tard.";
  // Three comments in a few seconds: enough for a fourth new one to be flood.
  for (int i = 0; i < 3; ++i) {
    Comment c;
    c.id = i + 1;
    c.thread_id = 1;
    c.author = "Awa";
    c.client_hash = "c1";
    c.text = i == 0 ? text : "Autre réaction " + std::to_string(i);
    c.created_at = clock_.NowMs();
    p->Record(site_, c, nullptr);
    clock_.AdvanceMs(1000);
  }
  Comment edit;  // comment 1, edited right away: same author, nearly the same text
  edit.id = 1;
  edit.thread_id = 1;
  edit.author = "Awa";
  edit.client_hash = "c1";
  edit.text = text + " Merci.";
  edit.created_at = clock_.NowMs() - 3000;
  EXPECT_EQ(p->Evaluate(site_, thread, edit).action, Action::kPass);
  Comment fresh = edit;  // the same, as a new comment
  fresh.id = 0;
  fresh.created_at = 0;
  EXPECT_EQ(p->Evaluate(site_, thread, fresh).action, Action::kReject);
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
