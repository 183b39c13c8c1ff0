// Palabre's JSON Lines: the one format of `palabre import --format jsonl`, `palabre moderate`
// and `palabre export`, read and written here (docs/EXPORT.md, docs/IMPORT.md).
//
// One JSON object per line: optionally {"type":"thread","id":"article-1","title":"…",
// "body":"…"} before a thread's comments, then {"id","thread","parent","author","text",
// "created_at"} per comment (RFC 3339 time; id and parent are the source's ids; numbers are
// accepted for ids). Blank lines are skipped. What `palabre export` adds is optional when
// reading: a thread's "closed" and "created_at"; a comment's "type":"comment", "status"
// (published|held|rejected|deleted), "edited_at", "upvotes", "downvotes", "email",
// "client_hash" (already the site's salted hash), "moderation" (the decision's JSON),
// "review", "risk", "auto_rejected"; and the site's lines: one {"type":"site",…} (name,
// origins, locale, time zone, settings, salt), {"type":"ban",…} per ban, and per thread its
// comments' {"type":"vote",…} and {"type":"report",…} lines (the comment named by its id in
// the export). Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"
#include "service/import_service.h"

namespace palabre::app {

// A vote's or a report's line: the comment it is on, by its id in the export (`comment_id` of
// the vote or report is 0).
struct HistoryVote {
  std::string comment;
  CommentVote vote;
};
struct HistoryReport {
  std::string comment;
  Report report;
};

using HistoryRecord = std::variant<service::ImportedThread, service::ImportedComment, Site, Ban,
                                   HistoryVote, HistoryReport>;

inline constexpr std::size_t kMaxHistoryLineBytes = 1 << 20;

// kInvalidJson for a line that is not a JSON object; kInvalidArgument for a wrong field
// (message names it); kBodyTooLarge over kMaxHistoryLineBytes. A site line gives a Site whose
// id is the exported site's; a ban line a Ban without id, site or author of the ban.
Result<HistoryRecord> ParseHistoryLine(std::string_view line);

// The lines `palabre export` writes (without the final newline); ParseHistoryLine reads each
// back to what it was written from.
std::string ThreadLine(const Thread& thread);
// `id` and `parent` are the comment's and its parent's ids in the export ("" for none).
std::string CommentLine(const Comment& comment, std::string_view id, std::string_view thread_key,
                        std::string_view parent);
std::string SiteLine(const Site& site);
std::string BanLine(const Ban& ban);
// `comment` is the comment's id in the export.
std::string VoteLine(const CommentVote& vote, std::string_view comment);
std::string ReportLine(const Report& report, std::string_view comment);

}  // namespace palabre::app
