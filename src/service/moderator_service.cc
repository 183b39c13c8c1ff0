#include "service/moderator_service.h"

namespace palabre::service {

struct ModeratorService::Target {
  Comment comment;
  Thread thread;
  Site site;
};

ModeratorService::ModeratorService(store::Store& store, CommentService& comments,
                                   const Clock& clock)
    : store_(store), comments_(comments), clock_(clock) {}

Result<std::vector<UserSite>> ModeratorService::Sites(const User&) {
  return Status(Error::kInternal, "not implemented");
}
Result<QueuePage> ModeratorService::Queue(const User&, const QueueQuery&) {
  return Status(Error::kInternal, "not implemented");
}
Result<QueueItem> ModeratorService::Item(const User&, CommentId, text::Lang) {
  return Status(Error::kInternal, "not implemented");
}
Result<QueueItem> ModeratorService::Approve(const User&, CommentId, text::Lang) {
  return Status(Error::kInternal, "not implemented");
}
Result<QueueItem> ModeratorService::Reject(const User&, CommentId, RejectReason, std::string_view,
                                           text::Lang) {
  return Status(Error::kInternal, "not implemented");
}
Result<QueueItem> ModeratorService::Unpublish(const User&, CommentId, std::string_view,
                                              text::Lang) {
  return Status(Error::kInternal, "not implemented");
}
Result<BulkResult> ModeratorService::Bulk(const User&, const BulkInput&) {
  return Status(Error::kInternal, "not implemented");
}
Result<Ban> ModeratorService::AddBan(const User&, const BanInput&) {
  return Status(Error::kInternal, "not implemented");
}
Status ModeratorService::RemoveBan(const User&, BanId) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::vector<Ban>> ModeratorService::ListBans(const User&, std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<SiteSettings> ModeratorService::GetSettings(const User&, std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<SiteSettings> ModeratorService::PutSettings(const User&, std::string_view,
                                                   std::string_view) {
  return Status(Error::kInternal, "not implemented");
}
Result<std::vector<AuditEntry>> ModeratorService::Audit(const User&, std::string_view, std::int64_t,
                                                        int) {
  return Status(Error::kInternal, "not implemented");
}
Result<SiteReport> ModeratorService::Report(const User&, std::string_view, int) {
  return Status(Error::kInternal, "not implemented");
}

std::optional<CommentId> ClusterOf(const std::vector<moderation::Reason>&) { return std::nullopt; }

}  // namespace palabre::service
