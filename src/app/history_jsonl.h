// Reading a publisher's history as JSON Lines: the one format of `palabre import` and
// `palabre moderate`.
//
// One JSON object per line: optionally {"type":"thread","id":"article-1","title":"…",
// "body":"…"} before a thread's comments, then {"id","thread","parent","author","text",
// "created_at"} per comment (RFC 3339 time; id and parent are the source's ids; numbers are
// accepted for ids). Blank lines are skipped. Stateless and thread-safe.
#pragma once

#include <string_view>
#include <variant>

#include "core/status.h"
#include "service/import_service.h"

namespace palabre::app {

using HistoryRecord = std::variant<service::ImportedThread, service::ImportedComment>;

inline constexpr std::size_t kMaxHistoryLineBytes = 1 << 20;

// kInvalidJson for a line that is not a JSON object; kInvalidArgument for a wrong field
// (message names it); kBodyTooLarge over kMaxHistoryLineBytes.
Result<HistoryRecord> ParseHistoryLine(std::string_view line);

}  // namespace palabre::app
