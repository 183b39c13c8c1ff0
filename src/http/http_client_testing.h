// A small synchronous HTTP/1.1 client for tests (Boost.Beast): keep-alive requests, raw bytes
// for malformed or pipelined requests, and a Server-Sent Events reader. Every operation has a
// timeout; failures are reported in the result (status 0 and `error`), never thrown.
// Test support (library palabre_http_testing, built with the tests only): the server's unit
// tests and the integration tests (tests/integration) speak to palabre through it.
// Not thread-safe: one client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace palabre::testing {

struct HttpResponse {
  int status = 0;  // 0: no response (see error)
  std::string error;
  std::map<std::string, std::string> headers;  // names lower-cased; repeated ones joined ", "
  std::string body;

  // "" if absent; `name` in any case.
  std::string Header(std::string_view name) const;
  bool ok() const { return status != 0; }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (opening one if needed) and reads the
  // response. A JSON body gets "Content-Type: application/json" unless `headers` sets one.
  HttpResponse Request(std::string_view method, std::string_view target, std::string body = {},
                       const Headers& headers = {});
  HttpResponse Get(std::string_view target, const Headers& headers = {}) {
    return Request("GET", target, {}, headers);
  }
  HttpResponse Post(std::string_view target, std::string body, const Headers& headers = {}) {
    return Request("POST", target, std::move(body), headers);
  }

  // Raw access: writes bytes as they are, then reads responses one at a time.
  bool SendRaw(std::string_view bytes);
  HttpResponse ReadResponse(bool head_request = false);
  // True if the server closed the connection (reads EOF within the timeout).
  bool PeerClosed();

  // Connections opened so far (keep-alive tests).
  int connections_opened() const { return connections_opened_; }
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int connections_opened_ = 0;
};

struct SseEvent {
  std::string event;  // "message" when the event has no "event:" field
  std::string data;
};

// Opens GET `target` as an event stream and reads events.
class SseClient {
 public:
  SseClient(std::string host, std::uint16_t port);
  ~SseClient();
  // Sends the request and reads the response head. Returns the status (0 on failure).
  int Open(std::string_view target, const Headers& headers = {});
  std::string Header(std::string_view name) const;
  // The next event, or nullopt if none arrives within `timeout` or the stream ends.
  std::optional<SseEvent> Next(std::chrono::milliseconds timeout);
  // Raw text received so far and not yet returned as events (comments, "retry:").
  const std::string& raw() const;
  // True once the server has closed the stream (checks within `timeout`).
  bool Closed(std::chrono::milliseconds timeout);
  // Lines starting with ":" seen so far (heartbeats).
  int comments_seen() const { return comments_seen_; }
  int retry_ms() const { return retry_ms_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int comments_seen_ = 0;
  int retry_ms_ = -1;
};

}  // namespace palabre::testing
