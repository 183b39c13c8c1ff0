// RegisterRoutes: every route of palabre's HTTP API in one list (docs/API.md), and Deps, what
// the handlers need.
//
// The app builds the services, a Metrics and an EventHub, fills a Deps and calls
// RegisterRoutes(router, deps) once before starting the Server; static assets (the widget's
// files, the demo page) are added with RegisterStaticAssets (static_assets.h). RegisterRoutes
// also connects the CommentService's listeners to the EventHub (live updates): the app does not
// call SetListener or SetRemovedListener itself. API routes get CORS (cors.h) and "Cache-Control:
// no-store" (thread reads: "private, no-cache" with an ETag, gzip when accepted). The moderator
// console's API
// (/api/v1/admin/...) gets no CORS: AdminGuard (admin_guard.h) checks the session and CSRF
// first; its page (/admin) is admin_console.h's. Deps, and everything it refers to,
// must outlive the router and the server. Thread-safety: RegisterRoutes before serving; the
// handlers it installs are thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "http/json.h"
#include "http/metrics.h"
#include "http/router.h"
#include "service/analyze_service.h"
#include "service/api_key_service.h"
#include "service/auth_service.h"
#include "service/comment_service.h"
#include "service/event_hub.h"
#include "service/feed_service.h"
#include "service/import_jobs.h"
#include "service/mail_links.h"
#include "service/moderator_service.h"
#include "service/webhook_admin.h"

namespace palabre::http {

struct RouteOptions {
  std::size_t cache_entries = 2000;                 // thread reads kept serialized
  std::chrono::milliseconds cache_max_age{30'000};  // relative times age: rebuild after this
  std::chrono::milliseconds sse_retry{3'000};       // "retry:" sent to EventSource clients
  JsonLimits json;                                  // request bodies
  std::size_t max_import_bytes = 64 << 20;          // an export uploaded to the console
};

struct Deps {
  service::CommentService& comments;
  service::EventHub& events;
  Metrics& metrics;
  const Clock& clock;
  // The id of the site a comment belongs to (CORS of /api/v1/comments/{id}): kUnknownComment
  // if there is no such comment. Unset: those routes get no CORS headers and refuse no origin.
  std::function<Result<std::string>(CommentId)> site_of_comment;
  RouteOptions options;
  // GET /readyz: whether the store answers (Store::Ping). Unset: always ready.
  std::function<Status()> ready = nullptr;
  // POST /api/v1/analyze and the Perspective-compatible endpoint, behind the sites' API keys;
  // served only when both are set.
  service::AnalyzeService* analyze = nullptr;
  service::ApiKeyService* api_keys = nullptr;
  // The moderator console API (/api/v1/admin/..., behind admin_guard.h: session cookie, CSRF,
  // no CORS, no-store); served only when both are set.
  service::AuthService* auth = nullptr;
  service::ModeratorService* moderator = nullptr;
  // The Atom feeds of threads and sites (handlers/feed_handler.h); served only when set.
  service::FeedService* feeds = nullptr;
  // The console's imports (admin_import_handler.h); served only with the console, when set.
  service::ImportJobs* imports = nullptr;
  // The console's webhooks (admin_webhooks_handler.h); served only with the console, when set.
  service::WebhookAdmin* webhooks = nullptr;
  // The pages behind the links of reply mails (handlers/mail_links_handler.h); served only when
  // set (the deployment sends mail).
  service::MailLinks* mail_links = nullptr;
};

void RegisterRoutes(Router& router, Deps& deps);

}  // namespace palabre::http
