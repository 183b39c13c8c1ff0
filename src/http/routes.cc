#include "http/routes.h"

#include <memory>

#include "http/cors.h"
#include "http/handlers/analyze_handler.h"
#include "http/handlers/comment_handler.h"
#include "http/handlers/comments_handler.h"
#include "http/handlers/counts_handler.h"
#include "http/handlers/events_handler.h"
#include "http/handlers/health_handler.h"
#include "http/handlers/metrics_handler.h"
#include "http/handlers/votes_handler.h"

namespace palabre::http {

void RegisterRoutes(Router& router, Deps& deps) {
  using namespace handlers;  // NOLINT: the list below reads better without prefixes
  router.SetMetrics(&deps.metrics);
  auto cors = std::make_shared<Cors>(
      [&deps](std::string_view site) { return deps.comments.GetSite(site); }, deps.site_of_comment);
  // API routes: CORS first (a write from a foreign origin stops here), then the handler.
  auto api = [cors](auto handler, auto method) -> Handler {
    return [cors, handler, method](Request& req, Response& res) {
      if (cors->Apply(req, res)) ((*handler).*method)(req, res);
    };
  };
  auto comments = std::make_shared<CommentsHandler>(deps);
  auto comment = std::make_shared<CommentHandler>(deps);
  auto votes = std::make_shared<VotesHandler>(deps);
  auto counts = std::make_shared<CountsHandler>(deps);
  auto events = std::make_shared<EventsHandler>(deps);
  Metrics& metrics = deps.metrics;

  // clang-format off
  router.Add(Method::kGet,    "/api/v1/threads/{site}/{key}/comments", api(comments, &CommentsHandler::List));
  router.Add(Method::kPost,   "/api/v1/threads/{site}/{key}/comments", api(comments, &CommentsHandler::Post));
  router.Add(Method::kGet,    "/api/v1/threads/{site}/{key}/events",   api(events, &EventsHandler::Subscribe));
  router.Add(Method::kPatch,  "/api/v1/comments/{id}",                 api(comment, &CommentHandler::Edit));
  router.Add(Method::kDelete, "/api/v1/comments/{id}",                 api(comment, &CommentHandler::Delete));
  router.Add(Method::kPost,   "/api/v1/comments/{id}/votes",           api(votes, &VotesHandler::Vote));
  router.Add(Method::kGet,    "/api/v1/counts",                        api(counts, &CountsHandler::Counts));
  if (deps.analyze != nullptr) {
    auto analyze = std::make_shared<AnalyzeHandler>(*deps.analyze, deps.options.json);
    router.Add(Method::kPost, "/api/v1/analyze", [analyze](Request& q, Response& s) { analyze->Analyze(q, s); });
    router.Add(Method::kPost, "/v1alpha1/comments:analyze", [analyze](Request& q, Response& s) { analyze->Perspective(q, s); });
  }
  router.Add(Method::kGet,    "/healthz",                              Health);
  router.Add(Method::kGet,    "/metrics", [&metrics](Request& q, Response& s) { MetricsText(metrics, q, s); });
  // clang-format on
  router.SetPreflight([cors](Request& req, Response& res) { cors->Preflight(req, res); });

  // Live updates: every comment that appears or changes goes to the thread's SSE subscribers.
  deps.comments.SetListener(MakeLiveListener(deps.events, deps.comments, deps.clock));
  service::EventHub& hub = deps.events;
  metrics.AddGauge("palabre_sse_subscribers", "Open live-update streams.",
                   [&hub] { return static_cast<double>(hub.subscriber_count()); });
}

}  // namespace palabre::http
