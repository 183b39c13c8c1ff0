// AnswerWrite: the one place that turns the service's answer to an author's write (a post or
// an edit: service::PostOutput, with its moderation decision) into the HTTP answer, and counts
// its outcome in Metrics (palabre_comments_posted_total or palabre_comments_edited_total):
//   rate limited (flood)  429 rate_limited with Retry-After
//   rejected              422 rejected with the reasons (an edit keeps its old text)
//   published             201 for a post, 200 for an edit: {"status":"published","comment"}
//   held                  202 {"status":"held","comment","reasons"}
// A post's answer also carries the edit token, given once, and with a notify_email what the
// sign-up did ("notify": "confirm_sent", "confirm_pending", "confirmed" or "unavailable"). The
// comment is shown as readers see it (service::PublicView), times in its site's time zone.
// Thread-safe, no state.
#pragma once

#include "core/clock.h"
#include "core/text/relative_time.h"
#include "http/message.h"
#include "http/metrics.h"
#include "service/comment_types.h"

namespace palabre::http::handlers {

enum class WriteKind { kPost, kEdit };

void AnswerWrite(Response& res, WriteKind kind, const service::PostOutput& out, text::Lang lang,
                 TimestampMs now, Metrics& metrics);

}  // namespace palabre::http::handlers
