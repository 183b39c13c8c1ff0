// Decision and Moderator: what the moderation pipeline tells the rest of palabre.
//
// The service asks a Moderator to Evaluate every new or edited comment before it is stored,
// and tells it what was stored (Record) so that duplicate and flood checks see it. A Decision
// keeps every reason that contributed, not just the first: moderators see all the evidence.
// Implementations must be thread-safe (called from every server thread) and must not throw.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::moderation {

struct Fingerprint;

// Ordered by severity: merging verdicts keeps the most severe.
// - kPass, kFlag: published (kFlag marks the reason for moderators, nothing more);
// - kReview: published at once and queued for a moderator's second look ("À revoir"): readers
//   see the comment as any other, moderators find it in the review queue ordered by risk;
// - kHold: kept out of the thread until a moderator approves it;
// - kReject: refused.
enum class Action { kPass = 0, kFlag = 1, kReview = 2, kHold = 3, kReject = 4 };
// "publish" for kPass and kFlag, "review", "hold", "reject": the decision's outcome.
std::string_view ToString(Action a);
// "pass", "flag", "review", "hold", "reject": what one reason asked for (its JSON "action").
std::string_view ReasonActionName(Action a);

// A byte range of the comment's text that a check points at (highlighted for moderators).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Reason {
  std::string check;   // Name() of the check: "duplicate"
  std::string code;    // stable lower_snake_case: "duplicate", "banned_word", "threat"
  std::string detail;  // short human explanation (French), no comment text beyond a match
  double score = 0.0;  // 0..1, the check's confidence
  Action action = Action::kFlag;
  std::vector<Span> spans;
  // The earlier comment this reason is about (duplicate, copy_paste), 0 for none: the
  // moderator console groups a copy-paste campaign by it.
  CommentId comment_id = 0;
};

struct Decision {
  Action action = Action::kPass;
  std::vector<Reason> reasons;
  std::map<std::string, double>
      scores;             // classifier probabilities: threat, hate, insult, spam, toxicity
  int retry_after_s = 0;  // > 0 when rejected for flooding (HTTP 429)
  // The judged text's fingerprint (moderation/fingerprint.h), kept so that Moderator::Record
  // of the same comment does not normalise it again. Not part of ToJson; may be null.
  std::shared_ptr<const Fingerprint> fingerprint;

  // kPass, kFlag and kReview publish the comment.
  bool published() const { return action <= Action::kReview; }
  bool review() const { return action == Action::kReview; }
  // How urgent the review is: the highest score among the reasons whose action is kReview (0
  // when there is none), clamped to 0..1. The review queue lists the highest first.
  double review_risk() const;
  bool rate_limited() const { return retry_after_s > 0; }
  // {"action":..,"reasons":[{"check","code","detail","score","action","spans":[[b,e],..]
  //   (,"comment_id":N when set)}],"scores":{..}} — what the store keeps in
  // Comment::moderation. A reason's "action" is "flag" for kFlag (its own verdict), unlike the
  // decision's (where kFlag publishes); "review" is "review" in both.
  std::string ToJson() const;
};

// Reads ToJson's output back (the moderator console shows the stored decisions). Decisions
// stored before reasons had "action" and "spans" parse with kFlag and no spans; unknown keys
// are ignored. An empty string is an empty decision (imported comments). kInvalidJson on
// anything else that is not such an object.
Result<Decision> ParseDecisionJson(std::string_view json);

class Moderator {
 public:
  virtual ~Moderator() = default;
  // `comment` is not stored yet: id is 0; author, text, email, parent_id, client_hash and
  // created_at are set.
  virtual Decision Evaluate(const Site& site, const Thread& thread, const Comment& comment) = 0;
  // `comment` as stored (with its id), whatever its status. `judged`: what Evaluate returned
  // for this very comment when the caller has it (its fingerprint is reused), else nullptr
  // (a comment another node stored, history warmed up at start).
  virtual void Record(const Site& site, const Comment& comment, const Decision* judged) = 0;
};

}  // namespace palabre::moderation
