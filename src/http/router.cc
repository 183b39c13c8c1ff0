#include "http/router.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "http/errors.h"
#include "http/metrics.h"

namespace palabre::http {
namespace {

// Splits "/a/b%2Fc/" into {"a", "b/c", ""}, reusing `out`'s strings.
void SplitPath(std::string_view path, std::vector<std::string>& out) {
  out.clear();
  if (path.empty() || path.front() != '/') return;
  std::size_t start = 1;
  while (true) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back();
    PercentDecodeTo(path.substr(start, end - start), /*plus_is_space=*/false, out.back());
    if (end == path.size()) break;
    start = end + 1;
  }
}

}  // namespace

void Router::Add(Method method, std::string_view pattern, Handler handler, Runs runs,
                 FastHandler fast) {
  Route route;
  route.method = method;
  route.runs = runs;
  route.fast = std::move(fast);
  route.pattern = std::string(pattern);
  std::vector<std::string> parts;
  // Patterns are split without decoding: "{name}" or a literal.
  std::size_t start = 1;
  while (start <= pattern.size()) {
    std::size_t end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    parts.emplace_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    Segment seg;
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      seg.param = true;
      route.params.emplace_back(p.substr(1, p.size() - 2), i);
    } else {
      seg.literal = p;
    }
    route.segments.push_back(std::move(seg));
  }
  route.handler = std::move(handler);
  for (Route& r : routes_) {
    if (r.method == method && r.pattern == route.pattern) {
      route.metric_id = r.metric_id;
      r = std::move(route);
      return;
    }
  }
  if (metrics_ != nullptr) route.metric_id = metrics_->AddRoute(route.pattern);
  routes_.push_back(std::move(route));
}

void Router::SetBodyLimit(Method method, std::string_view pattern, std::size_t bytes,
                          std::function<bool(const Request&)> admit) {
  for (Route& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      r.body_limit = bytes;
      r.admit_body = std::move(admit);
      largest_body_limit_ = std::max(largest_body_limit_, bytes);
      return;
    }
  }
}

std::size_t Router::BodyLimit(const Request& req, std::size_t fallback) const {
  if (largest_body_limit_ == 0) return fallback;
  std::vector<std::string> segments;
  SplitPath(req.path, segments);
  for (const Route& r : routes_) {
    if (r.method != req.method || !Matches(r, segments)) continue;
    if (r.body_limit == 0 || (r.admit_body && !r.admit_body(req))) return fallback;
    return r.body_limit;
  }
  return fallback;
}

void Router::SetMetrics(Metrics* metrics) {
  metrics_ = metrics;
  if (metrics_ == nullptr) return;
  for (Route& r : routes_) r.metric_id = metrics_->AddRoute(r.pattern);
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments) const {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!route.segments[i].param && route.segments[i].literal != segments[i]) return false;
  }
  return true;
}

void Router::Run(const Route* route, const Handler& handler, Request& req, Response& res) const {
  const auto start = std::chrono::steady_clock::now();
  try {
    handler(req, res);
  } catch (const std::exception& e) {
    res.Clear();
    SetError(res, Status(Error::kInternal, std::string("handler threw: ") + e.what()),
             PreferredLang(req));
  } catch (...) {
    res.Clear();
    SetError(res, Status(Error::kInternal, "handler threw"), PreferredLang(req));
  }
  if (metrics_ != nullptr) {
    metrics_->ObserveRequest(route != nullptr ? route->metric_id : -1, res.status,
                             std::chrono::steady_clock::now() - start);
  }
}

void Router::Dispatch(Request& req, Response& res) const {
  if (auto pending = Begin(req, res)) Finish(*pending, req, res);
}

void Router::Finish(const Pending& pending, Request& req, Response& res) const {
  Run(pending.route, *pending.handler, req, res);
}

std::optional<Router::Pending> Router::Begin(Request& req, Response& res) const {
  req.query.Parse(req.raw_query);
  if (!IsValidPercentEncoding(req.raw_query) || !IsValidPercentEncoding(req.path)) {
    // "%zz" is read two ways by two decoders: refused before any route sees it.
    Run(
        nullptr,
        [](Request& q, Response& s) {
          SetError(s, Error::kInvalidPercentEncoding, PreferredLang(q));
        },
        req, res);
    return std::nullopt;
  }
  SplitPath(req.path, req.segments);
  const Method wanted = req.method == Method::kHead ? Method::kGet : req.method;
  const Route* path_match = nullptr;
  for (const Route& r : routes_) {
    if (!Matches(r, req.segments)) continue;
    if (path_match == nullptr) path_match = &r;
    if (r.method == wanted) {
      req.route = r.pattern;
      req.param_index_ = &r.params;
      if (r.runs == Runs::kInline) {
        Run(&r, r.handler, req, res);
        return std::nullopt;
      }
      if (r.fast && RunFast(r, req, res)) return std::nullopt;
      return Pending{&r, &r.handler};
    }
  }
  if (path_match == nullptr) {
    Run(
        nullptr, [](Request& q, Response& s) { SetError(s, Error::kNotFound, PreferredLang(q)); },
        req, res);
    return std::nullopt;
  }
  // Known path, other method: list what it accepts.
  bool has_get = false;
  for (const Route& r : routes_) {
    if (!Matches(r, req.segments)) continue;
    if (!req.allow.empty()) req.allow += ", ";
    req.allow += ToString(r.method);
    has_get = has_get || r.method == Method::kGet;
  }
  if (has_get) req.allow += ", HEAD";
  if (preflight_) req.allow += ", OPTIONS";
  req.route = path_match->pattern;
  req.param_index_ = &path_match->params;
  if (req.method == Method::kOptions && preflight_) return Pending{path_match, &preflight_};
  Run(
      path_match,
      [](Request& q, Response& s) {
        SetError(s, Error::kMethodNotAllowed, PreferredLang(q));
        s.AddHeader("Allow", q.allow);
      },
      req, res);
  return std::nullopt;
}

bool Router::RunFast(const Route& route, Request& req, Response& res) const {
  const auto start = std::chrono::steady_clock::now();
  bool answered = false;
  try {
    answered = route.fast(req, res);
  } catch (const std::exception& e) {
    res.Clear();  // the blocking handler will answer
    spdlog::warn("http: fast path of {} threw: {}", route.pattern, e.what());
    return false;
  }
  if (answered && metrics_ != nullptr) {
    metrics_->ObserveRequest(route.metric_id, res.status, std::chrono::steady_clock::now() - start);
  }
  return answered;
}

}  // namespace palabre::http
