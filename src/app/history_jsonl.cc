#include "app/history_jsonl.h"

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/text/relative_time.h"

namespace palabre::app {
namespace {

namespace json = boost::json;

// The string member `name` ("" when absent or null); false when present with another type.
bool StringField(const json::object& o, const char* name, std::string& out) {
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

// Numbers, booleans and times: left as they are when absent or null; false for another type.
bool IntField(const json::object& o, const char* name, std::int64_t& out) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_int64()) return false;
  out = v->get_int64();
  return true;
}

bool BoolField(const json::object& o, const char* name, bool& out) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_bool()) return false;
  out = v->get_bool();
  return true;
}

bool DoubleField(const json::object& o, const char* name, double& out) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_number()) return false;
  out = v->to_number<double>();
  return true;
}

bool TimeField(const json::object& o, const char* name, std::optional<TimestampMs>& out) {
  std::string s;
  if (!StringField(o, name, s)) return false;
  if (s.empty()) return true;
  auto at = text::ParseIso8601(s);
  if (!at.ok()) return false;
  out = *at;
  return true;
}

// A JSON value kept as text (a decision, the site's settings): an object or array is written
// back compactly, a string taken as it is.
bool JsonTextField(const json::object& o, const char* name, std::string& out) {
  out.clear();
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_string()) {
    out = std::string(v->get_string());
    return true;
  }
  if (!v->is_object() && !v->is_array()) return false;
  out = json::serialize(*v);
  return true;
}

// The text of a JSON value as a member: the value itself when it parses as an object or array,
// else the text as a string.
json::value JsonText(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (!ec && (v.is_object() || v.is_array())) return v;
  return json::value(text);
}

Result<HistoryRecord> ParseThread(const json::object& o) {
  service::ImportedThread t;
  if (!StringField(o, "id", t.key) || !StringField(o, "title", t.title) ||
      !StringField(o, "body", t.body)) {
    return Status(Error::kInvalidArgument, "thread fields must be strings");
  }
  if (t.key.empty()) return Status(Error::kInvalidArgument, "thread without id");
  std::optional<TimestampMs> created;
  if (!BoolField(o, "closed", t.closed)) return Status(Error::kInvalidArgument, "closed");
  if (!TimeField(o, "created_at", created)) {
    return Status(Error::kInvalidArgument, "created_at: not an RFC 3339 time");
  }
  t.created_at = created.value_or(0);
  return HistoryRecord(std::move(t));
}

Result<HistoryRecord> ParseSite(const json::object& o) {
  Site s;
  const auto* origins = o.if_contains("origins");
  if (!StringField(o, "id", s.id) || !StringField(o, "name", s.name) ||
      !StringField(o, "locale", s.locale) || !StringField(o, "time_zone", s.time_zone) ||
      !StringField(o, "salt", s.salt) ||
      !BoolField(o, "auto_create_threads", s.auto_create_threads) ||
      !JsonTextField(o, "settings", s.settings) ||
      (origins != nullptr && !origins->is_null() && !origins->is_array())) {
    return Status(Error::kInvalidArgument, "site: a field has the wrong type");
  }
  if (origins != nullptr && origins->is_array()) {
    for (const auto& origin : origins->get_array()) {
      if (!origin.is_string()) return Status(Error::kInvalidArgument, "origins: not strings");
      s.origins.emplace_back(origin.get_string());
    }
  }
  if (s.settings.empty()) s.settings = "{}";
  return HistoryRecord(std::move(s));
}

Result<HistoryRecord> ParseBan(const json::object& o) {
  Ban b;
  std::optional<TimestampMs> created, expires;
  if (!StringField(o, "author_folded", b.author_folded) ||
      !StringField(o, "client_hash", b.client_hash) ||
      !StringField(o, "email_hash", b.email_hash) || !StringField(o, "reason", b.reason) ||
      !TimeField(o, "created_at", created) || !TimeField(o, "expires_at", expires)) {
    return Status(Error::kInvalidArgument, "ban: a field has the wrong type");
  }
  if (b.author_folded.empty() && b.client_hash.empty() && b.email_hash.empty()) {
    return Status(Error::kInvalidArgument, "ban: nothing to match");
  }
  b.created_at = created.value_or(0);
  b.expires_at = expires.value_or(0);
  return HistoryRecord(std::move(b));
}

