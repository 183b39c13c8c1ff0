// Check: one moderation check, the unit of the pipeline (moderation/pipeline.h).
//
// A check is a small final class with one job. Its whole public surface is Name() and Run():
// Run looks at one comment in its Context and returns a Verdict (an action and the reasons for
// it). Checks are pure over their Context: no I/O, no clock, no randomness, no store; what they
// need of the past comes through the read-only HistoryView. Run must not throw and must be
// safe to call from several threads at once. Name() and reason codes are stored with every
// decision: renaming one is adding a new one. A check gets its settings (one struct of
// moderation/config.h) in its constructor; the pipeline enforces its time budget.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "moderation/decision.h"
#include "moderation/fingerprint.h"
#include "moderation/normalize.h"

namespace palabre::moderation {

// Who wrote a comment, as the history knows it. 0 means unknown (no name, no address).
struct Author {
  std::uint64_t name = 0;    // hash of FoldName(comment.author)
  std::uint64_t client = 0;  // hash of comment.client_hash (itself a salted hash)
  bool known() const { return name != 0 || client != 0; }
};

// A recorded comment as the flood and duplicate checks see it.
struct PastComment {
  CommentId id = 0;
  ThreadId thread_id = 0;
  TimestampMs at = 0;
  std::uint64_t text = 0;  // Fingerprint::exact
};

// A recorded long comment whose text is close to the one being checked.
struct SimilarComment {
  PastComment comment;
  Author author;
  double similarity = 0.0;  // estimated Jaccard similarity of word bigrams, 0..1
  bool exact = false;       // same folded text
};

// What the pipeline knows of earlier comments of a site (moderation/history.h keeps it in
// memory, fed by Pipeline::Record). Implementations are thread-safe; calls never fail and
// append to `out` (which they do not clear).
class HistoryView {
 public:
  virtual ~HistoryView() = default;

  // The comments of `site_id` recorded under this name hash (by_client false) or client hash
  // (by_client true), made at or after `since`, newest first, at most `limit`.
  virtual void RecentBy(std::string_view site_id, bool by_client, std::uint64_t key,
                        TimestampMs since, std::size_t limit,
                        std::vector<PastComment>* out) const = 0;

  // Long comments of `site_id` made at or after `since` whose similarity to `fingerprint` is at
  // least `min_similarity`, most similar first, at most `limit`. Only comments at least as long
  // as the history's indexing threshold are found.
  virtual void FindSimilar(std::string_view site_id, const Fingerprint& fingerprint,
                           double min_similarity, TimestampMs since, std::size_t limit,
                           std::vector<SimilarComment>* out) const = 0;
};

// Everything a check may look at besides the comment. All pointers are set by the pipeline
// and outlive Run.
struct Context {
  TimestampMs now = 0;  // time of the comment (not the wall clock of the check)
  const Site* site = nullptr;
  const Thread* thread = nullptr;
  const NormalizedText* text = nullptr;      // comment.text normalised once
  const Fingerprint* fingerprint = nullptr;  // of *text
  Author author;                             // who posts
  const HistoryView* history = nullptr;
};

struct Verdict {
  Action action = Action::kPass;
  std::vector<Reason> reasons;
  std::map<std::string, double> scores;  // merged by maximum across checks
  int retry_after_s = 0;                 // flood: seconds before posting again
  // The check could not do its job (a model not loaded, ...): the pipeline adds a kFlag reason
  // with code "check_unavailable" rather than let the comment pass unseen.
  bool failed = false;

  // Keeps `reason` and raises `action` to its action.
  void Add(Reason reason) {
    action = std::max(action, reason.action);
    reasons.push_back(std::move(reason));
  }
};

class Check {
 public:
  virtual ~Check() = default;
  virtual std::string_view Name() const = 0;
  virtual Verdict Run(const Comment& comment, const Context& context) const noexcept = 0;
};

}  // namespace palabre::moderation
