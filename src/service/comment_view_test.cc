#include "service/comment_view.h"

#include <gtest/gtest.h>

namespace palabre::service {
namespace {

Comment Stored(CommentStatus status) {
  Comment c;
  c.id = 7;
  c.thread_id = 3;
  c.author = "Awa";
  c.email = "awa@example.org";
  c.text = "Bonjour";
  c.html = "<p>Bonjour</p>";
  c.edit_token_hash = "hash";
  c.client_hash = "client";
  c.moderation = "{\"action\":\"publish\"}";
  c.status = status;
  c.created_at = 1'710'262'500'000;  // 2024-03-12 16:55 UTC
  return c;
}

TEST(PublicView, ReadersNeverSeeWhatIdentifiesTheAuthorOrTheDecision) {
  const CommentView v = PublicView(Stored(CommentStatus::kPublished), "Europe/Paris",
                                   text::Lang::kFr, 1'710'262'500'000 + 3 * 3600 * 1000);
  EXPECT_EQ(v.comment.id, 7);
  EXPECT_EQ(v.comment.author, "Awa");
  EXPECT_EQ(v.comment.html, "<p>Bonjour</p>");
  EXPECT_TRUE(v.comment.email.empty());
  EXPECT_TRUE(v.comment.edit_token_hash.empty());
  EXPECT_TRUE(v.comment.client_hash.empty());
  EXPECT_TRUE(v.comment.moderation.empty());
  EXPECT_EQ(v.relative_time, "il y a 3 heures");
  EXPECT_EQ(v.full_time, "12 mars 2024 à 17:55");  // Paris, UTC+1 in March before DST
  EXPECT_TRUE(v.replies.empty());
}

TEST(PublicView, ADeletedCommentKeepsOnlyItsPlace) {
  const CommentView v =
      PublicView(Stored(CommentStatus::kDeleted), "UTC", text::Lang::kEn, 1'710'262'500'000);
  EXPECT_EQ(v.comment.id, 7);
  EXPECT_EQ(v.comment.status, CommentStatus::kDeleted);
  EXPECT_TRUE(v.comment.author.empty());
  EXPECT_TRUE(v.comment.text.empty());
  EXPECT_TRUE(v.comment.html.empty());
  EXPECT_FALSE(v.full_time.empty());
}

}  // namespace
}  // namespace palabre::service
