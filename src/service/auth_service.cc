#include "service/auth_service.h"

namespace palabre::service {

AuthService::AuthService(store::Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

Result<User> AuthService::AddUser(std::string_view, std::string_view, Role, std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Status AuthService::RemoveUser(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Status AuthService::SetPassword(std::string_view, std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::vector<User>> AuthService::ListUsers() {
  return Status(Error::kInternal, "not implemented");
}
Result<LoginResult> AuthService::Login(std::string_view, std::string_view, std::string_view, int*) {
  return Status(Error::kInternal, "not implemented");
}
Result<Authenticated> AuthService::Authenticate(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Status AuthService::Logout(std::string_view) { return Status(Error::kInternal, "not implemented"); }
Status AuthService::CheckCsrf(const Session&, std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Status AuthService::Require(const User&, std::string_view, Role) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::int64_t> AuthService::PurgeExpiredSessions() {
  return Status(Error::kInternal, "not implemented");
}

}  // namespace palabre::service
