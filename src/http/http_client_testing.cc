#include "http/http_client_testing.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/text/ascii.h"

namespace palabre::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

// Runs `ioc` until `done` or `timeout`; on timeout closes `socket` (or, with `keep`, only
// cancels the operation) and drains the handlers. Returns false on timeout.
bool RunUntil(net::io_context& ioc, tcp::socket& socket, const bool& done,
              std::chrono::milliseconds timeout, bool keep = false) {
  ioc.restart();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    ioc.run_one_until(deadline);
  }
  if (done) return true;
  error_code ec;
  if (keep) {
    socket.cancel(ec);
  } else {
    socket.close(ec);
  }
  ioc.restart();
  ioc.run();
  return false;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  auto it = headers.find(text::AsciiLower(name));
  return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
  Impl(std::string h, std::uint16_t p, std::chrono::milliseconds t)
      : host(std::move(h)), port(p), timeout(t), socket(ioc) {}

  bool Connect(std::string& error) {
    if (socket.is_open()) return true;
    error_code ec;
    socket.connect(tcp::endpoint(net::ip::make_address(host, ec), port), ec);
    if (ec) {
      error = "connect: " + ec.message();
      error_code ignored;
      socket.close(ignored);
      return false;
    }
    buffer.clear();
    return true;
  }

  bool Write(std::string_view bytes, std::string& error) {
    bool done = false;
    error_code result;
    net::async_write(socket, net::buffer(bytes.data(), bytes.size()),
                     [&](error_code ec, std::size_t) {
                       result = ec;
                       done = true;
                     });
    if (!RunUntil(ioc, socket, done, timeout)) {
      error = "write timed out";
      return false;
    }
    if (result) {
      error = "write: " + result.message();
      error_code ignored;
      socket.close(ignored);
      return false;
    }
    return true;
  }

  HttpResponse Read(bool head_request) {
    HttpResponse out;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(head_request);
    bool done = false;
    error_code result;
    bhttp::async_read(socket, buffer, parser, [&](error_code ec, std::size_t) {
      result = ec;
      done = true;
    });
    if (!RunUntil(ioc, socket, done, timeout)) {
      out.error = "read timed out";
      return out;
    }
    if (result) {
      out.error = "read: " + result.message();
      error_code ignored;
      socket.close(ignored);
      return out;
    }
    auto& msg = parser.get();
    out.status = static_cast<int>(msg.result_int());
    for (const auto& field : msg) {
      std::string& v = out.headers[text::AsciiLower(field.name_string())];
      if (!v.empty()) v += ", ";
      v += std::string(field.value());
    }
    out.body = std::move(msg.body());
    if (!msg.keep_alive()) {
      error_code ignored;
      socket.close(ignored);
    }
    return out;
  }

  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  net::io_context ioc;
  tcp::socket socket;
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(host), port, timeout)) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Request(std::string_view method, std::string_view target, std::string body,
                                 const Headers& headers) {
  HttpResponse failed;
  const bool was_open = impl_->socket.is_open();
  if (!impl_->Connect(failed.error)) return failed;
  if (!was_open) ++connections_opened_;
  std::string req;
  req.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  req.append("Host: ").append(impl_->host).append("\r\n");
  bool has_type = false;
  for (const auto& [name, value] : headers) {
    req.append(name).append(": ").append(value).append("\r\n");
    has_type = has_type || text::AsciiLower(name) == "content-type";
  }
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    if (!has_type) req.append("Content-Type: application/json\r\n");
    req.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  req.append("\r\n").append(body);
  if (!impl_->Write(req, failed.error)) return failed;
  return impl_->Read(method == "HEAD");
}

bool HttpClient::SendRaw(std::string_view bytes) {
  std::string error;
  const bool was_open = impl_->socket.is_open();
  if (!impl_->Connect(error)) return false;
  if (!was_open) ++connections_opened_;
  return impl_->Write(bytes, error);
}

HttpResponse HttpClient::ReadResponse(bool head_request) {
  if (!impl_->socket.is_open()) {
    HttpResponse r;
    r.error = "not connected";
    return r;
  }
  return impl_->Read(head_request);
}

