#include "http/connection.h"

#include <algorithm>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/client_address.h"
#include "core/text/ascii.h"
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
// A body over the server's limit (an upload to a route with a larger one) may take, besides
// read_timeout, the time to arrive at this rate.
constexpr std::uint64_t kUploadBytesPerSecond = 64 * 1024;

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

}  // namespace

Connection::Connection(tcp::socket socket, Server::Impl& server)
    : server_(server),
      stream_(std::move(socket)),
      budget_(stream_.get_executor()),
      heartbeat_(stream_.get_executor()) {
  error_code ec;
  stream_.socket().set_option(tcp::no_delay(true), ec);
  const auto peer = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = peer.address().to_string();
}

Connection::~Connection() {
  if (source_) source_->Stop();
  if (late_stream_) late_stream_->Stop();
  ReleaseStreamSlot();
  server_.Unregister(this);
}

void Connection::Start() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&Connection::ReadHeader, shared_from_this()));
}

void Connection::Shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->OnShutdown(); });
}

void Connection::OnShutdown() {
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

void Connection::ReadHeader() {
  if (server_.stopping.load()) return CloseNow();
  state_ = State::kReading;
  req_.Clear();
  res_.Clear();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
  // The largest any route takes; once the header says which route, OnHeader narrows it.
  parser_->body_limit(
      std::max(server_.options.max_body_bytes, server_.router.largest_body_limit()));
  stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.keep_alive_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
}

void Connection::OnHeader(error_code ec, std::size_t) {
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
  // The route's own limit (an upload), or the server's: over it, refused before it is read.
  const std::size_t limit = server_.router.BodyLimit(req_, server_.options.max_body_bytes);
  const auto length = parser_->content_length();
  if (length && *length > limit) return Fail(Error::kBodyTooLarge);
  parser_->body_limit(limit);
  body_timeout_ = server_.options.read_timeout;
  if (limit > server_.options.max_body_bytes) {  // a large upload gets time to arrive
    const std::uint64_t bytes = length ? *length : limit;
    body_timeout_ +=
        std::chrono::milliseconds(static_cast<std::int64_t>(bytes * 1000 / kUploadBytesPerSecond));
  }
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

void Connection::ReadBody() {
  state_ = State::kReadingBody;
  stream_.expires_after(body_timeout_);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Connection::OnBody, shared_from_this()));
}

void Connection::OnBody(error_code ec, std::size_t) {
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
void Connection::FillRequest() {
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

void Connection::Handle() {
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
void Connection::OnHandled() {
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

void Connection::OnBudgetSpent() {
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
void Connection::Answer() {
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

void Connection::ReleaseStreamSlot() {
  if (!stream_client_) return;
  server_.ReleaseStream(*stream_client_);
  stream_client_.reset();
}

// Answers a request that could not be read whole, then closes.
void Connection::Fail(Error e) {
  req_.query.Parse(req_.raw_query);  // for ?lang=
  res_.Clear();
  SetError(res_, e, PreferredLang(req_));
  WriteResponse(/*keep_alive=*/false);
}

void Connection::AppendHead(const Response& res, bool keep_alive, bool stream,
                            std::string& head) const {
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

void Connection::WriteResponse(bool keep_alive) {
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

void Connection::OnWrite(error_code ec, std::size_t) {
  if (state_ == State::kClosed) return;
  if (ec) return CloseNow();
  if (close_after_write_ || server_.stopping.load()) return CloseGracefully();
  ReadHeader();
}

// Half-closes, then reads and drops what the client still sends (a body we refused, a
// pipelined request) for a moment, so that closing does not reset the connection before the
// client has read our response.
void Connection::CloseGracefully() {
  state_ = State::kClosing;
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec || server_.stopping.load()) return CloseNow();
  linger_deadline_ = std::chrono::steady_clock::now() + kLingerTime;
  Linger();
}

void Connection::Linger() {
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

void Connection::CloseNow() {
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

void Connection::StartStream() {
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

void Connection::Wake() {
  if (wake_posted_.exchange(true)) return;
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->wake_posted_.store(false);
    self->Flush();
  });
}

void Connection::StreamRead() {
  stream_.async_read_some(net::buffer(discard_),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (self->state_ == State::kClosed) return;
                            if (ec) return self->CloseNow();  // client left
                            self->StreamRead();               // clients send nothing; drop
                          });
}

void Connection::ArmHeartbeat() {
  heartbeat_.expires_after(server_.options.heartbeat_interval);
  heartbeat_.async_wait([self = shared_from_this()](error_code ec) {
    if (ec || self->state_ != State::kStreaming) return;
    self->heartbeat_due_ = true;
    self->Flush();
    if (self->state_ == State::kStreaming) self->ArmHeartbeat();
  });
}

void Connection::Flush() {
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

void Connection::WriteChunks(bool end_after) {
  buffers_.clear();
  for (const StreamChunk& c : chunks_)
    buffers_.push_back(net::buffer(c.bytes.data(), c.bytes.size()));
  writing_ = true;
  end_after_write_ = end_after;
  stream_.expires_after(server_.options.write_timeout);  // the write timer only: a read is pending
  net::async_write(stream_, buffers_, [self = shared_from_this()](error_code ec, std::size_t) {
    self->writing_ = false;
    self->chunks_.clear();  // releases the events written
    if (self->state_ == State::kClosed) return;
    if (ec || self->end_after_write_) return self->CloseNow();
    self->Flush();
  });
}

}  // namespace palabre::http
