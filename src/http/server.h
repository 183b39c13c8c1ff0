// Server: palabre's HTTP/1.1 server (Boost.Beast on Asio), in front of a Router.
//
// Keep-alive and pipelining (requests on one connection are answered in order, one at a
// time), HEAD (the GET answer without its body), "Expect: 100-continue", limits on header and
// body size (a body announced over the limit is answered 413 body_too_large without being
// read), timeouts on reads, idle keep-alive connections and writes. A malformed request is
// answered 400 and the connection closed. Every response gets Date, Content-Length and
// "X-Content-Type-Options: nosniff".
// Long-lived responses: a handler that sets Response::stream keeps the connection (Server-Sent
// Events); the server writes what the StreamSource yields as it is woken from any thread, a
// comment line as heartbeat every `heartbeat_interval`, and closes the stream when the source
// drops the consumer (its bounded queue overflowed), a write times out, the client leaves or
// the server stops.
// Beast and Asio stay inside server.cc; no exception leaves this class (Asio and Beast errors
// are handled or logged where they happen). Logs never contain client addresses or bodies.
// Thread-safety: Start, then Run (blocks) on one thread; Stop may be called from any thread,
// any number of times, before or during Run. The Router must outlive the server.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/router.h"

namespace palabre::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // address or name to listen on
  std::uint16_t port = 0;          // 0: the system picks one (Start returns it)
  int threads = 2;                 // threads running the event loop
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_header_bytes = 8 * 1024;
  std::chrono::milliseconds read_timeout{10'000};        // whole request, once it started
  std::chrono::milliseconds keep_alive_timeout{30'000};  // idle between requests
  std::chrono::milliseconds write_timeout{30'000};       // one response or stream write
  std::chrono::milliseconds heartbeat_interval{15'000};  // comment lines on idle streams
  std::chrono::milliseconds stop_grace{5'000};           // Stop: in-flight work gets this long
  // Take the client address from X-Forwarded-For's first hop and the scheme from
  // X-Forwarded-Proto (Request::https) (only behind a reverse proxy that sets them); otherwise
  // the socket's peer address, and plain HTTP.
  bool trust_proxy = false;
};

class Server {
 public:
  Server(ServerOptions options, Router& router);
  ~Server();  // Stops; must not run concurrently with Run.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port. kInvalidArgument for a host that does not
  // resolve, kUnavailable if the address cannot be bound (in use, no permission), kInternal
  // when called twice.
  Result<std::uint16_t> Start();
  // Serves until Stop: runs the event loop on `threads` threads (this one included) and
  // returns once every connection is closed (or stop_grace has passed). Call after Start.
  void Run();
  // Graceful: stops accepting, closes idle connections and streams, lets in-flight requests
  // finish (their responses say "Connection: close").
  void Stop();

  // Open connections (a gauge for /metrics). Thread-safe.
  std::size_t connection_count() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace palabre::http
