// SqliteStore as a BanStore.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::sqlite {

// --- Bans -------------------------------------------------------------------------------------

Result<Ban> SqliteStore::AddBan(const Ban& ban) {
  if (ban.author_folded.empty() && ban.client_hash.empty() && ban.email_hash.empty()) {
    return Status(Error::kInvalidArgument, "a ban needs a name, a client hash or an e-mail hash");
  }
  return Write([&](Db& db) -> Result<Ban> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, ban.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertBan);
    insert.BindText(1, ban.site_id)
        .BindText(2, ban.author_folded)
        .BindText(3, ban.client_hash)
        .BindText(4, ban.email_hash)
        .BindText(5, ban.reason)
        .BindInt(6, ban.created_by)
        .BindInt(7, ban.created_at)
        .BindInt(8, ban.expires_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    Ban stored = ban;
    stored.id = db.LastInsertRowId();
    PALABRE_RETURN_IF_ERROR(
        EnqueueSiteEvent(db, ban.site_id, WebhookEvent::kUserBanned, stored.id));
    return stored;
  });
}

Result<std::vector<Ban>> SqliteStore::ListBans(std::string_view site_id, TimestampMs now) {
  std::vector<Ban> bans;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectBans);
  stmt.BindText(1, site_id).BindInt(2, now);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    bans.push_back(ReadBan(stmt));
  }
  return bans;
}

Result<Ban> SqliteStore::GetBan(BanId id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectBan);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
  return ReadBan(stmt);
}

Status SqliteStore::RemoveBan(BanId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteBan);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<Ban>> SqliteStore::FindBan(std::string_view site_id,
                                                std::string_view author_folded,
                                                std::string_view client_hash,
                                                std::string_view email_hash, TimestampMs now) {
  if (author_folded.empty() && client_hash.empty() && email_hash.empty()) {
    return std::optional<Ban>();
  }
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kFindBan);
  stmt.BindText(1, site_id)
      .BindInt(2, now)
      .BindText(3, author_folded)
      .BindText(4, client_hash)
      .BindText(5, email_hash);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return std::optional<Ban>();
  return std::optional<Ban>(ReadBan(stmt));
}

}  // namespace palabre::store::sqlite
