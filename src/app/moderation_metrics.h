// The moderation pipeline's per-check counters on GET /metrics: the app registers them with
// http::Metrics (which knows nothing of moderation/), read at each scrape:
//   palabre_moderation_check_total{check,action}         verdicts by action (pass, flag,
//                                                        review, hold, reject)
//   palabre_moderation_check_over_budget_total{check}    runs over the check's time budget
//   palabre_moderation_check_failures_total{check}       runs that failed (comment flagged)
// Counted over all sites since the pipeline was built. Thread-safe as Pipeline::Stats is.
#pragma once

#include <vector>

#include "http/metrics.h"
#include "moderation/pipeline.h"

namespace palabre::app {

// The samples of the three families above, from `stats`.
std::vector<http::CounterSample> CheckActionSamples(
    const std::vector<moderation::CheckStats>& stats);
std::vector<http::CounterSample> CheckOverBudgetSamples(
    const std::vector<moderation::CheckStats>& stats);
std::vector<http::CounterSample> CheckFailureSamples(
    const std::vector<moderation::CheckStats>& stats);

// Registers the families, reading `pipeline` (which must outlive `metrics`' scrapes).
void ExportModerationMetrics(http::Metrics& metrics, const moderation::Pipeline& pipeline);

}  // namespace palabre::app
