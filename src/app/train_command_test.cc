#include "app/train_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "service/test_store.h"

namespace palabre::app {
namespace {

namespace fs = std::filesystem;
namespace clf = moderation::classifier;

class TrainCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "palabre-train-cmd-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    data_ = dir_ / "rows.tsv";
    std::ofstream out(data_);
    out << "label\ttext\tsource\n";
    const char* ok[] = {"Le ministre annonce la réforme", "La pluie tombe sur Bamako",
                        "Les élections auront lieu en mars", "Le marché de Sandaga est ouvert"};
    const char* spam[] = {
        "marabout puissant WhatsApp +223 76 12 34 56", "prêt rapide appelez le 77 123 45 67",
        "abonnement iptv pas cher inbox moi", "gagnez de l'argent visitez www.gain-rapide.com"};
    for (int rep = 0; rep < 8; ++rep) {
      for (const char* t : ok) out << "ok\t" << t << " " << rep << "\tgen\n";
      for (const char* t : spam) out << "spam\t" << t << " " << rep << "\tgen\n";
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  TrainCommandOptions Options(std::ostream& out, std::ostream& err) {
    TrainCommandOptions o;
    o.train.data_paths = {data_.string()};
    o.train.output_path = (dir_ / "model.ftz").string();
    o.train.dim = 8;
    o.train.bucket = 5000;
    o.train.epoch = 20;
    o.train.cutoff = 1000;
    o.dev_paths = {data_.string()};
    o.out = &out;
    o.err = &err;
    return o;
  }

  fs::path dir_;
  fs::path data_;
};

TEST_F(TrainCommandTest, TrainsThenPrintsFiguresAndDecisions) {
  std::ostringstream out, err;
  ASSERT_EQ(RunTrain(Options(out, err)), 0) << err.str();
  EXPECT_TRUE(fs::exists(dir_ / "model.ftz"));
  const std::string text = out.str();
  EXPECT_NE(text.find("rows per label: threat 0 hate 0 insult 0 toxic 0 spam 32 ok 32"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("precision"), std::string::npos);
  EXPECT_NE(text.find("confusion"), std::string::npos);
  EXPECT_NE(text.find("legitimate held or rejected: 0/32"), std::string::npos) << text;
  EXPECT_EQ(text.find("marabout"), std::string::npos) << "figures never quote comments";

  std::ostringstream eval_out, eval_err;
  EvalCommandOptions e;
  e.model_path = (dir_ / "model.ftz").string();
  e.data_paths = {data_.string()};
  e.out = &eval_out;
  e.err = &eval_err;
  ASSERT_EQ(RunEval(e), 0) << eval_err.str();
  EXPECT_NE(eval_out.str().find("spam"), std::string::npos);
  EXPECT_NE(eval_out.str().find("others held or rejected: 32/32"), std::string::npos)
      << eval_out.str();
}

TEST_F(TrainCommandTest, UsageAndFileErrors) {
  std::ostringstream out, err;
  TrainCommandOptions no_data = Options(out, err);
  no_data.train.data_paths.clear();
  EXPECT_EQ(RunTrain(no_data), 2);
  TrainCommandOptions no_out = Options(out, err);
  no_out.train.output_path.clear();
  EXPECT_EQ(RunTrain(no_out), 2);
  TrainCommandOptions missing = Options(out, err);
  missing.train.data_paths = {(dir_ / "missing.tsv").string()};
  EXPECT_EQ(RunTrain(missing), 1);
  EXPECT_NE(err.str().find("missing.tsv"), std::string::npos);

  EvalCommandOptions e;
  e.out = &out;
  e.err = &err;
  EXPECT_EQ(RunEval(e), 2);
  e.model_path = (dir_ / "none.ftz").string();
  e.data_paths = {data_.string()};
  EXPECT_EQ(RunEval(e), 1);
}

// --from-decisions: a site whose moderators approved ordinary comments and rejected insults
// the base data never showed; the new model is compared with the base one.
TEST_F(TrainCommandTest, FromDecisionsTrainsThenComparesWithTheBaseline) {
  std::ostringstream out, err;
  TrainCommandOptions base = Options(out, err);
  base.train.output_path = (dir_ / "base.ftz").string();
  ASSERT_EQ(RunTrain(base), 0) << err.str();

  service::TempStore temp("train_decisions");
  store::Store& store = *temp.get();
  Site site;
  site.id = "journal";
  site.salt = "sel";
  ASSERT_TRUE(store.CreateSite(site).ok());
  Thread t;
  t.site_id = "journal";
  t.key = "a";
  auto thread = store.EnsureThread(t);
  ASSERT_TRUE(thread.ok());
  TimestampMs at = 1'700'000'000'000;
  auto decide = [&](const std::string& text, const char* action, const char* reason) {
    Comment c;
    c.thread_id = thread->id;
    c.author = "Awa";
    c.text = text;
    c.html = text;
    c.status = CommentStatus::kHeld;
    c.created_at = at += 1000;
    auto stored = store.InsertComment(c);
    ASSERT_TRUE(stored.ok());
    AuditEntry e;
    e.site_id = "journal";
    e.action = action;
    e.comment_id = stored->id;
    e.reason = reason;
    e.detail = "{}";
    e.at = at += 1000;
    ASSERT_TRUE(store.AppendAudit(e).ok());
  };
  const char* insults[] = {"espèce d'imbécile", "gros crétin va", "bande de nuls", "idiot fini"};
  const char* fine[] = {"la route de Kayes est coupée", "merci pour le reportage",
                        "le marché ouvre demain", "bonne analyse du budget"};
  for (int rep = 0; rep < 10; ++rep) {
    for (const char* text : insults)
      decide(text + std::string(" ") + std::to_string(rep), "reject", "harassment");
    for (const char* text : fine)
      decide(text + std::string(" ") + std::to_string(rep), "approve", "");
  }

  std::ostringstream out2, err2;
  TrainCommandOptions o = Options(out2, err2);
  o.train.output_path = (dir_ / "site.ftz").string();
  o.decisions.enabled = true;
  o.decisions.site = "journal";
  o.decisions.store = &store;
  o.decisions.weight = 2;
  o.decisions.holdout_percent = 30;
  o.decisions.baseline_path = base.train.output_path;
  ASSERT_EQ(RunTrain(o), 0) << err2.str();
  const std::string text = out2.str();
  EXPECT_NE(text.find("decisions of site journal: 40 approved, 0 published without a decision, "
                      "40 rejected (threat 0, hate 0, insult 40, toxic 0, spam 0)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("held out for the comparison"), std::string::npos);
  EXPECT_NE(text.find("== current model " + base.train.output_path + " vs new model " +
                      o.train.output_path),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("-- held-out decisions of site journal"), std::string::npos) << text;
  EXPECT_NE(text.find("verdict: new model better on macro F1"), std::string::npos) << text;
  EXPECT_NE(text.find("recommendation: switch: palabre serve --model " + o.train.output_path),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("imbécile"), std::string::npos) << "figures never quote comments";

  // Usage and store errors.
  TrainCommandOptions no_site = o;
  no_site.decisions.site.clear();
  EXPECT_EQ(RunTrain(no_site), 2);
  TrainCommandOptions unknown = o;
  unknown.decisions.site = "inconnu";
  EXPECT_EQ(RunTrain(unknown), 1);
  EXPECT_NE(err2.str().find("unknown_site"), std::string::npos) << err2.str();
}

TEST(ComparisonTest, VerdictsAndRecommendation) {
  Comparison c;
  c.set = "dev";
  c.rows = 100;
  c.current = {0.60, 0.80, 50, 10, 50, 40};
  c.next = {0.62, 0.82, 50, 5, 50, 40};
  EXPECT_EQ(c.MacroF1(), Comparison::Verdict::kBetter);
  EXPECT_EQ(c.FalseHolds(), Comparison::Verdict::kBetter);
  EXPECT_NE(c.ToText().find("verdict: new model better on macro F1 (0.620 vs 0.600), better on "
                            "false holds of legitimate comments (5/50 10.0% vs 10/50 20.0%)"),
            std::string::npos)
      << c.ToText();
  EXPECT_EQ(Recommend({c}, "new.ftz"), "recommendation: switch: palabre serve --model new.ftz");

  Comparison same = c;
  same.set = "site";
  same.next = same.current;
  same.next.macro_f1 += 0.004;  // within the tie margin
  EXPECT_EQ(same.MacroF1(), Comparison::Verdict::kSame);
  EXPECT_EQ(Recommend({same}, "new.ftz"),
            "recommendation: keep the current model (the new one is no better)");

  Comparison worse = c;
  worse.set = "site";
  worse.next.legitimate_held = 12;
  EXPECT_EQ(worse.FalseHolds(), Comparison::Verdict::kWorse);
  EXPECT_EQ(Recommend({c, worse}, "new.ftz"),
            "recommendation: keep the current model (the new one is worse: false holds on site)");
}

}  // namespace
}  // namespace palabre::app
