// libFuzzer target: one line of a publisher's JSON Lines history (`palabre import`, `palabre
// moderate`, `palabre export`) never crashes the reader, fails only with the documented errors,
// and a thread or comment it accepts it accepts again when written back: the record
// re-serialised as JSON (with its time as RFC 3339) parses to the same record; likewise a vote
// or a report written back by the export's own line writers.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "app/history_jsonl.h"
#include "core/text/relative_time.h"

namespace {

using palabre::service::ImportedComment;
using palabre::service::ImportedThread;

std::string Write(const ImportedThread& t) {
  boost::json::object o;
  o["type"] = "thread";
  o["id"] = t.key;
  o["title"] = t.title;
  o["body"] = t.body;
  return boost::json::serialize(o);
}

std::string Write(const ImportedComment& c) {
  boost::json::object o;
  o["id"] = c.source_id;
  o["thread"] = c.thread_key;
  o["parent"] = c.parent_source_id;
  o["author"] = c.author;
  o["text"] = c.text;
  o["created_at"] = palabre::text::Iso8601(c.created_at);
  return boost::json::serialize(o);
}

bool Same(const ImportedThread& a, const ImportedThread& b) {
  return a.key == b.key && a.title == b.title && a.body == b.body;
}

bool Same(const ImportedComment& a, const ImportedComment& b) {
  return a.source_id == b.source_id && a.thread_key == b.thread_key &&
         a.parent_source_id == b.parent_source_id && a.author == b.author && a.text == b.text &&
         a.created_at == b.created_at;
}

// What was accepted reads back the same once written again.
template <typename T>
void CheckRoundTrip(const T& r) {
  if constexpr (std::is_same_v<T, ImportedThread>) {
    if (r.key.empty()) std::abort();  // a thread always has its id
  } else {
    if (r.thread_key.empty()) std::abort();  // a comment always names its thread
  }
  const auto again = palabre::app::ParseHistoryLine(Write(r));
  if (!again.ok() || !std::holds_alternative<T>(*again) || !Same(std::get<T>(*again), r)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using palabre::Error;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto record = palabre::app::ParseHistoryLine(line);
  if (!record.ok()) {
    const Error e = record.error();
    if (e != Error::kInvalidJson && e != Error::kInvalidArgument && e != Error::kBodyTooLarge) {
      std::abort();
    }
    return 0;
  }
  // A site's or a ban's line (`palabre export`) only has to be read without a crash.
  if (const auto* t = std::get_if<ImportedThread>(&*record)) CheckRoundTrip(*t);
  if (const auto* c = std::get_if<ImportedComment>(&*record)) CheckRoundTrip(*c);
  // A vote or a report reads back the same once written by the export's own writer.
  if (const auto* v = std::get_if<palabre::app::HistoryVote>(&*record)) {
    const auto again = palabre::app::ParseHistoryLine(palabre::app::VoteLine(v->vote, v->comment));
    const auto* w = again.ok() ? std::get_if<palabre::app::HistoryVote>(&*again) : nullptr;
    if (w == nullptr || w->comment != v->comment || w->vote.voter_hash != v->vote.voter_hash ||
        w->vote.token_hash != v->vote.token_hash || w->vote.direction != v->vote.direction ||
        w->vote.created_at != v->vote.created_at) {
      std::abort();
    }
  }
  if (const auto* r = std::get_if<palabre::app::HistoryReport>(&*record)) {
    const auto again =
        palabre::app::ParseHistoryLine(palabre::app::ReportLine(r->report, r->comment));
    const auto* w = again.ok() ? std::get_if<palabre::app::HistoryReport>(&*again) : nullptr;
    if (w == nullptr || w->comment != r->comment || w->report.reason != r->report.reason ||
        w->report.note != r->report.note || w->report.reporter_hash != r->report.reporter_hash ||
        w->report.resolved != r->report.resolved || w->report.outcome != r->report.outcome ||
        w->report.created_at != r->report.created_at || w->report.burst != r->report.burst) {
      std::abort();
    }
  }
  return 0;
}
