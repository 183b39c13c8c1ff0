// Check: one moderation check, the unit of the pipeline (moderation/pipeline.h).
//
// A check is a small final class with one job. Its whole public surface is Name() and Run():
// Run looks at one comment in its Context and returns a Verdict (an action and the reasons for
// it). Checks are pure over their Context: no I/O, no clock, no randomness, no store; what they
// need of the past comes through the read-only HistoryView. Run must not throw and must be
// safe to call from several threads at once. Name() and reason codes are stored with every
// decision: renaming one is adding a new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "moderation/decision.h"

namespace palabre::moderation {

// The comment's text prepared once for every check (computed by the pipeline).
struct NormalizedText {
  std::string original;  // NFC text as posted
  std::string folded;    // lower case, accents removed, confusables and l33t mapped, spaces folded
  std::vector<std::string> words;  // word tokens of `folded`
};

// What the pipeline knows of earlier comments. Implemented in memory by the pipeline.
class HistoryView {
 public:
  virtual ~HistoryView() = default;
};

struct Context {
  TimestampMs now = 0;
  const Site* site = nullptr;
  const Thread* thread = nullptr;
  const NormalizedText* text = nullptr;
  const HistoryView* history = nullptr;
};

struct Verdict {
  Action action = Action::kPass;
  std::vector<Reason> reasons;
  std::map<std::string, double> scores;
  int retry_after_s = 0;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view Name() const = 0;
  virtual Verdict Run(const Comment& comment, const Context& context) const noexcept = 0;
};

}  // namespace palabre::moderation
