#include "http/response_cache.h"

#include <cstdio>

namespace palabre::http {

ResponseCache::ResponseCache(std::size_t capacity, std::chrono::milliseconds max_age)
    : per_shard_(capacity / kShards > 0 ? capacity / kShards : 1), max_age_(max_age) {}

ResponseCache::Shard& ResponseCache::ShardOf(std::string_view key, std::size_t* hash) {
  *hash = Hash{}(key);
  // The low bits feed the map's buckets; take the shard from high bits.
  return shards_[(*hash >> 48) % kShards];
}

std::shared_ptr<const CachedBody> ResponseCache::Get(std::string_view key, std::uint64_t version,
                                                     Clock::time_point now) {
  std::size_t hash;
  Shard& s = ShardOf(key, &hash);
  std::lock_guard lock(s.mu);
  const auto it = s.index.find(key);
  if (it == s.index.end()) return nullptr;
  const auto& entry = it->second->second;
  if (entry->version != version || now - entry->built_at >= max_age_ || now < entry->built_at) {
    s.lru.erase(it->second);
    s.index.erase(it);
    return nullptr;
  }
  s.lru.splice(s.lru.begin(), s.lru, it->second);
  return s.lru.front().second;
}

std::shared_ptr<const CachedBody> ResponseCache::Put(std::string key, std::string body,
                                                     std::uint64_t version, Clock::time_point now) {
  auto entry = std::make_shared<CachedBody>();
  entry->etag = MakeEtag(body);
  entry->body = std::move(body);
  entry->version = version;
  entry->built_at = now;
  std::size_t hash;
  Shard& s = ShardOf(key, &hash);
  std::lock_guard lock(s.mu);
  if (const auto it = s.index.find(std::string_view(key)); it != s.index.end()) {
    // Replace in place unless the present entry is newer (built from a later version).
    auto& present = it->second->second;
    if (present->version <= version) present = entry;
    s.lru.splice(s.lru.begin(), s.lru, it->second);
    return entry;
  }
  s.lru.emplace_front(std::move(key), entry);
  s.index.emplace(std::string_view(s.lru.front().first), s.lru.begin());
  while (s.lru.size() > per_shard_) {
    s.index.erase(std::string_view(s.lru.back().first));
    s.lru.pop_back();
  }
  return entry;
}

std::size_t ResponseCache::size() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.lru.size();
  }
  return n;
}

std::string ResponseCache::MakeEtag(std::string_view body) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : body) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace palabre::http
