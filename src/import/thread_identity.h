// Which palabre thread a source thread becomes: the `--thread-key` rule (the export's own
// identifier, the full URL, or the URL's path) after the `--map OLD=NEW` prefixes of a site that
// moved. Several source threads may become one palabre thread (Disqus often has one article
// twice, with and without a query string): that is a merge, and the dry run counts them under
// each rule. Thread-safe, no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/record.h"

namespace palabre::import {

enum class KeyRule {
  kId,    // the export's identifier (Disqus <id>), else the path (the default)
  kUrl,   // scheme + host + path, lower-case scheme and host, no query, fragment, trailing /
  kPath,  // the path only, no query, fragment, trailing slash ("/" stays "/")
};

std::string_view ToString(KeyRule r);
std::optional<KeyRule> ParseKeyRule(std::string_view name);  // "id", "url", "path"

struct IdentityOptions {
  KeyRule rule = KeyRule::kId;
  // (old prefix, new prefix) pairs, first match wins, applied to the URL before keying.
  std::vector<std::pair<std::string, std::string>> maps;
};

// "OLD=NEW" → the pair; nullopt without "=" or with an empty OLD.
std::optional<std::pair<std::string, std::string>> ParseMap(std::string_view spec);

// The key of `thread` under `options`; "" when the thread has nothing to key it by (no URL,
// no identifier).
std::string ThreadKeyFor(const SourceThread& thread, const IdentityOptions& options);

}  // namespace palabre::import