Result<HistoryRecord> ParseVote(const json::object& o) {
  HistoryVote v;
  std::int64_t direction = 0;
  std::optional<TimestampMs> created;
  if (!StringField(o, "comment", v.comment) || !StringField(o, "voter_hash", v.vote.voter_hash) ||
      !StringField(o, "token_hash", v.vote.token_hash) || !IntField(o, "direction", direction) ||
      !TimeField(o, "created_at", created)) {
    return Status(Error::kInvalidArgument, "vote: a field has the wrong type");
  }
  if (v.comment.empty() || v.vote.voter_hash.empty() || (direction != 1 && direction != -1)) {
    return Status(Error::kInvalidArgument, "vote: needs comment, voter_hash and direction ±1");
  }
  v.vote.direction = static_cast<int>(direction);
  v.vote.created_at = created.value_or(0);
  return HistoryRecord(std::move(v));
}

Result<HistoryRecord> ParseReport(const json::object& o) {
  HistoryReport r;
  std::string reason, outcome;
  std::optional<TimestampMs> created;
  if (!StringField(o, "comment", r.comment) || !StringField(o, "reason", reason) ||
      !StringField(o, "note", r.report.note) ||
      !StringField(o, "reporter_hash", r.report.reporter_hash) ||
      !StringField(o, "range_hash", r.report.range_hash) ||
      !StringField(o, "token_hash", r.report.token_hash) || !TimeField(o, "created_at", created) ||
      !BoolField(o, "resolved", r.report.resolved) || !StringField(o, "outcome", outcome) ||
      !BoolField(o, "burst", r.report.burst)) {
    return Status(Error::kInvalidArgument, "report: a field has the wrong type");
  }
  const auto parsed_reason = ParseReportReason(reason);
  const auto parsed_outcome = ParseReportOutcome(outcome);
  if (r.comment.empty() || !parsed_reason || !parsed_outcome) {
    return Status(Error::kInvalidArgument, "report: needs comment, a known reason and outcome");
  }
  r.report.reason = *parsed_reason;
  r.report.outcome = *parsed_outcome;
  r.report.created_at = created.value_or(0);
  return HistoryRecord(std::move(r));
}

Result<HistoryRecord> ParseComment(const json::object& o) {
  service::ImportedComment c;
  std::string created, status;
  if (!StringField(o, "id", c.source_id) || !StringField(o, "thread", c.thread_key) ||
      !StringField(o, "parent", c.parent_source_id) || !StringField(o, "author", c.author) ||
      !StringField(o, "text", c.text) || !StringField(o, "created_at", created)) {
    return Status(Error::kInvalidArgument, "comment fields must be strings");
  }
  if (c.thread_key.empty()) return Status(Error::kInvalidArgument, "missing thread");
  auto at = text::ParseIso8601(created);
  if (!at.ok()) return Status(Error::kInvalidArgument, "created_at: not an RFC 3339 time");
  c.created_at = *at;
  if (!StringField(o, "status", status) || !TimeField(o, "edited_at", c.edited_at) ||
      !IntField(o, "upvotes", c.upvotes) || !IntField(o, "downvotes", c.downvotes) ||
      !StringField(o, "email", c.email) || !StringField(o, "client_hash", c.client_hash) ||
      !JsonTextField(o, "moderation", c.moderation) || !BoolField(o, "review", c.review) ||
      !DoubleField(o, "risk", c.risk) || !BoolField(o, "auto_rejected", c.auto_rejected)) {
    return Status(Error::kInvalidArgument, "a comment field has the wrong type");
  }
  if (!status.empty()) {
    auto parsed = ParseCommentStatus(status);
    if (!parsed) return Status(Error::kInvalidArgument, "status: unknown");
    c.status = *parsed;
  }
  return HistoryRecord(std::move(c));
}

std::string Line(const json::object& o) { return json::serialize(o); }

}  // namespace

