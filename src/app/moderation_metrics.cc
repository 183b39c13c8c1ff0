#include "app/moderation_metrics.h"

#include <cstdint>
#include <string>
#include <utility>

namespace palabre::app {

std::vector<http::CounterSample> CheckActionSamples(
    const std::vector<moderation::CheckStats>& stats) {
  std::vector<http::CounterSample> out;
  out.reserve(stats.size() * 5);
  for (const moderation::CheckStats& s : stats) {
    const std::uint64_t decided = s.flags + s.reviews + s.holds + s.rejects;
    const std::pair<const char*, std::uint64_t> actions[] = {
        {"pass", s.runs > decided ? s.runs - decided : 0},
        {"flag", s.flags},
        {"review", s.reviews},
        {"hold", s.holds},
        {"reject", s.rejects}};
    for (const auto& [action, count] : actions) {
      out.push_back(http::CounterSample{{{"check", s.name}, {"action", action}}, count});
    }
  }
  return out;
}

std::vector<http::CounterSample> CheckOverBudgetSamples(
    const std::vector<moderation::CheckStats>& stats) {
  std::vector<http::CounterSample> out;
  out.reserve(stats.size());
  for (const moderation::CheckStats& s : stats) {
    out.push_back(http::CounterSample{{{"check", s.name}}, s.over_budget});
  }
  return out;
}

std::vector<http::CounterSample> CheckFailureSamples(
    const std::vector<moderation::CheckStats>& stats) {
  std::vector<http::CounterSample> out;
  out.reserve(stats.size());
  for (const moderation::CheckStats& s : stats) {
    out.push_back(http::CounterSample{{{"check", s.name}}, s.failures});
  }
  return out;
}

void ExportModerationMetrics(http::Metrics& metrics, const moderation::Pipeline& pipeline) {
  metrics.AddCounters("palabre_moderation_check_total",
                      "Verdicts of each moderation check, by action (all sites).",
                      [&pipeline] { return CheckActionSamples(pipeline.Stats()); });
  metrics.AddCounters("palabre_moderation_check_over_budget_total",
                      "Moderation check runs over their time budget.",
                      [&pipeline] { return CheckOverBudgetSamples(pipeline.Stats()); });
  metrics.AddCounters("palabre_moderation_check_failures_total",
                      "Moderation check runs that failed (the comment is flagged).",
                      [&pipeline] { return CheckFailureSamples(pipeline.Stats()); });
}

}  // namespace palabre::app
