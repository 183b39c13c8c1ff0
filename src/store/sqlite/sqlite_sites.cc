// SqliteStore as a SiteStore: sites, their threads and their API keys.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::sqlite {

// --- Sites ------------------------------------------------------------------------------------

Status SqliteStore::CreateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return Write([&](Db& db) -> Status {
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kSiteExists);
      exists.BindText(1, site.id);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (found) return Status(Error::kSiteExists, "site " + site.id);
    }
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertSite);
    BindSite(insert, site, /*with_created_at=*/true);
    return insert.Run();
  });
}

Status SqliteStore::UpdateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kUpdateSite);
    BindSite(update, site, /*with_created_at=*/false);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownSite, "site " + site.id);
    return Status::Ok();
  });
}

Result<Site> SqliteStore::GetSite(std::string_view id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSite);
  stmt.BindText(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownSite, "site " + std::string(id));
  return ReadSite(stmt);
}

Result<std::vector<Site>> SqliteStore::ListSites() {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSites);
  std::vector<Site> sites;
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    sites.push_back(ReadSite(stmt));
  }
  return sites;
}

Status SqliteStore::RemoveSite(std::string_view id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSite);
    remove.BindText(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownSite, "site " + std::string(id));
    return Status::Ok();
  });
}

// --- Threads ----------------------------------------------------------------------------------

Result<Thread> SqliteStore::GetThread(std::string_view site_id, std::string_view key) {
  ReaderLease lease = Read();
  return SelectThreadByKey(lease.db(), site_id, key);
}

Result<Thread> SqliteStore::GetThreadById(ThreadId id) {
  ReaderLease lease = Read();
  return SelectThreadById(lease.db(), id);
}

Result<Thread> SqliteStore::EnsureThread(const Thread& thread) {
  // Most calls find the thread complete: answer them from a reader, without the write lock.
  {
    Result<Thread> found = GetThread(thread.site_id, thread.key);
    if (found.ok() && !NeedsFill(*found, thread)) return found;
    if (!found.ok() && found.error() != Error::kUnknownThread) return found;
  }
  return Write([&](Db& db) -> Result<Thread> {
    Result<Thread> found = SelectThreadByKey(db, thread.site_id, thread.key);
    if (found.ok()) {
      if (!NeedsFill(*found, thread)) return found;
      PALABRE_PREPARE_OR_RETURN(fill, db, sql::kFillThread);
      fill.BindInt(1, found->id).BindText(2, thread.title).BindText(3, thread.body);
      PALABRE_RETURN_IF_ERROR(fill.Run());
      return SelectThreadById(db, found->id);
    }
    if (found.error() != Error::kUnknownThread) return found;
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kSiteExists);
      exists.BindText(1, thread.site_id);
      PALABRE_STEP_OR_RETURN(site_found, exists);
      if (!site_found) return Status(Error::kUnknownSite, "site " + thread.site_id);
    }
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertThread);
    insert.BindText(1, thread.site_id)
        .BindText(2, thread.key)
        .BindText(3, thread.title)
        .BindText(4, thread.body)
        .BindInt(5, thread.closed ? 1 : 0)
        .BindInt(6, thread.created_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    Thread created = thread;
    created.id = db.LastInsertRowId();
    created.comment_count = 0;
    return created;
  });
}

Status SqliteStore::SetThreadClosed(ThreadId id, bool closed) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetThreadClosed);
    update.BindInt(1, id).BindInt(2, closed ? 1 : 0);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetThreadTitle(ThreadId id, std::string_view title) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetThreadTitle);
    update.BindInt(1, id).BindText(2, title);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::vector<ThreadCount>> SqliteStore::CountComments(std::string_view site_id,
                                                            std::span<const std::string> keys) {
  std::vector<ThreadCount> counts;
  if (keys.empty()) return counts;
  ReaderLease lease = Read();
  Db& db = lease.db();
  // One snapshot for all keys (the lease rolls it back if a step fails).
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  {
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kCountComments);
    for (const std::string& key : keys) {
      stmt.BindText(1, site_id).BindText(2, key);
      Result<bool> row = stmt.Step();
      if (!row.ok()) return row.status();
      if (*row) counts.push_back(ThreadCount{key, stmt.ColumnInt(0)});
      stmt.Reset();  // (site_id, key) is unique: no second row
    }
  }
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return counts;
}

// --- API keys ---------------------------------------------------------------------------------

Result<ApiKey> SqliteStore::CreateApiKey(const ApiKey& key) {
  if (key.key_hash.empty()) return Status(Error::kInvalidArgument, "an API key needs its hash");
  return Write([&](Db& db) -> Result<ApiKey> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, key.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertApiKey);
    insert.BindText(1, key.site_id)
        .BindText(2, key.name)
        .BindText(3, key.key_hash)
        .BindText(4, key.hint)
        .BindInt(5, key.per_minute)
        .BindInt(6, key.created_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    ApiKey stored = key;
    stored.id = db.LastInsertRowId();
    return stored;
  });
}

Result<std::vector<ApiKey>> SqliteStore::ListApiKeys(std::string_view site_id) {
  std::vector<ApiKey> keys;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectApiKeys);
  stmt.BindText(1, site_id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    keys.push_back(ReadApiKey(stmt));
  }
  return keys;
}

Result<ApiKey> SqliteStore::FindApiKey(std::string_view key_hash) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectApiKeyByHash);
  stmt.BindText(1, key_hash);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownApiKey, "no such API key");
  return ReadApiKey(stmt);
}

Status SqliteStore::RemoveApiKey(std::string_view site_id, std::int64_t id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteApiKey);
    remove.BindText(1, site_id).BindInt(2, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
    return Status::Ok();
  });
}

}  // namespace palabre::store::sqlite
