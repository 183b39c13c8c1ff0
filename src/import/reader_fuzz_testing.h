// The body of the import readers' fuzz targets (*_reader_fuzz.cc): any byte sequence given to a
// reader ends (no crash, no hang, no unbounded loop) with records whose ids are set and whose
// strings are valid UTF-8, skipped elements, or one error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "core/text/utf8.h"
#include "import/reader.h"

namespace palabre::import {

inline void FuzzReader(Format format, const std::uint8_t* data, std::size_t size) {
  auto reader = ReaderFromMemory(format, std::string(reinterpret_cast<const char*>(data), size));
  if (!reader) return;
  // Every call consumes input or ends: more steps than bytes (plus the records a line or an
  // element may hold) would be a loop.
  for (std::size_t steps = 0; steps < 4 * size + 64; ++steps) {
    Record record;
    auto step = reader->Next(record);
    if (!step.ok()) {
      if (step.error() != Error::kInvalidArgument) std::abort();
      return;
    }
    if (step->kind == Step::kEnd) return;
    if (step->kind != Step::kRecord) continue;
    if (auto* t = std::get_if<SourceThread>(&record)) {
      if (t->id.empty() || !text::IsValidUtf8(t->title) || !text::IsValidUtf8(t->url)) {
        std::abort();
      }
    } else {
      const auto& c = std::get<SourceComment>(record);
      if (c.id.empty() || c.thread.empty() || !text::IsValidUtf8(c.text) ||
          !text::IsValidUtf8(c.author) || c.text.size() > 4 * kMaxTextBytes) {
        std::abort();
      }
    }
  }
  std::abort();  // never ended
}

}  // namespace palabre::import
