// The console's bans (docs/API.md, "Moderator console API"), behind AdminGuard:
//   GET    /api/v1/admin/bans?site=S → {"bans":[Ban]} (active ones)
//   POST   /api/v1/admin/bans        {"comment_id","days","reason","by":["name","address",
//                                    "email"]} → 201 {"ban":Ban}
//   DELETE /api/v1/admin/bans/{id}   → 204
// "by" absent bans by name. Thread-safe.
#pragma once

#include "http/json.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/moderator_service.h"

namespace palabre::http::handlers {

class AdminBansHandler {
 public:
  AdminBansHandler(service::ModeratorService& moderator, JsonLimits limits)
      : moderator_(moderator), limits_(limits) {}

  void List(Request& req, Response& res, const service::Authenticated& who);
  void Add(Request& req, Response& res, const service::Authenticated& who);
  void Remove(Request& req, Response& res, const service::Authenticated& who);

 private:
  service::ModeratorService& moderator_;
  JsonLimits limits_;
};

}  // namespace palabre::http::handlers
