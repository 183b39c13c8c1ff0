// SqliteStore as an AccountStore: users, memberships and sessions.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

#include "core/text/ascii.h"

namespace palabre::store::sqlite {

// --- Users ------------------------------------------------------------------------------------

Result<User> SqliteStore::CreateUser(const User& user) {
  User stored = user;
  stored.email = text::AsciiLower(user.email);
  std::sort(stored.memberships.begin(), stored.memberships.end(),
            [](const Membership& a, const Membership& b) { return a.site_id < b.site_id; });
  return Write([&](Db& db) -> Result<User> {
    {
      PALABRE_PREPARE_OR_RETURN(exists, db, sql::kUserEmailExists);
      exists.BindText(1, stored.email);
      PALABRE_STEP_OR_RETURN(found, exists);
      if (found) return Status(Error::kUserExists, "a user has this e-mail");
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertUser);
      insert.BindText(1, stored.email)
          .BindText(2, stored.password_hash)
          .BindInt(3, stored.failed_logins)
          .BindInt(4, stored.locked_until)
          .BindInt(5, stored.created_at);
      PALABRE_RETURN_IF_ERROR(insert.Run());
    }
    stored.id = db.LastInsertRowId();
    for (const Membership& membership : stored.memberships) {
      PALABRE_RETURN_IF_ERROR(UpsertMembership(db, stored.id, membership));
    }
    // Given twice, a site keeps its last role; read back what was stored.
    return SelectUserWith(
        db, sql::kSelectUser, [&](Stmt& s) { s.BindInt(1, stored.id); },
        "user " + std::to_string(stored.id));
  });
}

Result<User> SqliteStore::GetUser(UserId id) {
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));  // user and memberships, one snapshot
  Result<User> user = SelectUserWith(
      db, sql::kSelectUser, [&](Stmt& s) { s.BindInt(1, id); }, "user " + std::to_string(id));
  if (!user.ok()) return user;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return user;
}

Result<User> SqliteStore::GetUserByEmail(std::string_view email) {
  const std::string lowered = text::AsciiLower(email);
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  Result<User> user = SelectUserWith(
      db, sql::kSelectUserByEmail, [&](Stmt& s) { s.BindText(1, lowered); }, "no such e-mail");
  if (!user.ok()) return user;
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return user;
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  ReaderLease lease = Read();
  Db& db = lease.db();
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kBeginRead));
  std::vector<User> users;
  {
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectUsers);
    while (true) {
      PALABRE_STEP_OR_RETURN(row, stmt);
      if (!row) break;
      Result<User> user = ReadUser(stmt);
      if (!user.ok()) return user.status();
      users.push_back(std::move(user).value());
    }
  }
  {
    std::unordered_map<UserId, User*> by_id;
    for (User& user : users) by_id[user.id] = &user;
    PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kSelectAllMemberships);
    while (true) {
      PALABRE_STEP_OR_RETURN(row, stmt);
      if (!row) break;
      auto it = by_id.find(stmt.ColumnInt(0));
      if (it == by_id.end()) continue;
      Result<Membership> membership = ReadMembership(stmt);
      if (!membership.ok()) return membership.status();
      it->second->memberships.push_back(std::move(membership).value());
    }
  }
  PALABRE_RETURN_IF_ERROR(RunCached(db, sql::kCommit));
  return users;
}

Status SqliteStore::RemoveUser(UserId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteUser);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetPassword(UserId id, std::string_view password_hash) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetPassword);
    update.BindInt(1, id).BindText(2, password_hash);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    PALABRE_PREPARE_OR_RETURN(end_sessions, db, sql::kDeleteUserSessions);
    end_sessions.BindInt(1, id);
    return end_sessions.Run();
  });
}

Status SqliteStore::SetMembership(UserId id, const Membership& membership) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, id));
    return UpsertMembership(db, id, membership);
  });
}

Status SqliteStore::RemoveMembership(UserId id, std::string_view site_id) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, id));
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteMembership);
    remove.BindInt(1, id).BindText(2, site_id);
    return remove.Run();
  });
}

Status SqliteStore::SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetLoginState);
    update.BindInt(1, id).BindInt(2, failed_logins).BindInt(3, locked_until);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

// --- Sessions ---------------------------------------------------------------------------------

Status SqliteStore::CreateSession(const Session& session) {
  return Write([&](Db& db) -> Status {
    PALABRE_RETURN_IF_ERROR(CheckUserExists(db, session.user_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertSession);
    insert.BindText(1, session.token_hash)
        .BindInt(2, session.user_id)
        .BindText(3, session.csrf_token)
        .BindInt(4, session.created_at)
        .BindInt(5, session.expires_at);
    return insert.Run();
  });
}

Result<Session> SqliteStore::GetSession(std::string_view token_hash, TimestampMs now) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSession);
  stmt.BindText(1, token_hash).BindInt(2, now);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnauthorized, "no such session, or expired");
  return ReadSession(stmt);
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSession);
    remove.BindText(1, token_hash);
    return remove.Run();
  });
}

Result<std::int64_t> SqliteStore::DeleteExpiredSessions(TimestampMs now) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteExpiredSessions);
    remove.BindInt(1, now);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return db.Changes();
  });
}

}  // namespace palabre::store::sqlite
