#include "http/json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <vector>

#include "core/text/relative_time.h"
#include "core/text/utf8.h"

namespace palabre::http {
namespace {

// A Boost.JSON SAX handler that builds nothing and fails on what Boost.JSON's own parser lets
// through: the same key twice in one object (the DOM keeps the last one silently, so two
// readers of one body could disagree) and a NUL in a string or key (it cuts C strings, and no
// text palabre keeps has one).
class StrictHandler {
 public:
  enum class Problem { kNone, kDuplicateKey, kNul };

  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  Problem problem() const { return problem_; }

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    return NoNul(s, ec);
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    return NoNul(s, ec);
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    return NoNul(s, ec);
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
    if (!NoNul(s, ec)) return false;
    key_.append(s.data(), s.size());
    const bool fresh = keys_.back().insert(std::move(key_)).second;
    key_.clear();
    if (!fresh) return Fail(Problem::kDuplicateKey, ec);
    return true;
  }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) {
    return true;
  }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  bool NoNul(boost::json::string_view s, boost::system::error_code& ec) {
    if (s.find('\0') == boost::json::string_view::npos) return true;
    return Fail(Problem::kNul, ec);
  }
  bool Fail(Problem p, boost::system::error_code& ec) {
    problem_ = p;
    ec = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
    return false;
  }

  Problem problem_ = Problem::kNone;
  std::vector<std::set<std::string>> keys_;  // one per open object
  std::string key_;                          // a key arriving in parts
};

}  // namespace

Status CheckStrictJson(std::string_view body, std::size_t max_depth) {
  boost::json::parse_options opts;
  opts.max_depth = max_depth;
  boost::json::basic_parser<StrictHandler> parser(opts);
  boost::system::error_code ec;
  try {
    parser.write_some(false, body.data(), body.size(), ec);
  } catch (const std::exception&) {  // allocation failure
    return Status(Error::kInvalidJson, "parse failed");
  }
  switch (parser.handler().problem()) {
    case StrictHandler::Problem::kDuplicateKey:
      return Status(Error::kDuplicateJsonKey, "the same key twice in one object");
    case StrictHandler::Problem::kNul:
      return Status(Error::kNulCharacter, "a NUL character in a string");
    case StrictHandler::Problem::kNone:
      break;
  }
  if (ec) return Status(Error::kInvalidJson, ec.message());
  return Status::Ok();
}

JsonObject::Field JsonObject::MakeField(const boost::json::value& x, bool keep_items) {
  Field f;
  switch (x.kind()) {
    case boost::json::kind::null:
      f.kind = Kind::kNull;
      break;
    case boost::json::kind::bool_:
      f.kind = Kind::kBool;
      break;
    case boost::json::kind::int64:
      f.kind = Kind::kInt;
      f.integer = x.get_int64();
      break;
    case boost::json::kind::uint64:
      if (x.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        f.kind = Kind::kInt;
        f.integer = static_cast<std::int64_t>(x.get_uint64());
      } else {
        f.kind = Kind::kDouble;
      }
      break;
    case boost::json::kind::double_:
      f.kind = Kind::kDouble;
      break;
    case boost::json::kind::string:
      f.kind = Kind::kString;
      f.text.assign(x.get_string().data(), x.get_string().size());
      break;
    case boost::json::kind::array:
      f.kind = Kind::kArray;
      if (keep_items) {
        f.items.reserve(x.get_array().size());
        for (const auto& item : x.get_array()) f.items.push_back(MakeField(item, false));
      }
      break;
    case boost::json::kind::object:
      f.kind = Kind::kObject;
      break;
  }
  return f;
}

