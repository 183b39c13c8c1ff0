// AnalyzeService: the moderation decision for a text without storing anything
// (POST /api/v1/analyze and the Perspective-compatible POST /v1alpha1/comments:analyze).
//
// The text runs through the same pipeline as a posted comment, in the context of a site (its
// settings, applied to the pipeline first through CommentService::SettingsFor when a
// CommentService is given, as a post would) and optionally of an article (title and body, for
// the off-topic check). There is no author and no client address, so flood is not checked and
// duplicates only against other people's long comments. Nothing is recorded. Thread-safe.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "moderation/decision.h"
#include "service/comment_service.h"
#include "store/store.h"

namespace palabre::service {

struct AnalyzeInput {
  std::string site_id;  // empty: the default settings, no site needed
  std::string key;      // optional: the article, whose title and body give the context
  std::string title;    // used when `key` names no thread
  std::string body;
  std::string text;
};

class AnalyzeService {
 public:
  // `comments` (may be null: the site's settings then reach the pipeline only once a post or
  // report of the site applied them) must outlive this.
  AnalyzeService(store::Store& store, moderation::Moderator& moderator, const Clock& clock,
                 CommentService* comments = nullptr, std::size_t max_text = 20'000)
      : store_(store),
        moderator_(moderator),
        clock_(clock),
        comments_(comments),
        max_text_(max_text) {}

  // kUnknownSite, kInvalidUtf8, kTextEmpty, kTextTooLong.
  Result<moderation::Decision> Analyze(const AnalyzeInput& in);

 private:
  store::Store& store_;
  moderation::Moderator& moderator_;
  const Clock& clock_;
  CommentService* comments_;
  std::size_t max_text_;
};

}  // namespace palabre::service
