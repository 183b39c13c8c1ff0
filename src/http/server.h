// Server: palabre's HTTP/1.1 server (Boost.Beast on Asio), in front of a Router.
//
// Keep-alive and pipelining (requests on one connection are answered in order, one at a
// time), HEAD (the GET answer without its body), "Expect: 100-continue", limits on header and
// body size (a body announced over the limit is answered 413 body_too_large without being
// read; the limit is max_body_bytes, or the route's own, Router::SetBodyLimit, known once
// the header is read: such a larger body gets read_timeout plus a second per 64 KiB to
// arrive), timeouts on reads, idle keep-alive connections and writes. A malformed request is
// answered 400 and the connection closed. Every response gets Date, Content-Length and
// "X-Content-Type-Options: nosniff".
// Long-lived responses: a handler that sets Response::stream keeps the connection (Server-Sent
// Events); the server writes what the StreamSource yields as it is woken from any thread, a
// comment line as heartbeat every `heartbeat_interval`, and closes the stream when the source
// drops the consumer (its bounded queue overflowed), a write times out, the client leaves or
// the server stops.
// Where handlers run (router.h): inline routes on the I/O threads; blocking routes (anything
// that may wait on the database) on a bounded pool of worker threads, so that a stalled
// database never holds up /healthz, static files, cached pages or live streams. A blocking
// request that finds `max_queued` others waiting is answered 503 unavailable at once; one not
// answered within `request_budget` is answered 503 unavailable with Retry-After and its
// connection closed (the work goes on; its answer is dropped).
// Live streams are capped per node (503 streams_full) and per client (ClientKey of the
// address: an IPv4 address, an IPv6 /64; 429 too_many_streams), so that no client can use up
// the node's file descriptors.
// Beast and Asio stay inside server.cc (accepting, starting, stopping) and connection.cc (one
// connection: reads, writes, streams), behind the internal headers server_impl.h and
// connection.h; no exception leaves this class (Asio and Beast errors are handled or logged
// where they happen). Logs never contain client addresses or bodies.
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
  std::string host = "127.0.0.1";          // address or name to listen on
  std::uint16_t port = 0;                  // 0: the system picks one (Start returns it)
  int threads = 2;                         // threads running the event loop
  std::size_t max_body_bytes = 64 * 1024;  // routes may take more (Router::SetBodyLimit)
  std::size_t max_header_bytes = 8 * 1024;
  std::chrono::milliseconds read_timeout{10'000};        // whole request, once it started
  std::chrono::milliseconds keep_alive_timeout{30'000};  // idle between requests
  std::chrono::milliseconds write_timeout{30'000};       // one response or stream write
  std::chrono::milliseconds heartbeat_interval{15'000};  // comment lines on idle streams
  std::chrono::milliseconds stop_grace{5'000};           // Stop: in-flight work gets this long
  // Take the client address from X-Forwarded-For's last hop (what the proxy saw) and the scheme
  // from X-Forwarded-Proto (Request::https) (only behind a reverse proxy that sets them); otherwise
  // the socket's peer address, and plain HTTP.
  bool trust_proxy = false;
  // Worker threads for blocking routes; 0 runs them on the I/O threads (no budget applies).
  int workers = 8;
  std::size_t max_queued = 512;  // blocking requests waiting for a worker; then 503
  // A blocking request gets this long before the client is answered 503; 0: no budget.
  std::chrono::milliseconds request_budget{0};
  std::size_t max_streams = 0;             // open live streams on the node; 0: no cap
  std::size_t max_streams_per_client = 0;  // open live streams of one client; 0: no cap
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

  // Gauges and counters for /metrics. Thread-safe.
  std::size_t connection_count() const;   // open connections
  std::size_t stream_count() const;       // open live streams
  std::size_t queued_count() const;       // blocking requests waiting for a worker
  std::uint64_t budget_exceeded() const;  // requests answered 503 for their time budget
  std::uint64_t streams_refused() const;  // streams refused by a cap
  std::uint64_t queue_full() const;       // requests refused because the queue was full

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace palabre::http
