#include "moderation/checks/violence_check.h"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moderation/checks/violence/matcher.h"
#include "moderation/checks/violence/tables.h"
#include "moderation/checks/violence/tokens.h"

namespace palabre::moderation {
namespace {

using violence::Code;
using violence::Match;
using violence::Matcher;
using violence::Quote;
using violence::QuotedToAnswer;
using violence::Token;
using violence::Tokenize;

}  // namespace

ViolenceCheck::ViolenceCheck(const ViolenceConfig& config)
    : config_(config), tables_(violence::BuildTables(config)) {}

ViolenceCheck::~ViolenceCheck() = default;

Verdict ViolenceCheck::Run(const Comment& /*comment*/, const Context& context) const noexcept {
  Verdict v;
  try {
    const NormalizedText& text = *context.text;
    const std::vector<Token> tokens = Tokenize(text, *tables_);
    if (tokens.empty()) return v;
    std::vector<Match> matches = Matcher(tokens, *tables_).Run();
    // A match with any of its words in a quotation given back to answer it ("celui qui dit que
    // les soldats « méritaient » leur mort") is someone else's words.
    matches.erase(std::remove_if(matches.begin(), matches.end(),
                                 [&](const Match& m) {
                                   return std::any_of(
                                       m.ranges.begin(), m.ranges.end(), [&](const auto& range) {
                                         return QuotedToAnswer(tokens, text.original, range.first);
                                       });
                                 }),
                  matches.end());
    if (matches.empty()) return v;
    double best = 0.0;
    for (const Code code : {Code::kIncitement, Code::kApologia, Code::kThreat}) {
      const Match* first = nullptr;
      double score = 0.0;
      std::vector<Span> spans;
      for (const Match& m : matches) {
        if (m.code != code) continue;
        if (first == nullptr) first = &m;
        score = std::max(score, m.score);
        for (const auto& range : m.ranges) {
          const Span s{tokens[static_cast<std::size_t>(range.first)].span.begin,
                       tokens[static_cast<std::size_t>(range.second)].span.end};
          const bool seen = std::any_of(spans.begin(), spans.end(), [&](const Span& o) {
            return o.begin == s.begin && o.end == s.end;
          });
          if (!seen) spans.push_back(s);
        }
      }
      if (first == nullptr) continue;
      const Action action = code == Code::kIncitement ? config_.incitement_action
                            : code == Code::kApologia ? config_.apologia_action
                                                      : config_.threat_action;
      best = std::max(best, score);
      if (action == Action::kPass) continue;  // the site turned this code off
      std::string quote;
      for (std::size_t r = 0; r < first->ranges.size(); ++r) {
        if (r > 0) quote += " … ";
        quote += Quote(tokens, text.original, first->ranges[r]);
      }
      // In text order; spans of several matches that overlap become one.
      std::sort(spans.begin(), spans.end(),
                [](const Span& a, const Span& b) { return a.begin < b.begin; });
      std::vector<Span> merged;
      for (const Span& s : spans) {
        if (!merged.empty() && s.begin < merged.back().end) {
          merged.back().end = std::max(merged.back().end, s.end);
        } else {
          merged.push_back(s);
        }
      }
      spans = std::move(merged);
      const std::string_view name = code == Code::kIncitement ? "incitement"
                                    : code == Code::kApologia ? "terrorism_apologia"
                                                              : "threat";
      v.Add(Reason{std::string(Name()), std::string(name), first->label + " (« " + quote + " »)",
                   score, action, std::move(spans)});
    }
    v.scores["violence"] = best;
  } catch (...) {  // allocation failure: the pipeline flags the comment
    Verdict failed;
    failed.failed = true;
    return failed;
  }
  return v;
}

}  // namespace palabre::moderation
