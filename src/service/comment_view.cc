#include "service/comment_view.h"

namespace palabre::service {

CommentView PublicView(const Comment& comment, std::string_view time_zone, text::Lang lang,
                       TimestampMs now) {
  CommentView v;
  v.comment = comment;
  v.comment.email.clear();
  v.comment.edit_token_hash.clear();
  v.comment.client_hash.clear();
  v.comment.moderation.clear();
  if (comment.status == CommentStatus::kDeleted) {
    v.comment.author.clear();
    v.comment.text.clear();
    v.comment.html.clear();
  }
  v.relative_time = text::RelativeTime(comment.created_at, now, lang, time_zone);
  v.full_time = text::FullDateTime(comment.created_at, lang, time_zone);
  return v;
}

}  // namespace palabre::service
