#include "app/moderation_metrics.h"

#include <gtest/gtest.h>

#include <string>

namespace palabre::app {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(ModerationMetrics, EachCheckCountsItsVerdictsByActionWithPassTheRest) {
  moderation::CheckStats lexicon;
  lexicon.name = "lexicon";
  lexicon.runs = 10;
  lexicon.flags = 1;
  lexicon.holds = 2;
  lexicon.rejects = 3;
  lexicon.over_budget = 4;
  moderation::CheckStats flood;
  flood.name = "flood";
  flood.runs = 5;
  flood.failures = 1;

  http::Metrics metrics;
  const std::vector<moderation::CheckStats> stats = {lexicon, flood};
  metrics.AddCounters("palabre_moderation_check_total", "Verdicts.",
                      [&stats] { return CheckActionSamples(stats); });
  metrics.AddCounters("palabre_moderation_check_over_budget_total", "Over budget.",
                      [&stats] { return CheckOverBudgetSamples(stats); });
  metrics.AddCounters("palabre_moderation_check_failures_total", "Failures.",
                      [&stats] { return CheckFailureSamples(stats); });
  const std::string t = metrics.Render();
  EXPECT_TRUE(Has(t, "# TYPE palabre_moderation_check_total counter")) << t;
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="lexicon",action="pass"} 4)")) << t;
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="lexicon",action="flag"} 1)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="lexicon",action="review"} 0)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="lexicon",action="hold"} 2)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="lexicon",action="reject"} 3)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_total{check="flood",action="pass"} 5)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_over_budget_total{check="lexicon"} 4)"));
  EXPECT_TRUE(Has(t, R"(palabre_moderation_check_failures_total{check="flood"} 1)"));
}

}  // namespace
}  // namespace palabre::app
