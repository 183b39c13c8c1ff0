// History: the in-memory HistoryView (moderation/check.h) that the flood and duplicate checks
// read, fed by Pipeline::Record with every stored comment.
//
// Per site it keeps
//   - the recent comments of each author name and of each client address hash (id, thread,
//     time, hash of the folded text), newest last, at most `author_max_posts` each and none
//     older than `author_window_ms`: what flood and double-submit checks need;
//   - the fingerprints of the long comments (folded text of at least `min_indexed_length`
//     bytes) of the last `similar_window_ms`, at most `max_indexed`, in a ring, and a
//     locality-sensitive index over them: one open-addressing table per MinHash band
//     (moderation/fingerprint.h) mapping a band key to the newest comment with that key. A
//     lookup probes kBands tables and verifies at most kBands candidates, whatever the number
//     of comments. Memory is bounded: at most about 320 bytes per indexed comment (a 184-byte
//     ring slot and eight 8-byte table entries at a load of 0.35 to 0.7), about 110 bytes per
//     recent comment for its name and client keys.
// Time is the comments' own: the newest `at` seen is the history's "now", so batch replays of
// old comments expire entries as a live server would.
//
// Thread-safe: lookups of one site share a lock, Add takes it alone; sites are independent.
// Nothing here fails; memory allocation failure aborts as everywhere in palabre.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/thread_annotations.h"
#include "moderation/check.h"

namespace palabre::moderation {

struct HistoryOptions {
  TimestampMs author_window_ms = 24LL * 3600 * 1000;
  std::size_t author_max_posts = 64;
  TimestampMs similar_window_ms = 7LL * 24 * 3600 * 1000;
  std::size_t min_indexed_length = 80;
  std::size_t max_indexed = 2'000'000;
};

// A stored comment as the history keeps it.
struct HistoryEntry {
  CommentId id = 0;
  ThreadId thread_id = 0;
  TimestampMs at = 0;
  Author author;
  Fingerprint fingerprint;
};

class History final : public HistoryView {
 public:
  explicit History(HistoryOptions defaults = {},
                   std::map<std::string, HistoryOptions, std::less<>> per_site = {});
  ~History() override;
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Records `entry` (expiring what has aged out of the windows). An empty text is not indexed
  // for similarity but still counts for its author.
  void Add(std::string_view site_id, const HistoryEntry& entry);

  void RecentBy(std::string_view site_id, bool by_client, std::uint64_t key, TimestampMs since,
                std::size_t limit, std::vector<PastComment>* out) const override;
  void FindSimilar(std::string_view site_id, const Fingerprint& fingerprint, double min_similarity,
                   TimestampMs since, std::size_t limit,
                   std::vector<SimilarComment>* out) const override;

  struct Stats {
    std::size_t sites = 0;
    std::size_t indexed = 0;  // long comments in the similarity index
    std::size_t authors = 0;  // name and client keys with recent posts
    std::size_t bytes = 0;    // estimated memory
  };
  Stats GetStats() const;

 private:
  class Site;
  Site* Find(std::string_view site_id) const;
  Site& FindOrCreate(std::string_view site_id);

  HistoryOptions defaults_;
  std::map<std::string, HistoryOptions, std::less<>> per_site_;
  mutable SharedMutex sites_mutex_;
  std::map<std::string, std::unique_ptr<Site>, std::less<>> sites_ GUARDED_BY(sites_mutex_);
};

}  // namespace palabre::moderation
