#include "service/auth_service.h"

#include <algorithm>
#include <utility>

#include "core/client_address.h"
#include "core/email.h"
#include "core/text/ascii.h"
#include "core/text/utf8.h"

namespace palabre::service {
namespace {

std::string LowerTrim(std::string_view s) { return text::AsciiLower(text::TrimAscii(s)); }

User Public(User u) {
  u.password_hash.clear();
  return u;
}

int CeilSeconds(std::int64_t ms) {
  return static_cast<int>(std::max<std::int64_t>(1, (ms + 999) / 1000));
}

}  // namespace

AuthService::AuthService(store::Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {
  // Unknown e-mails verify against this, so that they cost what a wrong password costs.
  auto dummy = HashPassword(RandomToken(16), options_.password_cost);
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

Status AuthService::CheckPassword(std::string_view password, bool /*for_new_account*/) const {
  if (password.size() > options_.max_password) {
    return Status(Error::kInvalidArgument, "password too long");
  }
  if (!text::IsValidUtf8(password)) return Status(Error::kInvalidUtf8, "password not UTF-8");
  if (text::CodePointCount(password) < options_.min_password) {
    return Status(Error::kWeakPassword,
                  std::to_string(options_.min_password) + " characters at least");
  }
  return Status::Ok();
}

Result<User> AuthService::AddUser(std::string_view email_in, std::string_view password, Role role,
                                  std::string_view site_id) {
  const std::string email = LowerTrim(email_in);
  if (!LooksLikeEmail(email)) return Status(Error::kEmailInvalid, "not an e-mail address");
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  auto existing = store_.GetUserByEmail(email);
  if (existing.ok()) {
    PALABRE_RETURN_IF_ERROR(store_.SetMembership(existing->id, Membership{site->id, role}));
    auto updated = store_.GetUser(existing->id);
    if (!updated.ok()) return updated.status();
    return Public(std::move(updated).value());
  }
  if (existing.error() != Error::kUnknownUser) return existing.status();
  PALABRE_RETURN_IF_ERROR(CheckPassword(password, /*for_new_account=*/true));
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  User user;
  user.email = email;
  user.password_hash = std::move(hash).value();
  user.created_at = clock_.NowMs();
  auto created = store_.CreateUser(user);
  if (!created.ok()) return created.status();
  PALABRE_RETURN_IF_ERROR(store_.SetMembership(created->id, Membership{site->id, role}));
  auto stored = store_.GetUser(created->id);
  if (!stored.ok()) return stored.status();
  return Public(std::move(stored).value());
}

Status AuthService::RemoveUser(std::string_view email) {
  auto user = store_.GetUserByEmail(LowerTrim(email));
  if (!user.ok()) return user.status();
  return store_.RemoveUser(user->id);
}

Status AuthService::SetPassword(std::string_view email, std::string_view password) {
  auto user = store_.GetUserByEmail(LowerTrim(email));
  if (!user.ok()) return user.status();
  PALABRE_RETURN_IF_ERROR(CheckPassword(password, /*for_new_account=*/false));
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  PALABRE_RETURN_IF_ERROR(store_.SetPassword(user->id, *hash));
  return store_.SetLoginState(user->id, 0, 0);
}

Result<std::vector<User>> AuthService::ListUsers() {
  auto users = store_.ListUsers();
  if (!users.ok()) return users.status();
  for (User& u : *users) u.password_hash.clear();
  return users;
}

bool AuthService::SpendAddressAttempt(std::string_view client_address, TimestampMs now,
                                      int* retry_after_s) {
  MutexLock lock(attempts_mu_);
  if (attempts_.size() > 100'000) {  // bound: drop the addresses whose window is over
    for (auto it = attempts_.begin(); it != attempts_.end();) {
      if (it->second.empty() || it->second.back() <= now - options_.address_window_ms) {
        it = attempts_.erase(it);
      } else {
        ++it;
      }
    }
  }
  auto& times = attempts_[std::string(client_address)];
  while (!times.empty() && times.front() <= now - options_.address_window_ms) times.pop_front();
  if (static_cast<int>(times.size()) >= options_.address_max_attempts) {
    if (retry_after_s) {
      *retry_after_s = CeilSeconds(times.front() + options_.address_window_ms - now);
    }
    return false;
  }
  times.push_back(now);
  return true;
}

namespace {
std::string TrustKey(UserId user, std::string_view client_address) {
  return std::to_string(user) + "|" + ClientKey(client_address);
}
}  // namespace

bool AuthService::Trusted(UserId user, std::string_view client_address, TimestampMs now) {
  MutexLock lock(attempts_mu_);
  auto it = trusted_.find(TrustKey(user, client_address));
  return it != trusted_.end() && it->second > now - options_.trusted_ms;
}

void AuthService::Trust(UserId user, std::string_view client_address, TimestampMs now) {
  MutexLock lock(attempts_mu_);
  if (trusted_.size() > 10'000) {  // bound: forget the expired, then everything if need be
    std::erase_if(trusted_, [&](const auto& e) { return e.second <= now - options_.trusted_ms; });
    if (trusted_.size() > 10'000) trusted_.clear();
  }
  trusted_[TrustKey(user, client_address)] = now;
}

Result<LoginResult> AuthService::Login(std::string_view email_in, std::string_view password,
                                       std::string_view client_address, int* retry_after_s) {
  const TimestampMs now = clock_.NowMs();
  if (!SpendAddressAttempt(client_address, now, retry_after_s)) {
    return Status(Error::kAccountLocked, "too many attempts from this address");
  }
  const Status failed(Error::kLoginFailed, "wrong e-mail or password");
  const std::string email = LowerTrim(email_in);
  if (password.size() > options_.max_password) return failed;
  auto user = store_.GetUserByEmail(email);
  if (!user.ok()) {
    if (user.error() != Error::kUnknownUser && user.error() != Error::kEmailInvalid) {
      return user.status();
    }
    (void)VerifyPassword(dummy_hash_, password);  // same cost as a known account
    return failed;
  }
  const bool trusted = Trusted(user->id, client_address, now);
  if (user->locked_until > now && !trusted) {
    if (retry_after_s) *retry_after_s = CeilSeconds(user->locked_until - now);
    return Status(Error::kAccountLocked, "account locked after failed logins");
  }
  if (!VerifyPassword(user->password_hash, password)) {
    if (trusted) return failed;  // the moderator's own client mistyping: no lock-out
    const int failures = user->failed_logins + 1;
    if (failures >= options_.max_failed_logins) {
      PALABRE_RETURN_IF_ERROR(store_.SetLoginState(user->id, 0, now + options_.lock_ms));
      if (retry_after_s) *retry_after_s = CeilSeconds(options_.lock_ms);
      return Status(Error::kAccountLocked, "account locked after failed logins");
    }
    PALABRE_RETURN_IF_ERROR(store_.SetLoginState(user->id, failures, 0));
    return failed;
  }
  if (user->failed_logins != 0 || user->locked_until != 0) {
    PALABRE_RETURN_IF_ERROR(store_.SetLoginState(user->id, 0, 0));
    user->failed_logins = 0;
    user->locked_until = 0;
  }
  Trust(user->id, client_address, now);
  LoginResult out;
  out.token = RandomToken();
  out.csrf_token = RandomToken();
  out.expires_at = now + options_.session_ms;
  Session session;
  session.token_hash = HashHex(out.token);
  session.user_id = user->id;
  session.csrf_token = out.csrf_token;
  session.created_at = now;
  session.expires_at = out.expires_at;
  PALABRE_RETURN_IF_ERROR(store_.CreateSession(session));
  out.user = Public(std::move(user).value());
  return out;
}

Result<Authenticated> AuthService::Authenticate(std::string_view token) {
  const Status unauthorized(Error::kUnauthorized, "no valid session");
  if (token.empty() || token.size() > 256) return unauthorized;
  auto session = store_.GetSession(HashHex(token), clock_.NowMs());
  if (!session.ok()) {
    if (session.error() == Error::kUnauthorized) return unauthorized;
    return session.status();
  }
  auto user = store_.GetUser(session->user_id);
  if (!user.ok()) {
    if (user.error() == Error::kUnknownUser) return unauthorized;
    return user.status();
  }
  return Authenticated{Public(std::move(user).value()), std::move(session).value()};
}

Status AuthService::Logout(std::string_view token) {
  if (token.empty()) return Status::Ok();
  return store_.DeleteSession(HashHex(token));
}

Status AuthService::CheckCsrf(const Session& session, std::string_view header_value) {
  if (header_value.empty() || session.csrf_token.empty() ||
      !ConstantTimeEquals(header_value, session.csrf_token)) {
    return Status(Error::kCsrfFailed, "missing or wrong X-CSRF-Token");
  }
  return Status::Ok();
}

Status AuthService::Require(const User& user, std::string_view site_id, Role minimum) {
  const auto role = user.RoleOn(site_id);
  if (!role || (minimum == Role::kAdmin && *role != Role::kAdmin)) {
    return Status(Error::kForbidden, "no such role on site " + std::string(site_id));
  }
  return Status::Ok();
}

Result<std::int64_t> AuthService::PurgeExpiredSessions() {
  return store_.DeleteExpiredSessions(clock_.NowMs());
}

}  // namespace palabre::service
