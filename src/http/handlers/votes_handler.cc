#include "http/handlers/votes_handler.h"

#include "http/errors.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {

void VotesHandler::Vote(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  auto body = ParseJsonBody(req, deps_.options.json);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto vote = body->String("vote");
  auto voter = body->String("voter");
  if (!vote.ok()) return SetError(res, Status(Error::kInvalidVote, "vote not a string"), lang);
  if (!voter.ok()) return SetError(res, voter.status(), lang);
  int direction = 0;
  if (*vote == "up") direction = 1;
  if (*vote == "down") direction = -1;
  if (direction == 0) return SetError(res, Status(Error::kInvalidVote, "up or down"), lang);

  auto comment = deps_.comments.Vote(*id, direction, voter->value_or(""), req.client_address);
  if (!comment.ok()) return SetError(res, comment.status(), lang);
  std::string json = "{\"id\":";
  AppendJsonInt(json, comment->id);
  json += ",\"upvotes\":";
  AppendJsonInt(json, comment->upvotes);
  json += ",\"downvotes\":";
  AppendJsonInt(json, comment->downvotes);
  json += ",\"score\":";
  AppendJsonInt(json, comment->score());
  json += '}';
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
