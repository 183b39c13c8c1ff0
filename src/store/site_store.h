// SiteStore: the sites, their article threads and their API keys: the Store role every
// request starts from (which site, which thread). Part of Store (store.h), whose contract
// (durability, thread-safety, failures) applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

struct ThreadCount {
  std::string key;
  std::int64_t count = 0;
};

class SiteStore {
 public:
  SiteStore() = default;
  SiteStore(const SiteStore&) = delete;
  SiteStore& operator=(const SiteStore&) = delete;
  virtual ~SiteStore() = default;

  // Sites.
  virtual Status CreateSite(const Site& site) = 0;        // kSiteExists
  virtual Status UpdateSite(const Site& site) = 0;        // keeps created_at; kUnknownSite
  virtual Result<Site> GetSite(std::string_view id) = 0;  // kUnknownSite
  virtual Result<std::vector<Site>> ListSites() = 0;      // ordered by id
  virtual Status RemoveSite(std::string_view id) = 0;     // with its threads; kUnknownSite

  // Threads.
  virtual Result<Thread> GetThread(std::string_view site_id,
                                   std::string_view key) = 0;  // kUnknownThread
  virtual Result<Thread> GetThreadById(ThreadId id) = 0;       // kUnknownThread
  // Returns the thread (site_id, key), creating it from `thread` if absent. An existing
  // thread's empty title or body is filled from `thread`; nothing else changes. kUnknownSite.
  virtual Result<Thread> EnsureThread(const Thread& thread) = 0;
  virtual Status SetThreadClosed(ThreadId id, bool closed) = 0;  // kUnknownThread
  // The publisher's title for the thread, replacing any. kUnknownThread.
  virtual Status SetThreadTitle(ThreadId id, std::string_view title) = 0;
  // Published-comment counts of the given keys, in the order asked; keys without a thread are
  // absent.
  virtual Result<std::vector<ThreadCount>> CountComments(std::string_view site_id,
                                                         std::span<const std::string> keys) = 0;

  // API keys of the analysis API. CreateApiKey: id set; kUnknownSite; kInvalidArgument for an
  // empty key_hash. ListApiKeys: the site's keys by id (none for an unknown site). FindApiKey:
  // by the key's hash, kUnknownApiKey. RemoveApiKey: kUnknownApiKey unless the key `id` is the
  // site's.
  virtual Result<ApiKey> CreateApiKey(const ApiKey& key) = 0;
  virtual Result<std::vector<ApiKey>> ListApiKeys(std::string_view site_id) = 0;
  virtual Result<ApiKey> FindApiKey(std::string_view key_hash) = 0;
  virtual Status RemoveApiKey(std::string_view site_id, std::int64_t id) = 0;
};

}  // namespace palabre::store
