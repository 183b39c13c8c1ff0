// What the SQL backends (store/sqlite, store/postgres) do to rows the same way: a site's origins
// kept one per line, its empty settings kept as "{}", the thread fields EnsureThread fills, LIKE
// patterns escaped, and the cap on a page of the moderators' listings. Backends only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

// The most rows one page of QueryComments / ListAudit / ListCommentAudit returns.
inline constexpr int kMaxQueryLimit = 500;

// Origins are stored one per line: "a\nb" <-> {"a", "b"} ("" <-> {}).
std::string JoinOrigins(const std::vector<std::string>& origins);
std::vector<std::string> SplitOrigins(std::string_view joined);
// kInvalidArgument if one of the site's origins is empty or holds a newline (it could not be
// stored one per line).
Status CheckOrigins(const Site& site);

// An empty settings text is kept as "{}" (the server's defaults).
std::string_view SettingsOf(const Site& site);

// Whether EnsureThread must fill the stored thread's empty title or body from `given`.
bool NeedsFill(const Thread& stored, const Thread& given);

// `s` with LIKE's wildcards (% _) and the escape character (\) escaped by '\'.
std::string LikeEscape(std::string_view s);

}  // namespace palabre::store
