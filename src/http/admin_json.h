// JSON out of the moderator console API (docs/API.md, "Moderator console API"): User,
// QueueItem, Ban, AuditEntry, the site report, reasons with their spans.
//
// Hand-written serializers appending to a std::string, as json.h's: strings escaped, invalid
// UTF-8 replaced, always valid JSON. A QueueItem is the public comment object (json.h
// AppendCommentFields) plus the moderators' fields, the comment's e-mail and Markdown text
// included; password hashes, session tokens, client hashes, reporter hashes and API keys (or
// their hashes) are never written. Thread-safe (no state).
#pragma once

#include <string>
#include <vector>

#include "core/admin.h"
#include "moderation/decision.h"
#include "service/moderator_service.h"

namespace palabre::http {

// {"id","email","sites":[{"site","role"}]}
void AppendUser(std::string& out, const User& user);
// The comment object plus "text","status","site","thread","email","reasons","reports",
// "open_reports","report_burst","history","cluster".
void AppendQueueItem(std::string& out, const service::QueueItem& item);
// {"id","site","name","hint","per_minute","created_at"}: never the key nor its hash.
void AppendApiKey(std::string& out, const ApiKey& key);
// {"id","site","author","by_address","by_email","reason","created_at","expires_at"}
void AppendBan(std::string& out, const Ban& ban);
// {"id","user","action","comment_id","reason","detail","response_ms","at"}; "detail" is the
// entry's JSON object when it is one, else its text.
void AppendAuditEntry(std::string& out, const AuditEntry& entry);
// {"days":[..],"reasons":[..],"response_ms":{"median","p90","count"}}
void AppendSiteReport(std::string& out, const service::SiteReport& report);

}  // namespace palabre::http
