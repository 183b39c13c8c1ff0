// PublicView: the one rule for what readers see of a comment — never its e-mail, edit token
// hash, client hash or stored decision; of a deleted comment only its place (no author, no
// text) — with its times in the site's time zone and the reader's language. Every answer that
// shows a comment to readers (thread pages, a post's or an edit's answer, the author's status,
// live updates) builds it here. Thread-safe, no state.
#pragma once

#include <string_view>

#include "core/model.h"
#include "core/text/relative_time.h"
#include "service/comment_types.h"

namespace palabre::service {

// Without replies; `now` for the relative time.
CommentView PublicView(const Comment& comment, std::string_view time_zone, text::Lang lang,
                       TimestampMs now);

}  // namespace palabre::service
