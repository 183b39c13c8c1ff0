#include "http/handlers/comment_handler.h"

#include "http/errors.h"
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
  const moderation::Decision& decision = out->decision;
  if (decision.rate_limited()) {
    return SetError(res, Status(Error::kRateLimited, "flood"), lang, decision.retry_after_s);
  }
  if (decision.action == moderation::Action::kReject) {
    return SetError(res, Status(Error::kRejected, "moderation"), lang, 0, &decision.reasons);
  }
  std::string zone = "UTC";
  if (deps_.site_of_comment) {
    if (auto site_id = deps_.site_of_comment(*id); site_id.ok()) {
      if (auto site = deps_.comments.GetSite(*site_id); site.ok()) zone = site->time_zone;
    }
  }
  const bool published = out->comment.status == CommentStatus::kPublished;
  std::string json =
      published ? "{\"status\":\"published\",\"comment\":" : "{\"status\":\"held\",\"comment\":";
  AppendComment(json, MakeView(out->comment, zone, lang, deps_.clock.NowMs()));
  if (!published) {
    json += ",\"reasons\":";
    AppendReasons(json, decision.reasons);
  }
  json += '}';
  SetJson(res, published ? 200 : 202, std::move(json));
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

}  // namespace palabre::http::handlers
