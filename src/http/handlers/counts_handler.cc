#include "http/handlers/counts_handler.h"

#include <algorithm>

#include "http/errors.h"
#include "http/handlers/common.h"
#include "http/query.h"

namespace palabre::http::handlers {

void CountsHandler::Counts(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const std::string site(req.query.Get("site").value_or(""));
  std::vector<std::string> keys;  // as sent, decoded, without duplicates
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
    return SetError(res, Status(Error::kTooManyKeys, "too many keys"), lang);
  }

  // Versions only grow: their sum changes whenever one of the threads does.
  std::string cache_key = site;
  std::uint64_t version = 0;
  bool cacheable = true;
  for (const std::string& k : keys) {
    auto canonical = CanonicalKey(k);
    if (!canonical.ok()) {
      cacheable = false;
      break;
    }
    version += deps_.comments.ThreadVersion(site, *canonical);
    cache_key.push_back('\x1f');
    cache_key.append(k);
  }
  const auto now = ResponseCache::Clock::now();
  std::shared_ptr<const CachedBody> entry;
  if (cacheable) entry = cache_.Get(cache_key, version, now);
  if (!entry) {
    auto counts = deps_.comments.Counts(site, keys);
    if (!counts.ok()) return SetError(res, counts.status(), lang);
    std::string json = "{\"counts\":{";
    for (std::size_t i = 0; i < keys.size() && i < counts->size(); ++i) {
      if (i > 0) json += ',';
      AppendJsonString(json, keys[i]);
      json += ':';
      AppendJsonInt(json, (*counts)[i].count);
    }
    json += "}}";
    entry = cache_.Put(std::move(cache_key), std::move(json), version, now);
  }
  res.AddHeader("Cache-Control", "no-store");
  ServeCached(req, res, entry);
}

}  // namespace palabre::http::handlers
