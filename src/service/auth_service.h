// AuthService: moderators' accounts, logins, sessions, CSRF tokens and roles.
//
// Accounts are created from the command line (`palabre user add`), never over HTTP. A login
// checks the Argon2id password hash (core/crypto.h) and opens a Session: the browser keeps a
// random token in a cookie, the store keeps only HashHex(token); each session has its own CSRF
// token that the console sends back in X-CSRF-Token on every write.
//
// Brute force: 5 consecutive failures lock the account 15 minutes (kept in the store, so every
// node sees it); each client address also has an in-memory budget of attempts (20 per 10
// minutes). Both answer kAccountLocked with a retry-after in seconds. The account's lock-out
// does not apply to a client (core/client_address.h ClientKey) from which the account logged
// in successfully within `trusted_ms` (30 days), and failures from such a client do not count
// towards it: a stranger who knows a moderator's e-mail can lock out other strangers, not the
// moderator (OWASP's advice against lock-out as denial of service). That client still has the
// per-address budget. The trusted clients are kept in this node's memory (bounded): after a
// restart, or on another node, the moderator's first login there counts as a stranger's. An unknown
// e-mail costs the same work as a wrong password (a dummy hash is verified) and answers the same
// kLoginFailed, so the login form does not reveal who has an account.
//
// Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "store/store.h"

namespace palabre::service {

struct AuthOptions {
  int max_failed_logins = 5;                        // consecutive failures that lock the account
  std::int64_t lock_ms = 15 * 60 * 1000;            // how long
  int address_max_attempts = 20;                    // login attempts per client address...
  std::int64_t address_window_ms = 10 * 60 * 1000;  // ...within this window
  std::int64_t session_ms = 12LL * 3600 * 1000;     // a session's lifetime
  std::size_t min_password = 12;                    // code points (kWeakPassword below)
  std::size_t max_password = 1024;                  // bytes: longer is kInvalidArgument
  PasswordCost password_cost = PasswordCost::kInteractive;  // kTest in unit tests only
  std::int64_t trusted_ms = 30LL * 24 * 3600 * 1000;  // a successful login's client: not locked out
};

struct LoginResult {
  User user;               // without password_hash
  std::string token;       // the cookie's value; given once, stored only as its hash
  std::string csrf_token;  // X-CSRF-Token value for this session
  TimestampMs expires_at = 0;
};

// A request's identity: the session's user (memberships filled, without password_hash).
struct Authenticated {
  User user;
  Session session;
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthOptions options = {});

  // Creates the account, or adds/changes the membership of an existing one (its password is
  // then left as is and `password` is ignored; it may be empty). The e-mail is trimmed and
  // lower-cased. kEmailInvalid, kWeakPassword (fewer than min_password code points, for a new
  // account), kInvalidArgument (password too long or not UTF-8), kUnknownSite.
  Result<User> AddUser(std::string_view email, std::string_view password, Role role,
                       std::string_view site_id);
  // Removes the account with its memberships and sessions. kUnknownUser.
  Status RemoveUser(std::string_view email);
  // Changes the password, resets the lock-out counter and ends every open session of the user
  // (Store::SetPassword). kUnknownUser, kWeakPassword, kInvalidArgument.
  Status SetPassword(std::string_view email, std::string_view password);
  // Every account, ordered by e-mail, without password hashes.
  Result<std::vector<User>> ListUsers();

  // kLoginFailed (unknown e-mail or wrong password, indistinguishable), kAccountLocked (the
  // account is locked or this client address spent its budget; *retry_after_s, when given, is
  // set to the seconds to wait, >= 1). Success resets the account's failure counter.
  Result<LoginResult> Login(std::string_view email, std::string_view password,
                            std::string_view client_address, int* retry_after_s = nullptr);

  // The session of a cookie token and its user. kUnauthorized if the token is empty, unknown,
  // expired, or its user is gone.
  Result<Authenticated> Authenticate(std::string_view token);

  // Deletes the session (an unknown token is not an error).
  Status Logout(std::string_view token);

  // Constant-time comparison of the X-CSRF-Token header with the session's token.
  // kCsrfFailed when they differ or the header is empty.
  static Status CheckCsrf(const Session& session, std::string_view header_value);

  // OK if `user` has at least `minimum` on `site_id` (admin > moderator), else kForbidden.
  static Status Require(const User& user, std::string_view site_id, Role minimum);

  // Deletes the sessions expired now; returns how many (serve calls it hourly).
  Result<std::int64_t> PurgeExpiredSessions();

  const AuthOptions& options() const { return options_; }

 private:
  // Spends one attempt of the address's budget; false when it is spent (*retry_after_s set).
  bool SpendAddressAttempt(std::string_view client_address, TimestampMs now, int* retry_after_s);
  // Whether `user` logged in successfully from `client_address`'s client within trusted_ms.
  bool Trusted(UserId user, std::string_view client_address, TimestampMs now);
  void Trust(UserId user, std::string_view client_address, TimestampMs now);
  Status CheckPassword(std::string_view password, bool for_new_account) const;

  store::Store& store_;
  const Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified for unknown e-mails, so they cost the same
  Mutex attempts_mu_;
  std::unordered_map<std::string, std::deque<TimestampMs>> attempts_ GUARDED_BY(attempts_mu_);
  std::unordered_map<std::string, TimestampMs> trusted_
      GUARDED_BY(attempts_mu_);  // "user|client" -> last success
};

}  // namespace palabre::service
