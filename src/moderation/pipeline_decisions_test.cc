// The default pipeline's decisions on real comments, end to end, and what it records for the
// history (flood, duplicates, the judged fingerprint, replays, edits). How verdicts combine,
// budgets and per-site settings: pipeline_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "moderation/pipeline.h"
#include "moderation/pipeline_testing.h"

namespace palabre::moderation {
namespace {

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

}  // namespace
}  // namespace palabre::moderation