bool HttpClient::PeerClosed() {
  if (!impl_->socket.is_open()) return true;
  char byte;
  bool done = false;
  error_code result;
  impl_->socket.async_read_some(net::buffer(&byte, 1), [&](error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  if (!RunUntil(impl_->ioc, impl_->socket, done, impl_->timeout)) return false;
  if (result) {
    error_code ignored;
    impl_->socket.close(ignored);
    return true;
  }
  return false;  // the server sent something more
}

void HttpClient::Close() {
  error_code ignored;
  impl_->socket.close(ignored);
}

struct SseClient::Impl {
  Impl(std::string h, std::uint16_t p) : host(std::move(h)), port(p), socket(ioc) {}

  // Reads more bytes into `pending`; false on timeout, EOF or error.
  bool ReadMore(std::chrono::milliseconds timeout) {
    if (!socket.is_open()) return false;
    bool done = false;
    error_code result;
    std::size_t got = 0;
    socket.async_read_some(net::buffer(chunk), [&](error_code ec, std::size_t n) {
      result = ec;
      got = n;
      done = true;
    });
    if (!RunUntil(ioc, socket, done, timeout, /*keep=*/true)) {
      timed_out = true;
      return false;
    }
    if (result) {
      error_code ignored;
      socket.close(ignored);
      closed = true;
      return false;
    }
    pending.append(chunk.data(), got);
    return true;
  }

  std::string host;
  std::uint16_t port;
  net::io_context ioc;
  tcp::socket socket;
  std::array<char, 4096> chunk;
  std::string pending;
  std::map<std::string, std::string> headers;
  bool closed = false;
  bool timed_out = false;
};

SseClient::SseClient(std::string host, std::uint16_t port)
    : impl_(std::make_unique<Impl>(std::move(host), port)) {}

SseClient::~SseClient() = default;

int SseClient::Open(std::string_view target, const Headers& headers) {
  error_code ec;
  impl_->socket.connect(tcp::endpoint(net::ip::make_address(impl_->host, ec), impl_->port), ec);
  if (ec) return 0;
  std::string req;
  req.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(impl_->host);
  req.append("\r\nAccept: text/event-stream\r\n");
  for (const auto& [name, value] : headers)
    req.append(name).append(": ").append(value).append("\r\n");
  req.append("\r\n");
  net::write(impl_->socket, net::buffer(req), ec);
  if (ec) return 0;
  std::size_t end;
  while ((end = impl_->pending.find("\r\n\r\n")) == std::string::npos) {
    if (!impl_->ReadMore(std::chrono::seconds(10))) return 0;
  }
  const std::string head = impl_->pending.substr(0, end);
  impl_->pending.erase(0, end + 4);
  // "HTTP/1.1 200 OK\r\nName: value\r\n..."
  const std::size_t sp = head.find(' ');
  if (sp == std::string::npos) return 0;
  const int status = std::atoi(head.c_str() + sp + 1);
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const std::size_t next = head.find("\r\n", pos + 2);
    const std::string line =
        head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      impl_->headers[text::AsciiLower(line.substr(0, colon))] = value;
    }
    pos = next;
  }
  return status;
}

std::string SseClient::Header(std::string_view name) const {
  auto it = impl_->headers.find(text::AsciiLower(name));
  return it == impl_->headers.end() ? std::string() : it->second;
}

const std::string& SseClient::raw() const { return impl_->pending; }

std::optional<SseEvent> SseClient::Next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    // Take whole blocks ("...\n\n") off the front; comment-only blocks are counted, not returned.
    std::size_t end;
    while ((end = impl_->pending.find("\n\n")) != std::string::npos) {
      const std::string block = impl_->pending.substr(0, end);
      impl_->pending.erase(0, end + 2);
      SseEvent ev;
      bool has_data = false;
      std::size_t start = 0;
      while (start <= block.size()) {
        std::size_t nl = block.find('\n', start);
        if (nl == std::string::npos) nl = block.size();
        const std::string line = block.substr(start, nl - start);
        start = nl + 1;
        if (line.empty()) continue;
        if (line[0] == ':') {
          ++comments_seen_;
          continue;
        }
        const std::size_t colon = line.find(':');
        const std::string field = line.substr(0, colon);
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        if (field == "event") ev.event = value;
        if (field == "retry") retry_ms_ = std::atoi(value.c_str());
        if (field == "data") {
          if (has_data) ev.data += '\n';
          ev.data += value;
          has_data = true;
        }
      }
      if (has_data) {
        if (ev.event.empty()) ev.event = "message";
        return ev;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    if (!impl_->ReadMore(left)) return std::nullopt;
  }
}

bool SseClient::Closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!impl_->closed) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    impl_->timed_out = false;
    if (!impl_->ReadMore(left) && impl_->timed_out) return false;
  }
  return true;
}

}  // namespace palabre::testing
