#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <thread>

#include "core/thread_annotations.h"
#include "http/http_client_testing.h"

namespace palabre::http {
namespace {

using namespace std::chrono_literals;
using testing::HttpClient;
using testing::SseClient;

// A stream fed by the test: Push from any thread, Finish to end it.
class TestStream final : public StreamSource {
 public:
  void Start(std::function<void()> wake) override {
    MutexLock lock(mu_);
    wake_ = std::move(wake);
    started_.notify_all();
  }
  bool Poll(std::vector<StreamChunk>& out) override {
    MutexLock lock(mu_);
    while (!queue_.empty()) {
      auto text = std::make_shared<const std::string>(std::move(queue_.front()));
      queue_.pop_front();
      out.push_back(StreamChunk{text, *text});
    }
    return !finished_;
  }
  void Stop() noexcept override { stopped_.store(true); }

  void Push(std::string text) {
    std::function<void()> wake;
    {
      MutexLock lock(mu_);
      queue_.push_back(std::move(text));
      wake = wake_;
    }
    if (wake) wake();
  }
  void Finish() {
    std::function<void()> wake;
    {
      MutexLock lock(mu_);
      finished_ = true;
      wake = wake_;
    }
    if (wake) wake();
  }
  bool WaitStarted() {
    MutexLock lock(mu_);
    return started_.wait_for(mu_, 5s, [this]() REQUIRES(mu_) { return wake_ != nullptr; });
  }
  bool stopped() const { return stopped_.load(); }

 private:
  Mutex mu_;
  std::condition_variable_any started_;
  std::function<void()> wake_ GUARDED_BY(mu_);
  std::deque<std::string> queue_ GUARDED_BY(mu_);
  bool finished_ GUARDED_BY(mu_) = false;
  std::atomic<bool> stopped_{false};
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/hello", [](Request&, Response& res) {
      res.content_type = kTextType;
      res.body = "bonjour";
    });
    router_.Add(Method::kPost, "/echo", [](Request& req, Response& res) {
      res.content_type = kTextType;
      res.body = std::string(req.body);
    });
    router_.Add(Method::kGet, "/client", [](Request& req, Response& res) {
      res.content_type = kTextType;
      res.body = std::string(req.client_address);
    });
    router_.Add(Method::kGet, "/slow", [](Request&, Response& res) {
      std::this_thread::sleep_for(300ms);
      res.body = "done";
    });
    router_.Add(
        Method::kGet, "/inline",
        [](Request&, Response& res) {
          res.content_type = kTextType;
          res.body = "memory";
        },
        Runs::kInline);
    router_.Add(Method::kGet, "/stall", [this](Request&, Response& res) {
      MutexLock lock(stall_mu_);
      ++stalled_;
      stall_cv_.notify_all();
      stall_cv_.wait_for(stall_mu_, 10s, [this]() REQUIRES(stall_mu_) { return released_; });
      res.content_type = kTextType;
      res.body = "late";
    });
    router_.Add(Method::kGet, "/stream", [this](Request&, Response& res) {
      res.content_type = kEventStreamType;
      res.body = "retry: 1000\n\n";
      stream_ = std::make_shared<TestStream>();
      res.stream = stream_;
    });
  }

  void StartServer(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<Server>(options, router_);
    auto port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) StopServer();
  }

  // Stops and returns how long Run took to return.
  std::chrono::milliseconds StopServer() {
    const auto start = std::chrono::steady_clock::now();
    server_->Stop();
    thread_.join();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    server_.reset();
    return took;
  }

  // /stall blocks its worker until Release (a stalled database).
  bool WaitStalled(int n) {
    MutexLock lock(stall_mu_);
    return stall_cv_.wait_for(stall_mu_, 5s, [&]() REQUIRES(stall_mu_) { return stalled_ >= n; });
  }
  void Release() {
    MutexLock lock(stall_mu_);
    released_ = true;
    stall_cv_.notify_all();
  }

  Mutex stall_mu_;
  std::condition_variable_any stall_cv_;
  int stalled_ GUARDED_BY(stall_mu_) = 0;
  bool released_ GUARDED_BY(stall_mu_) = false;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::shared_ptr<TestStream> stream_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  for (int i = 0; i < 5; ++i) {
    auto r = client.Get("/hello");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, "bonjour");
    EXPECT_EQ(r.Header("Content-Length"), "7");
    EXPECT_EQ(r.Header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(r.Header("Date").empty());
  }
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  ASSERT_TRUE(
      client.SendRaw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
                     "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                     "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                     "chunked\r\n\r\n5\r\nthree\r\n0\r\n\r\n"));
  EXPECT_EQ(client.ReadResponse().body, "one");
  EXPECT_EQ(client.ReadResponse().body, "bonjour");
  EXPECT_EQ(client.ReadResponse().body, "three");
}

