#include "moderation/history.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <utility>

namespace palabre::moderation {
namespace {

// Open-addressing hash table (linear probing, backward-shift deletion) from a non-zero 32-bit
// band key to the low 32 bits of a ring sequence number. Not thread-safe (the site's lock).
class BandTable {
 public:
  BandTable() : slots_(kInitialCapacity) {}

  void Put(std::uint32_t key, std::uint32_t value) {
    if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
    std::size_t i = Home(key);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & Mask();
    if (slots_[i].key == 0) ++size_;
    slots_[i] = {key, value};
  }

  bool Get(std::uint32_t key, std::uint32_t* value) const {
    for (std::size_t i = Home(key);; i = (i + 1) & Mask()) {
      if (slots_[i].key == 0) return false;
      if (slots_[i].key == key) {
        *value = slots_[i].value;
        return true;
      }
    }
  }

  // Removes `key` if it still maps to `value` (a newer comment may have taken the key over).
  void EraseIf(std::uint32_t key, std::uint32_t value) {
    std::size_t i = Home(key);
    while (slots_[i].key != key) {
      if (slots_[i].key == 0) return;
      i = (i + 1) & Mask();
    }
    if (slots_[i].value != value) return;
    // Backward shift: pull later entries of the probe chain into the hole.
    std::size_t hole = i;
    for (std::size_t j = (hole + 1) & Mask(); slots_[j].key != 0; j = (j + 1) & Mask()) {
      const std::size_t home = Home(slots_[j].key);
      const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = {0, 0};
    --size_;
  }

  std::size_t bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t value = 0;
  };
  static constexpr std::size_t kInitialCapacity = 1024;

  std::size_t Mask() const { return slots_.size() - 1; }
  std::size_t Home(std::uint32_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B1u) >> 7) & Mask();
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key != 0) Put(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

struct Indexed {
  CommentId id;
  ThreadId thread_id;
  TimestampMs at;
  Author author;
  Fingerprint fingerprint;
};

}  // namespace

class History::Site {
 public:
  explicit Site(const HistoryOptions& options) : options_(options) {}

  void Add(const HistoryEntry& e) {
    WriterMutexLock lock(mutex_);
    now_ = std::max(now_, e.at);
    const PastComment past{e.id, e.thread_id, e.at, e.fingerprint.exact};
    if (e.author.name != 0) AddPost(by_name_, e.author.name, false, past);
    if (e.author.client != 0) AddPost(by_client_, e.author.client, true, past);
    ExpirePosts();
    if (e.fingerprint.shingles > 0 && e.fingerprint.length >= options_.min_indexed_length) {
      const std::uint64_t seq = first_seq_ + ring_.size();
      ring_.push_back(Indexed{e.id, e.thread_id, e.at, e.author, e.fingerprint});
      for (std::size_t b = 0; b < kBands; ++b) {
        bands_[b].Put(e.fingerprint.BandKey(b), static_cast<std::uint32_t>(seq));
      }
    }
    ExpireIndexed();
  }

  void RecentBy(bool by_client, std::uint64_t key, TimestampMs since, std::size_t limit,
                std::vector<PastComment>* out) const {
    ReaderMutexLock lock(mutex_);
    const auto& map = by_client ? by_client_ : by_name_;
    const auto it = map.find(key);
    if (it == map.end()) return;
    std::size_t n = 0;
    for (auto p = it->second.rbegin(); p != it->second.rend() && n < limit; ++p) {
      if (p->at < since) continue;  // entries are in insertion order, nearly sorted
      out->push_back(*p);
      ++n;
    }
  }

  void FindSimilar(const Fingerprint& fp, double min_similarity, TimestampMs since,
                   std::size_t limit, std::vector<SimilarComment>* out) const {
    if (fp.shingles == 0) return;
    ReaderMutexLock lock(mutex_);
    std::array<std::uint64_t, kBands> seen{};
    std::size_t seen_count = 0;
    const std::size_t first = out->size();
    for (std::size_t b = 0; b < kBands; ++b) {
      const std::uint32_t key = fp.BandKey(b);
      std::uint32_t low = 0;
      if (!bands_[b].Get(key, &low)) continue;
      const std::uint64_t offset =
          static_cast<std::uint32_t>(low - static_cast<std::uint32_t>(first_seq_));
      if (offset >= ring_.size()) continue;
      const std::uint64_t seq = first_seq_ + offset;
      if (std::find(seen.begin(), seen.begin() + seen_count, seq) != seen.begin() + seen_count) {
        continue;
      }
      seen[seen_count++] = seq;
      const Indexed& slot = ring_[offset];
      if (slot.at < since || slot.fingerprint.BandKey(b) != key) continue;
      const double similarity = Similarity(fp, slot.fingerprint);
      if (similarity < min_similarity) continue;
      out->push_back(
          SimilarComment{PastComment{slot.id, slot.thread_id, slot.at, slot.fingerprint.exact},
                         slot.author, similarity, slot.fingerprint.exact == fp.exact});
    }
    std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
              [](const SimilarComment& a, const SimilarComment& b) {
                if (a.similarity != b.similarity) return a.similarity > b.similarity;
                return a.comment.at > b.comment.at;
              });
    if (out->size() - first > limit) out->resize(first + limit);
  }

