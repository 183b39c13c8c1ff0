#include "app/pipeline_eval.h"

#include <cstdio>
#include <set>

#include "core/model.h"

namespace palabre::app {
namespace {

namespace clf = moderation::classifier;

std::string Percent(std::size_t part, std::size_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  return buf;
}

std::string Row(const std::string& name, const Tally& t, std::size_t shown) {
  char line[200];
  std::snprintf(line, sizeof line, "  %-22s %5zu %8zu %7zu %6zu %7zu %8s\n", name.c_str(), t.total,
                t.published, t.review, t.held, t.rejected, Percent(shown, t.total).c_str());
  return line;
}

std::string Header(const char* last) {
  char line[200];
  std::snprintf(line, sizeof line, "  %-22s %5s %8s %7s %6s %7s %8s\n", "group", "rows", "publish",
                "review", "hold", "reject", last);
  return line;
}

}  // namespace

void Tally::Add(moderation::Action action) {
  ++total;
  switch (action) {
    case moderation::Action::kPass:
    case moderation::Action::kFlag:
      ++published;
      break;
    case moderation::Action::kReview:
      ++review;
      break;
    case moderation::Action::kHold:
      ++held;
      break;
    case moderation::Action::kReject:
      ++rejected;
      break;
  }
}

std::size_t CountWords(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

PipelineReport EvaluatePipeline(moderation::Moderator& moderator,
                                const std::vector<clf::LabelledRow>& rows) {
  PipelineReport report;
  Site site;
  site.id = "eval";
  site.salt = "eval";
  Thread thread;
  thread.id = 1;
  thread.site_id = site.id;
  thread.key = "eval";
  TimestampMs at = 1'700'000'000'000;
  std::size_t n = 0;
  for (const clf::LabelledRow& row : rows) {
    Comment comment;
    comment.thread_id = thread.id;
    comment.author = "Lecteur " + std::to_string(++n);
    comment.client_hash = "client-" + std::to_string(n);
    comment.text = row.text;
    comment.created_at = at += 3'600'000;
    const moderation::Decision decision = moderator.Evaluate(site, thread, comment);
    const bool legitimate = row.label == clf::Label::kOk;
    const std::string group =
        !row.category.empty() ? row.category : std::string(clf::LabelName(row.label));
    if (legitimate) {
      report.legitimate.Add(decision.action);
      report.legitimate_groups[group].Add(decision.action);
      if (CountWords(row.text) <= 8) report.legitimate_short.Add(decision.action);
      if (!decision.published()) {
        std::set<std::string> codes;
        for (const moderation::Reason& r : decision.reasons) {
          if (r.action >= moderation::Action::kHold) codes.insert(r.check + "/" + r.code);
        }
        for (const std::string& code : codes) ++report.false_hold_reasons[code];
      }
    } else {
      report.hostile.Add(decision.action);
      report.hostile_groups[group].Add(decision.action);
    }
  }
  return report;
}

std::string PipelineReport::ToText() const {
  std::string text;
  text += "legitimate comments (held or rejected = false positives)\n" + Header("stopped");
  for (const auto& [name, t] : legitimate_groups) text += Row(name, t, t.stopped());
  text += Row("all legitimate", legitimate, legitimate.stopped());
  text += Row("short (1-8 words)", legitimate_short, legitimate_short.stopped());
  text += "hostile comments (recall = held or rejected)\n" + Header("recall");
  for (const auto& [name, t] : hostile_groups) text += Row(name, t, t.stopped());
  text += Row("all hostile", hostile, hostile.stopped());
  if (!false_hold_reasons.empty()) {
    text += "reasons behind legitimate comments stopped:";
    for (const auto& [code, count] : false_hold_reasons) {
      text += " " + code + " " + std::to_string(count);
    }
    text += "\n";
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "legitimate held or rejected: %zu/%zu (%s); hostile stopped: %zu/%zu (%s)\n",
                legitimate.stopped(), legitimate.total,
                Percent(legitimate.stopped(), legitimate.total).c_str(), hostile.stopped(),
                hostile.total, Percent(hostile.stopped(), hostile.total).c_str());
  text += line;
  return text;
}

}  // namespace palabre::app
