// PgStore as an AccountStore: users, memberships and sessions.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

#include "core/text/ascii.h"

namespace palabre::store::pg {

// --- Users ------------------------------------------------------------------------------------

Result<User> PgStore::CreateUser(const User& user) {
  const std::string email = text::AsciiLower(user.email);
  return WithConn(false, [&](Conn& c) -> Result<User> {
    return InTransaction(c, [&]() -> Result<User> {
      Result<Rows> inserted = c.Run(sql::kInsertUser, Params()
                                                          .Text(email)
                                                          .Text(user.password_hash)
                                                          .Int(user.failed_logins)
                                                          .Int(user.locked_until)
                                                          .Int(user.created_at));
      if (!inserted.ok()) return inserted.status();
      if (inserted->empty()) return Status(Error::kUserExists, "a user has this e-mail");
      const UserId id = inserted->Int(0, 0);
      for (const Membership& membership : user.memberships) {
        Result<Rows> added =
            c.Run(sql::kUpsertMembership,
                  Params().Int(id).Text(membership.site_id).Text(ToString(membership.role)));
        if (!added.ok()) {
          if (c.last_sqlstate() == kForeignKeyViolation) {
            return Status(Error::kUnknownSite, "site " + membership.site_id);
          }
          return added.status();
        }
      }
      return SelectUser(c, sql::kSelectUser, Params().Int(id), "user " + std::to_string(id));
    });
  });
}

Result<User> PgStore::GetUser(UserId id) {
  return WithConn(true, [&](Conn& c) {
    return SelectUser(c, sql::kSelectUser, Params().Int(id), "user " + std::to_string(id));
  });
}

Result<User> PgStore::GetUserByEmail(std::string_view email) {
  const std::string lowered = text::AsciiLower(email);
  return WithConn(true, [&](Conn& c) {
    return SelectUser(c, sql::kSelectUserByEmail, Params().Text(lowered), "no such e-mail");
  });
}

Result<std::vector<User>> PgStore::ListUsers() {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<User>> {
    Result<Rows> rows = c.Run(sql::kSelectUsers);
    if (!rows.ok()) return rows.status();
    return ReadUsers(*rows);
  });
}

Status PgStore::RemoveUser(UserId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteUser, Params().Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetPassword(UserId id, std::string_view password_hash) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kSetPassword, Params().Int(id).Text(password_hash));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetMembership(UserId id, const Membership& membership) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      Result<Rows> locked = c.Run(sql::kLockUser, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
      Result<Rows> added =
          c.Run(sql::kUpsertMembership,
                Params().Int(id).Text(membership.site_id).Text(ToString(membership.role)));
      if (!added.ok()) {
        if (c.last_sqlstate() == kForeignKeyViolation) {
          return Status(Error::kUnknownSite, "site " + membership.site_id);
        }
        return added.status();
      }
      return Status::Ok();
    });
  });
}

Status PgStore::RemoveMembership(UserId id, std::string_view site_id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteMembership, Params().Int(id).Text(site_id));
    if (!removed.ok()) return removed.status();
    if (removed->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetLoginState, Params().Int(id).Int(failed_logins).Int(locked_until));
    if (!updated.ok()) return updated.status();
    if (updated->affected() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

// --- Sessions ---------------------------------------------------------------------------------

Status PgStore::CreateSession(const Session& session) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> inserted = c.Run(sql::kInsertSession, Params()
                                                           .Text(session.token_hash)
                                                           .Int(session.user_id)
                                                           .Text(session.csrf_token)
                                                           .Int(session.created_at)
                                                           .Int(session.expires_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownUser, "user " + std::to_string(session.user_id));
      }
      return inserted.status();
    }
    return Status::Ok();
  });
}

Result<Session> PgStore::GetSession(std::string_view token_hash, TimestampMs now) {
  return WithConn(true, [&](Conn& c) -> Result<Session> {
    Result<Rows> rows = c.Run(sql::kSelectSession, Params().Text(token_hash).Int(now));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnauthorized, "no such session, or expired");
    Session session;
    session.token_hash = rows->Text(0, 0);
    session.user_id = rows->Int(0, 1);
    session.csrf_token = rows->Text(0, 2);
    session.created_at = rows->Int(0, 3);
    session.expires_at = rows->Int(0, 4);
    return session;
  });
}

Status PgStore::DeleteSession(std::string_view token_hash) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteSession, Params().Text(token_hash));
    return removed.ok() ? Status::Ok() : removed.status();
  });
}

Result<std::int64_t> PgStore::DeleteExpiredSessions(TimestampMs now) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> removed = c.Run(sql::kDeleteExpiredSessions, Params().Int(now));
    if (!removed.ok()) return removed.status();
    return removed->affected();
  });
}

}  // namespace palabre::store::pg