  void AddStats(Stats* stats) const {
    ReaderMutexLock lock(mutex_);
    stats->indexed += ring_.size();
    stats->authors += by_name_.size() + by_client_.size();
    std::size_t bytes = ring_.size() * sizeof(Indexed) + log_.size() * sizeof(LogEntry);
    for (const auto& table : bands_) bytes += table.bytes();
    for (const auto* map : {&by_name_, &by_client_}) {
      for (const auto& [key, posts] : *map) {
        bytes += 48 + posts.capacity() * sizeof(PastComment);
      }
    }
    stats->bytes += bytes;
  }

 private:
  using Posts = std::unordered_map<std::uint64_t, std::vector<PastComment>>;
  struct LogEntry {
    TimestampMs at;
    std::uint64_t key;
    bool by_client;
  };

  void AddPost(Posts& map, std::uint64_t key, bool by_client, const PastComment& past)
      REQUIRES(mutex_) {
    auto& posts = map[key];
    posts.push_back(past);
    if (posts.size() > options_.author_max_posts) posts.erase(posts.begin());
    log_.push_back({past.at, key, by_client});
  }

  // Drops posts older than the author window; the log says whose, oldest first.
  void ExpirePosts() REQUIRES(mutex_) {
    const TimestampMs horizon = now_ - options_.author_window_ms;
    while (!log_.empty() && log_.front().at < horizon) {
      const LogEntry e = log_.front();
      log_.pop_front();
      Posts& map = e.by_client ? by_client_ : by_name_;
      const auto it = map.find(e.key);
      if (it == map.end()) continue;
      auto& posts = it->second;
      posts.erase(std::remove_if(posts.begin(), posts.end(),
                                 [&](const PastComment& p) { return p.at < horizon; }),
                  posts.end());
      if (posts.empty()) map.erase(it);
    }
  }

  void ExpireIndexed() REQUIRES(mutex_) {
    const TimestampMs horizon = now_ - options_.similar_window_ms;
    while (!ring_.empty() && (ring_.size() > options_.max_indexed || ring_.front().at < horizon)) {
      const Indexed& oldest = ring_.front();
      for (std::size_t b = 0; b < kBands; ++b) {
        bands_[b].EraseIf(oldest.fingerprint.BandKey(b), static_cast<std::uint32_t>(first_seq_));
      }
      ring_.pop_front();
      ++first_seq_;
    }
  }

  const HistoryOptions options_;
  mutable SharedMutex mutex_;
  TimestampMs now_ GUARDED_BY(mutex_) = 0;
  Posts by_name_ GUARDED_BY(mutex_);
  Posts by_client_ GUARDED_BY(mutex_);
  std::deque<LogEntry> log_ GUARDED_BY(mutex_);
  std::deque<Indexed> ring_ GUARDED_BY(mutex_);
  std::uint64_t first_seq_ GUARDED_BY(mutex_) = 0;  // sequence number of ring_.front()
  std::array<BandTable, kBands> bands_ GUARDED_BY(mutex_);
};

History::History(HistoryOptions defaults,
                 std::map<std::string, HistoryOptions, std::less<>> per_site)
    : defaults_(defaults), per_site_(std::move(per_site)) {}

History::~History() = default;

History::Site* History::Find(std::string_view site_id) const {
  ReaderMutexLock lock(sites_mutex_);
  const auto it = sites_.find(site_id);
  return it == sites_.end() ? nullptr : it->second.get();
}

History::Site& History::FindOrCreate(std::string_view site_id) {
  if (Site* site = Find(site_id)) return *site;
  WriterMutexLock lock(sites_mutex_);
  auto& slot = sites_[std::string(site_id)];
  if (!slot) {
    const auto options = per_site_.find(site_id);
    slot = std::make_unique<Site>(options == per_site_.end() ? defaults_ : options->second);
  }
  return *slot;
}

void History::Add(std::string_view site_id, const HistoryEntry& entry) {
  FindOrCreate(site_id).Add(entry);
}

void History::RecentBy(std::string_view site_id, bool by_client, std::uint64_t key,
                       TimestampMs since, std::size_t limit, std::vector<PastComment>* out) const {
  if (key == 0) return;
  if (const Site* site = Find(site_id)) site->RecentBy(by_client, key, since, limit, out);
}

void History::FindSimilar(std::string_view site_id, const Fingerprint& fingerprint,
                          double min_similarity, TimestampMs since, std::size_t limit,
                          std::vector<SimilarComment>* out) const {
  if (const Site* site = Find(site_id)) {
    site->FindSimilar(fingerprint, min_similarity, since, limit, out);
  }
}

History::Stats History::GetStats() const {
  Stats stats;
  ReaderMutexLock lock(sites_mutex_);
  stats.sites = sites_.size();
  for (const auto& [id, site] : sites_) site->AddStats(&stats);
  return stats;
}

}  // namespace palabre::moderation
