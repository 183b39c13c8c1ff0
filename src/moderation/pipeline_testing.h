// The fixture of the pipeline's tests (pipeline_test.cc: how verdicts combine, budgets, the
// default list, per-site settings; pipeline_decisions_test.cc: the default list's decisions and
// what it records): a check with a fixed verdict, and PipelineTest, which evaluates and records
// comments on site "site" with a fake clock. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "moderation/check.h"
#include "moderation/pipeline.h"

namespace palabre::moderation {

using Strings = std::vector<std::string>;

// A check that returns a fixed verdict, optionally after a delay, and counts its runs.
class FakeCheck final : public Check {
 public:
  FakeCheck(std::string name, Verdict verdict, std::chrono::milliseconds delay = {},
            std::atomic<int>* runs = nullptr)
      : name_(std::move(name)), verdict_(std::move(verdict)), delay_(delay), runs_(runs) {}
  std::string_view Name() const override { return name_; }
  Verdict Run(const Comment&, const Context&) const noexcept override {
    if (runs_ != nullptr) ++*runs_;
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    return verdict_;
  }

 private:
  std::string name_;
  Verdict verdict_;
  std::chrono::milliseconds delay_;
  std::atomic<int>* runs_;
};

inline Verdict With(Action action, const std::string& code,
                    std::map<std::string, double> scores = {}, int retry_after_s = 0) {
  Verdict v;
  if (action != Action::kPass) v.Add(Reason{"", code, "détail", 0.5, action, {}});
  v.scores = std::move(scores);
  v.retry_after_s = retry_after_s;
  return v;
}

inline CheckSlot Slot(Stage stage, std::unique_ptr<Check> check, int budget_us = 0) {
  return CheckSlot{stage, budget_us, std::move(check)};
}

inline Strings Codes(const Decision& d) {
  Strings codes;
  for (const auto& r : d.reasons) codes.push_back(r.check + ":" + r.code);
  return codes;
}

class PipelineTest : public ::testing::Test {
 protected:
  Decision Evaluate(Pipeline& p, const std::string& text, const std::string& author = "Awa",
                    const std::string& client = "c1", ThreadId thread_id = 1) {
    Thread thread;
    thread.id = thread_id;
    thread.site_id = site_.id;
    Comment c;
    c.thread_id = thread_id;
    c.author = author;
    c.client_hash = client;
    c.text = text;
    return p.Evaluate(site_, thread, c);
  }

  // Evaluates, then records as the service does when the comment is stored.
  Decision Post(Pipeline& p, const std::string& text, const std::string& author = "Awa",
                const std::string& client = "c1", ThreadId thread_id = 1) {
    Decision d = Evaluate(p, text, author, client, thread_id);
    if (d.action != Action::kReject) {
      Comment stored;
      stored.id = ++last_id_;
      stored.thread_id = thread_id;
      stored.author = author;
      stored.client_hash = client;
      stored.text = text;
      stored.created_at = clock_.NowMs();
      stored.status = d.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
      p.Record(site_, stored, &d);  // as the comment writer: the judged fingerprint reused
    }
    clock_.AdvanceMs(60'000);  // a minute between posts: no flood unless a test wants one
    return d;
  }

  // The default lists, with a budget no loaded CI machine can overrun: these tests pin
  // decisions; budgets are pinned above with deliberately slow checks.
  std::unique_ptr<Pipeline> Default(ModerationConfigs configs = {}) {
    configs.defaults.pipeline.budget_us = 10'000'000;
    for (auto& [site, config] : configs.sites) config.pipeline.budget_us = 10'000'000;
    auto p = Pipeline::Create(configs, clock_);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return std::move(p).value();
  }

  void SetUp() override { site_.id = "site"; }

  FakeClock clock_;
  Site site_;
  CommentId last_id_ = 0;
};

}  // namespace palabre::moderation