Result<JsonObject> JsonObject::Parse(std::string_view body, const JsonLimits& limits) {
  if (body.size() > limits.max_bytes) return Status(Error::kInvalidJson, "body over JSON limit");
  if (!text::IsValidUtf8(body)) return Status(Error::kInvalidUtf8, "body is not UTF-8");
  PALABRE_RETURN_IF_ERROR(CheckStrictJson(body, limits.max_depth));
  unsigned char scratch[4096];
  boost::json::monotonic_resource mr(scratch, sizeof scratch);
  boost::json::parse_options opts;
  opts.max_depth = limits.max_depth;
  boost::system::error_code ec;
  boost::json::value v;
  try {
    v = boost::json::parse(boost::json::string_view(body.data(), body.size()), ec, &mr, opts);
  } catch (const std::exception& e) {  // allocation failure: nothing else throws here
    return Status(Error::kInvalidJson, "parse failed");
  }
  if (ec) return Status(Error::kInvalidJson, ec.message());
  if (!v.is_object()) return Status(Error::kInvalidJson, "body is not a JSON object");
  JsonObject out;
  const boost::json::object& obj = v.get_object();
  out.fields_.reserve(obj.size());
  for (const auto& kv : obj) {
    Field f = MakeField(kv.value(), /*keep_items=*/true);
    f.name.assign(kv.key().data(), kv.key().size());
    out.fields_.push_back(std::move(f));
  }
  return out;
}

