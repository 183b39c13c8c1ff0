// Router: sends each request to the handler registered for its method and path pattern.
//
// Patterns are literal segments and "{name}" parameters, one segment each:
// "/api/v1/threads/{site}/{key}/comments". The path is split on "/" first and each segment is
// percent-decoded after, so "%2F" inside a parameter is a slash in the value (an article key
// that is a URL travels as one segment). The query string is parsed into Request::query. A
// path or query with a malformed escape ("%zz", a "%" at the end) is 400
// invalid_percent_encoding before any route is tried.
// HEAD is served by the GET handler (the server drops the body). OPTIONS on a known path goes
// to the preflight handler if one is set (CORS). Unknown path: 404 not_found; known path, other
// method: 405 method_not_allowed with Allow. A handler that throws gets a 500 internal.
// Each dispatch is observed by Metrics (route pattern, status, latency) when set.
// Where a handler runs: a route is kBlocking by default (it may wait on the database: the
// server runs it on a worker thread, under a time budget) or kInline (it answers from memory:
// health, metrics, static files; run on the I/O thread, never queued behind stalled work). A
// blocking route may have a `fast` handler that answers from memory when it can (a cached
// page) and otherwise returns false without touching the response; it runs inline.
// Dispatch runs everything on the calling thread; Begin and Finish split it for the server:
// Begin does the inline part and says what blocking work is left, Finish does that work.
// Body limits: every request body is bounded by the server's `max_body_bytes`, except on a
// route given a limit of its own (SetBodyLimit: an upload); the server asks BodyLimit once
// the request's header is read, before it reads the body.
// Register everything before the server starts; Dispatch, Begin and Finish are then const and
// thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace palabre::http {

class Metrics;

using Handler = std::function<void(Request&, Response&)>;
// Answers from memory and returns true, or returns false and leaves the response untouched.
using FastHandler = std::function<bool(Request&, Response&)>;

enum class Runs {
  kBlocking,  // may wait on the database or another process: a worker thread runs it
  kInline,    // memory only, bounded: the I/O thread runs it
};

class Router {
  struct Route;

 public:
  Router() = default;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // `pattern` starts with "/". Adding the same method and pattern twice replaces the handler.
  void Add(Method method, std::string_view pattern, Handler handler, Runs runs = Runs::kBlocking,
           FastHandler fast = nullptr);
  // Handler for OPTIONS on a path that some route matches; Request::allow lists its methods.
  // It runs as a blocking route (it looks the site up).
  void SetPreflight(Handler handler) { preflight_ = std::move(handler); }
  // Optional; must outlive the router. Routes are announced to it as they are added.
  void SetMetrics(Metrics* metrics);

  void Dispatch(Request& req, Response& res) const;

  // The blocking work Begin left: run it with Finish, on any thread, with the same request
  // and response (which must stay alive and untouched meanwhile).
  struct Pending {
    const Route* route = nullptr;
    const Handler* handler = nullptr;
  };
  // Matches the route and runs what runs inline: errors found before any handler, kInline
  // routes, a fast handler that answers. Returns the blocking work left, or nullopt when `res`
  // is complete.
  std::optional<Pending> Begin(Request& req, Response& res) const;
  void Finish(const Pending& pending, Request& req, Response& res) const;

  // Requests to the route (method, pattern), added before, may carry a body of up to `bytes`
  // instead of the server's limit; if `admit` is set, only those whose header it admits (a
  // cheap look at the headers, on the I/O thread: e.g. that a session cookie is there).
  void SetBodyLimit(Method method, std::string_view pattern, std::size_t bytes,
                    std::function<bool(const Request&)> admit = nullptr);
  // The body limit of the route `req` (its method, its path as received and its headers: what
  // is known once the header is read) goes to; `fallback` if that route has none of its own,
  // does not admit it, or there is no route.
  std::size_t BodyLimit(const Request& req, std::size_t fallback) const;
  // The largest limit given with SetBodyLimit; 0 if none.
  std::size_t largest_body_limit() const { return largest_body_limit_; }

  std::size_t size() const { return routes_.size(); }

 private:
  struct Segment {
    std::string literal;  // empty for a parameter
    bool param = false;
  };
  struct Route {
    Method method;
    std::string pattern;
    std::vector<Segment> segments;
    std::vector<std::pair<std::string, std::size_t>> params;  // name -> segment index
    Handler handler;
    FastHandler fast;
    Runs runs = Runs::kBlocking;
    int metric_id = -1;
    std::size_t body_limit = 0;  // 0: the server's
    std::function<bool(const Request&)> admit_body;
  };
  bool Matches(const Route& route, const std::vector<std::string>& segments) const;
  void Run(const Route* route, const Handler& handler, Request& req, Response& res) const;
  bool RunFast(const Route& route, Request& req, Response& res) const;

  std::vector<Route> routes_;
  Handler preflight_;
  Metrics* metrics_ = nullptr;
  std::size_t largest_body_limit_ = 0;
};

}  // namespace palabre::http
