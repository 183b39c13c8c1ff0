#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/thread_annotations.h"
#include "http/connection.h"
#include "http/server_impl.h"

namespace palabre::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](error_code ec, tcp::socket socket) {
    if (stopping.load()) return;
    if (ec) {
      if (ec == net::error::operation_aborted) return;
      // Out of descriptors, most likely: wait a little rather than spin.
      spdlog::warn("http: accept failed: {}", ec.message());
      accept_retry.expires_after(std::chrono::milliseconds(100));
      accept_retry.async_wait([this](error_code wec) {
        if (!wec && !stopping.load()) Accept();
      });
      return;
    }
    auto connection = std::make_shared<Connection>(std::move(socket), *this);
    Register(connection);
    connection->Start();
    Accept();
  });
}

Error Server::Impl::AdmitStream(const std::string& client) {
  MutexLock lock(streams_mu);
  if (options.max_streams > 0 && streams >= options.max_streams) {
    streams_refused.fetch_add(1);
    return Error::kStreamsFull;
  }
  std::size_t& mine = streams_by_client[client];
  if (options.max_streams_per_client > 0 && mine >= options.max_streams_per_client) {
    streams_refused.fetch_add(1);
    return Error::kTooManyStreams;
  }
  ++mine;
  ++streams;
  return Error::kOk;
}

void Server::Impl::ReleaseStream(const std::string& client) {
  MutexLock lock(streams_mu);
  auto it = streams_by_client.find(client);
  if (it != streams_by_client.end() && --it->second == 0) streams_by_client.erase(it);
  if (streams > 0) --streams;
}

void Server::Impl::Register(const std::shared_ptr<Connection>& c) {
  MutexLock lock(mu);
  connections.emplace(c.get(), c);
  open.fetch_add(1);
}

void Server::Impl::Unregister(Connection* c) {
  bool last = false;
  {
    MutexLock lock(mu);
    connections.erase(c);
    last = open.fetch_sub(1) == 1;
  }
  if (last && stopping.load() && !destroying.load()) {
    net::post(acceptor.get_executor(), [this] { drain_timer.cancel(); });
  }
}

void Server::Impl::Stop() {
  if (stopping.exchange(true)) return;
  net::post(acceptor.get_executor(), [this] {
    error_code ec;
    acceptor.close(ec);
    accept_retry.cancel();
    if (open.load() == 0) return;
    drain_timer.expires_after(options.stop_grace);
    drain_timer.async_wait([this](error_code wec) {
      if (!wec) ioc.stop();  // grace over: abandon what is left
    });
  });
  std::vector<std::shared_ptr<Connection>> live;
  {
    MutexLock lock(mu);
    live.reserve(connections.size());
    for (auto& [ptr, weak] : connections) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) c->Shutdown();
}

Server::Server(ServerOptions options, Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {
  if (impl_->options.workers > 0) {
    impl_->pool =
        std::make_unique<net::thread_pool>(static_cast<std::size_t>(impl_->options.workers));
  }
}

Server::~Server() { Stop(); }

Result<std::uint16_t> Server::Start() {
  Impl& s = *impl_;
  if (s.started) return Status(Error::kInternal, "server already started");
  error_code ec;
  tcp::resolver resolver(s.ioc);
  const auto results =
      resolver.resolve(s.options.host, std::to_string(s.options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status(Error::kInvalidArgument,
                  "cannot resolve " + s.options.host + ": " + ec.message());
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    error_code ignored;
    s.acceptor.close(ignored);
    return Status(Error::kUnavailable, "cannot listen on " + s.options.host + ":" +
                                           std::to_string(s.options.port) + ": " + ec.message());
  }
  const std::uint16_t port = s.acceptor.local_endpoint(ec).port();
  if (ec) return Status(Error::kInternal, "no local endpoint: " + ec.message());
  s.started = true;
  s.Accept();
  return port;
}

void Server::Run() {
  Impl& s = *impl_;
  auto loop = [&s] {
    while (true) {
      try {
        s.ioc.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("http: event loop: {}", e.what());
      } catch (...) {
        spdlog::error("http: event loop: unknown exception");
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.threads; ++i) threads.emplace_back(loop);
  loop();
  for (auto& t : threads) t.join();
}

void Server::Stop() { impl_->Stop(); }

std::size_t Server::connection_count() const { return impl_->open.load(); }

std::size_t Server::stream_count() const {
  MutexLock lock(impl_->streams_mu);
  return impl_->streams;
}

std::size_t Server::queued_count() const { return impl_->queued.load(); }

std::uint64_t Server::budget_exceeded() const { return impl_->budget_exceeded.load(); }
std::uint64_t Server::streams_refused() const { return impl_->streams_refused.load(); }
std::uint64_t Server::queue_full() const { return impl_->queue_full.load(); }

}  // namespace palabre::http