const JsonObject::Field* JsonObject::Find(std::string_view name) const {
  // Keys are unique (CheckStrictJson).
  for (auto it = fields_.begin(); it != fields_.end(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

bool JsonObject::Has(std::string_view name) const { return Find(name) != nullptr; }

Result<std::optional<std::string>> JsonObject::String(std::string_view name) const {
  const Field* f = Find(name);
  if (f == nullptr || f->kind == Kind::kNull) return std::optional<std::string>();
  if (f->kind != Kind::kString) {
    return Status(Error::kInvalidArgument, "field '" + std::string(name) + "' must be a string");
  }
  return std::optional<std::string>(f->text);
}

Result<std::optional<std::int64_t>> JsonObject::Int(std::string_view name) const {
  const Field* f = Find(name);
  if (f == nullptr || f->kind == Kind::kNull) return std::optional<std::int64_t>();
  if (f->kind != Kind::kInt) {
    return Status(Error::kInvalidArgument, "field '" + std::string(name) + "' must be an integer");
  }
  return std::optional<std::int64_t>(f->integer);
}

Result<std::optional<std::vector<std::int64_t>>> JsonObject::IntArray(std::string_view name,
                                                                      std::size_t max_items) const {
  const Field* f = Find(name);
  if (f == nullptr || f->kind == Kind::kNull) return std::optional<std::vector<std::int64_t>>();
  const auto bad = [name](std::string_view why) {
    return Status(Error::kInvalidArgument, "field '" + std::string(name) + "' " + std::string(why));
  };
  if (f->kind != Kind::kArray) return bad("must be an array of integers");
  if (f->items.size() > max_items) return bad("has too many items");
  std::vector<std::int64_t> out;
  out.reserve(f->items.size());
  for (const Field& item : f->items) {
    if (item.kind != Kind::kInt) return bad("must be an array of integers");
    out.push_back(item.integer);
  }
  return std::optional<std::vector<std::int64_t>>(std::move(out));
}

Result<std::optional<std::vector<std::string>>> JsonObject::StringArray(
    std::string_view name, std::size_t max_items) const {
  const Field* f = Find(name);
  if (f == nullptr || f->kind == Kind::kNull) return std::optional<std::vector<std::string>>();
  const auto bad = [name](std::string_view why) {
    return Status(Error::kInvalidArgument, "field '" + std::string(name) + "' " + std::string(why));
  };
  if (f->kind != Kind::kArray) return bad("must be an array of strings");
  if (f->items.size() > max_items) return bad("has too many items");
  std::vector<std::string> out;
  out.reserve(f->items.size());
  for (const Field& item : f->items) {
    if (item.kind != Kind::kString) return bad("must be an array of strings");
    out.push_back(item.text);
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

void AppendComment(std::string& out, const service::CommentView& view) {
  out += '{';
  AppendCommentFields(out, view);
  out += '}';
}

void AppendCommentFields(std::string& out, const service::CommentView& view) {
  const Comment& c = view.comment;
  const bool deleted = c.status == CommentStatus::kDeleted;
  out += "\"id\":";
  AppendJsonInt(out, c.id);
  out += ",\"parent\":";
  if (c.parent_id) {
    AppendJsonInt(out, *c.parent_id);
  } else {
    out += "null";
  }
  out += ",\"depth\":";
  AppendJsonInt(out, c.depth);
  out += ",\"author\":";
  AppendJsonString(out, deleted ? std::string_view() : std::string_view(c.author));
  out += ",\"html\":";
  AppendJsonString(out, deleted ? std::string_view() : std::string_view(c.html));
  out += ",\"created_at\":";
  AppendJsonString(out, text::Iso8601(c.created_at));
  out += ",\"edited_at\":";
  if (c.edited_at) {
    AppendJsonString(out, text::Iso8601(*c.edited_at));
  } else {
    out += "null";
  }
  out += ",\"relative_time\":";
  AppendJsonString(out, view.relative_time);
  out += ",\"full_time\":";
  AppendJsonString(out, view.full_time);
  out += ",\"upvotes\":";
  AppendJsonInt(out, c.upvotes);
  out += ",\"downvotes\":";
  AppendJsonInt(out, c.downvotes);
  out += ",\"score\":";
  AppendJsonInt(out, c.score());
  out += deleted ? ",\"deleted\":true" : ",\"deleted\":false";
  if (view.reply_to_id) {
    out += ",\"reply_to\":{\"id\":";
    AppendJsonInt(out, *view.reply_to_id);
    out += ",\"author\":";
    AppendJsonString(out, view.reply_to_author);
    out += '}';
  }
  out += ",\"replies\":[";
  for (std::size_t i = 0; i < view.replies.size(); ++i) {
    if (i > 0) out += ',';
    AppendComment(out, view.replies[i]);
  }
  out += ']';
}

void AppendThreadPage(std::string& out, const service::ThreadPage& page) {
  out += "{\"thread\":{\"site\":";
  AppendJsonString(out, page.thread.site_id);
  out += ",\"key\":";
  AppendJsonString(out, page.thread.key);
  out += ",\"title\":";
  AppendJsonString(out, page.thread.title);
  out += page.thread.closed ? ",\"closed\":true" : ",\"closed\":false";
  if (page.reply_mail) out += ",\"notify\":true";
  out += ",\"count\":";
  AppendJsonInt(out, page.exists ? page.thread.comment_count : 0);
  out += "},\"comments\":[";
  for (std::size_t i = 0; i < page.comments.size(); ++i) {
    if (i > 0) out += ',';
    AppendComment(out, page.comments[i]);
  }
  out += "],\"next_cursor\":";
  if (page.next_cursor.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, page.next_cursor);
  }
  out += '}';
}

void AppendReasons(std::string& out, const std::vector<moderation::Reason>& reasons, bool console) {
  out += '[';
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const moderation::Reason& r = reasons[i];
    if (i > 0) out += ',';
    out += "{\"check\":";
    AppendJsonString(out, r.check);
    out += ",\"code\":";
    AppendJsonString(out, r.code);
    if (console) {
      out += ",\"detail\":";
      AppendJsonString(out, r.detail);
    }
    out += ",\"score\":";
    AppendJsonDouble(out, r.score);
    if (console) {
      out += ",\"action\":";
      AppendJsonString(out, moderation::ReasonActionName(r.action));
      out += ",\"spans\":[";
      for (std::size_t k = 0; k < r.spans.size(); ++k) {
        if (k > 0) out += ',';
        out += '[';
        AppendJsonInt(out, static_cast<std::int64_t>(r.spans[k].begin));
        out += ',';
        AppendJsonInt(out, static_cast<std::int64_t>(r.spans[k].end));
        out += ']';
      }
      out += ']';
    }
    out += '}';
  }
  out += ']';
}

}  // namespace palabre::http
