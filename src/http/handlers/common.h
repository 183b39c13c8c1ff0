// Helpers shared by the handlers: JSON responses, request bodies, path ids, reader tokens.
// Thread-safe (no state).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
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

}  // namespace palabre::http::handlers
