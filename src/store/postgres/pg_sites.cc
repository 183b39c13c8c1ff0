// PgStore as a SiteStore: sites, their threads and their API keys.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::pg {

// --- Sites ------------------------------------------------------------------------------------

Status PgStore::CreateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> inserted =
        c.Run(sql::kInsertSite, SiteParams(site).Int(site.created_at).Text(SettingsOf(site)));
    if (!inserted.ok()) return inserted.status();
    if (inserted->affected() == 0) return Status(Error::kSiteExists, "site " + site.id);
    return Status::Ok();
  });
}

Status PgStore::UpdateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kUpdateSite, SiteParams(site).Text(SettingsOf(site)));
    if (!updated.ok()) return updated.status();
    if (updated->affected() == 0) return Status(Error::kUnknownSite, "site " + site.id);
    return Status::Ok();
  });
}

Result<Site> PgStore::GetSite(std::string_view id) {
  return WithConn(true, [&](Conn& c) -> Result<Site> {
    Result<Rows> rows = c.Run(sql::kSelectSite, Params().Text(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownSite, "site " + std::string(id));
    return ReadSite(*rows, 0);
  });
}

Result<std::vector<Site>> PgStore::ListSites() {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Site>> {
    Result<Rows> rows = c.Run(sql::kSelectSites);
    if (!rows.ok()) return rows.status();
    std::vector<Site> sites;
    for (int r = 0; r < rows->size(); ++r) sites.push_back(ReadSite(*rows, r));
    return sites;
  });
}

Status PgStore::RemoveSite(std::string_view id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteSite, Params().Text(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownSite, "site " + std::string(id));
    return Status::Ok();
  });
}

// --- Threads ----------------------------------------------------------------------------------

Result<Thread> PgStore::GetThread(std::string_view site_id, std::string_view key) {
  return WithConn(true, [&](Conn& c) { return SelectThreadByKey(c, site_id, key); });
}

Result<Thread> PgStore::GetThreadById(ThreadId id) {
  return WithConn(true, [&](Conn& c) -> Result<Thread> {
    Result<Rows> rows = c.Run(sql::kSelectThreadById, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return ReadThread(*rows, 0);
  });
}

Result<Thread> PgStore::EnsureThread(const Thread& thread) {
  // Most calls find the thread complete: answer them with a read, without writing.
  {
    Result<Thread> found = GetThread(thread.site_id, thread.key);
    if (found.ok() && !NeedsFill(*found, thread)) return found;
    if (!found.ok() && found.error() != Error::kUnknownThread) return found;
  }
  return WithConn(false, [&](Conn& c) -> Result<Thread> {
    Result<Rows> upserted = c.Run(sql::kUpsertThread, Params()
                                                          .Text(thread.site_id)
                                                          .Text(thread.key)
                                                          .Text(thread.title)
                                                          .Text(thread.body)
                                                          .Bool(thread.closed)
                                                          .Int(thread.created_at)
                                                          .Text(channel_)
                                                          .Text(node_id_));
    if (!upserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + thread.site_id);
      }
      return upserted.status();
    }
    if (!upserted->empty()) return ReadThread(*upserted, 0);
    // It exists and needs nothing (another writer filled it meanwhile).
    return SelectThreadByKey(c, thread.site_id, thread.key);
  });
}

Status PgStore::SetThreadClosed(ThreadId id, bool closed) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetThreadClosed, Params().Int(id).Bool(closed).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetThreadTitle(ThreadId id, std::string_view title) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetThreadTitle, Params().Int(id).Text(title).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::vector<ThreadCount>> PgStore::CountComments(std::string_view site_id,
                                                        std::span<const std::string> keys) {
  std::vector<ThreadCount> counts;
  if (keys.empty()) return counts;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<ThreadCount>> {
    // One statement: one snapshot for all keys.
    Result<Rows> rows = c.Run(sql::kCountComments, Params().Text(site_id).Text(TextArray(keys)));
    if (!rows.ok()) return rows.status();
    std::unordered_map<std::string_view, std::int64_t> by_key;
    for (int r = 0; r < rows->size(); ++r) by_key[rows->View(r, 0)] = rows->Int(r, 1);
    std::vector<ThreadCount> out;
    for (const std::string& key : keys) {
      auto it = by_key.find(key);
      if (it != by_key.end()) out.push_back(ThreadCount{key, it->second});
    }
    return out;
  });
}

// --- API keys ---------------------------------------------------------------------------------

Result<ApiKey> PgStore::CreateApiKey(const ApiKey& key) {
  if (key.key_hash.empty()) return Status(Error::kInvalidArgument, "an API key needs its hash");
  return WithConn(false, [&](Conn& c) -> Result<ApiKey> {
    Result<Rows> inserted = c.Run(sql::kInsertApiKey, Params()
                                                          .Text(key.site_id)
                                                          .Text(key.name)
                                                          .Text(key.key_hash)
                                                          .Text(key.hint)
                                                          .Int(key.per_minute)
                                                          .Int(key.created_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + key.site_id);
      }
      return inserted.status();
    }
    ApiKey stored = key;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<ApiKey>> PgStore::ListApiKeys(std::string_view site_id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<ApiKey>> {
    Result<Rows> rows = c.Run(sql::kSelectApiKeys, Params().Text(site_id));
    if (!rows.ok()) return rows.status();
    std::vector<ApiKey> keys;
    for (int r = 0; r < rows->size(); ++r) keys.push_back(ReadApiKey(*rows, r));
    return keys;
  });
}

Result<ApiKey> PgStore::FindApiKey(std::string_view key_hash) {
  return WithConn(true, [&](Conn& c) -> Result<ApiKey> {
    Result<Rows> rows = c.Run(sql::kSelectApiKeyByHash, Params().Text(key_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownApiKey, "no such API key");
    return ReadApiKey(*rows, 0);
  });
}

Status PgStore::RemoveApiKey(std::string_view site_id, std::int64_t id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteApiKey, Params().Text(site_id).Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) {
      return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
    }
    return Status::Ok();
  });
}

}  // namespace palabre::store::pg
