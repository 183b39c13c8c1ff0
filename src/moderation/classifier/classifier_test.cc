// Training, loading and prediction on a tiny model trained from generated rows.
#include "moderation/classifier/classifier.h"

#include <fasttext/fasttext.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "moderation/classifier/evaluation.h"
#include "moderation/classifier/trainer.h"

namespace palabre::moderation::classifier {
namespace {

namespace fs = std::filesystem;

std::vector<LabelledRow> GeneratedRows() {
  const std::vector<std::string> subjects = {
      "Le gouvernement", "L'armée", "La CEDEAO", "Le ministre", "Les habitants de Gao", "La junte"};
  const std::vector<std::string> predicates = {"doit publier le bilan", "a annoncé une réforme",
                                               "parle de la saison des pluies",
                                               "prépare les élections", "répare la route de Kayes"};
  const std::vector<std::string> threats = {"je vais te tuer", "on va brûler ta maison",
                                            "tu vas mourir", "on va t'égorger",
                                            "je vais te trouver et te frapper"};
  const std::vector<std::string> targets = {"sale traître", "journaliste",  "toi le commentateur",
                                            "ce soir",      "demain matin", "avec mes amis"};
  const std::vector<std::string> offers = {"marabout puissant", "prêt rapide", "abonnement iptv",
                                           "gagnez de l'argent", "recrutement urgent"};
  const std::vector<std::string> contacts = {
      "WhatsApp +223 76 12 34 56",   "appelez le 77 123 45 67", "contact pret@gmail.com",
      "visitez www.gain-rapide.com", "inbox moi vite",          "telegram @promo"};
  std::vector<LabelledRow> rows;
  for (const auto& s : subjects) {
    for (const auto& p : predicates) rows.push_back({Label::kOk, s + " " + p + ".", "gen", ""});
  }
  for (const auto& t : threats) {
    for (const auto& g : targets) rows.push_back({Label::kThreat, t + " " + g + " !", "gen", ""});
  }
  for (const auto& o : offers) {
    for (const auto& c : contacts) rows.push_back({Label::kSpam, o + ", " + c, "gen", ""});
  }
  return rows;
}

TrainOptions TinyOptions(const fs::path& out) {
  TrainOptions o;
  o.rows = GeneratedRows();
  o.output_path = out.string();
  o.dim = 16;
  o.epoch = 40;
  o.bucket = 5000;
  o.minn = 2;
  o.maxn = 4;
  o.cutoff = 600;
  o.retrain_epoch = 5;
  return o;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class ClassifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "palabre-clf-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = new fs::path(pattern);
    Result<TrainSummary> summary = Train(TinyOptions(*dir_ / "tiny.ftz"));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    summary_ = new TrainSummary(*summary);
    auto model = Classifier::Load((*dir_ / "tiny.ftz").string());
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = model->release();
  }
  static void TearDownTestSuite() {
    delete model_;
    delete summary_;
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }

  static fs::path* dir_;
  static TrainSummary* summary_;
  static Classifier* model_;
};

fs::path* ClassifierTest::dir_ = nullptr;
TrainSummary* ClassifierTest::summary_ = nullptr;
Classifier* ClassifierTest::model_ = nullptr;

TEST_F(ClassifierTest, TrainsAQuantisedModelWithTheLabelsOfItsData) {
  EXPECT_EQ(summary_->rows, 90u);
  EXPECT_EQ(summary_->rows_per_label[Index(Label::kOk)], 30u);
  EXPECT_EQ(summary_->rows_per_label[Index(Label::kHate)], 0u);
  EXPECT_GT(summary_->model_bytes, 0u);
  EXPECT_TRUE(model_->quantized());
  EXPECT_TRUE(model_->HasLabel(Label::kThreat));
  EXPECT_TRUE(model_->HasLabel(Label::kSpam));
  EXPECT_FALSE(model_->HasLabel(Label::kHate));
}

TEST_F(ClassifierTest, PredictionsSeparateTheClassesOnUnseenText) {
  struct Case {
    const char* text;
    Label label;
  };
  const Case cases[] = {
      {"Le ministre prépare la saison des pluies.", Label::kOk},
      {"La junte doit publier les élections.", Label::kOk},
      {"Je vais te trouver demain, sale traître !", Label::kThreat},
      {"On va t'égorger ce soir journaliste", Label::kThreat},
      {"Marabout puissant, WhatsApp +226 70 11 22 33", Label::kSpam},
      {"Prêt rapide, écrivez sur Telegram @argent", Label::kSpam},
  };
  for (const Case& c : cases) {
    const Scores s = model_->Predict(c.text);
    EXPECT_FALSE(s.failed);
    EXPECT_EQ(s.Top(), c.label) << c.text;
    EXPECT_GT(s[c.label], 0.5) << c.text;
    EXPECT_EQ(s[Label::kHate], 0.0) << "a label the model lacks scores 0";
    for (double p : s.p) {
      EXPECT_GE(p, 0.0);
      EXPECT_LE(p, 1.0);
    }
  }
}

TEST_F(ClassifierTest, EvaluationOnTheTrainingRowsIsNearPerfect) {
  const EvalReport r = Evaluate(*model_, GeneratedRows());
  EXPECT_EQ(r.rows, 90u);
  EXPECT_GE(r.accuracy, 0.95);
  EXPECT_GE(r.labels[Index(Label::kThreat)].auc, 0.95);
  EXPECT_GE(r.not_ok_auc, 0.95);
}

TEST_F(ClassifierTest, ConcurrentPredictionsEqualSerialOnes) {
  std::vector<std::string> texts;
  for (const LabelledRow& row : GeneratedRows()) texts.push_back(row.text + " encore");
  std::vector<Scores> serial;
  for (const std::string& t : texts) serial.push_back(model_->Predict(t));
  constexpr int kThreads = 6;
  std::vector<std::vector<Scores>> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int rep = 0; rep < 5; ++rep) {
        for (const std::string& t : texts) results[i].push_back(model_->Predict(t));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_EQ(results[i].size(), texts.size() * 5);
    for (std::size_t k = 0; k < results[i].size(); ++k) {
      EXPECT_EQ(results[i][k].p, serial[k % texts.size()].p);
    }
  }
}

