#include "http/handlers/comment_write_answer.h"

#include <string>

#include "http/errors.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/comment_view.h"

namespace palabre::http::handlers {

void AnswerWrite(Response& res, WriteKind kind, const service::PostOutput& out, text::Lang lang,
                 TimestampMs now, Metrics& metrics) {
  const auto count = [&](PostedStatus status) {
    if (kind == WriteKind::kPost) {
      metrics.CommentPosted(status);
    } else {
      metrics.CommentEdited(status);
    }
  };
  const moderation::Decision& decision = out.decision;
  if (decision.rate_limited()) {
    count(PostedStatus::kRateLimited);
    return SetError(res, Status(Error::kRateLimited, "flood"), lang, decision.retry_after_s);
  }
  if (decision.action == moderation::Action::kReject) {
    count(PostedStatus::kRejected);
    return SetError(res, Status(Error::kRejected, "moderation"), lang, 0, &decision.reasons);
  }
  const bool published = out.comment.status == CommentStatus::kPublished;
  count(published ? PostedStatus::kPublished : PostedStatus::kHeld);
  const std::string_view zone =
      out.site.time_zone.empty() ? std::string_view("UTC") : std::string_view(out.site.time_zone);
  std::string json =
      published ? "{\"status\":\"published\",\"comment\":" : "{\"status\":\"held\",\"comment\":";
  AppendComment(json, service::PublicView(out.comment, zone, lang, now));
  if (kind == WriteKind::kPost) {
    json += ",\"edit_token\":";
    AppendJsonString(json, out.edit_token);
  }
  if (!published) {
    json += ",\"reasons\":";
    AppendReasons(json, decision.reasons);
  }
  json += '}';
  const int created = kind == WriteKind::kPost ? 201 : 200;
  SetJson(res, published ? created : 202, std::move(json));
}

}  // namespace palabre::http::handlers
