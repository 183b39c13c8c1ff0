// AccountStore: moderators' and administrators' accounts, their memberships of sites and
// their login sessions. Part of Store (store.h), whose contract applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

class AccountStore {
 public:
  AccountStore() = default;
  AccountStore(const AccountStore&) = delete;
  AccountStore& operator=(const AccountStore&) = delete;
  virtual ~AccountStore() = default;

  // Users. Emails are stored lower-cased; lookups are case-insensitive. Lower-casing and
  // case-insensitive comparison of e-mails (here and in the GDPR methods) fold ASCII letters
  // only, the same in every backend. CreateUser also stores the given memberships (ordered by
  // site id when read back; kUnknownSite, and nothing is created, for an unknown site).
  virtual Result<User> CreateUser(const User& user) = 0;            // id set; kUserExists
  virtual Result<User> GetUser(UserId id) = 0;                      // kUnknownUser
  virtual Result<User> GetUserByEmail(std::string_view email) = 0;  // kUnknownUser
  virtual Result<std::vector<User>> ListUsers() = 0;                // ordered by email
  // Removes the user with their memberships and sessions. kUnknownUser. (A removed site takes
  // its memberships, bans and audit entries with it; a removed comment its reports.)
  virtual Status RemoveUser(UserId id) = 0;
  // A new password ends every session of the user (a stolen session dies with the old
  // password). kUnknownUser.
  virtual Status SetPassword(UserId id, std::string_view password_hash) = 0;
  // Adds or changes the user's role on a site. kUnknownUser, kUnknownSite.
  virtual Status SetMembership(UserId id, const Membership& membership) = 0;
  // kUnknownUser; a membership that does not exist is OK.
  virtual Status RemoveMembership(UserId id, std::string_view site_id) = 0;
  // Login throttling state (service/auth_service.h decides the values). kUnknownUser.
  virtual Status SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) = 0;

  // Sessions, by the hash of their token. A session expires at expires_at (it is valid while
  // now < expires_at). CreateSession: kUnknownUser.
  virtual Status CreateSession(const Session& session) = 0;
  // kUnauthorized if absent or expired at `now`.
  virtual Result<Session> GetSession(std::string_view token_hash, TimestampMs now) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;  // absent: OK
  // Removes sessions expired at `now`; returns how many.
  virtual Result<std::int64_t> DeleteExpiredSessions(TimestampMs now) = 0;
};

}  // namespace palabre::store
