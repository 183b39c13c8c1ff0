// libFuzzer target (PALABRE_FUZZ=ON, clang): Normalize and every default check on arbitrary
// bytes must neither crash nor break NormalizedText's invariants (one runs/marks/origin entry
// per folded byte, origins inside the input).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "moderation/normalize.h"
#include "moderation/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace palabre;
  using namespace palabre::moderation;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const NormalizedText n = Normalize(text);
  if (n.runs.size() != n.folded.size() || n.marks.size() != n.folded.size() ||
      n.origin.size() != n.folded.size()) {
    std::abort();
  }
  for (const Span& s : n.origin) {
    if (s.begin > s.end || s.end > size) std::abort();
  }
  static FakeClock clock;
  static Pipeline* pipeline = [] {
    auto p = Pipeline::Create(ModerationConfigs{}, clock);
    if (!p.ok()) std::abort();
    return std::move(p).value().release();
  }();
  Site site;
  site.id = "fuzz";
  Thread thread;
  thread.id = 1;
  Comment comment;
  comment.thread_id = 1;
  comment.author = "fuzz";
  comment.text = std::string(text);
  const Decision d = pipeline->Evaluate(site, thread, comment);
  for (const Reason& r : d.reasons) {
    for (const Span& s : r.spans) {
      if (s.begin > s.end || s.end > size) std::abort();
    }
  }
  return 0;
}
