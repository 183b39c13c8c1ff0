#include "moderation/checks/flood_check.h"

#include <algorithm>
#include <string>
#include <vector>

namespace palabre::moderation {
namespace {

// Seconds until `oldest` (a time within the window) leaves a window of `window_ms`, at least 1.
int SecondsUntilFree(TimestampMs oldest, std::int64_t window_ms, TimestampMs now) {
  const std::int64_t ms = oldest + window_ms - now;
  return static_cast<int>(std::max<std::int64_t>(1, (ms + 999) / 1000));
}

}  // namespace

Verdict FloodCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  if (comment.id != 0 || context.history == nullptr) return v;
  const std::int64_t burst_ms = std::int64_t{config_.burst_window_s} * 1000;
  const std::int64_t sustained_ms = std::int64_t{config_.sustained_window_s} * 1000;
  const auto burst_max = static_cast<std::size_t>(config_.burst_max);
  const auto sustained_max = static_cast<std::size_t>(config_.sustained_max);
  const TimestampMs now = context.now;

  std::vector<PastComment> recent;
  int retry_after_s = 0;
  std::string detail;
  for (const bool by_client : {false, true}) {
    const std::uint64_t key = by_client ? context.author.client : context.author.name;
    if (key == 0 || (by_client ? !config_.by_client : !config_.by_name)) continue;
    recent.clear();
    context.history->RecentBy(context.site->id, by_client, key,
                              now - std::max(burst_ms, sustained_ms) + 1,
                              std::max(burst_max, sustained_max), &recent);
    // Newest first (nearly: concurrent posts may be recorded out of order).
    std::sort(recent.begin(), recent.end(),
              [](const PastComment& a, const PastComment& b) { return a.at > b.at; });
    const char* who = by_client ? "même adresse" : "même nom";
    auto count_within = [&](std::int64_t window_ms) {
      return static_cast<std::size_t>(
          std::count_if(recent.begin(), recent.end(),
                        [&](const PastComment& p) { return p.at > now - window_ms; }));
    };
    if (count_within(burst_ms) >= burst_max) {
      retry_after_s =
          std::max(retry_after_s, SecondsUntilFree(recent[burst_max - 1].at, burst_ms, now));
      detail = std::to_string(burst_max) + " commentaires en " +
               std::to_string(config_.burst_window_s) + " s (" + who + ")";
    }
    if (count_within(sustained_ms) >= sustained_max) {
      retry_after_s = std::max(retry_after_s,
                               SecondsUntilFree(recent[sustained_max - 1].at, sustained_ms, now));
      detail = std::to_string(sustained_max) + " commentaires en " +
               std::to_string(config_.sustained_window_s / 60) + " min (" + who + ")";
    }
  }
  if (retry_after_s == 0) return v;
  v.Add(Reason{std::string(Name()),
               "flood",
               "Trop de commentaires : " + detail + ". Réessayez dans " +
                   std::to_string(retry_after_s) + " s.",
               1.0,
               config_.action,
               {}});
  if (config_.action == Action::kReject) v.retry_after_s = retry_after_s;
  return v;
}

}  // namespace palabre::moderation