TEST_F(ServerTest, HeadSendsTheGetHeadersWithoutBody) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  auto r = client.Request("HEAD", "/hello");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.Header("Content-Length"), "7");
  EXPECT_TRUE(r.body.empty());
  // The connection is still in step: the next response is whole.
  EXPECT_EQ(client.Get("/hello").body, "bonjour");
}

TEST_F(ServerTest, AnnouncedBodyOverLimitIs413WithoutReadingIt) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  // Only the head is sent: the answer must not wait for the 100 KB announced.
  ASSERT_TRUE(client.SendRaw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"));
  auto r = client.ReadResponse();
  ASSERT_EQ(r.status, 413) << r.error;
  EXPECT_NE(r.body.find("\"code\":\"body_too_large\""), std::string::npos);
  EXPECT_EQ(r.Header("Connection"), "close");
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  std::string req = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) req += "200\r\n" + std::string(512, 'a') + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(client.SendRaw(req));
  EXPECT_EQ(client.ReadResponse().status, 413);
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  auto r = client.Post("/echo", std::string(1024, 'x'));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), 1024u);
}

TEST_F(ServerTest, ARouteWithItsOwnLimitTakesALargerBodyAndOnlyIt) {
  router_.Add(Method::kPost, "/upload/{site}", [](Request& req, Response& res) {
    res.content_type = kTextType;
    res.body = std::to_string(req.body.size());
  });
  router_.SetBodyLimit(Method::kPost, "/upload/{site}", 8192);
  ServerOptions options;
  options.max_body_bytes = 1024;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  auto big = client.Post("/upload/sahel", std::string(8192, 'x'));
  ASSERT_EQ(big.status, 200) << big.error;
  EXPECT_EQ(big.body, "8192");
  // The same connection, elsewhere: the server's limit again.
  EXPECT_EQ(client.Post("/echo", std::string(2000, 'x')).status, 413);
  HttpClient over("127.0.0.1", port_);
  ASSERT_TRUE(
      over.SendRaw("POST /upload/sahel HTTP/1.1\r\nHost: x\r\nContent-Length: 8193\r\n\r\n"));
  auto refused = over.ReadResponse();
  EXPECT_EQ(refused.status, 413);
  EXPECT_NE(refused.body.find("\"code\":\"body_too_large\""), std::string::npos);
  // Chunked: counted as it arrives.
  HttpClient chunked("127.0.0.1", port_);
  std::string req = "POST /upload/sahel HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) req += "400\r\n" + std::string(1024, 'a') + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(chunked.SendRaw(req));
  auto taken = chunked.ReadResponse();
  EXPECT_EQ(taken.status, 200);
  EXPECT_EQ(taken.body, "4096");
  HttpClient too_much("127.0.0.1", port_);
  req = "POST /upload/sahel HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 9; ++i) req += "400\r\n" + std::string(1024, 'a') + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(too_much.SendRaw(req));
  EXPECT_EQ(too_much.ReadResponse().status, 413);
}

