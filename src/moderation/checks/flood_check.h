// FloodCheck ("flood"): too many comments in a short time from one author name or one client
// address (its salted hash), read from the HistoryView. Two limits, both per site: a burst
// (flood.burst_max comments within flood.burst_window_s, default 3 in 30 s) and a sustained
// rate (flood.sustained_max within flood.sustained_window_s, default 10 in 10 min). Over
// either → code `flood`, rejected by default, with Verdict::retry_after_s set to the seconds
// until the oldest comment that counts leaves its window (the HTTP layer answers 429 with
// Retry-After). An edit (comment.id != 0) is not a new comment and is never flood.
// Thread-safe, immutable.
#pragma once

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class FloodCheck final : public Check {
 public:
  explicit FloodCheck(const FloodConfig& config) : config_(config) {}
  std::string_view Name() const override { return "flood"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  FloodConfig config_;
};

}  // namespace palabre::moderation
