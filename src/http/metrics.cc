#include "http/metrics.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace palabre::http {
namespace {

void AppendUint(std::string& out, std::uint64_t v) { out += std::to_string(v); }

void AppendDouble(std::string& out, double v) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.10g", v);
  out.append(buf, static_cast<std::size_t>(n));
}

// Label values escape backslash, quote and newline.
void AppendLabel(std::string& out, std::string_view v) {
  for (const char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

}  // namespace

Metrics::Metrics() { routes_.emplace_back().pattern = "unmatched"; }

int Metrics::AddRoute(std::string_view pattern) {
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].pattern == pattern) return static_cast<int>(i);
  }
  routes_.emplace_back().pattern = std::string(pattern);
  return static_cast<int>(routes_.size() - 1);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

std::size_t Metrics::StatusSlot(int status) {
  for (std::size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size() - 1;
}

void Metrics::ObserveRequest(int route, int status, std::chrono::steady_clock::duration latency) {
  const std::size_t r = route >= 0 && static_cast<std::size_t>(route) < routes_.size() ? route : 0;
  RouteStats& s = routes_[r];
  s.by_status[StatusSlot(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(latency).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count();
  s.sum_ns.fetch_add(ns > 0 ? static_cast<std::uint64_t>(ns) : 0, std::memory_order_relaxed);
}

void Metrics::AddCounters(std::string name, std::string help,
                          std::function<std::vector<CounterSample>()> read) {
  counter_families_.push_back(CounterFamily{std::move(name), std::move(help), std::move(read)});
}

void Metrics::CommentPosted(PostedStatus status) {
  posted_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::CommentEdited(PostedStatus status) {
  edited_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ReportReceived(ReportResult result) {
  reports_[static_cast<std::size_t>(result)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::Voted(VoteResult result) {
  votes_[static_cast<std::size_t>(result)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::Analyzed(AnalyzeResult result) {
  analyzed_[static_cast<std::size_t>(result)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(8192);
  out += "# HELP palabre_http_requests_total HTTP requests by route pattern and status.\n";
  out += "# TYPE palabre_http_requests_total counter\n";
  for (const RouteStats& s : routes_) {
    for (std::size_t i = 0; i < kStatuses.size(); ++i) {
      const std::uint64_t n = s.by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "palabre_http_requests_total{route=\"";
      AppendLabel(out, s.pattern);
      out += "\",status=\"";
      out += kStatuses[i] == 0 ? std::string("other") : std::to_string(kStatuses[i]);
      out += "\"} ";
      AppendUint(out, n);
      out += '\n';
    }
  }
  out += "# HELP palabre_http_request_duration_seconds Time spent handling requests.\n";
  out += "# TYPE palabre_http_request_duration_seconds histogram\n";
  for (const RouteStats& s : routes_) {
    std::uint64_t cumulative = 0;
    std::string bucket_lines;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      bucket_lines += "palabre_http_request_duration_seconds_bucket{route=\"";
      AppendLabel(bucket_lines, s.pattern);
      bucket_lines += "\",le=\"";
      if (b < kBuckets.size()) {
        AppendDouble(bucket_lines, kBuckets[b]);
      } else {
        bucket_lines += "+Inf";
      }
      bucket_lines += "\"} ";
      AppendUint(bucket_lines, cumulative);
      bucket_lines += '\n';
    }
    if (cumulative == 0) continue;
    out += bucket_lines;
    out += "palabre_http_request_duration_seconds_sum{route=\"";
    AppendLabel(out, s.pattern);
    out += "\"} ";
    AppendDouble(out, static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += "\npalabre_http_request_duration_seconds_count{route=\"";
    AppendLabel(out, s.pattern);
    out += "\"} ";
    AppendUint(out, cumulative);
    out += '\n';
  }
  // Counters with one label: HELP, TYPE, then one line per value.
  auto labelled = [&out](std::string_view name, std::string_view help, std::string_view label,
                         std::initializer_list<std::string_view> values,
                         const std::atomic<std::uint64_t>* counts) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += " counter\n";
    std::size_t i = 0;
    for (std::string_view v : values) {
      out += name;
      out += '{';
      out += label;
      out += "=\"";
      out += v;
      out += "\"} ";
      AppendUint(out, counts[i++].load(std::memory_order_relaxed));
      out += '\n';
    }
  };
  labelled("palabre_comments_posted_total", "Comments posted, by outcome.", "status",
           {"published", "held", "rejected", "rate_limited"}, posted_.data());
  labelled("palabre_comments_edited_total", "Comments edited by their authors, by outcome.",
           "status", {"published", "held", "rejected", "rate_limited"}, edited_.data());
  labelled("palabre_reports_total", "Reader reports, by outcome.", "outcome",
           {"accepted", "held", "duplicate", "rate_limited"}, reports_.data());
  out += "# HELP palabre_report_bursts_total Comments that got a burst of reports.\n";
  out += "# TYPE palabre_report_bursts_total counter\npalabre_report_bursts_total ";
  AppendUint(out, report_bursts_.load(std::memory_order_relaxed));
  out += '\n';
  labelled("palabre_votes_total", "Votes counted or taken back.", "outcome", {"counted", "undone"},
           votes_.data());
  labelled("palabre_votes_refused_total", "Votes refused, by reason.", "reason",
           {"already_voted", "own_comment", "rate_limited"}, votes_.data() + 2);
  labelled("palabre_analyze_requests_total", "Analysis API requests, by outcome.", "outcome",
           {"ok", "no_key", "bad_key", "rate_limited"}, analyzed_.data());
  // One line per site that had a refusal; site ids are [a-z0-9-], nothing to escape.
  out += "# HELP palabre_origin_refused_total Writes refused with origin_not_allowed, by site.\n";
  out += "# TYPE palabre_origin_refused_total counter\n";
  for (const auto& [site, count] : origin_refusals_.Totals()) {
    out += "palabre_origin_refused_total{site=\"" + site + "\"} ";
    AppendUint(out, count);
    out += '\n';
  }
  out += "# HELP palabre_http_cache_hits_total Thread reads served from the response cache.\n";
  out += "# TYPE palabre_http_cache_hits_total counter\npalabre_http_cache_hits_total ";
  AppendUint(out, cache_hits_.load(std::memory_order_relaxed));
  out += "\n# HELP palabre_http_cache_misses_total Thread reads built from the store.\n";
  out += "# TYPE palabre_http_cache_misses_total counter\npalabre_http_cache_misses_total ";
  AppendUint(out, cache_misses_.load(std::memory_order_relaxed));
  out += "\n";
  for (const CounterFamily& f : counter_families_) {
    out += "# HELP " + f.name + " " + f.help + "\n# TYPE " + f.name + " counter\n";
    if (!f.read) continue;
    for (const CounterSample& sample : f.read()) {
      out += f.name;
      if (!sample.labels.empty()) {
        out += '{';
        for (std::size_t i = 0; i < sample.labels.size(); ++i) {
          if (i > 0) out += ',';
          out += sample.labels[i].first;
          out += "=\"";
          AppendLabel(out, sample.labels[i].second);
          out += '"';
        }
        out += '}';
      }
      out += ' ';
      AppendUint(out, sample.value);
      out += '\n';
    }
  }
  for (const Gauge& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n" + g.name + " ";
    AppendDouble(out, g.read ? g.read() : 0.0);
    out += '\n';
  }
  out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
  out += "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ";
  AppendUint(out, ResidentBytes());
  out += '\n';
  return out;
}

}  // namespace palabre::http
