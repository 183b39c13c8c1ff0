// PATCH and DELETE /api/v1/comments/{id}: the author edits or deletes a comment with the edit
// token given at post time (body "edit_token", or the X-Edit-Token header for DELETE).
// An edit goes through moderation again: 200 published, 202 held (with reasons), 422
// rejected (the old text stays), 429 rate_limited. POST /api/v1/comments/status?site=S: the
// status of the author's own comments, each proven by its edit token (docs/API.md). Thread-safe.
#pragma once

#include "http/message.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class CommentHandler {
 public:
  explicit CommentHandler(Deps& deps) : deps_(deps) {}

  void Edit(Request& req, Response& res);
  void Delete(Request& req, Response& res);
  void Statuses(Request& req, Response& res);

 private:
  Deps& deps_;
};

}  // namespace palabre::http::handlers
