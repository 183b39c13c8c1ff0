// ModeratorService: what the moderator console does (docs/API.md "Moderator console API"),
// as one object for the HTTP routes and tests. It owns and wires the parts, each its own file:
//   ModerationQueue    (moderation_queue.h)    the user's sites, the queue, one item
//   ModeratorDecisions (moderator_decisions.h) approve, reject, unpublish, faux positif, undo,
//                                              bulk
//   ModeratorBans      (moderator_bans.h)      bans
//   SiteAdmin          (site_admin.h)          settings, the site, audit log, API keys
//   SiteReporter       (site_report.h)         the per-site report
// Every method takes the authenticated user (service/auth_service.h) and checks their role on
// the site concerned — the comment's, the ban's or the one named — before anything else:
// kForbidden otherwise (settings changes need the admin role). Every change writes one
// AuditEntry and reaches response caches and live clients through the CommentService's parts
// (ThreadChanges, SiteRegistry). Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/admin.h"
#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "service/comment_service.h"
#include "service/moderation_queue.h"
#include "service/moderator_bans.h"
#include "service/moderator_decisions.h"
#include "service/moderator_types.h"
#include "service/site_admin.h"
#include "service/site_report.h"
#include "store/store.h"

namespace palabre::service {

class ModeratorService {
 public:
  ModeratorService(store::Store& store, CommentService& comments, const Clock& clock)
      : queue_(store, clock),
        decisions_(store, queue_, comments.changes(), clock),
        bans_(store, queue_, decisions_, clock),
        admin_(store, comments.sites(), clock),
        reporter_(store, clock) {}

  ModerationQueue& queue() { return queue_; }
  ModeratorDecisions& decisions() { return decisions_; }
  ModeratorBans& bans() { return bans_; }
  SiteAdmin& admin() { return admin_; }
  SiteReporter& reporter() { return reporter_; }

  Result<std::vector<UserSite>> Sites(const User& user) { return queue_.Sites(user); }
  Result<QueuePage> Queue(const User& user, const QueueQuery& query) {
    return queue_.Queue(user, query);
  }
  Result<QueueItem> Item(const User& user, CommentId id, text::Lang lang = text::Lang::kFr) {
    return queue_.Item(user, id, lang);
  }

  Result<QueueItem> Approve(const User& user, CommentId id, text::Lang lang = text::Lang::kFr) {
    return decisions_.Approve(user, id, lang);
  }
  Result<QueueItem> Reject(const User& user, CommentId id, RejectReason reason,
                           std::string_view note, text::Lang lang = text::Lang::kFr) {
    return decisions_.Reject(user, id, reason, note, lang);
  }
  Result<QueueItem> Unpublish(const User& user, CommentId id, std::string_view reason,
                              text::Lang lang = text::Lang::kFr) {
    return decisions_.Unpublish(user, id, reason, lang);
  }
  Result<QueueItem> FalsePositive(const User& user, CommentId id,
                                  text::Lang lang = text::Lang::kFr) {
    return decisions_.FalsePositive(user, id, lang);
  }
  Result<QueueItem> Undo(const User& user, CommentId id, text::Lang lang = text::Lang::kFr) {
    return decisions_.Undo(user, id, lang);
  }
  static constexpr TimestampMs kUndoWindowMs = ModeratorDecisions::kUndoWindowMs;
  Result<BulkResult> Bulk(const User& user, const BulkInput& in) {
    return decisions_.Bulk(user, in);
  }

  Result<Ban> AddBan(const User& user, const BanInput& in) { return bans_.AddBan(user, in); }
  Status RemoveBan(const User& user, BanId id) { return bans_.RemoveBan(user, id); }
  Result<std::vector<Ban>> ListBans(const User& user, std::string_view site_id) {
    return bans_.ListBans(user, site_id);
  }

  Result<SiteSettings> GetSettings(const User& user, std::string_view site_id) {
    return admin_.GetSettings(user, site_id);
  }
  Result<SiteSettings> PutSettings(const User& user, std::string_view site_id,
                                   std::string_view json) {
    return admin_.PutSettings(user, site_id, json);
  }
  Result<Site> GetSite(const User& user, std::string_view site_id) {
    return admin_.GetSite(user, site_id);
  }
  Result<Site> UpdateSite(const User& user, std::string_view site_id, const SiteChange& change) {
    return admin_.UpdateSite(user, site_id, change);
  }
  Result<std::vector<AuditEntry>> Audit(const User& user, std::string_view site_id,
                                        std::int64_t before_id, int limit) {
    return admin_.Audit(user, site_id, before_id, limit);
  }
  Result<std::vector<ApiKey>> ApiKeys(const User& user, std::string_view site_id) {
    return admin_.ApiKeys(user, site_id);
  }
  Result<NewApiKey> AddApiKey(const User& user, std::string_view site_id, std::string_view name,
                              int per_minute) {
    return admin_.AddApiKey(user, site_id, name, per_minute);
  }
  Status RemoveApiKey(const User& user, std::string_view site_id, std::int64_t id) {
    return admin_.RemoveApiKey(user, site_id, id);
  }

  Result<SiteReport> Report(const User& user, std::string_view site_id, int days) {
    return reporter_.Report(user, site_id, days);
  }

 private:
  ModerationQueue queue_;
  ModeratorDecisions decisions_;
  ModeratorBans bans_;
  SiteAdmin admin_;
  SiteReporter reporter_;
};

}  // namespace palabre::service
