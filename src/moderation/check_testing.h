// Test helpers (tests only): one comment in its Context, built as the pipeline builds it, so a
// check can be run alone; and a fixture whose check is built once per suite. Not thread-safe;
// keep a CheckInput alive while its Context is used.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "moderation/check.h"
#include "moderation/pipeline.h"

namespace palabre::moderation::testing {

inline constexpr TimestampMs kTestNow = 1'700'000'000'000;

struct CheckInput {
  explicit CheckInput(std::string_view body, const HistoryView* history = nullptr,
                      TimestampMs now = kTestNow, std::string author = "Awa",
                      std::string client_hash = "client-1", ThreadId thread_id = 1) {
    site.id = "site";
    thread.id = thread_id;
    thread.site_id = site.id;
    comment.thread_id = thread_id;
    comment.author = std::move(author);
    comment.client_hash = std::move(client_hash);
    comment.text = std::string(body);
    comment.created_at = now;
    text = Normalize(comment.text);
    fingerprint = ComputeFingerprint(text);
    context.now = now;
    context.site = &site;
    context.thread = &thread;
    context.text = &text;
    context.fingerprint = &fingerprint;
    context.author = AuthorOf(comment);
    context.history = history;
  }
  CheckInput(const CheckInput&) = delete;
  CheckInput& operator=(const CheckInput&) = delete;

  Verdict Run(const Check& check) const { return check.Run(comment, context); }

  Site site;
  Thread thread;
  Comment comment;
  NormalizedText text;
  Fingerprint fingerprint;
  Context context;
};

// The codes of a verdict's reasons, in order.
inline std::vector<std::string> Codes(const Verdict& v) {
  std::vector<std::string> codes;
  for (const auto& r : v.reasons) codes.push_back(r.code);
  return codes;
}

// The text of `original` each span of the first reason points at.
inline std::vector<std::string> SpanTexts(const Verdict& v, std::string_view original,
                                          std::size_t reason = 0) {
  std::vector<std::string> out;
  if (v.reasons.size() <= reason) return out;
  for (const Span& s : v.reasons[reason].spans) {
    out.emplace_back(original.substr(s.begin, s.end - s.begin));
  }
  return out;
}

// A fixture whose check (of type CheckT, built from a default ConfigT) is built once for the
// whole suite: for checks whose tables take long to build, like the violence check's.
template <typename CheckT, typename ConfigT>
class SharedCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { check_ = new CheckT(ConfigT{}); }
  static void TearDownTestSuite() {
    delete check_;
    check_ = nullptr;
  }
  static Verdict Run(std::string_view text) {
    CheckInput in(text);
    return in.Run(*check_);
  }
  // Expects each text to pass with no reason at all; a failure names the text and the reason.
  template <typename Texts>
  static void ExpectPass(const Texts& texts) {
    for (std::string_view text : texts) {
      const Verdict v = Run(text);
      EXPECT_TRUE(v.action == Action::kPass && v.reasons.empty())
          << text << ": " << (v.reasons.empty() ? "" : v.reasons[0].detail);
    }
  }
  static inline CheckT* check_ = nullptr;
};

}  // namespace palabre::moderation::testing
