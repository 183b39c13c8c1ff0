// ResponseCache: serialized response bodies of thread reads, keyed by the request's shape.
//
// An entry is valid only while the thread's version (CommentService::ThreadVersion) is the one
// it was built with, and for at most `max_age` (relative times such as "il y a 5 minutes" age).
// The caller reads the version BEFORE building a body and stores the body with that version:
// a write that lands meanwhile bumps the version, so the entry is never served (a cache must
// never serve a stale thread after a write). Bounded: each of 16 shards keeps its most recently
// used entries (LRU) up to capacity / 16.
// Thread-safe; a lookup takes one shard's mutex for a hash lookup and a list splice, and
// returns a shared pointer: no body is copied, no lock is held while a body is written out.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"

namespace palabre::http {

class Request;
class Response;

struct CachedBody {
  std::string body;
  std::string etag;  // quoted strong validator: "\"1a2b3c\""
  std::uint64_t version = 0;
  std::chrono::steady_clock::time_point built_at;

  // The gzip encoding of `body` and its validator, compressed on first use (once, whoever
  // asks first); empty when the body is too small to gain from it. Thread-safe.
  const std::string& Gzip() const;
  const std::string& GzipEtag() const;

 private:
  void Compress() const;
  mutable std::once_flag gzip_once_;
  mutable std::string gzip_;
  mutable std::string gzip_etag_;
};

// Answers with `entry`: its body (gzip when the client accepts it and it is worth it), ETag
// and "Vary: Accept-Encoding"; 304 Not Modified when If-None-Match lists the ETag.
void ServeCached(const Request& req, Response& res, const std::shared_ptr<const CachedBody>& entry);

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  ResponseCache(std::size_t capacity, std::chrono::milliseconds max_age);
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The entry for `key` if it was built with `version` and is younger than max_age at `now`;
  // otherwise nullptr (and a stale entry is dropped).
  std::shared_ptr<const CachedBody> Get(std::string_view key, std::uint64_t version,
                                        Clock::time_point now);
  // Stores (or replaces) the entry for `key`, evicting the least recently used of its shard.
  std::shared_ptr<const CachedBody> Put(std::string key, std::string body, std::uint64_t version,
                                        Clock::time_point now);
  std::size_t size() const;

  // A strong ETag for `body`: a quoted 64-bit FNV-1a hash in hex.
  static std::string MakeEtag(std::string_view body);

 private:
  static constexpr std::size_t kShards = 16;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable Mutex mu;
    // Front: most recently used.
    std::list<std::pair<std::string, std::shared_ptr<const CachedBody>>> lru GUARDED_BY(mu);
    std::unordered_map<std::string_view, decltype(lru)::iterator, Hash, std::equal_to<>> index
        GUARDED_BY(mu);  // keys view the list's strings
  };
  Shard& ShardOf(std::string_view key, std::size_t* hash);

  std::size_t per_shard_;
  std::chrono::milliseconds max_age_;
  std::array<Shard, kShards> shards_;
};

}  // namespace palabre::http
