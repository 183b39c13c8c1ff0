#include "app/history_jsonl.h"

#include <boost/json.hpp>
#include <string>

#include "core/text/relative_time.h"

namespace palabre::app {
namespace {

// The string member `name` ("" when absent or null); false when present with another type.
bool StringField(const boost::json::object& o, const char* name, std::string& out) {
  out.clear();
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) {
    out = std::string(v->get_string());
    return true;
  }
  if (v->is_int64()) {
    out = std::to_string(v->get_int64());
    return true;
  }
  if (v->is_uint64()) {
    out = std::to_string(v->get_uint64());
    return true;
  }
  return false;
}

}  // namespace

Result<HistoryRecord> ParseHistoryLine(std::string_view line) {
  if (line.size() > kMaxHistoryLineBytes) return Status(Error::kBodyTooLarge, "line over 1 MiB");
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 8;
  boost::json::value value = boost::json::parse(line, ec, {}, opts);
  if (ec || !value.is_object()) return Status(Error::kInvalidJson, "not a JSON object");
  const auto& o = value.get_object();
  std::string type;
  if (!StringField(o, "type", type)) return Status(Error::kInvalidArgument, "type: not a string");
  if (type == "thread") {
    service::ImportedThread t;
    if (!StringField(o, "id", t.key) || !StringField(o, "title", t.title) ||
        !StringField(o, "body", t.body)) {
      return Status(Error::kInvalidArgument, "thread fields must be strings");
    }
    if (t.key.empty()) return Status(Error::kInvalidArgument, "thread without id");
    return HistoryRecord(std::move(t));
  }
  if (!type.empty() && type != "comment") {
    return Status(Error::kInvalidArgument, "unknown type '" + type.substr(0, 20) + "'");
  }
  service::ImportedComment c;
  std::string created;
  if (!StringField(o, "id", c.source_id) || !StringField(o, "thread", c.thread_key) ||
      !StringField(o, "parent", c.parent_source_id) || !StringField(o, "author", c.author) ||
      !StringField(o, "text", c.text) || !StringField(o, "created_at", created)) {
    return Status(Error::kInvalidArgument, "comment fields must be strings");
  }
  if (c.thread_key.empty()) return Status(Error::kInvalidArgument, "missing thread");
  auto at = text::ParseIso8601(created);
  if (!at.ok()) return Status(Error::kInvalidArgument, "created_at: not an RFC 3339 time");
  c.created_at = *at;
  return HistoryRecord(std::move(c));
}

}  // namespace palabre::app
