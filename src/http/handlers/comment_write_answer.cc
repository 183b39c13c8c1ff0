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
  // The author's replies feed (docs/NOTIFICATIONS.md, "A reader's replies"): only the author's
  // browser, which sent its reader token, learns its address.
  if (kind == WriteKind::kPost && !out.comment.replies_token.empty()) {
    json += ",\"replies_feed\":";
    AppendJsonString(json, "/api/v1/sites/" + out.site.id + "/replies/" +
                               out.comment.replies_token + "/feed.atom");
  }
  if (out.notify.has_value()) {
    json += ",\"notify\":";
    AppendJsonString(json, ToString(*out.notify));
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
