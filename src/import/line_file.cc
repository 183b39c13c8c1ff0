#include "import/line_file.h"

#include <zlib.h>

namespace palabre::import {

LineFile::LineFile(const std::string& path, std::size_t max_line)
    : file_(gzopen(path.c_str(), "rb")), max_line_(max_line) {}

LineFile::~LineFile() {
  if (file_ != nullptr) gzclose(static_cast<gzFile>(file_));
}

LineFile::Line LineFile::Next(std::string& line) {
  line.clear();
  if (file_ == nullptr || failed_) return Line::kEnd;
  bool too_long = false;
  char buffer[1 << 16];
  for (;;) {
    if (gzgets(static_cast<gzFile>(file_), buffer, sizeof buffer) == nullptr) {
      int error = Z_OK;
      gzerror(static_cast<gzFile>(file_), &error);
      if (error != Z_OK && error != Z_STREAM_END) failed_ = true;
      if (failed_) return Line::kEnd;
      if (too_long) return Line::kTooLong;
      return line.empty() ? Line::kEnd : Line::kOk;  // a last line without its newline
    }
    const std::string_view chunk(buffer);
    if (!too_long) line.append(chunk);
    if (line.size() > max_line_ + 2) {  // its "\r\n" does not count
      too_long = true;
      line.clear();
    }
    if (!chunk.empty() && chunk.back() == '\n') {
      if (too_long) return Line::kTooLong;
      line.pop_back();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Line::kOk;
    }
  }
}

}  // namespace palabre::import
