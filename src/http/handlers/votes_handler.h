// POST /api/v1/comments/{id}/votes: {"vote": "up"|"down", "voter": "optional id"} →
// {"id","upvotes","downvotes","score"}. One vote per voter (the voter id, else the client
// address, both hashed by the service). Thread-safe.
#pragma once

#include "http/message.h"
#include "http/routes.h"

namespace palabre::http::handlers {

class VotesHandler {
 public:
  explicit VotesHandler(Deps& deps) : deps_(deps) {}
  void Vote(Request& req, Response& res);

 private:
  Deps& deps_;
};

}  // namespace palabre::http::handlers
