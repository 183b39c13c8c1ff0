#include "http/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <charconv>
#include <ctime>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/client_address.h"
#include "core/text/ascii.h"
#include "core/thread_annotations.h"
#include "http/errors.h"

namespace palabre::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using beast::error_code;

constexpr std::string_view kHeartbeat = ": ping\n\n";
constexpr std::size_t kMaxLingerBytes = 256 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(2);

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

// "Date: Wed, 25 Nov 2026 22:15:33 GMT\r\n", formatted at most once a second per thread.
std::string_view DateLine() {
  thread_local std::time_t last = 0;
  thread_local char buf[64];
  thread_local std::size_t len = 0;
  const std::time_t now = std::time(nullptr);
  if (now != last || len == 0) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    len = std::strftime(buf, sizeof buf, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    last = now;
  }
  return std::string_view(buf, len);
}

void AppendNumber(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

bool HasBody(int status) { return status != 204 && status != 304 && status >= 200; }

Method FromVerb(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

bool IsContinue(std::string_view expect) {
  static constexpr std::string_view kValue = "100-continue";
  if (expect.size() != kValue.size()) return false;
  for (std::size_t i = 0; i < kValue.size(); ++i) {
    const char c =
        expect[i] >= 'A' && expect[i] <= 'Z' ? static_cast<char>(expect[i] + 32) : expect[i];
    if (c != kValue[i]) return false;
  }
  return true;
}

// "https" in any case (X-Forwarded-Proto; a list keeps its first, the client's, hop).
bool EqualsHttps(std::string_view proto) {
  proto = text::TrimAscii(proto.substr(0, proto.find(',')));
  static constexpr std::string_view kHttps = "https";
  if (proto.size() != kHttps.size()) return false;
  for (std::size_t i = 0; i < kHttps.size(); ++i) {
    const char c = proto[i] >= 'A' && proto[i] <= 'Z' ? static_cast<char>(proto[i] + 32) : proto[i];
    if (c != kHttps[i]) return false;
  }
  return true;
}

bool IsHttpParseError(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

class Connection;

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router& r)
      : options(std::move(o)),
        router(r),
        ioc(options.threads > 0 ? options.threads : 1),
        acceptor(net::make_strand(ioc)),
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
  net::io_context ioc;
  tcp::acceptor acceptor;          // on its own strand
  net::steady_timer accept_retry;  // on the acceptor's strand
  net::steady_timer drain_timer;   // on the acceptor's strand
  // Blocking handlers; null when options.workers is 0. Joined in ~Impl, before ioc goes.
  std::unique_ptr<net::thread_pool> pool;
};

namespace {

// One client connection. Every handler runs on the connection's strand; Wake and Shutdown are
// the only entry points from other threads and they post onto it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : server_(server),
        stream_(std::move(socket)),
        budget_(stream_.get_executor()),
        heartbeat_(stream_.get_executor()) {
    error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = peer.address().to_string();
  }

  ~Connection() {
    if (source_) source_->Stop();
    if (late_stream_) late_stream_->Stop();
    ReleaseStreamSlot();
    server_.Unregister(this);
  }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Connection::ReadHeader, shared_from_this()));
  }

  // From any thread: the server is stopping.
  void Shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->OnShutdown(); });
  }

 private:
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

  void OnShutdown() {
    switch (state_) {
      case State::kReading:
      case State::kStreaming:
      case State::kClosing:  // the answer is out: no lingering when stopping
        CloseNow();
        break;
      case State::kReadingBody:
      case State::kHandling:
      case State::kTimedOut:
      case State::kWriting:
      case State::kClosed:
        break;  // finishes on its own, then closes (stopping is checked)
    }
  }

  void ReadHeader() {
    if (server_.stopping.load()) return CloseNow();
    state_ = State::kReading;
    req_.Clear();
    res_.Clear();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    stream_.expires_after(first_ ? server_.options.read_timeout
                                 : server_.options.keep_alive_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
  }

  void OnHeader(error_code ec, std::size_t) {
    if (state_ == State::kClosed) return;
    first_ = false;
    if (ec == bhttp::error::body_limit) {
      FillRequest();
      return Fail(Error::kBodyTooLarge);
    }
    if (ec == bhttp::error::header_limit) return Fail(Error::kInvalidArgument);
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return CloseNow();
    }
    if (ec && IsHttpParseError(ec)) return Fail(Error::kInvalidArgument);
    if (ec) return CloseNow();  // timeout, reset, aborted
    FillRequest();
    if (parser_->is_done()) return Handle();
    if (IsContinue(req_.Header("Expect"))) {
      state_ = State::kReadingBody;
      stream_.expires_after(server_.options.write_timeout);
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](error_code wec, std::size_t) {
                         if (self->state_ == State::kClosed) return;
                         if (wec) return self->CloseNow();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    state_ = State::kReadingBody;
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Connection::OnBody, shared_from_this()));
  }

  void OnBody(error_code ec, std::size_t) {
    if (state_ == State::kClosed) return;
    if (ec == bhttp::error::body_limit) return Fail(Error::kBodyTooLarge);
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return CloseNow();
    }
    if (ec && IsHttpParseError(ec)) return Fail(Error::kInvalidArgument);
    if (ec) return CloseNow();
    Handle();
  }

  // Views of the parsed message for the handler (valid until the next ReadHeader).
  void FillRequest() {
    auto& msg = parser_->get();
    req_.method = FromVerb(msg.method());
    req_.method_name = msg.method_string();
    req_.version = static_cast<int>(msg.version());
    req_.SetTarget(msg.target());
    req_.headers.clear();
    for (const auto& field : msg) {
      req_.headers.push_back(HeaderField{field.name_string(), field.value()});
    }
    req_.client_address = peer_;
    if (server_.options.trust_proxy) {
      // The last hop: what the proxy in front of us saw. Earlier ones are whatever the client
      // sent (a proxy that appends keeps them), so a reader could choose them.
      std::string_view xff = req_.Header("X-Forwarded-For");
      const auto comma = xff.rfind(',');
      xff = text::TrimAscii(comma == std::string_view::npos ? xff : xff.substr(comma + 1));
      if (!xff.empty()) req_.client_address = xff;
      req_.https = EqualsHttps(text::TrimAscii(req_.Header("X-Forwarded-Proto")));
    }
    req_.body = {};
  }

  void Handle() {
    auto& msg = parser_->get();
    req_.body = msg.body();
    keep_alive_ = msg.keep_alive();
    std::optional<Router::Pending> pending;
    try {
      pending = server_.router.Begin(req_, res_);
      if (pending && !server_.pool) {
        server_.router.Finish(*pending, req_, res_);
        pending.reset();
      }
    } catch (const std::exception& e) {  // out of memory, most likely
      pending.reset();
      res_.Clear();
      SetError(res_, Status(Error::kInternal, e.what()), text::Lang::kFr);
    }
    if (!pending) return Answer();
    if (server_.queued.fetch_add(1) >= server_.options.max_queued) {
      server_.queued.fetch_sub(1);
      server_.queue_full.fetch_add(1);
      res_.Clear();
      SetError(res_, Status(Error::kUnavailable, "every worker busy and the queue full"),
               PreferredLang(req_));
      keep_alive_ = false;
      return Answer();
    }
    state_ = State::kHandling;
    late_lang_ = PreferredLang(req_);  // the strand must not read req_ while a worker has it
    late_head_only_ = req_.method == Method::kHead;
    if (server_.options.request_budget.count() > 0) {
      budget_.expires_after(server_.options.request_budget);
      budget_.async_wait([self = shared_from_this()](error_code ec) {
        if (!ec) self->OnBudgetSpent();
      });
    }
    net::post(*server_.pool, [self = shared_from_this(), work = *pending] {
      self->server_.queued.fetch_sub(1);
      try {
        self->server_.router.Finish(work, self->req_, self->res_);
      } catch (const std::exception& e) {
        self->res_.Clear();
        SetError(self->res_, Status(Error::kInternal, e.what()), text::Lang::kFr);
      }
      net::post(self->stream_.get_executor(), [self] { self->OnHandled(); });
    });
  }

  // Back on the strand: the worker is done with req_ and res_.
  void OnHandled() {
    if (state_ != State::kHandling) {  // answered 503 already: drop this answer
      if (res_.stream) {
        late_stream_ = std::move(res_.stream);
        late_stream_->Stop();
      }
      return;
    }
    budget_.cancel();
    Answer();
  }

  void OnBudgetSpent() {
    if (state_ != State::kHandling) return;
    state_ = State::kTimedOut;
    server_.budget_exceeded.fetch_add(1);
    late_.Clear();
    SetError(late_, Status(Error::kUnavailable, "request over its time budget"), late_lang_);
    close_after_write_ = true;
    AppendHead(late_, /*keep_alive=*/false, /*stream=*/false, late_head_);
    const std::string_view body = late_.Body();
    const bool send_body = !late_head_only_;
    stream_.expires_after(server_.options.write_timeout);
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(late_head_.data(), late_head_.size()),
        net::buffer(body.data(), send_body ? body.size() : 0)};
    net::async_write(stream_, buffers, [self = shared_from_this()](error_code, std::size_t) {
      self->CloseNow();  // req_ and the read buffer are still the worker's: no keep-alive
    });
  }

  // The handler's answer is in res_: a stream, or a response to write.
  void Answer() {
    if (res_.stream) {
      const Error refused = server_.AdmitStream(ClientKey(req_.client_address));
      if (refused == Error::kOk) {
        stream_client_ = ClientKey(req_.client_address);
        return StartStream();
      }
      res_.stream->Stop();
      res_.Clear();
      SetError(res_, refused, PreferredLang(req_));
      keep_alive_ = false;
    }
    WriteResponse(keep_alive_ && !res_.close && !server_.stopping.load());
  }

  void ReleaseStreamSlot() {
    if (!stream_client_) return;
    server_.ReleaseStream(*stream_client_);
    stream_client_.reset();
  }

  // Answers a request that could not be read whole, then closes.
  void Fail(Error e) {
    req_.query.Parse(req_.raw_query);  // for ?lang=
    res_.Clear();
    SetError(res_, e, PreferredLang(req_));
    WriteResponse(/*keep_alive=*/false);
  }

  void AppendHead(const Response& res, bool keep_alive, bool stream, std::string& head) const {
    head.clear();
    head += "HTTP/1.1 ";
    AppendNumber(head, static_cast<std::uint64_t>(res.status));
    head += ' ';
    head += ReasonPhrase(res.status);
    head += "\r\n";
    head += DateLine();
    if (!res.content_type.empty() && HasBody(res.status)) {
      head += "Content-Type: ";
      head += res.content_type;
      head += "\r\n";
    }
    if (!stream && HasBody(res.status)) {
      head += "Content-Length: ";
      AppendNumber(head, res.Body().size());
      head += "\r\n";
    }
    head += "X-Content-Type-Options: nosniff\r\n";
    if (!keep_alive) {
      head += "Connection: close\r\n";
    } else if (req_.version == 10) {
      head += "Connection: keep-alive\r\n";
    }
    head += res.extra_headers();
    head += "\r\n";
  }

  void WriteResponse(bool keep_alive) {
    AppendHead(res_, keep_alive, /*stream=*/false, head_);
    const std::string_view body = res_.Body();
    const bool send_body = req_.method != Method::kHead && HasBody(res_.status);
    close_after_write_ = !keep_alive;
    state_ = State::kWriting;
    stream_.expires_after(server_.options.write_timeout);
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(head_.data(), head_.size()),
        net::buffer(body.data(), send_body ? body.size() : 0)};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
  }

  void OnWrite(error_code ec, std::size_t) {
    if (state_ == State::kClosed) return;
    if (ec) return CloseNow();
    if (close_after_write_ || server_.stopping.load()) return CloseGracefully();
    ReadHeader();
  }

  // Half-closes, then reads and drops what the client still sends (a body we refused, a
  // pipelined request) for a moment, so that closing does not reset the connection before the
  // client has read our response.
  void CloseGracefully() {
    state_ = State::kClosing;
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec || server_.stopping.load()) return CloseNow();
    linger_deadline_ = std::chrono::steady_clock::now() + kLingerTime;
    Linger();
  }

  void Linger() {
    const auto left = linger_deadline_ - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero() || lingered_ > kMaxLingerBytes) {
      return CloseNow();
    }
    stream_.expires_after(left);
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](error_code ec, std::size_t n) {
                              if (self->state_ == State::kClosed) return;
                              if (ec) return self->CloseNow();
                              self->lingered_ += n;
                              self->Linger();
                            });
  }

  void CloseNow() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    if (source_) {
      source_->Stop();
      source_.reset();
    }
    ReleaseStreamSlot();
    heartbeat_.cancel();
    budget_.cancel();
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  // ---- Streams (Server-Sent Events) ----

  void StartStream() {
    source_ = std::move(res_.stream);
    state_ = State::kStreaming;
    AppendHead(res_, /*keep_alive=*/false, /*stream=*/true, head_);
    chunks_.clear();
    chunks_.push_back(StreamChunk{nullptr, head_});
    if (req_.method != Method::kHead && !res_.body.empty()) {
      chunks_.push_back(StreamChunk{nullptr, res_.body});
    }
    WriteChunks(/*end_after=*/req_.method == Method::kHead);
    // The write is pending: this clears the read timer only. Reads watch for the client
    // leaving; they never time out.
    stream_.expires_never();
    StreamRead();
    std::weak_ptr<Connection> weak = weak_from_this();
    source_->Start([weak] {
      if (auto self = weak.lock()) self->Wake();
    });
    ArmHeartbeat();
  }

  void Wake() {
    if (wake_posted_.exchange(true)) return;
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->wake_posted_.store(false);
      self->Flush();
    });
  }

  void StreamRead() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](error_code ec, std::size_t) {
                              if (self->state_ == State::kClosed) return;
                              if (ec) return self->CloseNow();  // client left
                              self->StreamRead();               // clients send nothing; drop
                            });
  }

  void ArmHeartbeat() {
    heartbeat_.expires_after(server_.options.heartbeat_interval);
    heartbeat_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || self->state_ != State::kStreaming) return;
      self->heartbeat_due_ = true;
      self->Flush();
      if (self->state_ == State::kStreaming) self->ArmHeartbeat();
    });
  }

  void Flush() {
    if (state_ != State::kStreaming || writing_) return;
    chunks_.clear();
    const bool alive = source_ ? source_->Poll(chunks_) : false;
    if (!alive && chunks_.empty()) return CloseNow();  // dropped or finished
    if (heartbeat_due_) {
      if (chunks_.empty()) chunks_.push_back(StreamChunk{nullptr, kHeartbeat});
      heartbeat_due_ = false;  // any write keeps the stream alive
    }
    if (chunks_.empty()) return;
    WriteChunks(/*end_after=*/!alive);
  }

  void WriteChunks(bool end_after) {
    buffers_.clear();
    for (const StreamChunk& c : chunks_)
      buffers_.push_back(net::buffer(c.bytes.data(), c.bytes.size()));
    writing_ = true;
    end_after_write_ = end_after;
    stream_.expires_after(
        server_.options.write_timeout);  // the write timer only: a read is pending
    net::async_write(stream_, buffers_, [self = shared_from_this()](error_code ec, std::size_t) {
      self->writing_ = false;
      self->chunks_.clear();  // releases the events written
      if (self->state_ == State::kClosed) return;
      if (ec || self->end_after_write_) return self->CloseNow();
      self->Flush();
    });
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request req_;
  Response res_;
  std::string head_;
  std::string peer_;
  State state_ = State::kReading;
  bool first_ = true;
  bool keep_alive_ = false;
  bool close_after_write_ = false;
  // A blocking request: its time budget, and the 503 written when it runs out.
  net::steady_timer budget_;
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
  net::steady_timer heartbeat_;
  std::vector<StreamChunk> chunks_;  // being written, or being gathered
  std::vector<net::const_buffer> buffers_;
  bool writing_ = false;
  bool end_after_write_ = false;
  bool heartbeat_due_ = false;
  std::atomic<bool> wake_posted_{false};
};

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
