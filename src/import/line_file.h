// LineFile: the lines of a file, gzipped or not (zlib reads both), one at a time in bounded
// memory: a line over the limit is read through and said, never kept. What the line-based
// imports read with (Remark42's backups, palabre's JSON Lines and their site lines).
// Not thread-safe.
#pragma once

#include <cstddef>
#include <string>

namespace palabre::import {

class LineFile {
 public:
  static constexpr std::size_t kMaxLine = 1 << 20;

  explicit LineFile(const std::string& path, std::size_t max_line = kMaxLine);
  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  bool is_open() const { return file_ != nullptr; }

  enum class Line {
    kOk,       // `line` holds the next line, without its "\n" or "\r\n"
    kTooLong,  // a line over the limit was skipped; `line` is empty
    kEnd,      // no more lines, or a read error (failed())
  };
  Line Next(std::string& line);
  bool failed() const { return failed_; }

 private:
  void* file_;  // a gzFile
  std::size_t max_line_;
  bool failed_ = false;
};

}  // namespace palabre::import
