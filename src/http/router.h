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
// Register everything before the server starts; Dispatch is then const and thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace palabre::http {

class Metrics;

using Handler = std::function<void(Request&, Response&)>;

class Router {
 public:
  Router() = default;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // `pattern` starts with "/". Adding the same method and pattern twice replaces the handler.
  void Add(Method method, std::string_view pattern, Handler handler);
  // Handler for OPTIONS on a path that some route matches; Request::allow lists its methods.
  void SetPreflight(Handler handler) { preflight_ = std::move(handler); }
  // Optional; must outlive the router. Routes are announced to it as they are added.
  void SetMetrics(Metrics* metrics);

  void Dispatch(Request& req, Response& res) const;

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
    int metric_id = -1;
  };
  bool Matches(const Route& route, const std::vector<std::string>& segments) const;
  void Run(const Route* route, const Handler& handler, Request& req, Response& res) const;

  std::vector<Route> routes_;
  Handler preflight_;
  Metrics* metrics_ = nullptr;
};

}  // namespace palabre::http
