// Metrics: the counters behind GET /metrics, rendered in the Prometheus text format.
//
//   palabre_http_requests_total{route,status}          by route pattern ("unmatched" for 404s)
//   palabre_http_request_duration_seconds{route}       histogram of handler latency
//   palabre_comments_posted_total{status}              published, held, rejected, rate_limited
//   palabre_comments_edited_total{status}              the same, for authors' edits
//   palabre_http_cache_{hits,misses}_total             response cache of thread reads
//   palabre_reports_total{outcome}                     accepted, held, duplicate, rate_limited
//   palabre_report_bursts_total                        comments that got a burst of reports
//   palabre_votes_total{outcome}                       counted, undone
//   palabre_votes_refused_total{reason}                already_voted, own_comment, rate_limited
//   palabre_analyze_requests_total{outcome}            ok, no_key, bad_key, rate_limited
//   palabre_origin_refused_total{site}                 writes refused for their Origin, by
//                                                      known site (origin_refusals.h)
//   process_resident_memory_bytes                      from /proc/self/statm
//   plus gauges registered by callbacks (SSE subscribers, ...), and counter families read
//   from other parts at each scrape (AddCounters: the app registers the moderation pipeline's
//   per-check counters, palabre_moderation_check_total{check,action} and friends).
// Hot-path updates are relaxed atomic increments, no lock. AddRoute and AddGauge must be called
// before the server starts (the router calls AddRoute as routes are added); everything else is
// thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/origin_refusals.h"

namespace palabre::http {

enum class PostedStatus { kPublished, kHeld, kRejected, kRateLimited };
// A reader's report: accepted (the comment stays), held (it reached the threshold), refused.
enum class ReportResult { kAccepted, kHeld, kDuplicate, kRateLimited };
enum class VoteResult { kCounted, kUndone, kAlreadyVoted, kOwnComment, kRateLimited };
enum class AnalyzeResult { kOk, kNoKey, kBadKey, kRateLimited };

// One line of a counter family: its labels (name, value), in order, and its value.
struct CounterSample {
  std::vector<std::pair<std::string, std::string>> labels;
  std::uint64_t value = 0;
};

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Returns the id to pass to ObserveRequest. Not thread-safe: before serving.
  int AddRoute(std::string_view pattern);
  // A gauge read at each scrape. Not thread-safe: before serving. `read` must be thread-safe.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // A counter family read at each scrape: HELP and TYPE once, then one line per sample (label
  // values escaped). Not thread-safe: before serving. `read` must be thread-safe.
  void AddCounters(std::string name, std::string help,
                   std::function<std::vector<CounterSample>()> read);

  // route -1: no route matched.
  void ObserveRequest(int route, int status, std::chrono::steady_clock::duration latency);
  void CommentPosted(PostedStatus status);
  // An author's edit, counted as posts are (a reject keeps the old text).
  void CommentEdited(PostedStatus status);
  void ReportReceived(ReportResult result);
  void ReportBurst() { report_bursts_.fetch_add(1, std::memory_order_relaxed); }
  void Voted(VoteResult result);
  void Analyzed(AnalyzeResult result);
  void CacheHit() { cache_hits_.fetch_add(1, std::memory_order_relaxed); }
  void CacheMiss() { cache_misses_.fetch_add(1, std::memory_order_relaxed); }
  // Writes refused with origin_not_allowed (Cors records them; the console reads them).
  OriginRefusals& origin_refusals() { return origin_refusals_; }
  const OriginRefusals& origin_refusals() const { return origin_refusals_; }

  // The Prometheus text exposition (version 0.0.4).
  std::string Render() const;

  // Resident set size of this process in bytes, 0 if unknown.
  static std::uint64_t ResidentBytes();

 private:
  // Statuses counted separately; anything else is counted as "other".
  static constexpr std::array<int, 20> kStatuses = {200, 201, 202, 204, 301, 302, 304,
                                                    400, 403, 404, 405, 409, 413, 415,
                                                    422, 429, 431, 500, 503, 0};
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
  struct RouteStats {
    std::string pattern;
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
    std::atomic<std::uint64_t> sum_ns{0};
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };
  static std::size_t StatusSlot(int status);

  std::deque<RouteStats> routes_;  // [0] is "unmatched"; deque: stable addresses
  std::vector<Gauge> gauges_;
  struct CounterFamily {
    std::string name;
    std::string help;
    std::function<std::vector<CounterSample>()> read;
  };
  std::vector<CounterFamily> counter_families_;
  std::array<std::atomic<std::uint64_t>, 4> posted_{};
  std::array<std::atomic<std::uint64_t>, 4> edited_{};
  std::array<std::atomic<std::uint64_t>, 4> reports_{};
  std::atomic<std::uint64_t> report_bursts_{0};
  std::array<std::atomic<std::uint64_t>, 5> votes_{};
  std::array<std::atomic<std::uint64_t>, 4> analyzed_{};
  std::atomic<std::uint64_t> cache_hits_{0};
  std::atomic<std::uint64_t> cache_misses_{0};
  OriginRefusals origin_refusals_;
};

}  // namespace palabre::http
