// Helpers shared by the moderator console's handlers (admin_*_handler.h): query integers,
// optional JSON bodies, 204 answers. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "http/json.h"
#include "http/message.h"

namespace palabre::http::handlers {

// The query parameter `name` as a decimal integer; absent: nullopt; anything else
// kInvalidArgument.
Result<std::optional<std::int64_t>> QueryInt(const Request& req, std::string_view name);

// The body as a JSON object; an empty body is an empty object (POST without a body).
Result<JsonObject> ParseOptionalJsonBody(const Request& req, const JsonLimits& limits);

// 204, no body, no-store.
void SetNoContent(Response& res);

}  // namespace palabre::http::handlers
