// PgStore as a BanStore.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::pg {

// --- Bans -------------------------------------------------------------------------------------

Result<Ban> PgStore::AddBan(const Ban& ban) {
  if (ban.author_folded.empty() && ban.client_hash.empty() && ban.email_hash.empty()) {
    return Status(Error::kInvalidArgument, "a ban needs a name, a client hash or an e-mail hash");
  }
  return WithConn(false, [&](Conn& c) -> Result<Ban> {
    return InTransaction(c, [&]() -> Result<Ban> {
      Result<Rows> inserted = c.Run(sql::kInsertBan, Params()
                                                         .Text(ban.site_id)
                                                         .Text(ban.author_folded)
                                                         .Text(ban.client_hash)
                                                         .Text(ban.email_hash)
                                                         .Text(ban.reason)
                                                         .Int(ban.created_by)
                                                         .Int(ban.created_at)
                                                         .Int(ban.expires_at));
      if (!inserted.ok()) {
        if (c.last_sqlstate() == kForeignKeyViolation) {
          return Status(Error::kUnknownSite, "site " + ban.site_id);
        }
        return inserted.status();
      }
      Ban stored = ban;
      stored.id = inserted->Int(0, 0);
      Result<Rows> enqueued = c.Run(sql::kEnqueueSiteEvent,
                                    Params()
                                        .Text(ban.site_id)
                                        .Int(static_cast<std::int64_t>(WebhookEvent::kUserBanned))
                                        .Int(stored.id));
      if (!enqueued.ok()) return enqueued.status();
      return stored;
    });
  });
}

Result<std::vector<Ban>> PgStore::ListBans(std::string_view site_id, TimestampMs now) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Ban>> {
    Result<Rows> rows = c.Run(sql::kSelectBans, Params().Text(site_id).Int(now));
    if (!rows.ok()) return rows.status();
    std::vector<Ban> bans;
    for (int r = 0; r < rows->size(); ++r) bans.push_back(ReadBan(*rows, r));
    return bans;
  });
}

Result<Ban> PgStore::GetBan(BanId id) {
  return WithConn(true, [&](Conn& c) -> Result<Ban> {
    Result<Rows> rows = c.Run(sql::kSelectBan, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return ReadBan(*rows, 0);
  });
}

Status PgStore::RemoveBan(BanId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteBan, Params().Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<Ban>> PgStore::FindBan(std::string_view site_id,
                                            std::string_view author_folded,
                                            std::string_view client_hash,
                                            std::string_view email_hash, TimestampMs now) {
  if (author_folded.empty() && client_hash.empty() && email_hash.empty()) {
    return std::optional<Ban>();
  }
  return WithConn(true, [&](Conn& c) -> Result<std::optional<Ban>> {
    Result<Rows> rows = c.Run(
        sql::kFindBan,
        Params().Text(site_id).Int(now).Text(author_folded).Text(client_hash).Text(email_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<Ban>();
    return std::optional<Ban>(ReadBan(*rows, 0));
  });
}

}  // namespace palabre::store::pg
