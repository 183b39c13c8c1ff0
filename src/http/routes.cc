#include "http/routes.h"

#include <memory>

#include "http/admin_guard.h"
#include "http/cookies.h"
#include "http/cors.h"
#include "http/errors.h"
#include "http/handlers/admin_auth_handler.h"
#include "http/handlers/admin_bans_handler.h"
#include "http/handlers/admin_import_handler.h"
#include "http/handlers/admin_queue_handler.h"
#include "http/handlers/admin_sites_handler.h"
#include "http/handlers/admin_webhooks_handler.h"
#include "http/handlers/analyze_handler.h"
#include "http/handlers/comment_handler.h"
#include "http/handlers/comments_handler.h"
#include "http/handlers/counts_handler.h"
#include "http/handlers/events_handler.h"
#include "http/handlers/feed_handler.h"
#include "http/handlers/health_handler.h"
#include "http/handlers/mail_links_handler.h"
#include "http/handlers/metrics_handler.h"
#include "http/handlers/reports_handler.h"
#include "http/handlers/votes_handler.h"

namespace palabre::http {
namespace {

// The moderator console's API: no CORS, AdminGuard before every handler but login.
void RegisterAdminRoutes(Router& router, Deps& deps) {
  using namespace handlers;  // NOLINT: as in RegisterRoutes
  auto guard = std::make_shared<AdminGuard>(*deps.auth);
  auto admin = [guard](auto handler, auto method) -> Handler {
    return [guard, handler, method](Request& req, Response& res) {
      if (auto who = guard->Check(req, res)) ((*handler).*method)(req, res, *who);
    };
  };
  auto auth = std::make_shared<AdminAuthHandler>(*deps.auth, deps.clock, deps.options.json);
  auto queue = std::make_shared<AdminQueueHandler>(*deps.moderator, deps.options.json);
  auto bans = std::make_shared<AdminBansHandler>(*deps.moderator, deps.options.json);
  auto sites = std::make_shared<AdminSitesHandler>(
      *deps.moderator, deps.options.json, &deps.metrics.origin_refusals(), deps.clock.NowMs());
  // clang-format off
  router.Add(Method::kPost,   "/api/v1/admin/login",                  [auth](Request& q, Response& s) { auth->Login(q, s); });
  router.Add(Method::kPost,   "/api/v1/admin/logout",                 admin(auth, &AdminAuthHandler::Logout));
  router.Add(Method::kGet,    "/api/v1/admin/session",                admin(auth, &AdminAuthHandler::Session));
  router.Add(Method::kGet,    "/api/v1/admin/queue",                  admin(queue, &AdminQueueHandler::Queue));
  router.Add(Method::kPost,   "/api/v1/admin/comments/{id}/approve",  admin(queue, &AdminQueueHandler::Approve));
  router.Add(Method::kPost,   "/api/v1/admin/comments/{id}/reject",   admin(queue, &AdminQueueHandler::Reject));
  router.Add(Method::kPost,   "/api/v1/admin/comments/{id}/unpublish", admin(queue, &AdminQueueHandler::Unpublish));
  router.Add(Method::kPost,   "/api/v1/admin/comments/{id}/false-positive", admin(queue, &AdminQueueHandler::FalsePositive));
  router.Add(Method::kPost,   "/api/v1/admin/comments/{id}/undo",     admin(queue, &AdminQueueHandler::Undo));
  router.Add(Method::kPost,   "/api/v1/admin/comments/bulk",          admin(queue, &AdminQueueHandler::Bulk));
  router.Add(Method::kGet,    "/api/v1/admin/bans",                   admin(bans, &AdminBansHandler::List));
  router.Add(Method::kPost,   "/api/v1/admin/bans",                   admin(bans, &AdminBansHandler::Add));
  router.Add(Method::kDelete, "/api/v1/admin/bans/{id}",              admin(bans, &AdminBansHandler::Remove));
  router.Add(Method::kGet,    "/api/v1/admin/sites",                  admin(sites, &AdminSitesHandler::Sites));
  router.Add(Method::kGet,    "/api/v1/admin/sites/{site}",           admin(sites, &AdminSitesHandler::GetSite));
  router.Add(Method::kPut,    "/api/v1/admin/sites/{site}",           admin(sites, &AdminSitesHandler::PutSite));
  router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/settings",  admin(sites, &AdminSitesHandler::GetSettings));
  router.Add(Method::kPut,    "/api/v1/admin/sites/{site}/settings",  admin(sites, &AdminSitesHandler::PutSettings));
  router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/audit",     admin(sites, &AdminSitesHandler::Audit));
  router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/report",    admin(sites, &AdminSitesHandler::Report));
  router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/keys",      admin(sites, &AdminSitesHandler::ApiKeys));
  router.Add(Method::kPost,   "/api/v1/admin/sites/{site}/keys",      admin(sites, &AdminSitesHandler::AddApiKey));
  router.Add(Method::kDelete, "/api/v1/admin/sites/{site}/keys/{id}", admin(sites, &AdminSitesHandler::RemoveApiKey));
  // clang-format on
  if (deps.webhooks != nullptr) {
    auto hooks = std::make_shared<AdminWebhooksHandler>(*deps.webhooks, deps.options.json);
    // clang-format off
    router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/webhooks",      admin(hooks, &AdminWebhooksHandler::List));
    router.Add(Method::kPost,   "/api/v1/admin/sites/{site}/webhooks",      admin(hooks, &AdminWebhooksHandler::Add));
    router.Add(Method::kDelete, "/api/v1/admin/sites/{site}/webhooks/{id}", admin(hooks, &AdminWebhooksHandler::Remove));
    router.Add(Method::kGet,    "/api/v1/admin/sites/{site}/deliveries",    admin(hooks, &AdminWebhooksHandler::Deliveries));
    // clang-format on
  }
  if (deps.imports == nullptr) return;
  auto imports = std::make_shared<AdminImportHandler>(*deps.imports);
  constexpr std::string_view kImports = "/api/v1/admin/sites/{site}/imports";
  // clang-format off
  router.Add(Method::kPost,   kImports,                               admin(imports, &AdminImportHandler::Upload));
  router.Add(Method::kGet,    kImports,                               admin(imports, &AdminImportHandler::State));
  router.Add(Method::kPost,   "/api/v1/admin/sites/{site}/imports/{id}/confirm", admin(imports, &AdminImportHandler::Confirm));
  // clang-format on
  // An export is larger than any other body; only a request that carries a session and a CSRF
  // token (checked by the guard once it is read) may send one that large.
  router.SetBodyLimit(
      Method::kPost, kImports, deps.options.max_import_bytes, [](const Request& req) {
        return FindCookie(req, kSessionCookie).has_value() && !req.Header("X-CSRF-Token").empty();
      });
}

}  // namespace

void RegisterRoutes(Router& router, Deps& deps) {
  using namespace handlers;  // NOLINT: the list below reads better without prefixes
  router.SetMetrics(&deps.metrics);
  auto cors =
      std::make_shared<Cors>([&deps](std::string_view site) { return deps.comments.GetSite(site); },
                             deps.site_of_comment, &deps.metrics.origin_refusals(), &deps.clock);
  // API routes: CORS first (a write from a foreign origin stops here), then the handler.
  auto api = [cors](auto handler, auto method) -> Handler {
    return [cors, handler, method](Request& req, Response& res) {
      if (cors->Apply(req, res)) ((*handler).*method)(req, res);
    };
  };
  auto comments = std::make_shared<CommentsHandler>(deps);
  auto comment = std::make_shared<CommentHandler>(deps);
  auto votes = std::make_shared<VotesHandler>(deps);
  auto reports = std::make_shared<ReportsHandler>(deps);
  auto counts = std::make_shared<CountsHandler>(deps);
  auto events = std::make_shared<EventsHandler>(deps);
  Metrics& metrics = deps.metrics;

  // clang-format off
  router.Add(Method::kGet,    "/api/v1/threads/{site}/{key}/comments", api(comments, &CommentsHandler::List), Runs::kBlocking,
             [comments](Request& q, Response& s) { return comments->ListCached(q, s); });
  router.Add(Method::kPost,   "/api/v1/threads/{site}/{key}/comments", api(comments, &CommentsHandler::Post));
  router.Add(Method::kGet,    "/api/v1/threads/{site}/{key}/events",   api(events, &EventsHandler::Subscribe));
  router.Add(Method::kPost,   "/api/v1/comments/status",               api(comment, &CommentHandler::Statuses));
  router.Add(Method::kPatch,  "/api/v1/comments/{id}",                 api(comment, &CommentHandler::Edit));
  router.Add(Method::kDelete, "/api/v1/comments/{id}",                 api(comment, &CommentHandler::Delete));
  router.Add(Method::kPost,   "/api/v1/comments/{id}/votes",           api(votes, &VotesHandler::Vote));
  router.Add(Method::kDelete, "/api/v1/comments/{id}/votes",           api(votes, &VotesHandler::Unvote));
  router.Add(Method::kPost,   "/api/v1/comments/{id}/reports",         api(reports, &ReportsHandler::Report));
  router.Add(Method::kGet,    "/api/v1/counts",                        api(counts, &CountsHandler::Counts), Runs::kBlocking,
             [counts](Request& q, Response& s) { return counts->CountsCached(q, s); });
  if (deps.analyze != nullptr && deps.api_keys != nullptr) {
    auto analyze = std::make_shared<AnalyzeHandler>(*deps.analyze, *deps.api_keys, deps.metrics,
                                                    deps.options.json);
    router.Add(Method::kPost, "/api/v1/analyze", [analyze](Request& q, Response& s) { analyze->Analyze(q, s); });
    router.Add(Method::kPost, "/v1alpha1/comments:analyze", [analyze](Request& q, Response& s) { analyze->Perspective(q, s); });
  }
  router.Add(Method::kGet,    "/healthz",                              Health, Runs::kInline);
  router.Add(Method::kGet,    "/readyz", [ready = deps.ready](Request& q, Response& s) { Ready(ready, q, s); });
  router.Add(Method::kGet,    "/metrics", [&metrics](Request& q, Response& s) { MetricsText(metrics, q, s); }, Runs::kInline);
  // clang-format on
  if (deps.feeds != nullptr) {
    auto feed = std::make_shared<FeedHandler>(deps, *deps.feeds);
    // clang-format off
    router.Add(Method::kGet,  "/api/v1/threads/{site}/{key}/feed.atom", api(feed, &FeedHandler::Thread));
    router.Add(Method::kGet,  "/api/v1/sites/{site}/feed.atom",         api(feed, &FeedHandler::Site));
    router.Add(Method::kGet,  "/api/v1/sites/{site}/replies/{token}/feed.atom", api(feed, &FeedHandler::Replies));
    // clang-format on
  }
  if (deps.mail_links != nullptr) {
    // No CORS: a mail client posts the one-click unsubscribe from no page at all.
    auto mail = std::make_shared<MailLinksHandler>(*deps.mail_links);
    // clang-format off
    router.Add(Method::kGet,  "/mail/confirm/{token}",     [mail](Request& q, Response& s) { mail->Confirm(q, s); });
    router.Add(Method::kGet,  "/mail/unsubscribe/{token}", [mail](Request& q, Response& s) { mail->UnsubscribePage(q, s); });
    router.Add(Method::kPost, "/mail/unsubscribe/{token}", [mail](Request& q, Response& s) { mail->Unsubscribe(q, s); });
    // clang-format on
  }
  if (deps.auth != nullptr && deps.moderator != nullptr) RegisterAdminRoutes(router, deps);
  router.SetPreflight([cors](Request& req, Response& res) {
    // The console's API is same-origin only: a browser preflights it only from elsewhere.
    if (req.route.starts_with("/api/v1/admin/")) {
      return SetError(res, Error::kOriginNotAllowed, PreferredLang(req));
    }
    cors->Preflight(req, res);
  });

  // Live updates: every comment that appears or changes goes to the thread's SSE subscribers.
  deps.comments.SetListener(MakeLiveListener(deps.events, deps.comments, deps.clock));
  deps.comments.SetRemovedListener(MakeRemovedListener(deps.events, deps.comments));
  deps.comments.SetResetListener(MakeResetListener(deps.events));
  service::EventHub& hub = deps.events;
  metrics.AddGauge("palabre_sse_subscribers", "Open live-update streams.",
                   [&hub] { return static_cast<double>(hub.subscriber_count()); });
}

}  // namespace palabre::http
