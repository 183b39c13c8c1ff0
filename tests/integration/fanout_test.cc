// Live updates at scale (issue 5): 1,000 readers hold an event stream on one thread; one comment
// is posted; every stream receives it. The time from the 201 to the last stream's event is
// printed and recorded as the test property `fanout_ms` (a figure for docs/PERFORMANCE.md; the
// assertion only bounds it loosely, the machine may be busy).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include "server_fixture.h"

namespace palabre::testing {
namespace {

using Clock = std::chrono::steady_clock;

class FanoutTest : public ServerFixture {};

int Connect(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads from `fd` until `needle` has been seen (appending to `seen`), or `deadline`.
bool ReadUntil(int fd, std::string& seen, std::string_view needle, Clock::time_point deadline) {
  char buf[4096];
  while (seen.find(needle) == std::string::npos) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    timeval tv{static_cast<time_t>(left / 1000), static_cast<suseconds_t>((left % 1000) * 1000)};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    seen.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

TEST_F(FanoutTest, ThousandSubscribersReceiveANewComment) {
  constexpr int kReaders = 1000;
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  ASSERT_GE(lim.rlim_cur, static_cast<rlim_t>(kReaders + 100)) << "raise ulimit -n";

  // A thousand readers, each from an address of their own (the server trusts the proxy's
  // header here): one client may keep only a few streams open.
  const auto request = [](int i) {
    return "GET /api/v1/threads/demo/fanout/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "X-Forwarded-For: 10.7." +
           std::to_string(i / 250) + "." + std::to_string(i % 250) +
           "\r\nAccept: text/event-stream\r\n\r\n";
  };
  std::vector<int> fds;
  std::vector<std::string> seen(kReaders);
  const auto open_deadline = Clock::now() + std::chrono::seconds(60);
  for (int i = 0; i < kReaders; ++i) {
    const int fd = Connect(port());
    ASSERT_GE(fd, 0) << "connection " << i;
    fds.push_back(fd);
    const std::string get = request(i);
    ASSERT_EQ(write(fd, get.data(), get.size()), static_cast<ssize_t>(get.size()));
  }
  // Every stream is open (its opening count event arrived) before the post.
  for (int i = 0; i < kReaders; ++i) {
    ASSERT_TRUE(ReadUntil(fds[i], seen[i], "event: count", open_deadline)) << "stream " << i;
    seen[i].clear();
  }

  const int ep = epoll_create1(0);
  ASSERT_GE(ep, 0);
  for (int i = 0; i < kReaders; ++i) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<std::uint32_t>(i);
    ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev), 0);
  }
  auto posted = PostComment("fanout", "Message pour mille lecteurs.");
  const auto t0 = Clock::now();
  ASSERT_EQ(posted.status, 201) << posted.body;

  int received = 0;
  auto last = t0;
  std::vector<bool> done(kReaders, false);
  const auto deadline = t0 + std::chrono::seconds(10);
  std::vector<epoll_event> events(256);
  char buf[8192];
  while (received < kReaders && Clock::now() < deadline) {
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
    for (int k = 0; k < n; ++k) {
      const std::uint32_t i = events[k].data.u32;
      const ssize_t got = read(fds[i], buf, sizeof buf);
      if (got <= 0) continue;
      seen[i].append(buf, static_cast<std::size_t>(got));
      if (!done[i] && seen[i].find("event: comment") != std::string::npos) {
        done[i] = true;
        ++received;
        last = Clock::now();
      }
    }
  }
  close(ep);
  for (int fd : fds) close(fd);
  EXPECT_EQ(received, kReaders);
  const double ms = std::chrono::duration<double, std::milli>(last - t0).count();
  RecordProperty("fanout_ms", std::to_string(ms));
  std::printf("fan-out: %d streams received the comment within %.1f ms of the 201\n", received, ms);
  EXPECT_LT(ms, 5000.0);
}

}  // namespace
}  // namespace palabre::testing
