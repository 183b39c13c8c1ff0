#include "http/handlers/admin_queue_handler.h"

#include "http/admin_json.h"
#include "http/errors.h"
#include "http/handlers/admin_common.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {
namespace {

constexpr std::size_t kMaxBulkIds = 500;

void SetItem(Response& res, const service::QueueItem& item) {
  std::string json = "{\"comment\":";
  AppendQueueItem(json, item);
  json += '}';
  SetJson(res, 200, std::move(json));
}

}  // namespace

void AdminQueueHandler::Queue(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  service::QueueQuery q;
  q.lang = lang;
  if (auto v = req.query.Get("status")) q.status = std::string(*v);
  if (auto v = req.query.Get("site")) q.site_id = std::string(*v);
  if (auto v = req.query.Get("reason")) q.reason_code = std::string(*v);
  if (auto v = req.query.Get("q")) q.text = std::string(*v);
  if (auto v = req.query.Get("author")) q.author = std::string(*v);
  if (auto v = req.query.Get("cursor")) q.cursor = std::string(*v);
  if (auto v = req.query.Get("order")) {
    if (*v != "newest" && *v != "oldest")
      return SetFieldError(res, Error::kInvalidArgument, lang, "order");
    q.newest_first = *v == "newest";
  }
  auto thread = QueryInt(req, "thread");
  if (!thread.ok()) return SetFieldError(res, thread.status(), lang, "thread");
  if (*thread) q.thread_id = **thread;
  auto limit = QueryInt(req, "limit");
  if (!limit.ok()) return SetFieldError(res, limit.status(), lang, "limit");
  if (*limit) {
    if (**limit < 1 || **limit > 100)
      return SetFieldError(res, Error::kInvalidArgument, lang, "limit");
    q.limit = static_cast<int>(**limit);
  }
  auto page = moderator_.Queue(who.user, q);
  if (!page.ok()) return SetError(res, page.status(), lang);
  std::string json = "{\"items\":[";
  for (std::size_t i = 0; i < page->items.size(); ++i) {
    if (i > 0) json += ',';
    AppendQueueItem(json, page->items[i]);
  }
  json += "],\"next_cursor\":";
  if (page->next_cursor.empty()) {
    json += "null";
  } else {
    AppendJsonString(json, page->next_cursor);
  }
  json += ",\"report_bursts\":";
  AppendJsonInt(json, page->report_bursts);
  json += '}';
  SetJson(res, 200, std::move(json));
}

void AdminQueueHandler::Approve(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto item = moderator_.Approve(who.user, *id, lang);
  if (!item.ok()) return SetError(res, item.status(), lang);
  SetItem(res, *item);
}

void AdminQueueHandler::Reject(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto reason = body->String("reason");
  auto note = body->String("note");
  if (!reason.ok()) return SetFieldError(res, reason.status(), lang, "reason");
  if (!note.ok()) return SetFieldError(res, note.status(), lang, "note");
  const auto parsed = ParseRejectReason(reason->value_or(""));
  if (!parsed) return SetFieldError(res, Error::kInvalidArgument, lang, "reason");
  auto item = moderator_.Reject(who.user, *id, *parsed, note->value_or(""), lang);
  if (!item.ok()) return SetError(res, item.status(), lang);
  SetItem(res, *item);
}

void AdminQueueHandler::Unpublish(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto body = ParseOptionalJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto reason = body->String("reason");
  if (!reason.ok()) return SetFieldError(res, reason.status(), lang, "reason");
  auto item = moderator_.Unpublish(who.user, *id, reason->value_or(""), lang);
  if (!item.ok()) return SetError(res, item.status(), lang);
  SetItem(res, *item);
}

void AdminQueueHandler::FalsePositive(Request& req, Response& res,
                                      const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto item = moderator_.FalsePositive(who.user, *id, lang);
  if (!item.ok()) return SetError(res, item.status(), lang);
  SetItem(res, *item);
}

void AdminQueueHandler::Undo(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto item = moderator_.Undo(who.user, *id, lang);
  if (!item.ok()) return SetError(res, item.status(), lang);
  SetItem(res, *item);
}

void AdminQueueHandler::Bulk(Request& req, Response& res, const service::Authenticated& who) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  service::BulkInput in;
  auto ids = body->IntArray("ids", kMaxBulkIds);
  if (!ids.ok()) return SetFieldError(res, ids.status(), lang, "ids");
  auto cluster = body->Int("cluster");
  if (!cluster.ok()) return SetFieldError(res, cluster.status(), lang, "cluster");
  auto action = body->String("action");
  if (!action.ok()) return SetFieldError(res, action.status(), lang, "action");
  auto reason = body->String("reason");
  if (!reason.ok()) return SetFieldError(res, reason.status(), lang, "reason");
  auto note = body->String("note");
  if (!note.ok()) return SetFieldError(res, note.status(), lang, "note");
  if (ids->has_value()) in.ids = std::move(**ids);
  in.cluster = *cluster;
  if (*action == "approve") {
    in.action = service::BulkAction::kApprove;
  } else if (*action == "reject") {
    in.action = service::BulkAction::kReject;
    const auto parsed = ParseRejectReason(reason->value_or("other"));
    if (!parsed) return SetFieldError(res, Error::kInvalidArgument, lang, "reason");
    in.reason = *parsed;
  } else {
    return SetFieldError(res, Error::kInvalidArgument, lang, "action");
  }
  in.note = note->value_or("");
  auto out = moderator_.Bulk(who.user, in);
  if (!out.ok()) return SetError(res, out.status(), lang);
  std::string json = "{\"done\":[";
  for (std::size_t i = 0; i < out->done.size(); ++i) {
    if (i > 0) json += ',';
    AppendJsonInt(json, out->done[i]);
  }
  json += "],\"failed\":[";
  for (std::size_t i = 0; i < out->failed.size(); ++i) {
    if (i > 0) json += ',';
    json += "{\"id\":";
    AppendJsonInt(json, out->failed[i].id);
    json += ",\"code\":";
    AppendJsonString(json, ErrorCode(out->failed[i].error));
    json += '}';
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
