#include "http/admin_json.h"

#include "core/text/relative_time.h"
#include "http/json.h"

namespace palabre::http {
namespace {

void AppendTimeOrNull(std::string& out, TimestampMs t) {
  if (t > 0) {
    AppendJsonString(out, text::Iso8601(t));
  } else {
    out += "null";
  }
}

}  // namespace

void AppendUser(std::string& out, const User& user) {
  out += "{\"id\":";
  AppendJsonInt(out, user.id);
  out += ",\"email\":";
  AppendJsonString(out, user.email);
  out += ",\"sites\":[";
  for (std::size_t i = 0; i < user.memberships.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"site\":";
    AppendJsonString(out, user.memberships[i].site_id);
    out += ",\"role\":";
    AppendJsonString(out, ToString(user.memberships[i].role));
    out += '}';
  }
  out += "]}";
}

void AppendQueueItem(std::string& out, const service::QueueItem& item) {
  service::CommentView view;
  view.comment = item.comment;
  view.relative_time = item.relative_time;
  view.full_time = item.full_time;
  out += '{';
  AppendCommentFields(out, view);
  const Comment& c = item.comment;
  out += ",\"text\":";
  AppendJsonString(out, c.text);
  out += ",\"status\":";
  AppendJsonString(out, ToString(c.status));
  out += c.review ? ",\"review\":true,\"risk\":" : ",\"review\":false,\"risk\":";
  AppendJsonDouble(out, c.risk);
  out += ",\"site\":";
  AppendJsonString(out, item.site_id);
  out += ",\"thread\":{\"id\":";
  AppendJsonInt(out, item.thread.id);
  out += ",\"key\":";
  AppendJsonString(out, item.thread.key);
  out += ",\"title\":";
  AppendJsonString(out, item.thread.title);
  out += "},\"email\":";
  if (c.email.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, c.email);
  }
  out += ",\"reasons\":";
  AppendReasons(out, item.reasons, /*console=*/true);
  out += ",\"reports\":[";
  for (std::size_t i = 0; i < item.reports.size(); ++i) {
    const Report& r = item.reports[i];
    if (i > 0) out += ',';
    out += "{\"reason\":";
    AppendJsonString(out, ToString(r.reason));
    out += ",\"note\":";
    AppendJsonString(out, r.note);
    out += ",\"created_at\":";
    AppendJsonString(out, text::Iso8601(r.created_at));
    out += '}';
  }
  out += "],\"open_reports\":";
  AppendJsonInt(out, item.open_reports);
  out += item.report_burst ? ",\"report_burst\":true" : ",\"report_burst\":false";
  out += ",\"history\":{\"published\":";
  AppendJsonInt(out, item.history.published);
  out += ",\"held\":";
  AppendJsonInt(out, item.history.held);
  out += ",\"rejected\":";
  AppendJsonInt(out, item.history.rejected);
  out += ",\"deleted\":";
  AppendJsonInt(out, item.history.deleted);
  out += "},\"cluster\":";
  if (item.cluster) {
    AppendJsonInt(out, *item.cluster);
  } else {
    out += "null";
  }
  out += c.auto_rejected ? ",\"auto_rejected\":true" : ",\"auto_rejected\":false";
  out += ",\"parent_comment\":";
  if (item.parent) {
    const Comment& p = *item.parent;
    out += "{\"id\":";
    AppendJsonInt(out, p.id);
    out += ",\"author\":";
    AppendJsonString(out, p.status == CommentStatus::kDeleted ? "" : p.author);
    out += ",\"text\":";
    AppendJsonString(out, p.status == CommentStatus::kDeleted ? "" : p.text);
    out += ",\"status\":";
    AppendJsonString(out, ToString(p.status));
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"url\":";
  if (item.url.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, item.url);
  }
  out += ",\"last_decision\":";
  if (item.last_decision) {
    const AuditEntry& d = *item.last_decision;
    out += "{\"action\":";
    AppendJsonString(out, d.action);
    out += ",\"user\":";
    AppendJsonString(out, d.user_email);
    out += ",\"reason\":";
    AppendJsonString(out, d.reason);
    out += ",\"at\":";
    AppendJsonString(out, text::Iso8601(d.at));
    out += '}';
  } else {
    out += "null";
  }
  out += '}';
}

