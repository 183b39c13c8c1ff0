// Connection: one client connection of the HTTP server (server.h), from its first byte to its
// close: reading requests (header and body limits, "Expect: 100-continue", timeouts), running
// the handler inline or on the worker pool (its time budget, the full queue), writing the
// response (keep-alive, HEAD, a graceful close), and live streams (Server-Sent Events, their
// heartbeat, the per-node and per-client caps through Server::Impl). Internal to http: only
// server.cc (which accepts and stops connections) and connection.cc include it, and with it
// Beast and Asio.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/text/relative_time.h"
#include "http/message.h"
#include "http/server_impl.h"

namespace palabre::http {

// Every handler runs on the connection's strand; Wake and Shutdown are the only entry points
// from other threads and they post onto it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, Server::Impl& server);
  ~Connection();

  void Start();
  // From any thread: the server is stopping.
  void Shutdown();

 private:
  using error_code = boost::beast::error_code;

  enum class State {
    kReading,
    kReadingBody,
    kHandling,  // a worker runs the handler: it owns req_ and res_ until OnHandled
    kTimedOut,  // the budget ran out: 503 written from late_; req_ and res_ still the worker's
    kWriting,
    kStreaming,
    kClosing,
    kClosed
  };

  void OnShutdown();

  // Requests.
  void ReadHeader();
  void OnHeader(error_code ec, std::size_t);
  void ReadBody();
  void OnBody(error_code ec, std::size_t);
  void FillRequest();
  void Handle();
  void OnHandled();
  void OnBudgetSpent();
  void Answer();
  void ReleaseStreamSlot();
  void Fail(Error e);

  // Responses and closing.
  void AppendHead(const Response& res, bool keep_alive, bool stream, std::string& head) const;
  void WriteResponse(bool keep_alive);
  void OnWrite(error_code ec, std::size_t);
  void CloseGracefully();
  void Linger();
  void CloseNow();

  // Streams (Server-Sent Events).
  void StartStream();
  void Wake();
  void StreamRead();
  void ArmHeartbeat();
  void Flush();
  void WriteChunks(bool end_after);

  Server::Impl& server_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Request req_;
  Response res_;
  std::string head_;
  std::string peer_;
  State state_ = State::kReading;
  bool first_ = true;
  std::chrono::milliseconds body_timeout_{0};  // reading this request's body
  bool keep_alive_ = false;
  bool close_after_write_ = false;
  // A blocking request: its time budget, and the 503 written when it runs out.
  boost::asio::steady_timer budget_;
  Response late_;
  std::string late_head_;
  text::Lang late_lang_ = text::Lang::kFr;
  bool late_head_only_ = false;
  std::shared_ptr<StreamSource> late_stream_;  // a stream the worker made after the 503
  std::optional<std::string> stream_client_;   // set while counted in the server's streams
  std::size_t lingered_ = 0;
  std::chrono::steady_clock::time_point linger_deadline_;
  std::array<char, 2048> discard_;
  // Streams.
  std::shared_ptr<StreamSource> source_;
  boost::asio::steady_timer heartbeat_;
  std::vector<StreamChunk> chunks_;  // being written, or being gathered
  std::vector<boost::asio::const_buffer> buffers_;
  bool writing_ = false;
  bool end_after_write_ = false;
  bool heartbeat_due_ = false;
  std::atomic<bool> wake_posted_{false};
};

}  // namespace palabre::http