Result<HistoryRecord> ParseHistoryLine(std::string_view line) {
  if (line.size() > kMaxHistoryLineBytes) return Status(Error::kBodyTooLarge, "line over 1 MiB");
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;  // a decision's or the settings' JSON inside a line
  json::value value = json::parse(line, ec, {}, opts);
  if (ec || !value.is_object()) return Status(Error::kInvalidJson, "not a JSON object");
  const auto& o = value.get_object();
  std::string type;
  if (!StringField(o, "type", type)) return Status(Error::kInvalidArgument, "type: not a string");
  if (type == "thread") return ParseThread(o);
  if (type == "site") return ParseSite(o);
  if (type == "ban") return ParseBan(o);
  if (type == "vote") return ParseVote(o);
  if (type == "report") return ParseReport(o);
  if (!type.empty() && type != "comment") {
    return Status(Error::kInvalidArgument, "unknown type '" + type.substr(0, 20) + "'");
  }
  return ParseComment(o);
}

std::string ThreadLine(const Thread& t) {
  json::object o;
  o["type"] = "thread";
  o["id"] = t.key;
  o["title"] = t.title;
  if (!t.body.empty()) o["body"] = t.body;
  o["closed"] = t.closed;
  o["created_at"] = text::Iso8601(t.created_at);
  return Line(o);
}

std::string CommentLine(const Comment& c, std::string_view id, std::string_view thread_key,
                        std::string_view parent) {
  json::object o;
  o["type"] = "comment";
  o["id"] = id;
  o["thread"] = thread_key;
  o["parent"] = parent.empty() ? json::value(nullptr) : json::value(parent);
  o["author"] = c.author;
  o["text"] = c.text;
  o["created_at"] = text::Iso8601(c.created_at);
  o["status"] = ToString(c.status);
  if (c.edited_at) o["edited_at"] = text::Iso8601(*c.edited_at);
  o["upvotes"] = c.upvotes;
  o["downvotes"] = c.downvotes;
  if (!c.email.empty()) o["email"] = c.email;
  if (!c.client_hash.empty()) o["client_hash"] = c.client_hash;
  if (!c.moderation.empty()) o["moderation"] = JsonText(c.moderation);
  if (c.review) o["review"] = true;
  if (c.risk != 0.0) o["risk"] = c.risk;
  if (c.auto_rejected) o["auto_rejected"] = true;
  return Line(o);
}

std::string SiteLine(const Site& s) {
  json::array origins;
  for (const auto& origin : s.origins) origins.emplace_back(origin);
  json::object o;
  o["type"] = "site";
  o["id"] = s.id;
  o["name"] = s.name;
  o["origins"] = std::move(origins);
  o["locale"] = s.locale;
  o["time_zone"] = s.time_zone;
  o["auto_create_threads"] = s.auto_create_threads;
  o["settings"] = JsonText(s.settings);
  o["salt"] = s.salt;
  return Line(o);
}

std::string BanLine(const Ban& b) {
  json::object o;
  o["type"] = "ban";
  if (!b.author_folded.empty()) o["author_folded"] = b.author_folded;
  if (!b.client_hash.empty()) o["client_hash"] = b.client_hash;
  if (!b.email_hash.empty()) o["email_hash"] = b.email_hash;
  o["reason"] = b.reason;
  o["created_at"] = text::Iso8601(b.created_at);
  o["expires_at"] =
      b.expires_at == 0 ? json::value(nullptr) : json::value(text::Iso8601(b.expires_at));
  return Line(o);
}

std::string VoteLine(const CommentVote& v, std::string_view comment) {
  json::object o;
  o["type"] = "vote";
  o["comment"] = comment;
  o["voter_hash"] = v.voter_hash;
  if (!v.token_hash.empty()) o["token_hash"] = v.token_hash;
  o["direction"] = v.direction;
  o["created_at"] = text::Iso8601(v.created_at);
  return Line(o);
}

std::string ReportLine(const Report& r, std::string_view comment) {
  json::object o;
  o["type"] = "report";
  o["comment"] = comment;
  o["reason"] = ToString(r.reason);
  if (!r.note.empty()) o["note"] = r.note;
  o["reporter_hash"] = r.reporter_hash;
  if (!r.range_hash.empty()) o["range_hash"] = r.range_hash;
  if (!r.token_hash.empty()) o["token_hash"] = r.token_hash;
  o["created_at"] = text::Iso8601(r.created_at);
  o["resolved"] = r.resolved;
  if (r.outcome != ReportOutcome::kNone) o["outcome"] = ToString(r.outcome);
  if (r.burst) o["burst"] = true;
  return Line(o);
}

}  // namespace palabre::app
