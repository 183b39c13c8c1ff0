// What every import reader produces: a source system's threads and comments as plain values,
// in the order the export holds them, before palabre decides anything about them (thread keys,
// parents, states: import/plan.h). Text is already palabre's Markdown source (HTML exports go
// through import/html_to_markdown.h); times are UTC milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "core/clock.h"

namespace palabre::import {

// A comment's state in the source system.
enum class SourceState {
  kApproved,  // public there
  kPending,   // waiting for a moderator there (WXR 0, Isso mode 2, Commento unapproved)
  kSpam,      // marked spam there
  kDeleted,   // deleted there (kept in the export)
};

struct SourceThread {
  std::string id;     // the export's thread id (Disqus dsq:id, WXR post id, …); unique per file
  std::string ident;  // the site's own identifier for the article when the export has one
                      // (Disqus <id>, the disqus_identifier), else empty
  std::string url;    // the article's URL as the export gives it (may be empty)
  std::string title;
  std::string body;  // the article's text when the export has it (palabre's own), else empty
  TimestampMs created_at = 0;
  bool closed = false;
};

struct SourceComment {
  std::string id;       // the export's comment id: palabre keeps it (import_ref) for idempotence
  std::string thread;   // SourceThread::id of its thread
  std::string parent;   // the id of the comment it answers, empty for a top-level comment
  std::string author;   // display name; empty when the source has none ("Anonyme" is given)
  std::string email;    // as the source gives it, may be empty
  std::string address;  // the author's IP address when the export has it, else empty
  std::string text;     // Markdown source
  TimestampMs created_at = 0;
  SourceState state = SourceState::kApproved;
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  // What only palabre's own export carries (`palabre export`: a restore keeps it as it is).
  std::string client_hash;     // the salted hash of the author's address, stored unchanged
                               // (never hashed again); when set, `address` is ignored
  TimestampMs edited_at = 0;   // 0: never edited
  std::string moderation;      // the stored moderation decision's JSON, or empty
  bool review = false;         // waiting for a moderator's second look
  double risk = 0.0;           // orders the review queue
  bool auto_rejected = false;  // rejected by the pipeline on arrival
};

using Record = std::variant<SourceThread, SourceComment>;

std::string_view ToString(SourceState s);

}  // namespace palabre::import
