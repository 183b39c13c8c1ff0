// JSON in and out of the HTTP API (docs/API.md).
//
// In: JsonObject::Parse reads a request body with Boost.JSON under size and depth limits and
// keeps the top-level fields of the object; anything malformed is kInvalidJson (invalid UTF-8
// is kInvalidUtf8), never an exception. Parsing is strict: the same key twice in one object is
// kDuplicateJsonKey and an escaped NUL (\u0000) in a string or key kNulCharacter, at any depth.
// Typed getters say which field is wrong (kInvalidArgument, "field 'parent' must be an integer").
// Out: hand-written serializers append to a std::string (the hot path: no DOM, no per-field
// allocation). Strings are escaped and any invalid UTF-8 is replaced by U+FFFD, so the output
// is always valid JSON. A comment's e-mail, edit token hash, client hash and moderation record
// are never written.
// Everything here is thread-safe (no shared state); JsonObject is a value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/text/json_writer.h"
#include "moderation/decision.h"
#include "service/comment_service.h"

namespace boost::json {
class value;
}  // namespace boost::json

namespace palabre::http {

struct JsonLimits {
  std::size_t max_bytes = 64 * 1024;
  std::size_t max_depth = 16;
};

// Whether `body` (UTF-8, already size-checked) is one JSON value no deeper than `max_depth`
// without a duplicate key in any object (kDuplicateJsonKey) or a NUL in any string or key
// (kNulCharacter); kInvalidJson if it is not JSON at all. For the handlers that read bodies
// with Boost.JSON themselves.
Status CheckStrictJson(std::string_view body, std::size_t max_depth);

class JsonObject {
 public:
  // kInvalidUtf8 if `body` is not UTF-8; kDuplicateJsonKey, kNulCharacter (CheckStrictJson);
  // kInvalidJson if it is not one JSON object within `limits` (too big, too deep, trailing
  // garbage, not an object).
  static Result<JsonObject> Parse(std::string_view body, const JsonLimits& limits = {});

  bool Has(std::string_view name) const;
  // Absent or null: nullopt. Another type: kInvalidArgument.
  Result<std::optional<std::string>> String(std::string_view name) const;
  // Absent or null: nullopt. Not an integer that fits int64 (1.5, "2", 1e30): kInvalidArgument.
  Result<std::optional<std::int64_t>> Int(std::string_view name) const;
  // Absent or null: nullopt. Not an array of such integers (strings), or more than `max_items`
  // of them: kInvalidArgument.
  Result<std::optional<std::vector<std::int64_t>>> IntArray(std::string_view name,
                                                            std::size_t max_items) const;
  Result<std::optional<std::vector<std::string>>> StringArray(std::string_view name,
                                                              std::size_t max_items) const;
  std::size_t size() const { return fields_.size(); }

 private:
  enum class Kind { kNull, kBool, kInt, kDouble, kString, kArray, kObject };
  struct Field {
    std::string name;
    Kind kind = Kind::kNull;
    std::string text;
    std::int64_t integer = 0;
    std::vector<Field> items;  // an array's elements (theirs are not kept)
  };
  static Field MakeField(const boost::json::value& x, bool keep_items);
  const Field* Find(std::string_view name) const;
  std::vector<Field> fields_;
};

// The one JSON writer of every layer (core/text/json_writer.h).
using text::AppendJsonDouble;
using text::AppendJsonInt;
using text::AppendJsonString;

// The comment object of docs/API.md, with its replies.
void AppendComment(std::string& out, const service::CommentView& view);
// The same object's fields without the braces ("\"id\":42,...,\"replies\":[...]"), for
// objects that extend it (the moderator console's QueueItem).
void AppendCommentFields(std::string& out, const service::CommentView& view);
// {"thread":{..},"comments":[..],"next_cursor":..}
void AppendThreadPage(std::string& out, const service::ThreadPage& page);
// [{"check","code","score"}, ...] for the author of a comment: no "detail", which would name
// the word a site's private list matched or the id of the (maybe held) comment a text
// duplicates. For the `console`, each reason also has its "detail", its
// "action" ("pass", "flag", "review", "hold", "reject": what this reason asked for) and
// "spans":[[begin,end],...], byte offsets into the comment's text.
void AppendReasons(std::string& out, const std::vector<moderation::Reason>& reasons,
                   bool console = false);

}  // namespace palabre::http
