#include "http/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace palabre::http {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(Metrics, CountsRequestsByRouteAndStatus) {
  Metrics m;
  const int list = m.AddRoute("/api/v1/threads/{site}/{key}/comments");
  EXPECT_EQ(m.AddRoute("/api/v1/threads/{site}/{key}/comments"), list);  // same pattern, same id
  m.ObserveRequest(list, 200, microseconds(300));
  m.ObserveRequest(list, 200, milliseconds(3));
  m.ObserveRequest(list, 418, milliseconds(1));  // uncommon status: "other"
  const std::string t = m.Render();
  EXPECT_TRUE(Has(t,
                  "palabre_http_requests_total{route=\"/api/v1/threads/{site}/{key}/"
                  "comments\",status=\"200\"} 2"))
      << t;
  EXPECT_TRUE(Has(t,
                  "palabre_http_requests_total{route=\"/api/v1/threads/{site}/{key}/"
                  "comments\",status=\"other\"} 1"));
}

TEST(Metrics, HistogramIsCumulative) {
  Metrics m;
  const int r = m.AddRoute("/healthz");
  m.ObserveRequest(r, 200, microseconds(50));          // <= 0.0001
  m.ObserveRequest(r, 200, microseconds(700));         // <= 0.001
  m.ObserveRequest(r, 200, std::chrono::seconds(10));  // +Inf only
  const std::string t = m.Render();
  EXPECT_TRUE(
      Has(t, "palabre_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0001\"} 1"))
      << t;
  EXPECT_TRUE(
      Has(t, "palabre_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"} 2"));
  EXPECT_TRUE(
      Has(t, "palabre_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"2.5\"} 2"));
  EXPECT_TRUE(
      Has(t, "palabre_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 3"));
  EXPECT_TRUE(Has(t, "palabre_http_request_duration_seconds_count{route=\"/healthz\"} 3"));
  EXPECT_TRUE(Has(t, "palabre_http_request_duration_seconds_sum{route=\"/healthz\"} 10.00075"));
}

TEST(Metrics, CommentsPostedCacheGaugesAndMemory) {
  Metrics m;
  m.CommentPosted(PostedStatus::kPublished);
  m.CommentPosted(PostedStatus::kPublished);
  m.CommentPosted(PostedStatus::kRateLimited);
  m.CacheHit();
  m.CacheMiss();
  m.AddGauge("palabre_sse_subscribers", "Open streams.", [] { return 7.0; });
  const std::string t = m.Render();
  EXPECT_TRUE(Has(t, "palabre_comments_posted_total{status=\"published\"} 2")) << t;
  EXPECT_TRUE(Has(t, "palabre_comments_posted_total{status=\"held\"} 0"));
  EXPECT_TRUE(Has(t, "palabre_comments_posted_total{status=\"rate_limited\"} 1"));
  EXPECT_TRUE(Has(t, "palabre_http_cache_hits_total 1"));
  EXPECT_TRUE(Has(t, "palabre_sse_subscribers 7"));
  EXPECT_GT(Metrics::ResidentBytes(), 1024u * 1024u);
  EXPECT_NE(t.find("process_resident_memory_bytes "), std::string::npos);
}

TEST(Metrics, ReaderActionsAndTheAnalysisApi) {
  Metrics m;
  m.ReportReceived(ReportResult::kAccepted);
  m.ReportReceived(ReportResult::kAccepted);
  m.ReportReceived(ReportResult::kHeld);
  m.ReportReceived(ReportResult::kRateLimited);
  m.ReportBurst();
  m.Voted(VoteResult::kCounted);
  m.Voted(VoteResult::kUndone);
  m.Voted(VoteResult::kAlreadyVoted);
  m.Voted(VoteResult::kAlreadyVoted);
  m.Voted(VoteResult::kOwnComment);
  m.Analyzed(AnalyzeResult::kNoKey);
  const std::string text = m.Render();
  for (const char* line : {
           "palabre_reports_total{outcome=\"accepted\"} 2\n",
           "palabre_reports_total{outcome=\"held\"} 1\n",
           "palabre_reports_total{outcome=\"duplicate\"} 0\n",
           "palabre_reports_total{outcome=\"rate_limited\"} 1\n",
           "palabre_report_bursts_total 1\n",
           "palabre_votes_total{outcome=\"counted\"} 1\n",
           "palabre_votes_total{outcome=\"undone\"} 1\n",
           "palabre_votes_refused_total{reason=\"already_voted\"} 2\n",
           "palabre_votes_refused_total{reason=\"own_comment\"} 1\n",
           "palabre_votes_refused_total{reason=\"rate_limited\"} 0\n",
           "palabre_analyze_requests_total{outcome=\"no_key\"} 1\n",
           "# TYPE palabre_votes_refused_total counter\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
}

TEST(Metrics, OriginRefusalsBySite) {
  Metrics m;
  std::string t = m.Render();
  EXPECT_TRUE(Has(t, "# TYPE palabre_origin_refused_total counter"));
  EXPECT_EQ(t.find("palabre_origin_refused_total{"), std::string::npos);
  m.origin_refusals().Record("demo", "http://localhost:8080", 1);
  m.origin_refusals().Record("demo", "https://evil.test", 2);
  m.origin_refusals().Record("autre", "https://evil.test", 3);
  t = m.Render();
  EXPECT_TRUE(Has(t,
                  "palabre_origin_refused_total{site=\"autre\"} 1\n"
                  "palabre_origin_refused_total{site=\"demo\"} 2"));
  EXPECT_EQ(t.find("evil.test"),
            std::string::npos);  // never the origin: it is the client's to choose
}

TEST(Metrics, ConcurrentUpdatesAreAllCounted) {
  Metrics m;
  const int r = m.AddRoute("/x");
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10000; ++j) m.ObserveRequest(r, 200, microseconds(10));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(Has(m.Render(), "palabre_http_requests_total{route=\"/x\",status=\"200\"} 40000"));
}

TEST(Metrics, CommentsEditedAreCountedByOutcome) {
  Metrics m;
  m.CommentEdited(PostedStatus::kPublished);
  m.CommentEdited(PostedStatus::kRejected);
  m.CommentEdited(PostedStatus::kRejected);
  const std::string t = m.Render();
  EXPECT_TRUE(Has(t, "palabre_comments_edited_total{status=\"published\"} 1")) << t;
  EXPECT_TRUE(Has(t, "palabre_comments_edited_total{status=\"rejected\"} 2"));
  EXPECT_TRUE(Has(t, "palabre_comments_edited_total{status=\"held\"} 0"));
  // Posts are counted apart.
  EXPECT_TRUE(Has(t, "palabre_comments_posted_total{status=\"published\"} 0"));
}

TEST(Metrics, CounterFamiliesAreReadAtEachScrapeWithEscapedLabels) {
  Metrics m;
  std::uint64_t runs = 1;
  m.AddCounters("palabre_things_total", "Things.", [&runs] {
    return std::vector<CounterSample>{{{{"check", "a\"b\\c"}, {"action", "pass"}}, runs}, {{}, 7}};
  });
  std::string t = m.Render();
  EXPECT_TRUE(Has(t, "# HELP palabre_things_total Things.")) << t;
  EXPECT_TRUE(Has(t, "# TYPE palabre_things_total counter"));
  EXPECT_TRUE(Has(t, R"(palabre_things_total{check="a\"b\\c",action="pass"} 1)")) << t;
  EXPECT_TRUE(Has(t, "palabre_things_total 7"));
  runs = 5;
  t = m.Render();
  EXPECT_TRUE(Has(t, R"(palabre_things_total{check="a\"b\\c",action="pass"} 5)")) << t;
}

}  // namespace
}  // namespace palabre::http
