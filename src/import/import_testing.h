// Test support for the import readers: the fixture exports of src/import/testdata (found
// through PALABRE_SOURCE_DIR, which ctest sets) and reading a whole export into records.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "import/reader.h"

namespace palabre::import {

inline std::string FixturePath(const std::string& name) {
  const char* root = std::getenv("PALABRE_SOURCE_DIR");
  return std::string(root ? root : ".") + "/src/import/testdata/" + name;
}

inline std::string Fixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ReadAll {
  std::vector<SourceThread> threads;
  std::vector<SourceComment> comments;
  std::vector<std::string> omitted;
  std::vector<std::string> skipped;
  Status status;  // the reader's error, if it stopped on one
};

inline ReadAll ReadEverything(Reader& reader) {
  ReadAll all;
  for (int guard = 0; guard < 100000; ++guard) {
    Record record;
    auto step = reader.Next(record);
    if (!step.ok()) {
      all.status = step.status();
      return all;
    }
    switch (step->kind) {
      case Step::kRecord:
        if (auto* t = std::get_if<SourceThread>(&record)) {
          all.threads.push_back(*t);
        } else {
          all.comments.push_back(std::get<SourceComment>(record));
        }
        break;
      case Step::kOmitted:
        all.omitted.push_back(step->text);
        break;
      case Step::kSkipped:
        all.skipped.push_back(step->text);
        break;
      case Step::kEnd:
        return all;
    }
  }
  ADD_FAILURE() << "the reader never ended";
  return all;
}

inline const SourceComment* CommentById(const ReadAll& all, const std::string& id) {
  for (const auto& c : all.comments) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace palabre::import