TEST_F(ClassifierTest, SameDataAndOptionsGiveTheSameFile) {
  const fs::path again = *dir_ / "again.ftz";
  ASSERT_TRUE(Train(TinyOptions(again)).ok());
  EXPECT_EQ(ReadAll(again), ReadAll(*dir_ / "tiny.ftz"));
}

TEST_F(ClassifierTest, ReadsDataFilesAndExcludesSourcesAndLabels) {
  const fs::path tsv = *dir_ / "rows.tsv";
  {
    std::ofstream out(tsv);
    out << "label\ttext\tsource\n";
    for (const LabelledRow& row : GeneratedRows()) {
      out << LabelName(row.label) << '\t' << row.text << '\t' << row.source << '\n';
    }
  }
  TrainOptions o = TinyOptions(*dir_ / "nospam.bin");
  o.rows.clear();
  o.data_paths = {tsv.string()};
  o.exclude = {"gen:spam"};
  o.quantize = false;
  o.epoch = 5;
  Result<TrainSummary> summary = Train(o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->rows, 60u);
  auto model = Classifier::Load(o.output_path);
  ASSERT_TRUE(model.ok());
  EXPECT_FALSE((*model)->quantized());
  EXPECT_FALSE((*model)->HasLabel(Label::kSpam));
}

TEST_F(ClassifierTest, RepeatsRareLabelsWhenAsked) {
  TrainOptions o = TinyOptions(*dir_ / "balanced.bin");
  o.quantize = false;
  o.epoch = 1;
  o.rows.push_back({Label::kInsult, "espèce d'idiot", "gen", ""});
  o.min_rows_per_label = 40;
  Result<TrainSummary> summary = Train(o);
  ASSERT_TRUE(summary.ok());
  // 91 rows; ok, threat and spam grow from 30 to 40 and the one insult to 40.
  EXPECT_EQ(summary->rows, 160u);
  EXPECT_EQ(summary->rows_per_label[Index(Label::kInsult)], 1u);
}

TEST(TrainTest, RefusesMissingOutputEmptyDataAndBadFiles) {
  TrainOptions o;
  o.rows = GeneratedRows();
  EXPECT_EQ(Train(o).error(), Error::kInvalidArgument);
  o.rows.clear();
  o.output_path = (fs::temp_directory_path() / "palabre-never-written.ftz").string();
  EXPECT_EQ(Train(o).error(), Error::kInvalidArgument);
  o.data_paths = {"/nonexistent/palabre/train.tsv"};
  EXPECT_EQ(Train(o).error(), Error::kInvalidArgument);
  EXPECT_FALSE(fs::exists(o.output_path));
}

TEST(ClassifierLoadTest, RefusesMissingAndForeignFiles) {
  EXPECT_EQ(Classifier::Load("/nonexistent/palabre/model.ftz").error(), Error::kInvalidArgument);
  std::string pattern = (fs::temp_directory_path() / "palabre-clf-load-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path dir(pattern);
  const fs::path garbage = dir / "garbage.ftz";
  std::ofstream(garbage) << "this is not a fastText model\n";
  EXPECT_EQ(Classifier::Load(garbage.string()).error(), Error::kInvalidArgument);

  // A supervised model whose labels are not palabre's.
  const fs::path train = dir / "foreign.txt";
  {
    std::ofstream out(train);
    for (int i = 0; i < 20; ++i) out << "__label__sports match but goal\n__label__ok paix\n";
  }
  fasttext::Args args;
  args.input = train.string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minCount = 1;
  args.epoch = 1;
  args.bucket = 1000;
  args.thread = 1;
  args.verbose = 0;
  fasttext::FastText ft;
  ft.train(args);
  const fs::path foreign = dir / "foreign.bin";
  ft.saveModel(foreign.string());
  auto loaded = Classifier::Load(foreign.string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("__label__sports"), std::string::npos);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace palabre::moderation::classifier
