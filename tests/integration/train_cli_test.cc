// `palabre train` from the command line: the fastText hyper-parameter options reach the
// trainer (a wider model is a larger file) and a value out of range is refused before training.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "palabre_process.h"

namespace palabre::testing {
namespace {

namespace fs = std::filesystem;

// 64 labelled rows, ok and spam, enough for fastText to train on.
std::string WriteRows(const fs::path& dir) {
  const fs::path path = dir / "rows.tsv";
  std::ofstream out(path);
  out << "label\ttext\tsource\n";
  const char* ok[] = {"Le ministre annonce la réforme", "La pluie tombe sur Bamako",
                      "Les élections auront lieu en mars", "Le marché de Sandaga est ouvert"};
  const char* spam[] = {"marabout puissant WhatsApp +223 76 12 34 56",
                        "prêt rapide appelez le 77 123 45 67", "abonnement iptv pas cher inbox moi",
                        "gagnez de l'argent visitez www.gain-rapide.com"};
  for (int rep = 0; rep < 8; ++rep) {
    for (const char* t : ok) out << "ok\t" << t << " " << rep << "\tgen\n";
    for (const char* t : spam) out << "spam\t" << t << " " << rep << "\tgen\n";
  }
  return path.string();
}

std::vector<std::string> TrainArgs(const std::string& data, const std::string& model,
                                   const std::string& dim) {
  return {"train", "--data",        data, "--out",  model, "--dim",  dim, "--epoch",  "5",   "--lr",
          "0.3",   "--word-ngrams", "1",  "--minn", "2",   "--maxn", "4", "--cutoff", "1000"};
}

TEST(TrainCliTest, HyperParameterOptionsReachTheTrainer) {
  TempDir dir;
  const std::string data = WriteRows(dir.path());
  const std::string narrow = (dir.path() / "dim8.ftz").string();
  const std::string wide = (dir.path() / "dim32.ftz").string();
  std::string out;
  ASSERT_EQ(RunPalabre(TrainArgs(data, narrow, "8"), &out), 0) << out;
  ASSERT_EQ(RunPalabre(TrainArgs(data, wide, "32"), &out), 0) << out;
  // Every stored vector has `dim` components: the wider model is the larger file.
  EXPECT_GT(fs::file_size(wide), fs::file_size(narrow));
}

TEST(TrainCliTest, AValueOutOfRangeIsRefusedWithItsName) {
  TempDir dir;
  const std::string data = WriteRows(dir.path());
  const std::string model = (dir.path() / "model.ftz").string();
  std::string out;
  EXPECT_NE(RunPalabre(TrainArgs(data, model, "0"), &out), 0);
  EXPECT_NE(out.find("--dim"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(model));
}

}  // namespace
}  // namespace palabre::testing
