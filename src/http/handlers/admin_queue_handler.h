// The console's moderation queue and actions on comments (docs/API.md, "Moderator console
// API"), behind AdminGuard:
//   GET  /api/v1/admin/queue                   → {"items":[QueueItem],"next_cursor"}
//   POST /api/v1/admin/comments/{id}/approve   → {"comment":QueueItem}
//   POST /api/v1/admin/comments/{id}/reject    {"reason","note"?} → {"comment":QueueItem}
//   POST /api/v1/admin/comments/{id}/unpublish {"reason"?} → {"comment":QueueItem}
//   POST /api/v1/admin/comments/{id}/false-positive → {"comment":QueueItem}
//   POST /api/v1/admin/comments/{id}/undo      → {"comment":QueueItem}
//   POST /api/v1/admin/comments/bulk           {"ids"|"cluster","action","reason"?,"note"?}
//                                              → {"done":[ids],"failed":[{"id","code"}]}
// Roles, audit and caches are ModeratorService's. Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/moderator_service.h"

namespace palabre::http::handlers {

class AdminQueueHandler {
 public:
  AdminQueueHandler(service::ModeratorService& moderator, JsonLimits limits)
      : moderator_(moderator), limits_(limits) {}

  void Queue(Request& req, Response& res, const service::Authenticated& who);
  void Approve(Request& req, Response& res, const service::Authenticated& who);
  void Reject(Request& req, Response& res, const service::Authenticated& who);
  void Unpublish(Request& req, Response& res, const service::Authenticated& who);
  void FalsePositive(Request& req, Response& res, const service::Authenticated& who);
  void Undo(Request& req, Response& res, const service::Authenticated& who);
  void Bulk(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::ModeratorService& moderator_;
  JsonLimits limits_;
};

}  // namespace palabre::http::handlers