TEST_F(ServerTest, MalformedRequestIs400AndClose) {
  StartServer();
  for (const char* bad : {"GARBAGE\r\n\r\n", "GET /hello FOO/1.1\r\n\r\n",
                          "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
                          "POST /echo HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
    HttpClient client("127.0.0.1", port_);
    ASSERT_TRUE(client.SendRaw(bad));
    auto r = client.ReadResponse();
    EXPECT_EQ(r.status, 400) << bad << " " << r.error;
    EXPECT_NE(r.body.find("\"code\":\"invalid_argument\""), std::string::npos);
    EXPECT_TRUE(client.PeerClosed()) << bad;
  }
}

TEST_F(ServerTest, HeaderOverLimitIs400) {
  ServerOptions options;
  options.max_header_bytes = 1024;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  auto r = client.Get("/hello", {{"X-Big", std::string(4096, 'h')}});
  EXPECT_EQ(r.status, 400);
}

TEST_F(ServerTest, ExpectContinueGetsTheBody) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  ASSERT_TRUE(client.SendRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  auto interim = client.ReadResponse();
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(client.SendRaw("hello"));
  auto r = client.ReadResponse();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveAsked) {
  StartServer();
  HttpClient plain("127.0.0.1", port_);
  ASSERT_TRUE(plain.SendRaw("GET /hello HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(plain.ReadResponse().body, "bonjour");
  EXPECT_TRUE(plain.PeerClosed());
  HttpClient kept("127.0.0.1", port_);
  ASSERT_TRUE(kept.SendRaw("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto r = kept.ReadResponse();
  EXPECT_EQ(r.Header("Connection"), "keep-alive");
  ASSERT_TRUE(kept.SendRaw("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  EXPECT_EQ(kept.ReadResponse().body, "bonjour");
}

TEST_F(ServerTest, ClientAddressIsThePeerUnlessTheProxyIsTrusted) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/client", {{"X-Forwarded-For", "203.0.113.9"}}).body, "127.0.0.1");
  StopServer();
  ServerOptions trusted;
  trusted.trust_proxy = true;
  StartServer(trusted);
  HttpClient behind("127.0.0.1", port_);
  EXPECT_EQ(behind.Get("/client", {{"X-Forwarded-For", " 203.0.113.9 "}}).body, "203.0.113.9");
  // A proxy that appends: the last hop is the one it saw; the first is the client's choice.
  EXPECT_EQ(behind.Get("/client", {{"X-Forwarded-For", "6.6.6.6, 203.0.113.9"}}).body,
            "203.0.113.9");
  EXPECT_EQ(behind.Get("/client").body, "127.0.0.1");
}

TEST_F(ServerTest, SilentConnectionIsClosedAfterTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = 200ms;
  StartServer(options);
  HttpClient client("127.0.0.1", port_);
  ASSERT_TRUE(client.SendRaw("GET /hel"));  // and nothing more
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.PeerClosed());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(ServerTest, StreamDeliversEventsPushedFromAnotherThread) {
  ServerOptions options;
  options.heartbeat_interval = 100ms;
  StartServer(options);
  SseClient sse("127.0.0.1", port_);
  ASSERT_EQ(sse.Open("/stream"), 200);
  EXPECT_EQ(sse.Header("Content-Type"), "text/event-stream; charset=utf-8");
  EXPECT_TRUE(sse.Header("Content-Length").empty());
  ASSERT_TRUE(stream_->WaitStarted());
  std::thread pusher([s = stream_] {
    s->Push("event: comment\ndata: {\"id\":1}\n\n");
    s->Push("event: count\ndata: {\"count\":1}\n\n");
  });
  pusher.join();
  auto first = sse.Next(5s);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->event, "comment");
  EXPECT_EQ(first->data, "{\"id\":1}");
  auto second = sse.Next(5s);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->event, "count");
  EXPECT_EQ(sse.retry_ms(), 1000);
  // Idle: heartbeats arrive.
  EXPECT_FALSE(sse.Next(350ms).has_value());
  EXPECT_GE(sse.comments_seen(), 2);
  // The source ends the stream: the connection closes and Stop is called.
  stream_->Finish();
  EXPECT_TRUE(sse.Closed(5s));
  for (int i = 0; i < 100 && !stream_->stopped(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(stream_->stopped());
}

TEST_F(ServerTest, ClientLeavingStopsTheStream) {
  StartServer();
  {
    SseClient sse("127.0.0.1", port_);
    ASSERT_EQ(sse.Open("/stream"), 200);
    ASSERT_TRUE(stream_->WaitStarted());
  }
  for (int i = 0; i < 200 && !stream_->stopped(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(stream_->stopped());
  for (int i = 0; i < 200 && server_->connection_count() > 0; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(server_->connection_count(), 0u);
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndStreamsPromptly) {
  StartServer();
  HttpClient idle("127.0.0.1", port_);
  ASSERT_EQ(idle.Get("/hello").status, 200);  // now idle in keep-alive
  SseClient sse("127.0.0.1", port_);
  ASSERT_EQ(sse.Open("/stream"), 200);
  ASSERT_TRUE(stream_->WaitStarted());
  EXPECT_LT(StopServer(), 1500ms);
  EXPECT_TRUE(stream_->stopped());
  EXPECT_TRUE(idle.PeerClosed());
  EXPECT_TRUE(sse.Closed(1s));
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  StartServer();
  HttpClient client("127.0.0.1", port_);
  testing::HttpResponse r;
  std::thread request([&] { r = client.Get("/slow"); });
  std::this_thread::sleep_for(100ms);  // the handler is running
  StopServer();
  request.join();
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "done");
  EXPECT_EQ(r.Header("Connection"), "close");
}

TEST_F(ServerTest, ARequestPastItsBudgetIs503WhileInlineRoutesAnswerAtOnce) {
  ServerOptions options;
  options.workers = 1;
  options.request_budget = 300ms;
  StartServer(options);
  HttpClient stalled("127.0.0.1", port_);
  testing::HttpResponse r;
  const auto start = std::chrono::steady_clock::now();
  std::thread request([&] { r = stalled.Get("/stall"); });
  ASSERT_TRUE(WaitStalled(1));  // the only worker is now stuck
  // What needs no worker is answered at once.
  HttpClient other("127.0.0.1", port_);
  const auto before = std::chrono::steady_clock::now();
  auto live = other.Get("/inline");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, "memory");
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);  // queued, it would wait 10 s
  // A blocking request behind the stuck one gets its own budget, not an endless wait.
  auto queued = other.Get("/hello");
  EXPECT_EQ(queued.status, 503);
  EXPECT_NE(queued.body.find("\"unavailable\""), std::string::npos) << queued.body;
  request.join();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 503) << r.error;
  EXPECT_EQ(r.Header("Retry-After"), "5");
  EXPECT_EQ(r.Header("Connection"), "close");
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 2s);
  EXPECT_EQ(server_->budget_exceeded(), 2u);
  Release();  // the worker finishes; its late answer is dropped and nothing breaks
  HttpClient after("127.0.0.1", port_);
  EXPECT_EQ(after.Get("/hello").status, 200);
}

TEST_F(ServerTest, AFullQueueIsRefusedAtOnce) {
  ServerOptions options;
  options.workers = 1;
  options.max_queued = 1;
  StartServer(options);
  HttpClient a("127.0.0.1", port_);
  HttpClient b("127.0.0.1", port_);
  testing::HttpResponse ra;
  testing::HttpResponse rb;
  std::thread first([&] { ra = a.Get("/stall"); });
  ASSERT_TRUE(WaitStalled(1));
  std::thread second([&] { rb = b.Get("/hello"); });  // waits in the queue
  for (int i = 0; i < 500 && server_->queued_count() == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server_->queued_count(), 1u);
  HttpClient c("127.0.0.1", port_);
  const auto start = std::chrono::steady_clock::now();
  auto refused = c.Get("/hello");
  EXPECT_EQ(refused.status, 503);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);  // at once, not after the 10 s stall
  EXPECT_EQ(server_->queue_full(), 1u);
  Release();
  first.join();
  second.join();
  EXPECT_EQ(ra.status, 200);
  EXPECT_EQ(rb.status, 200);
}

TEST_F(ServerTest, StreamsAreCappedPerNodeAndPerClient) {
  ServerOptions options;
  options.max_streams = 2;
  options.max_streams_per_client = 1;
  options.trust_proxy = true;
  StartServer(options);
  auto a1 = std::make_unique<SseClient>("127.0.0.1", port_);
  ASSERT_EQ(a1->Open("/stream", {{"X-Forwarded-For", "192.0.2.1"}}), 200);
  SseClient a2("127.0.0.1", port_);
  EXPECT_EQ(a2.Open("/stream", {{"X-Forwarded-For", "192.0.2.1"}}), 429);  // one per client
  SseClient b1("127.0.0.1", port_);
  ASSERT_EQ(b1.Open("/stream", {{"X-Forwarded-For", "192.0.2.2"}}), 200);
  SseClient c1("127.0.0.1", port_);
  EXPECT_EQ(c1.Open("/stream", {{"X-Forwarded-For", "192.0.2.3"}}), 503);  // the node is full
  EXPECT_EQ(server_->stream_count(), 2u);
  EXPECT_EQ(server_->streams_refused(), 2u);
  // A stream that ends gives its place back.
  a1.reset();
  for (int i = 0; i < 200 && server_->stream_count() > 1; ++i) std::this_thread::sleep_for(10ms);
  SseClient c2("127.0.0.1", port_);
  EXPECT_EQ(c2.Open("/stream", {{"X-Forwarded-For", "192.0.2.3"}}), 200);
}

TEST_F(ServerTest, StartFailsOnAnAddressInUse) {
  StartServer();
  ServerOptions same;
  same.port = port_;
  Server clash(same, router_);
  auto r = clash.Start();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::kUnavailable);
  ServerOptions bad_host;
  bad_host.host = "no-such-host.invalid";
  Server unresolved(bad_host, router_);
  EXPECT_EQ(unresolved.Start().error(), Error::kInvalidArgument);
}

}  // namespace
}  // namespace palabre::http