void AppendApiKey(std::string& out, const ApiKey& key) {
  out += "{\"id\":";
  AppendJsonInt(out, key.id);
  out += ",\"site\":";
  AppendJsonString(out, key.site_id);
  out += ",\"name\":";
  AppendJsonString(out, key.name);
  out += ",\"hint\":";
  AppendJsonString(out, key.hint);
  out += ",\"per_minute\":";
  AppendJsonInt(out, key.per_minute);
  out += ",\"created_at\":";
  AppendJsonString(out, text::Iso8601(key.created_at));
  out += '}';
}

void AppendBan(std::string& out, const Ban& ban) {
  out += "{\"id\":";
  AppendJsonInt(out, ban.id);
  out += ",\"site\":";
  AppendJsonString(out, ban.site_id);
  out += ",\"author\":";
  AppendJsonString(out, ban.author_folded);
  out += ban.client_hash.empty() ? ",\"by_address\":false" : ",\"by_address\":true";
  out += ban.email_hash.empty() ? ",\"by_email\":false" : ",\"by_email\":true";
  out += ",\"reason\":";
  AppendJsonString(out, ban.reason);
  out += ",\"created_at\":";
  AppendJsonString(out, text::Iso8601(ban.created_at));
  out += ",\"expires_at\":";
  AppendTimeOrNull(out, ban.expires_at);
  out += '}';
}

void AppendAuditEntry(std::string& out, const AuditEntry& entry) {
  out += "{\"id\":";
  AppendJsonInt(out, entry.id);
  out += ",\"user\":";
  AppendJsonString(out, entry.user_email);
  out += ",\"action\":";
  AppendJsonString(out, entry.action);
  out += ",\"comment_id\":";
  if (entry.comment_id) {
    AppendJsonInt(out, *entry.comment_id);
  } else {
    out += "null";
  }
  out += ",\"reason\":";
  AppendJsonString(out, entry.reason);
  out += ",\"detail\":";
  // The service writes a JSON object; anything else (an older or hand-made entry) is text.
  if (entry.detail.empty()) {
    out += "{}";
  } else if (JsonObject::Parse(entry.detail).ok()) {
    out += entry.detail;
  } else {
    AppendJsonString(out, entry.detail);
  }
  out += ",\"response_ms\":";
  AppendJsonInt(out, entry.response_ms);
  out += ",\"at\":";
  AppendJsonString(out, text::Iso8601(entry.at));
  out += '}';
}

void AppendSiteReport(std::string& out, const service::SiteReport& report) {
  out += "{\"days\":[";
  for (std::size_t i = 0; i < report.days.size(); ++i) {
    const auto& d = report.days[i];
    if (i > 0) out += ',';
    out += "{\"date\":";
    AppendJsonString(out, d.date);
    out += ",\"published\":";
    AppendJsonInt(out, d.published);
    out += ",\"held\":";
    AppendJsonInt(out, d.held);
    out += ",\"rejected\":";
    AppendJsonInt(out, d.rejected);
    out += '}';
  }
  out += "],\"reasons\":[";
  for (std::size_t i = 0; i < report.reasons.size(); ++i) {
    const auto& r = report.reasons[i];
    if (i > 0) out += ',';
    out += "{\"code\":";
    AppendJsonString(out, r.code);
    out += ",\"held\":";
    AppendJsonInt(out, r.held);
    out += ",\"rejected\":";
    AppendJsonInt(out, r.rejected);
    out += '}';
  }
  out += "],\"response_ms\":{\"median\":";
  AppendJsonInt(out, report.response_median_ms);
  out += ",\"p90\":";
  AppendJsonInt(out, report.response_p90_ms);
  out += ",\"count\":";
  AppendJsonInt(out, report.response_count);
  out += "}}";
}

}  // namespace palabre::http
