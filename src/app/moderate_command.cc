#include "app/moderate_command.h"

#include <boost/json.hpp>
#include <istream>
#include <ostream>
#include <set>
#include <unordered_map>

#include "app/history_jsonl.h"

namespace palabre::app {
namespace {

constexpr const char* kScoreNames[] = {"threat", "hate", "insult", "spam", "toxicity"};

std::string DecisionLine(const std::string& id, const moderation::Decision& d) {
  boost::json::object line;
  line["id"] = id;
  line["action"] = std::string(moderation::ToString(d.action));
  boost::json::array reasons;
  for (const auto& r : d.reasons) {
    reasons.push_back(boost::json::object{{"check", r.check},
                                          {"code", r.code},
                                          {"detail", r.detail},
                                          {"score", r.score},
                                          {"action", moderation::ReasonActionName(r.action)}});
  }
  line["reasons"] = std::move(reasons);
  boost::json::object scores;
  for (const char* name : kScoreNames) {
    auto it = d.scores.find(name);
    if (it == d.scores.end()) {
      scores[name] = nullptr;
    } else {
      scores[name] = it->second;
    }
  }
  line["scores"] = std::move(scores);
  return boost::json::serialize(line);
}

}  // namespace

ModerateSummary ModerateJsonLines(moderation::Moderator& moderator, const std::string& site_id,
                                  std::istream& in, std::ostream& out, std::ostream& err) {
  ModerateSummary summary;
  Site site;
  site.id = site_id;
  std::unordered_map<std::string, Thread> threads;  // by key
  std::unordered_map<std::string, CommentId> ids;   // source id -> id given here
  CommentId next_comment = 1;
  ThreadId next_thread = 1;

  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto record = ParseHistoryLine(line);
    if (!record.ok()) {
      ++summary.bad_lines;
      err << "line " << number << ": " << record.status().ToString() << "\n";
      continue;
    }
    if (auto* t = std::get_if<service::ImportedThread>(&*record)) {
      Thread& thread = threads[t->key];
      if (thread.id == 0) thread.id = next_thread++;
      thread.site_id = site_id;
      thread.key = t->key;
      thread.title = t->title;
      thread.body = t->body;
      continue;
    }
    const auto* in = std::get_if<service::ImportedComment>(&*record);
    if (in == nullptr) continue;  // a site's or a ban's line (`palabre export`)
    const auto& c = *in;
    Thread& thread = threads[c.thread_key];
    if (thread.id == 0) {
      thread.id = next_thread++;
      thread.site_id = site_id;
      thread.key = c.thread_key;
    }
    Comment comment;
    comment.thread_id = thread.id;
    if (!c.parent_source_id.empty()) {
      if (auto p = ids.find(c.parent_source_id); p != ids.end()) comment.parent_id = p->second;
    }
    comment.author = c.author;
    comment.text = c.text;
    comment.created_at = c.created_at;
    const moderation::Decision decision = moderator.Evaluate(site, thread, comment);
    out << DecisionLine(c.source_id, decision) << "\n";

    ++summary.comments;
    std::set<std::string> codes;
    for (const auto& r : decision.reasons) codes.insert(r.code);
    for (const auto& code : codes) ++summary.by_code[code];
    if (decision.action == moderation::Action::kReject || decision.rate_limited()) {
      ++summary.rejected;
      continue;
    }
    if (decision.review()) {
      ++summary.review;
    } else {
      decision.published() ? ++summary.published : ++summary.held;
    }
    comment.id = next_comment++;
    comment.status = decision.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
    ids[c.source_id] = comment.id;
    moderator.Record(site, comment, &decision);
  }
  err << "moderated " << summary.comments << " comments: " << summary.published << " publish, "
      << summary.review << " review, " << summary.held << " hold, " << summary.rejected
      << " reject; " << summary.bad_lines << " bad lines\n";
  for (const auto& [code, count] : summary.by_code) err << "  " << code << ": " << count << "\n";
  return summary;
}

}  // namespace palabre::app
