// Server::Impl, the state of one HTTP server that its two files share: server.cc (the accept
// loop, the stream caps, starting and stopping) and connection.cc (one client connection, which
// reads its options and updates its counters). Internal to http: only those two files include
// it, and with it Asio.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/status.h"
#include "core/thread_annotations.h"
#include "http/router.h"
#include "http/server.h"

namespace palabre::http {

class Connection;

struct Server::Impl {
  Impl(ServerOptions o, Router& r)
      : options(std::move(o)),
        router(r),
        ioc(options.threads > 0 ? options.threads : 1),
        acceptor(boost::asio::make_strand(ioc)),
        accept_retry(acceptor.get_executor()),
        drain_timer(acceptor.get_executor()) {}
  ~Impl() {
    destroying.store(true);
    // Workers still running (a stalled database) hold connections; they finish before the
    // io_context their connections live on goes.
    if (pool) pool->join();
  }

  void Accept();
  // A stream may open for `client` (counted until ReleaseStream), or the error to answer.
  Error AdmitStream(const std::string& client);
  void ReleaseStream(const std::string& client);
  void Register(const std::shared_ptr<Connection>& c);
  void Unregister(Connection* c);
  void Stop();

  ServerOptions options;
  Router& router;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open{0};
  std::atomic<bool> destroying{false};  // connections die with the io_context: post nothing
  bool started = false;
  Mutex mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections GUARDED_BY(mu);
  Mutex streams_mu;
  std::size_t streams GUARDED_BY(streams_mu) = 0;
  std::unordered_map<std::string, std::size_t> streams_by_client GUARDED_BY(streams_mu);
  std::atomic<std::size_t> queued{0};  // blocking requests posted to the pool, not yet started
  std::atomic<std::uint64_t> budget_exceeded{0};
  std::atomic<std::uint64_t> streams_refused{0};
  std::atomic<std::uint64_t> queue_full{0};
  // Declared after what connections use: destroyed first, with the handlers that own them.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor;  // on its own strand
  boost::asio::steady_timer accept_retry;   // on the acceptor's strand
  boost::asio::steady_timer drain_timer;    // on the acceptor's strand
  // Blocking handlers; null when options.workers is 0. Joined in ~Impl, before ioc goes.
  std::unique_ptr<boost::asio::thread_pool> pool;
};

}  // namespace palabre::http
