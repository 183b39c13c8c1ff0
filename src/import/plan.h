// The first pass of an import: every record of the export, read once, decides what becomes of
// each thread and comment before anything is written (and is all a dry run shows). Kept per
// comment: its id (once, in an arena), a number for it, its parent's and its thread's numbers
// and its state, not its text.
//
// Rules: a thread's key comes from import/thread_identity.h; a comment whose parent is in the
// export (before or after it) stays its reply; a reply whose parent is missing (or in another
// thread) stays a reply, under a placeholder tombstone; a deleted comment with replies that
// are imported becomes a tombstone, a deleted leaf is skipped (kept when restoring palabre's
// own export); pending and spam comments come in held and rejected. Not thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory_resource>
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
  // Comments (and the ids they name as parents, and placeholders) are numbered in the order the
  // plan meets them; the second pass works with these numbers.
  using Index = std::uint32_t;
  static constexpr Index kNone = std::numeric_limits<Index>::max();

  // keep_deleted: a deleted comment is imported (as a tombstone) even when nothing answers it,
  // as a restore of palabre's own export needs.
  explicit Plan(IdentityOptions options, bool keep_deleted = false);
  Plan(const Plan&) = delete;
  Plan& operator=(const Plan&) = delete;

  // The first pass, in the export's order.
  void Add(const SourceThread& thread);
  void Add(const SourceComment& comment);
  void Omitted(std::string_view what);
  void Malformed(std::string_view problem);
  // After the last record: decides every comment's fate.
  void Finish();

  // For the second pass (after Finish).
  struct ThreadInfo {
    std::string id;   // the export's thread id
    std::string key;  // "" if the thread has none (or the export never described it)
    std::string ident;
    std::string title;
    std::string body;
    std::string url;
    // Of the palabre thread: closed when every source thread merged into it is closed, created
    // at the earliest of their times (0: unknown), whatever their order in the export.
    bool closed = false;
    TimestampMs created_at = 0;
  };
  const ThreadInfo* Thread(std::string_view source_thread_id) const;

  // Numbers: every id the plan met (a comment, a parent named by one, a placeholder).
  Index size() const { return static_cast<Index>(nodes_.size()); }
  // kNone for an id the plan never met.
  Index IndexOf(std::string_view id) const;
  std::string_view IdAt(Index i) const { return nodes_[i].id; }
  // kSkipNoThread for a number that is no comment of the export (a parent never seen).
  Fate FateAt(Index i) const { return nodes_[i].fate; }
  // What it is imported under: its parent, or a placeholder when the parent is missing; kNone
  // for a top-level comment.
  Index ParentAt(Index i) const { return nodes_[i].parent; }
  bool IsPlaceholderAt(Index i) const { return nodes_[i].placeholder; }
  // The thread of a comment or a placeholder (nullptr for a number that has none).
  const ThreadInfo* ThreadAt(Index i) const;

  // The same by id (tests, tools).
  Fate FateOf(std::string_view comment_id) const;
  std::string ParentOf(std::string_view comment_id) const;  // "" for a top-level comment
  static bool IsPlaceholder(std::string_view id) { return id.starts_with("missing:"); }
  std::string PlaceholderThreadKey(std::string_view id) const;  // the key of its thread

  const PlanReport& report() const { return report_; }

 private:
  // 32 bytes a comment, plus its id once in the arena and its entry in `index_`.
  struct Node {
    std::string_view id;  // in arena_
    Index parent = kNone;
    std::uint32_t thread = kNoThread;  // into threads_
    SourceState state = SourceState::kApproved;
    Fate fate = Fate::kSkipNoThread;  // until Add sees the comment
    bool seen = false;                // a comment of the export (not only a parent's id)
    bool live_below = false;          // an imported comment is in its subtree
    bool placeholder = false;
  };
  static constexpr std::uint32_t kNoThread = std::numeric_limits<std::uint32_t>::max();

  Index Intern(std::string_view id);
  std::uint32_t InternThread(std::string_view id);
  Index Placeholder(std::string_view parent_id, std::uint32_t thread);
  void MergeThreads();

  IdentityOptions options_;
  bool keep_deleted_ = false;
  PlanReport report_;
  // Ids are kept once, in a monotonic arena; the index and the nodes refer to them.
  std::pmr::monotonic_buffer_resource arena_;
  std::pmr::unordered_map<std::string_view, Index> index_{&arena_};
  std::vector<Node> nodes_;
  std::vector<Index> order_;  // the comments, in the export's order
  std::unordered_map<std::string, std::uint32_t> thread_index_;  // by source thread id
  std::vector<ThreadInfo> threads_;
};

}  // namespace palabre::import
