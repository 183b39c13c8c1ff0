// The console's per-site pages (docs/API.md, "Moderator console API"), behind AdminGuard:
//   GET /api/v1/admin/sites                  → {"sites":[{"id","name","role"}]}
//   GET /api/v1/admin/sites/{site}/settings  → {"settings":Settings}
//   PUT /api/v1/admin/sites/{site}/settings  Settings → {"settings":Settings} (admin role);
//                                            400 invalid_argument with "field" naming the key
//   GET /api/v1/admin/sites/{site}/audit     ?before&limit → {"entries":[AuditEntry]}
//   GET /api/v1/admin/sites/{site}/report    ?days=1..90 → the site report
//   GET /api/v1/admin/sites/{site}/keys      → {"keys":[ApiKey]} (admin role)
//   POST /api/v1/admin/sites/{site}/keys     {"name","per_minute"?} → 201 {"key":ApiKey,
//                                            "secret":"plb_…"}: the only time it is shown
//   DELETE /api/v1/admin/sites/{site}/keys/{id} → 204
// Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/moderator_service.h"

namespace palabre::http::handlers {

class AdminSitesHandler {
 public:
  AdminSitesHandler(service::ModeratorService& moderator, JsonLimits limits)
      : moderator_(moderator), limits_(limits) {}

  void Sites(Request& req, Response& res, const service::Authenticated& who);
  void GetSettings(Request& req, Response& res, const service::Authenticated& who);
  void PutSettings(Request& req, Response& res, const service::Authenticated& who);
  void Audit(Request& req, Response& res, const service::Authenticated& who);
  void Report(Request& req, Response& res, const service::Authenticated& who);
  void ApiKeys(Request& req, Response& res, const service::Authenticated& who);
  void AddApiKey(Request& req, Response& res, const service::Authenticated& who);
  void RemoveApiKey(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::ModeratorService& moderator_;
  JsonLimits limits_;
};

}  // namespace palabre::http::handlers
