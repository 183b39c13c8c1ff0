#include "store/postgres/pg_change_feed.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <charconv>
#include <memory>
#include <utility>
#include <vector>

namespace palabre::store::pg {
namespace {

std::optional<ChangeKind> ParseKind(std::string_view kind) {
  for (ChangeKind k :
       {ChangeKind::kCommentInserted, ChangeKind::kCommentEdited, ChangeKind::kCommentStatus,
        ChangeKind::kCommentVoted, ChangeKind::kThreadChanged}) {
    if (ToString(k) == kind) return k;
  }
  return std::nullopt;
}

// Cuts `text` at its first tab: returns what comes before, leaves the rest in `text`.
std::optional<std::string_view> NextField(std::string_view& text) {
  std::size_t tab = text.find('\t');
  if (tab == std::string_view::npos) return std::nullopt;
  std::string_view field = text.substr(0, tab);
  text.remove_prefix(tab + 1);
  return field;
}

}  // namespace

std::optional<Notification> ParseNotification(std::string_view payload) {
  std::optional<std::string_view> version = NextField(payload);
  if (!version || *version != "v1") return std::nullopt;
  std::optional<std::string_view> node = NextField(payload);
  std::optional<std::string_view> kind_text = node ? NextField(payload) : std::nullopt;
  std::optional<std::string_view> id_text = kind_text ? NextField(payload) : std::nullopt;
  std::optional<std::string_view> site = id_text ? NextField(payload) : std::nullopt;
  if (!site || node->empty() || site->empty()) return std::nullopt;
  std::optional<ChangeKind> kind = ParseKind(*kind_text);
  if (!kind) return std::nullopt;
  CommentId id = 0;
  auto [end, ec] = std::from_chars(id_text->data(), id_text->data() + id_text->size(), id);
  if (ec != std::errc() || end != id_text->data() + id_text->size() || id < 0) {
    return std::nullopt;
  }
  Notification n;
  n.node = std::string(*node);
  n.change.kind = *kind;
  n.change.comment_id = id;
  n.change.site_id = std::string(*site);
  n.change.key = std::string(payload);  // the rest, tabs included
  return n;
}

PgChangeFeed::PgChangeFeed(std::string conninfo, Pool::Setup setup, std::string channel,
                           std::string node_id, FeedOptions options)
    : conninfo_(std::move(conninfo)),
      setup_(std::move(setup)),
      channel_(std::move(channel)),
      node_id_(std::move(node_id)),
      options_(options) {}

PgChangeFeed::~PgChangeFeed() {
  Stop();
  for (int fd : wake_) {
    if (fd >= 0) close(fd);
  }
}

Status PgChangeFeed::Start(Callback callback) {
  if (thread_.joinable() || stopping_.load()) {
    return Status(Error::kInvalidArgument, "change feed already started");
  }
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status(Error::kInternal, "change feed: cannot create a pipe");
  }
  callback_ = std::move(callback);
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void PgChangeFeed::Stop() {
  if (!thread_.joinable()) return;
  stopping_.store(true);
  const char byte = 1;
  ssize_t written = write(wake_[1], &byte, 1);
  (void)written;  // a full pipe already wakes the thread
  thread_.join();
  SetListening(false);
}

bool PgChangeFeed::WaitListening(std::chrono::milliseconds timeout) {
  MutexLock lock(mu_);
  if (listening_changed_.wait_for(mu_, timeout, [this]() REQUIRES(mu_) { return listening_; })) {
    return true;
  }
  // The caller goes on without the feed (a node serves anyway): what it misses until the
  // LISTEN is active must be covered by a kResync, even on a first connection.
  gave_up_ = true;
  return false;
}

void PgChangeFeed::SetListening(bool listening) {
  {
    MutexLock lock(mu_);
    listening_ = listening;
  }
  listening_changed_.notify_all();
}

bool PgChangeFeed::Sleep(std::chrono::milliseconds d) {
  pollfd wake{wake_[0], POLLIN, 0};
  poll(&wake, 1, static_cast<int>(d.count()));
  return !stopping_.load();
}

void PgChangeFeed::Run() {
  std::unique_ptr<Conn> conn;
  bool missed = false;  // the feed was cut off: changes may have been missed
  std::chrono::milliseconds backoff = options_.min_backoff;
  auto last_traffic = std::chrono::steady_clock::now();
  while (!stopping_.load()) {
    if (conn == nullptr) {
      Result<std::unique_ptr<Conn>> opened = Conn::Connect(conninfo_);
      Status ready = opened.ok() ? Status::Ok() : opened.status();
      if (ready.ok() && setup_) ready = setup_(**opened);
      if (ready.ok()) {
        std::string listen = "LISTEN " + (*opened)->QuoteIdentifier(channel_);
        ready = (*opened)->ExecOk(listen.c_str());
      }
      if (!ready.ok()) {
        missed = true;
        if (!Sleep(backoff)) break;
        backoff = std::min(backoff * 2, options_.max_backoff);
        continue;
      }
      conn = std::move(opened).value();
      ++connects_;
      backoff = options_.min_backoff;
      last_traffic = std::chrono::steady_clock::now();
      SetListening(true);
      bool gave_up = false;
      {
        MutexLock lock(mu_);
        gave_up = std::exchange(gave_up_, false);
      }
      if (missed || gave_up) {
        missed = false;
        callback_(Change{});  // kResync
      }
    }

    pollfd fds[2] = {{PQsocket(conn->handle()), POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int ready = poll(fds, 2, static_cast<int>(options_.ping_interval.count()));
    if (stopping_.load()) break;
    bool alive = true;
    if (ready == 0) {
      // Quiet for a while: make sure the server is still there (a dead peer sends nothing).
      if (std::chrono::steady_clock::now() - last_traffic >= options_.ping_interval) {
        alive = conn->ExecOk("SELECT 1").ok();
        last_traffic = std::chrono::steady_clock::now();
      }
    } else if (ready > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) {
      alive = PQconsumeInput(conn->handle()) != 0;
      last_traffic = std::chrono::steady_clock::now();
    }
    // Deliver what arrived, even if the connection then dropped: those changes committed.
    while (PGnotify* raw = PQnotifies(conn->handle())) {
      std::optional<Notification> n = ParseNotification(raw->extra);
      PQfreemem(raw);
      if (n.has_value() && n->node != node_id_) callback_(n->change);
    }
    if (!alive || conn->broken()) {
      conn.reset();
      SetListening(false);
      missed = true;
    }
  }
  conn.reset();
}

}  // namespace palabre::store::pg
