#include "http/handlers/comment_handler.h"

#include <boost/json.hpp>
#include <vector>

#include "http/errors.h"
#include "http/handlers/comment_write_answer.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {

void CommentHandler::Edit(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto body = ParseJsonBody(req, deps_.options.json);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto token = body->String("edit_token");
  auto text = body->String("text");
  if (!token.ok()) return SetError(res, token.status(), lang);
  if (!text.ok()) return SetError(res, text.status(), lang);

  auto out = deps_.comments.Edit(*id, token->value_or(""), text->value_or(""));
  if (!out.ok()) return SetError(res, out.status(), lang);
  AnswerWrite(res, WriteKind::kEdit, *out, lang, deps_.clock.NowMs(), deps_.metrics);
}

void CommentHandler::Delete(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  std::string token(req.Header("X-Edit-Token"));
  if (token.empty() && !req.body.empty()) {
    auto body = ParseJsonBody(req, deps_.options.json);
    if (!body.ok()) return SetError(res, body.status(), lang);
    auto field = body->String("edit_token");
    if (!field.ok()) return SetError(res, field.status(), lang);
    token = field->value_or("");
  }
  const Status deleted = deps_.comments.Delete(*id, token);
  if (!deleted.ok()) return SetError(res, deleted, lang);
  res.status = 204;
  res.content_type = {};
  res.AddHeader("Cache-Control", "no-store");
}

// {"items":[{"id":N,"edit_token":"..."}, ...]} → {"items":[{"id","status","comment"?,"reasons"?}]}
void CommentHandler::Statuses(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const std::string_view site = req.query.Get("site").value_or("");
  if (site.empty()) return SetError(res, Error::kUnknownSite, lang);
  // Content type, size, UTF-8 and strictness first; then the items, which JsonObject does not
  // keep (objects inside an array).
  auto checked = ParseJsonBody(req, deps_.options.json);
  if (!checked.ok()) return SetError(res, checked.status(), lang);
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(req.body, ec);
  if (ec || !value.is_object()) return SetError(res, Error::kInvalidJson, lang);
  const boost::json::value* items = value.get_object().if_contains("items");
  const std::size_t max_items = deps_.comments.limits().max_status_items;
  const auto bad = [&](std::string message) {
    SetFieldError(res, Status(Error::kInvalidArgument, std::move(message)), lang, "items");
  };
  if (items == nullptr || !items->is_array()) return bad("items: an array is required");
  if (items->get_array().size() > max_items) {
    return bad("items: " + std::to_string(max_items) + " at most");
  }
  std::vector<service::AuthorQuery> queries;
  for (const boost::json::value& item : items->get_array()) {
    const boost::json::object* object = item.if_object();
    const boost::json::value* id = object ? object->if_contains("id") : nullptr;
    const boost::json::value* token = object ? object->if_contains("edit_token") : nullptr;
    if (id == nullptr || !id->is_int64() || token == nullptr || !token->is_string()) {
      return bad("items: each is {\"id\": integer, \"edit_token\": string}");
    }
    queries.push_back({id->as_int64(), std::string(token->as_string())});
  }
  auto statuses = deps_.comments.AuthorStatuses(site, queries, lang);
  if (!statuses.ok()) return SetError(res, statuses.status(), lang);
  std::string json = "{\"items\":[";
  for (const service::AuthorView& view : *statuses) {
    if (json.back() != '[') json += ',';
    json += "{\"id\":";
    AppendJsonInt(json, view.id);
    json += ",\"status\":";
    AppendJsonString(json, service::ToString(view.status));
    if (view.comment) {
      json += ",\"comment\":";
      AppendComment(json, *view.comment);
    }
    if (view.status == service::AuthorStatus::kHeld ||
        view.status == service::AuthorStatus::kRejected) {
      json += ",\"reasons\":";
      AppendReasons(json, view.reasons);  // without details, as the post's answer
    }
    json += '}';
  }
  json += "]}";
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
