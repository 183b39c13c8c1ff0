#include "http/response_cache.h"

#include <cstdio>

#include "http/gzip.h"
#include "http/message.h"

namespace palabre::http {

namespace {
constexpr std::size_t kMinGzipBytes = 1024;  // below, headers cost more than gzip saves
}  // namespace

void CachedBody::Compress() const {
  if (body.size() < kMinGzipBytes) return;
  gzip_ = GzipCompress(body);
  if (gzip_.size() >= body.size()) gzip_.clear();
  if (!gzip_.empty()) {
    // A distinct validator for the other representation (RFC 9110 8.8.3).
    gzip_etag_ = etag.size() >= 2 ? etag.substr(0, etag.size() - 1) + "-gz\"" : etag + "-gz";
  }
}

const std::string& CachedBody::Gzip() const {
  std::call_once(gzip_once_, [this] { Compress(); });
  return gzip_;
}

const std::string& CachedBody::GzipEtag() const {
  std::call_once(gzip_once_, [this] { Compress(); });
  return gzip_etag_;
}

void ServeCached(const Request& req, Response& res,
                 const std::shared_ptr<const CachedBody>& entry) {
  const bool gzip = entry->body.size() >= kMinGzipBytes &&
                    AcceptsGzip(req.Header("Accept-Encoding")) && !entry->Gzip().empty();
  const std::string& etag = gzip ? entry->GzipEtag() : entry->etag;
  res.AddHeader("ETag", etag);
  res.AddHeader("Vary", "Accept-Encoding");
  if (IfNoneMatchHits(req.Header("If-None-Match"), etag)) {
    res.status = 304;
    res.content_type = {};
    return;
  }
  res.content_type = kJsonType;
  if (gzip) {
    res.AddHeader("Content-Encoding", "gzip");
    res.shared_body = std::shared_ptr<const std::string>(entry, &entry->Gzip());
  } else {
    res.shared_body = std::shared_ptr<const std::string>(entry, &entry->body);
  }
}

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
  MutexLock lock(s.mu);
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
  MutexLock lock(s.mu);
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
    MutexLock lock(s.mu);
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
