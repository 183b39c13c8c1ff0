// Pipeline evaluation: what the whole moderation pipeline (every check, with a given
// configuration) decides for labelled comments — the figures `palabre eval` prints after the
// classifier's own, and the ones docs/MODERATION.md reports.
//
// Each row is evaluated as a new comment by its own author under an article without text, one
// hour after the previous row, and never recorded: flood, duplicate and off-topic checks see no
// history and no article, so the figures measure what a comment's words alone decide. A row's
// group is its category (dataset.h) or, without one, its label. "Stopped" is held or rejected;
// a comment published for review is not stopped (readers see it).
// Value types; EvaluatePipeline calls Moderator::Evaluate only (thread-safe as it is).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "moderation/classifier/dataset.h"
#include "moderation/decision.h"

namespace palabre::app {

struct Tally {
  std::size_t total = 0;
  std::size_t published = 0;  // published with no mark, or flagged
  std::size_t review = 0;     // published and queued for review
  std::size_t held = 0;
  std::size_t rejected = 0;
  std::size_t stopped() const { return held + rejected; }
  void Add(moderation::Action action);
};

struct PipelineReport {
  Tally legitimate;                                // rows labelled ok
  Tally legitimate_short;                          // of those, 1 to 8 words
  Tally hostile;                                   // rows of any other label
  std::map<std::string, Tally> legitimate_groups;  // by category (or "ok")
  std::map<std::string, Tally> hostile_groups;     // by category (or label)
  // Reason codes (check/code) behind legitimate rows held or rejected, with how many rows.
  std::map<std::string, std::size_t> false_hold_reasons;

  std::string ToText() const;
};

// Words as `palabre eval` counts them for "short": runs of non-space bytes.
std::size_t CountWords(const std::string& text);

PipelineReport EvaluatePipeline(moderation::Moderator& moderator,
                                const std::vector<moderation::classifier::LabelledRow>& rows);

}  // namespace palabre::app
