// `palabre moderate`: what palabre would have decided on a publisher's history.
//
// Reads the history JSON Lines format (app/history_jsonl.h) and runs every comment, in order,
// through the moderation pipeline as if it were posted live at its created_at (so duplicates
// and floods across the history are seen; comments not rejected enter the pipeline's history).
// Writes one line per comment on `out`:
//   {"id":…,"action":"publish|review|hold|reject",
//    "reasons":[{"check","code","detail","score","action"}],
//    "scores":{"threat":…,"hate":…,"insult":…,"spam":…,"toxicity":…}}
// (a score is null when its check did not run, e.g. after an early reject by a gate), bad lines
// as `line N: reason` on `err`, and a summary on `err` at the end.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>

#include "moderation/decision.h"

namespace palabre::app {

struct ModerateSummary {
  std::int64_t comments = 0;
  std::int64_t published = 0;  // published plainly
  std::int64_t review = 0;     // published and queued for review
  std::int64_t held = 0;
  std::int64_t rejected = 0;
  std::int64_t bad_lines = 0;
  std::map<std::string, std::int64_t> by_code;  // reason code -> comments with it
};

// `moderator` is usually a moderation::Pipeline; `site_id` chooses its per-site settings.
ModerateSummary ModerateJsonLines(moderation::Moderator& moderator, const std::string& site_id,
                                  std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace palabre::app
