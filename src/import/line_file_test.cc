#include "import/line_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace palabre::import {
namespace {

std::vector<std::string> ReadAll(LineFile& in) {
  std::vector<std::string> out;
  std::string line;
  for (LineFile::Line got; (got = in.Next(line)) != LineFile::Line::kEnd;) {
    out.push_back(got == LineFile::Line::kTooLong ? "<too long>" : line);
  }
  return out;
}

TEST(LineFileTest, ReadsPlainAndGzippedFilesLineByLineWithinItsLimit) {
  const std::string content = "un\r\ndeux\n" + std::string(100, 'x') + "\n\ntrois";
  const std::vector<std::string> expected = {"un", "deux", "<too long>", "", "trois"};
  const std::string plain = testing::TempDir() + "/line_file.txt";
  std::ofstream(plain, std::ios::binary) << content;
  LineFile a(plain, /*max_line=*/50);
  ASSERT_TRUE(a.is_open());
  EXPECT_EQ(ReadAll(a), expected);
  EXPECT_FALSE(a.failed());

  const std::string gz = testing::TempDir() + "/line_file.gz";
  gzFile out = gzopen(gz.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
  gzclose(out);
  LineFile b(gz, 50);
  EXPECT_EQ(ReadAll(b), expected);

  LineFile absent(testing::TempDir() + "/absent.txt");
  EXPECT_FALSE(absent.is_open());
  std::string line;
  EXPECT_EQ(absent.Next(line), LineFile::Line::kEnd);
  std::filesystem::remove(plain);
  std::filesystem::remove(gz);
}

TEST(LineFileTest, ABrokenGzipStreamIsAFailureNotAnEnd) {
  const std::string gz = testing::TempDir() + "/broken.gz";
  gzFile out = gzopen(gz.c_str(), "wb");
  const std::string content(100000, 'a');
  gzwrite(out, content.data(), static_cast<unsigned>(content.size()));
  gzclose(out);
  std::filesystem::resize_file(gz, std::filesystem::file_size(gz) / 2);
  LineFile in(gz);
  std::string line;
  while (in.Next(line) != LineFile::Line::kEnd) {
  }
  EXPECT_TRUE(in.failed());
  std::filesystem::remove(gz);
}

}  // namespace
}  // namespace palabre::import
