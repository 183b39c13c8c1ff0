// ApiKeyService: the keys of the analysis API (POST /api/v1/analyze and the Perspective-
// compatible POST /v1alpha1/comments:analyze), per site.
//
// A key is "plb_" and 43 characters of base64url (32 random bytes); it is shown once, when it
// is made (`palabre site key add`, or the console's site page), and the store keeps only its
// BLAKE2b hash and its first 8 characters (to tell keys apart in lists). A request presents
// the key; Admit finds it by its hash (one indexed read, so a removed key stops working at
// once, on every node) and spends one request of its per-minute budget. Budgets are kept in
// memory, per node: behind N nodes a key can make up to N times its budget a minute.
// Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "store/store.h"

namespace palabre::service {

struct NewApiKey {
  ApiKey key;          // as stored (id set)
  std::string secret;  // the key itself: give it to the publisher, then forget it
};

// Makes and stores a key of `site_id`. kUnknownSite; kInvalidArgument for a name over 100
// code points (or not UTF-8: kInvalidUtf8) or per_minute outside 1..10000.
Result<NewApiKey> CreateApiKey(store::Store& store, const Clock& clock, std::string_view site_id,
                               std::string_view name, int per_minute = 60);

struct Admission {
  ApiKey key;             // the key's record (its site: key.site_id)
  int retry_after_s = 0;  // > 0: refused, the key's budget for this minute is spent
};

class ApiKeyService {
 public:
  ApiKeyService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kApiKeyMissing for an empty `secret`, kApiKeyInvalid for one that is no key of this
  // server; otherwise the key, and Admission::retry_after_s > 0 when its budget is spent.
  // Store failures as they are (kUnavailable ...).
  Result<Admission> Admit(std::string_view secret);

 private:
  struct Window {
    TimestampMs start = 0;  // this minute began at
    int used = 0;
  };
  store::Store& store_;
  const Clock& clock_;
  Mutex mu_;
  std::unordered_map<std::int64_t, Window> windows_ GUARDED_BY(mu_);  // by key id
};

}  // namespace palabre::service
