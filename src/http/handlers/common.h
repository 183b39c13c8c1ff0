// Helpers shared by the handlers: JSON responses, request bodies, path ids, comment views.
// Thread-safe (no state).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "http/json.h"
#include "http/message.h"
#include "service/comment_service.h"

namespace palabre::http::handlers {

// 200 (or `status`) with `body` as JSON, "Cache-Control: no-store".
void SetJson(Response& res, int status, std::string body);

// The JSON object of a write's body: kUnsupportedMediaType unless Content-Type is
// application/json (parameters allowed), then JsonObject::Parse's errors.
Result<JsonObject> ParseJsonBody(const Request& req, const JsonLimits& limits);

// The widget's per-browser token of a reader action: the body's "token" (kInvalidArgument if
// it is not a string; the service checks its form), else its `legacy` field ("voter",
// "reporter": what the widget sent before tokens had a name) when that has a token's form,
// else "".
Result<std::string> ReaderToken(const JsonObject& body, std::string_view legacy);

// A comment id from the path: positive decimal, else nullopt.
std::optional<CommentId> ParseId(std::string_view s);

// The key as the service stores it (NFC, trimmed, one line), to look up thread versions and
// subscribe to live updates: a printable-ASCII key is returned as is, anything else goes
// through core/text. kKeyInvalid if it is empty or not UTF-8.
Result<std::string> CanonicalKey(std::string_view key);

// The API view of one comment, times in `time_zone` and `lang`, without replies.
service::CommentView MakeView(const Comment& comment, std::string_view time_zone, text::Lang lang,
                              TimestampMs now);

}  // namespace palabre::http::handlers
