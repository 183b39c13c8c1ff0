// Moderator decisions as labelled comments for the toxicity classifier (`palabre train
// --from-decisions`, docs/MODERATION.md "Learning from a site's moderators").
//
// ReadModeratorDecisions reads one site through the Store interface:
// - the audit log (Store::ListAudit), newest first; a comment's latest "approve",
//   "false_positive", "reject" or "unpublish" entry is its decision, older ones are
//   superseded; an "undo" takes back the decision just before it (that one is skipped);
// - approved comments are `ok`, and so are false positives (a comment the pipeline rejected
//   that a moderator published from "Rejetés automatiquement"); rejected ones are labelled by the
//   moderator's reason: threat → threat, hate → hate, harassment → insult, spam → spam. off_topic,
//   illegal and other say nothing the classifier can learn (an off-topic comment may be polite, an
//   illegal one is a matter of law) and are left out; so are comments whose latest action is
//   unpublish (held, not decided yet);
// - published comments no moderator acted on and no reader reported (Store::QueryComments,
//   newest first, at most `max_published`) are `ok` too: readers saw them and moderators
//   let them stand;
// - the text is the comment's current one (Store::GetComment); a comment edited after its
//   decision, erased (empty text) or deleted by its author is left out.
// Each row goes to the held-out slice or to training by a hash of its comment id (the same
// split on every run), so that a model is always measured on decisions it never saw. Training
// rows are not repeated here; the caller weighs them. Reads only; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "moderation/classifier/dataset.h"
#include "store/store.h"

namespace palabre::app {

struct DecisionDataOptions {
  std::string site_id;
  std::size_t max_published = 5000;  // implicit `ok` rows (published, never acted on)
  int holdout_percent = 20;          // 0..100: share of rows kept for evaluation
};

struct DecisionCounts {
  std::size_t approved = 0;        // explicit approvals used
  std::size_t published = 0;       // published without a decision, used
  std::size_t rejected = 0;        // rejections used (threat, hate, harassment, spam)
  std::size_t ignored_reason = 0;  // rejections for off_topic, illegal, other (or no reason)
  std::size_t undecided = 0;       // latest action unpublish
  std::size_t skipped = 0;         // edited after the decision, erased, deleted or gone
};

struct DecisionData {
  std::vector<moderation::classifier::LabelledRow> train;
  std::vector<moderation::classifier::LabelledRow> held_out;
  DecisionCounts counts;
};

// The classifier's label for a moderator's reject reason: "threat", "hate", "harassment"
// (insult), "spam"; nullopt for the others.
std::optional<moderation::classifier::Label> LabelForRejectReason(std::string_view reason);

// kInvalidArgument for an empty site or a holdout outside 0..100; the store's errors as they
// come (kUnknownSite from GetSite, kUnavailable ...).
Result<DecisionData> ReadModeratorDecisions(store::Store& store,
                                            const DecisionDataOptions& options);

}  // namespace palabre::app
