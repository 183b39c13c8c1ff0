#include "http/handlers/votes_handler.h"

#include "http/errors.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {

void VotesHandler::Vote(Request& req, Response& res) { Cast(req, res, /*undo=*/false); }

void VotesHandler::Unvote(Request& req, Response& res) { Cast(req, res, /*undo=*/true); }

void VotesHandler::Cast(Request& req, Response& res, bool undo) {
  const text::Lang lang = PreferredLang(req);
  const auto id = ParseId(req.Param("id"));
  if (!id) return SetError(res, Error::kUnknownComment, lang);
  // DELETE may come without a body.
  auto body = undo && req.body.empty() ? JsonObject::Parse("{}", deps_.options.json)
                                       : ParseJsonBody(req, deps_.options.json);
  if (!body.ok()) return SetError(res, body.status(), lang);
  auto token = ReaderToken(*body, "voter");
  if (!token.ok()) return SetFieldError(res, token.status(), lang, "token");
  service::VoteInput in;
  in.comment_id = *id;
  in.token = std::move(token).value();
  in.client_address = req.client_address;
  if (!undo) {
    auto vote = body->String("vote");
    if (!vote.ok()) return SetError(res, Status(Error::kInvalidVote, "vote not a string"), lang);
    if (*vote == "up") {
      in.direction = 1;
    } else if (*vote == "down") {
      in.direction = -1;
    } else if (*vote != "none") {
      return SetError(res, Status(Error::kInvalidVote, "up, down or none"), lang);
    }
  }
  auto out = deps_.comments.Vote(in);
  if (!out.ok()) {
    if (out.error() == Error::kAlreadyVoted) deps_.metrics.Voted(VoteResult::kAlreadyVoted);
    if (out.error() == Error::kOwnComment) deps_.metrics.Voted(VoteResult::kOwnComment);
    return SetError(res, out.status(), lang);
  }
  if (out->retry_after_s > 0) {
    deps_.metrics.Voted(VoteResult::kRateLimited);
    return SetError(res, Status(Error::kTooManyVotes, "hourly budget"), lang, out->retry_after_s);
  }
  deps_.metrics.Voted(in.direction == 0 ? VoteResult::kUndone : VoteResult::kCounted);
  const Comment& comment = out->comment;
  std::string json = "{\"id\":";
  AppendJsonInt(json, comment.id);
  json += ",\"upvotes\":";
  AppendJsonInt(json, comment.upvotes);
  json += ",\"downvotes\":";
  AppendJsonInt(json, comment.downvotes);
  json += ",\"score\":";
  AppendJsonInt(json, comment.score());
  json += '}';
  SetJson(res, 200, std::move(json));
}

}  // namespace palabre::http::handlers
