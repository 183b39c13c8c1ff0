// A reader's vote on a comment:
//   POST /api/v1/comments/{id}/votes {"vote": "up"|"down"|"none", "token": "…"} and
//   DELETE /api/v1/comments/{id}/votes (body {"token": "…"} optional, as "none")
// → {"id","upvotes","downvotes","score"}. The reader is their client address and the
// widget's per-browser token ("voter", the field's former name, is read as the token), hashed
// by the service: one vote per reader, "none" or DELETE takes it back. Refusals: 409
// already_voted, 403 own_comment, 429 too_many_votes with Retry-After; each outcome counted in
// Metrics. Thread-safe.
#pragma once

#include "http/message.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class VotesHandler {
 public:
  explicit VotesHandler(Deps& deps) : deps_(deps) {}
  void Vote(Request& req, Response& res);
  void Unvote(Request& req, Response& res);

 private:
  void Cast(Request& req, Response& res, bool undo);
  Deps& deps_;
};

}  // namespace palabre::http::handlers
