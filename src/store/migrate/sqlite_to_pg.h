// Moving a palabre deployment from SQLite to PostgreSQL (`palabre migrate`): copies sites (with
// their settings), threads, comments, votes, reader reports, bans, audit entries and the
// analysis API's keys, ids included, and verifies the counts before committing.
//
// Users, their memberships and sessions are not copied: accounts are global, not a site's, so
// a site-by-site copy could not say which to take, and their ids could collide with accounts
// already in the target. Create the moderators' accounts again on the target (everyone logs in
// again). Copied audit entries and bans keep the SQLite user ids in user_id / created_by;
// user_email keeps who acted.
//
// The SQLite file is first opened as a SqliteStore (bringing its schema up to date), then read
// in one read transaction (a consistent snapshot, even if a server still writes to it). The
// copy is one PostgreSQL transaction: COPY into each table, the id sequences moved past the
// copied ids (so that new comments never take an old id), then the counts of both sides are
// compared (sites, threads, comments, published comments, votes, reports, bans, audit entries,
// API keys, and every thread's comment_count against its published comments); on any
// difference nothing is committed.
// Ids are kept, so comment links, edit tokens and moderation logs stay valid: the target must
// not already hold a site being copied (kSiteExists) nor rows with the same ids (kInternal,
// "ids already used": copy into an empty database, or site by site from the same file).
// Rows are written with COPY, not through PgStore's methods: no change notifications are sent
// (running nodes pick the data up as they read; their cached pages age out within 30 s).
//
// Thread-safety: one call at a time per target store; the store stays usable by others.
// Failures: kInvalidArgument for a `from` that is not a SQLite URL or path, or data
// PostgreSQL cannot hold (NUL bytes, invalid UTF-8); kUnknownSite if `site` is not in the
// file; kSiteExists; kUnavailable if either database cannot be reached; kInternal when the
// counts differ (the message says which).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/postgres/pg_store.h"

namespace palabre::store::migrate {

struct CopyCounts {
  std::int64_t sites = 0;
  std::int64_t threads = 0;
  std::int64_t comments = 0;
  std::int64_t published = 0;  // comments whose status is published
  std::int64_t votes = 0;
  std::int64_t count_mismatch = 0;  // threads whose comment_count is not their published count
  std::int64_t reports = 0;
  std::int64_t bans = 0;
  std::int64_t audit = 0;  // audit log entries
  std::int64_t api_keys = 0;
  std::int64_t webhooks = 0;
  std::int64_t outbox = 0;  // notifications, pending or done
  friend bool operator==(const CopyCounts&, const CopyCounts&) = default;
};

struct CopyReport {
  std::vector<std::string> site_ids;  // the sites copied, by id
  CopyCounts source;
  CopyCounts target;  // equal to source, or nothing was committed
};

// "sqlite:///abs/path", "sqlite:rel/path" or a plain path -> the file's path (query parameters
// are ignored). kInvalidArgument for another scheme or an empty path.
Result<std::string> SqlitePathOf(std::string_view url);

// Copies every site of the SQLite database `from` (a URL as SqlitePathOf takes), or only
// `site`, into `target`.
Result<CopyReport> CopyFromSqlite(std::string_view from, pg::PgStore& target,
                                  const std::optional<std::string>& site);

}  // namespace palabre::store::migrate
