// ImportService: writes a publisher's existing discussions into palabre, one thread and one
// comment at a time (`palabre import` through service/import_run.h, and the demo's seed).
// Imported comments keep their original times and the state they are given (published by
// default: they already were public, so neither flood limits nor moderation apply unless the
// import asks for it). Idempotent on the source's ids: importing the same history twice adds
// nothing the second time.
// Keeps nothing per comment (the store's import_ref index answers), so memory does not grow
// with the export. Thread-safe as far as the Store is; meant to run from one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace palabre::service {

struct ImportedThread {
  std::string key;  // the article key
  std::string title;
  std::string body;
  TimestampMs created_at = 0;  // kept when the thread is created (palabre's own export)
  bool closed = false;         // likewise
};

struct ImportedComment {
  std::string source_id;  // id in the previous system (required, unique per site)
  std::string thread_key;
  std::string parent_source_id;  // empty for a top-level comment
  // The parent's palabre id when the caller knows it (then parent_source_id is not looked up).
  std::optional<CommentId> parent_id;
  std::string author;  // empty: "Anonyme" ("Anonymous" on an English site)
  std::string text;    // Markdown; may be empty for a deleted comment (a tombstone)
  TimestampMs created_at = 0;
  CommentStatus status = CommentStatus::kPublished;
  std::string email;    // kept when it looks like an address (core/email.h), else dropped
  std::string address;  // the author's IP address: only its salted hash is stored
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  std::string moderation;  // a moderation decision's JSON (moderation/decision.h), or empty
  bool review = false;
  double risk = 0.0;
  // Restores of palabre's own export: the stored client hash, kept as it is (`address` is then
  // not hashed), the edit time and the pipeline's rejection mark.
  std::string client_hash;
  std::optional<TimestampMs> edited_at;
  bool auto_rejected = false;
};

struct ImportCounts {
  std::int64_t threads = 0;
  std::int64_t comments = 0;
  std::int64_t skipped_existing = 0;  // already imported earlier (same source id)
};

class ImportService {
 public:
  ImportService(store::Store& store, std::string site_id);

  // kUnknownSite.
  Status Begin();
  // Creates the thread or fills its empty title and body. kKeyInvalid.
  Status AddThread(const ImportedThread& thread);
  // The comment imported with this source id (earlier or in this run), if any: AddComment
  // would leave it as it is.
  Result<std::optional<CommentId>> AlreadyImported(const std::string& source_id);
  // Returns the comment's palabre id (the existing one when it was imported before).
  // kKeyInvalid, kInvalidArgument (missing id, author or text), kInvalidUtf8, kTextTooLong,
  // kUnknownParent (the parent was not imported before its reply).
  Result<CommentId> AddComment(const ImportedComment& comment);

  const ImportCounts& counts() const { return counts_; }

 private:
  Result<Thread> ThreadFor(std::string_view key);

  store::Store& store_;
  std::string site_id_;
  Site site_;  // read by Begin
  ImportCounts counts_;
  std::unordered_map<std::string, Thread> threads_;  // by key
  std::string known_absent_;  // the source id AlreadyImported last found absent
};

}  // namespace palabre::service
