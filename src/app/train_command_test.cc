#include "app/train_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace
}  // namespace palabre::app
