#include "http/handlers/counts_handler.h"

#include <algorithm>
#include <optional>

#include "http/cors.h"
#include "http/errors.h"
#include "http/handlers/common.h"
#include "http/query.h"
#include "service/thread_key.h"

namespace palabre::http::handlers {

CountsHandler::Asked CountsHandler::Parse(const Request& req) const {
  Asked asked;
  asked.site = std::string(req.query.Get("site").value_or(""));
  std::vector<std::string>& keys = asked.keys;  // as sent, decoded, without duplicates
  for (const std::string_view raw : req.query.GetAllRaw("keys")) {
    SplitDecodedTo(raw, ',', /*plus_is_space=*/true, keys);
    if (keys.size() > 4 * deps_.comments.limits().max_count_keys) break;  // refused below
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (std::find(keys.begin(), keys.begin() + i, keys[i]) != keys.begin() + i) {
      keys.erase(keys.begin() + i--);
    }
  }
  if (keys.size() > deps_.comments.limits().max_count_keys) {
    asked.error = Status(Error::kTooManyKeys, "too many keys");
    return asked;
  }
  // Versions only grow: their sum changes whenever one of the threads does.
  asked.cache_key = asked.site;
  for (const std::string& k : keys) {
    auto canonical = service::ThreadKey(k, deps_.comments.limits().max_key);
    if (!canonical.ok()) {
      asked.cacheable = false;
      break;
    }
    asked.version += deps_.comments.ThreadVersion(asked.site, *canonical);
    asked.cache_key.push_back('\x1f');
    asked.cache_key.append(k);
  }
  return asked;
}

bool CountsHandler::CountsCached(Request& req, Response& res) {
  const std::optional<Site> site = deps_.comments.KnownSite(req.query.Get("site").value_or(""));
  if (!site) return false;
  const Asked asked = Parse(req);
  if (!asked.error.ok() || !asked.cacheable) return false;
  auto entry = cache_.Get(asked.cache_key, asked.version, ResponseCache::Clock::now());
  if (!entry) return false;
  Cors::ApplyToRead(req, res, *site);
  res.AddHeader("Cache-Control", "no-store");
  ServeCached(req, res, entry);
  return true;
}

void CountsHandler::Counts(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  Asked asked = Parse(req);
  if (!asked.error.ok()) return SetError(res, asked.error, lang);
  const auto now = ResponseCache::Clock::now();
  std::shared_ptr<const CachedBody> entry;
  if (asked.cacheable) entry = cache_.Get(asked.cache_key, asked.version, now);
  if (!entry) {
    const std::vector<std::string>& keys = asked.keys;
    auto counts = deps_.comments.Counts(asked.site, keys);
    if (!counts.ok()) return SetError(res, counts.status(), lang);
    std::string json = "{\"counts\":{";
    for (std::size_t i = 0; i < keys.size() && i < counts->size(); ++i) {
      if (i > 0) json += ',';
      AppendJsonString(json, keys[i]);
      json += ':';
      AppendJsonInt(json, (*counts)[i].count);
    }
    json += "}}";
    entry = cache_.Put(std::move(asked.cache_key), std::move(json), asked.version, now);
  }
  res.AddHeader("Cache-Control", "no-store");
  ServeCached(req, res, entry);
}

}  // namespace palabre::http::handlers
