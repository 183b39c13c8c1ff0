#include "service/privacy_service.h"

namespace palabre::service {

PrivacyService::PrivacyService(store::Store& store, CommentService* comments, const Clock& clock)
    : store_(store), comments_(comments), clock_(clock) {}

Result<std::string> PrivacyService::Export(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::int64_t> PrivacyService::Erase(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::int64_t> PrivacyService::Purge(int) {
  return Status(Error::kInternal, "not implemented");
}

}  // namespace palabre::service
