// The console's per-site pages (docs/API.md, "Moderator console API"), behind AdminGuard:
//   GET /api/v1/admin/sites                  → {"sites":[{"id","name","role"}]}
//   GET /api/v1/admin/sites/{site}           → {"site":SiteInfo,"refused_origins":[{"origin",
//                                            "count","last_at"}],"refused_since"}: the
//                                            origins this node refused writes from since it
//                                            started, those the site allows now left out
//   PUT /api/v1/admin/sites/{site}           {"name"?,"origins"?,"time_zone"?} → the same
//                                            (admin role); 400 invalid_argument with "field"
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

#include "core/clock.h"
#include "http/json.h"
#include "http/message.h"
#include "http/origin_refusals.h"
#include "service/auth_service.h"
#include "service/moderator_service.h"

namespace palabre::http::handlers {

class AdminSitesHandler {
 public:
  // `refusals` (may be null: none listed) are this node's, counted since `started_at`.
  AdminSitesHandler(service::ModeratorService& moderator, JsonLimits limits,
                    const OriginRefusals* refusals = nullptr, TimestampMs started_at = 0)
      : moderator_(moderator), limits_(limits), refusals_(refusals), started_at_(started_at) {}

  void Sites(Request& req, Response& res, const service::Authenticated& who);
  void GetSite(Request& req, Response& res, const service::Authenticated& who);
  void PutSite(Request& req, Response& res, const service::Authenticated& who);
  void GetSettings(Request& req, Response& res, const service::Authenticated& who);
  void PutSettings(Request& req, Response& res, const service::Authenticated& who);
  void Audit(Request& req, Response& res, const service::Authenticated& who);
  void Report(Request& req, Response& res, const service::Authenticated& who);
  void ApiKeys(Request& req, Response& res, const service::Authenticated& who);
  void AddApiKey(Request& req, Response& res, const service::Authenticated& who);
  void RemoveApiKey(Request& req, Response& res, const service::Authenticated& who);

 private:
  void SetSite(Response& res, const Site& site) const;

  service::ModeratorService& moderator_;
  JsonLimits limits_;
  const OriginRefusals* refusals_;
  TimestampMs started_at_;
};

}  // namespace palabre::http::handlers
