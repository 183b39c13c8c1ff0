// Request and Response: what the server hands a handler and what the handler fills in, free of
// Boost.Beast so that handlers, the router and their tests compile without it.
//
// A Request is a view of one parsed HTTP request: its string_views point into the server's
// buffers and are valid only during the handler call. A Response owns everything it sends,
// except `content_type`, which must point at storage that outlives the server (a constant or a
// registered asset). A handler that wants to keep the connection for Server-Sent Events sets
// `stream`: the server writes the head and `body`, then whatever the StreamSource yields.
// Neither type is thread-safe; the server gives each connection its own pair and reuses them
// from one request to the next (cleared, capacity kept).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/relative_time.h"
#include "http/query.h"

namespace palabre::http {

enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view ToString(Method m);  // "GET", ..., "OTHER"
// Writes need an allowed origin under CORS (POST, PUT, PATCH, DELETE).
bool IsWrite(Method m);

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kTextType = "text/plain; charset=utf-8";
inline constexpr std::string_view kHtmlType = "text/html; charset=utf-8";
inline constexpr std::string_view kEventStreamType = "text/event-stream; charset=utf-8";
inline constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";
// Sent with every HTML response.
inline constexpr std::string_view kHtmlCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// Sent with the moderator console's page (/admin): nothing inline, not even styles, and
// nothing from elsewhere.
inline constexpr std::string_view kAdminCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

struct HeaderField {
  std::string_view name;
  std::string_view value;
};

class Request {
 public:
  Method method = Method::kGet;
  std::string_view method_name;  // as sent ("GET")
  int version = 11;              // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::string_view target;       // "/api/v1/counts?site=demo&keys=a"
  std::string_view path;         // "/api/v1/counts", still percent-encoded
  std::string_view raw_query;    // "site=demo&keys=a", without "?"
  std::vector<HeaderField> headers;
  std::string_view body;
  // The client: the socket's peer, or X-Forwarded-For's last hop behind a trusted proxy.
  // Never log it.
  std::string_view client_address;
  // The client reached the publisher over HTTPS: "X-Forwarded-Proto: https" behind a trusted
  // proxy (palabre itself speaks plain HTTP). Decides the Secure flag of cookies and the
  // request's own origin (cookies.h).
  bool https = false;

  // Filled by Router::Dispatch.
  QueryParams query;
  std::vector<std::string> segments;  // percent-decoded path segments
  std::string_view route;             // matched pattern, "" when none matched
  std::string allow;                  // for OPTIONS/405: methods of the path ("GET, POST")

  // Sets target, path and raw_query.
  void SetTarget(std::string_view t);
  // First value of header `name` (case-insensitive), "" if absent.
  std::string_view Header(std::string_view name) const;
  // Path parameter `name` of the matched pattern ("{site}"), percent-decoded; "" if none.
  std::string_view Param(std::string_view name) const;
  // Clears for reuse, keeping capacity.
  void Clear();

 private:
  friend class Router;
  const std::vector<std::pair<std::string, std::size_t>>* param_index_ = nullptr;
};

// True if an Accept-Encoding header value accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

// True if an If-None-Match header value lists `etag` (weak comparison) or is "*".
bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag);

// French unless the request asks otherwise: "?lang=en" or "fr" wins, then Accept-Language.
text::Lang PreferredLang(const Request& req);

// One piece of a stream: `bytes` stays valid while `owner` is held.
struct StreamChunk {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};

// A long-lived response body (Server-Sent Events), fed from other threads.
// The server calls Start once, on the connection's strand, after the head and body are
// written; `wake` may then be called from any thread, any number of times, to say that Poll has
// something. Poll and Stop are called on the connection's strand only; Stop exactly once, when
// the connection ends for any reason (client gone, server stopping, consumer too slow).
class StreamSource {
 public:
  virtual ~StreamSource() = default;
  virtual void Start(std::function<void()> wake) = 0;
  // Appends what is ready to `out`. Returns false when the stream must end (the source
  // dropped this consumer): the connection is then closed.
  virtual bool Poll(std::vector<StreamChunk>& out) = 0;
  virtual void Stop() noexcept = 0;
};

class Response {
 public:
  int status = 200;
  std::string_view content_type = kJsonType;  // static storage only; "" for no body
  std::string body;
  // When set, sent instead of `body` (cached and static bodies, shared without a copy).
  std::shared_ptr<const std::string> shared_body;
  std::shared_ptr<StreamSource> stream;
  bool close = false;  // close the connection after this response

  // Adds "name: value". Values must not contain CR or LF (checked: such a header is dropped).
  void AddHeader(std::string_view name, std::string_view value);
  void AddHeader(std::string_view name, std::int64_t value);
  const std::string& extra_headers() const { return headers_; }
  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
  void Clear();

 private:
  std::string headers_;  // "Name: value\r\n" lines
};

}  // namespace palabre::http
