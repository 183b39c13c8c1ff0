// The first pass of an import: every record of the export, read once, decides what becomes of
// each thread and comment before anything is written (and is all a dry run shows). Kept per
// comment: its id, parent, thread and state, not its text (about 0.35 KB a comment with the
// importer's own sets, docs/PERFORMANCE.md).
//
// Rules: a thread's key comes from import/thread_identity.h; a comment whose parent is in the
// export (before or after it) stays its reply; a reply whose parent is missing (or in another
// thread) stays a reply, under a placeholder tombstone; a deleted comment with replies that
// are imported becomes a tombstone, a deleted leaf is skipped (kept when restoring palabre's
// own export); pending and spam comments come in held and rejected. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "import/record.h"
#include "import/thread_identity.h"

namespace palabre::import {

// What becomes of one source comment.
enum class Fate {
  kImport,           // imported in its state (approved, pending, spam)
  kTombstone,        // deleted there, but replies to it are imported: kept as a tombstone
  kSkipDeletedLeaf,  // deleted there, nothing answers it: not imported
  kSkipNoThread,     // its thread is not in the export, or has nothing to key it by
  kSkipDuplicate,    // a second comment with the same id in the export
};

struct PlanReport {
  std::int64_t source_threads = 0;
  std::int64_t threads = 0;         // palabre threads that receive comments
  std::int64_t merged_threads = 0;  // source threads that share their key with another
  // Palabre threads with comments under each rule: how the choice of --thread-key merges them.
  std::map<std::string, std::int64_t> threads_by_rule;
  std::int64_t comments = 0;  // comments read
  std::int64_t top_level = 0;
  std::int64_t replies = 0;
  std::int64_t published = 0;  // imported approved (before --moderate)
  std::int64_t held = 0;       // imported pending
  std::int64_t spam = 0;       // imported rejected
  std::int64_t tombstones = 0;
  std::int64_t deleted_skipped = 0;
  std::int64_t orphans = 0;       // replies whose parent is missing: under a placeholder
  std::int64_t placeholders = 0;  // tombstones made for missing parents
  std::int64_t duplicates = 0;    // the same comment id twice in the export
  std::int64_t no_thread = 0;
  std::map<std::string, std::int64_t> omitted;  // what the reader left out (pingback: 3)
  std::int64_t malformed = 0;                   // elements the reader could not read
  std::vector<std::string> problems;            // the first 20 of them, with their place
};

class Plan {
 public:
  // keep_deleted: a deleted comment is imported (as a tombstone) even when nothing answers it,
  // as a restore of palabre's own export needs.
  explicit Plan(IdentityOptions options, bool keep_deleted = false);

  // The first pass, in the export's order.
  void Add(const SourceThread& thread);
  void Add(const SourceComment& comment);
  void Omitted(std::string_view what);
  void Malformed(std::string_view problem);
  // After the last record: decides every comment's fate.
  void Finish();

  // For the second pass (after Finish).
  struct ThreadInfo {
    std::string key;  // "" if the thread has none
    std::string ident;
    std::string title;
    std::string body;
    std::string url;
    bool closed = false;
    TimestampMs created_at = 0;
  };
  const ThreadInfo* Thread(std::string_view source_thread_id) const;
  // kSkipNoThread for an id the plan never saw.
  Fate FateOf(std::string_view comment_id) const;
  // The source id of the comment this one is imported under ("" for a top-level one): its
  // parent, or a placeholder's id (IsPlaceholder) when the parent is missing.
  std::string ParentOf(std::string_view comment_id) const;
  static bool IsPlaceholder(std::string_view id) { return id.starts_with("missing:"); }
  // The key of the thread a placeholder belongs to.
  std::string PlaceholderThreadKey(std::string_view id) const;

  const PlanReport& report() const { return report_; }

 private:
  struct Node {
    std::string parent;  // as resolved by Finish
    std::string thread;  // source thread id
    SourceState state = SourceState::kApproved;
    Fate fate = Fate::kImport;
    bool live_below = false;  // an imported comment is in its subtree
  };

  IdentityOptions options_;
  bool keep_deleted_ = false;
  PlanReport report_;
  std::unordered_map<std::string, ThreadInfo> threads_;  // by source thread id
  std::unordered_map<std::string, Node> comments_;
  std::vector<std::string> order_;                             // comment ids, export order
  std::unordered_map<std::string, std::string> placeholders_;  // id -> thread key
};

}  // namespace palabre::import
