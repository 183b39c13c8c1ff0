// The domain of palabre: sites, threads, comments and votes, as plain value types.
//
// A Site is a publisher; a Thread is the discussion under one article of a site, named by the
// site's own key for the article (its URL or id); a Comment belongs to a thread and may answer
// another comment of the same thread (parent). root_id is the top-level ancestor (itself for a
// top-level comment) and depth its distance from it, so a page of top-level comments and all
// their replies are two indexed reads. Times are UTC milliseconds (core/clock.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace palabre {

using CommentId = std::int64_t;
using ThreadId = std::int64_t;

struct Site {
  std::string id;  // [a-z0-9-]{1,64}
  std::string name;
  std::vector<std::string> origins;  // allowed CORS origins, "https://example.com"
  std::string locale = "fr";         // default language of relative times: "fr" or "en"
  std::string time_zone = "UTC";     // IANA zone; UTC is the zone of Dakar and Bamako
  bool auto_create_threads = true;   // a first post to an unknown key creates its thread
  std::string salt;                  // random, per site: client addresses are hashed with it
  // The site's settings from the moderator console (service/site_settings.h), a JSON object
  // the store keeps as is. "{}": the server's defaults.
  std::string settings = "{}";
  TimestampMs created_at = 0;
};

struct Thread {
  ThreadId id = 0;
  std::string site_id;
  std::string key;  // the site's key for the article
  std::string title;
  std::string body;  // article text, optional (moderation's off-topic check reads it)
  bool closed = false;
  std::int64_t comment_count = 0;  // published comments, replies included
  TimestampMs created_at = 0;
};

enum class CommentStatus { kPublished, kHeld, kRejected, kDeleted };
std::string_view ToString(CommentStatus s);
std::optional<CommentStatus> ParseCommentStatus(std::string_view s);

struct Comment {
  CommentId id = 0;
  ThreadId thread_id = 0;
  std::optional<CommentId> parent_id;
  CommentId root_id = 0;  // == id for a top-level comment
  int depth = 0;          // 0 for a top-level comment
  std::string author;     // display name, NFC
  std::string email;      // optional, never returned by the public API
  std::string text;       // source text as written (NFC), safe-Markdown subset
  std::string html;       // sanitized rendering of text (core/text/markdown.h)
  CommentStatus status = CommentStatus::kPublished;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> edited_at;
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  std::string edit_token_hash;  // hex digest of the author's edit token
  std::string client_hash;      // salted hash of the client address, never the address
  std::string source_id;        // id in the publisher's previous system (import), or empty
  std::string moderation;       // the moderation decision (JSON), kept for moderators
  // The token of its author's replies feed (RepliesFeedToken of the widget's per-browser reader
  // token), "" without one. Written with the comment; the store's reads leave it empty (only
  // the feed's query, CommentStore::ListRepliesTo, uses it).
  std::string replies_token;
  // Published, and waiting for a moderator's second look (the pipeline's review outcome) until
  // a moderator decides on it. risk (0..1) orders that queue, highest first; it is kept to
  // four decimals.
  bool review = false;
  double risk = 0.0;
  // The pipeline rejected it on arrival: kept (status rejected, with its decision) for the
  // site's keep_rejected_days so that a moderator can publish a false positive; never listed to
  // readers, counted or answered. Set when it is stored and never changed.
  bool auto_rejected = false;
  // Reader reports not yet resolved by a moderator. Filled by Store::QueryComments only.
  std::int64_t open_reports = 0;
  std::int64_t score() const { return upvotes - downvotes; }
};

// One reader's vote on a comment, as the store keeps it (`palabre export` writes them; a
// comment's upvotes and downvotes are their sums).
struct CommentVote {
  CommentId comment_id = 0;
  std::string voter_hash;  // the site's salted hash of the voter's client
  std::string token_hash;  // of the widget's per-browser token, "" without one
  int direction = 0;       // +1 or -1
  TimestampMs created_at = 0;
};

// Sort orders of a thread's top-level comments.
enum class Sort { kOldest, kNewest, kBest };
std::string_view ToString(Sort s);
std::optional<Sort> ParseSort(std::string_view s);

}  // namespace palabre
