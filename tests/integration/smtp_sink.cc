#include "smtp_sink.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace palabre::testing {
namespace {

std::string Str(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

ReceivedMail Read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  ReceivedMail m;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(s.str(), ec);
  if (ec || !v.is_object()) return m;
  const auto& o = v.as_object();
  m.mail_from = Str(o, "mail_from");
  m.login = Str(o, "login");
  m.raw = Str(o, "raw");
  m.subject = Str(o, "subject");
  m.from = Str(o, "from");
  m.to = Str(o, "to");
  m.content_type = Str(o, "content_type");
  m.text = Str(o, "text");
  m.html = Str(o, "html");
  if (const auto* r = o.if_contains("rcpt_tos"); r != nullptr && r->is_array()) {
    for (const auto& a : r->as_array()) {
      if (a.is_string()) m.rcpt_tos.emplace_back(a.as_string());
    }
  }
  if (const auto* h = o.if_contains("headers"); h != nullptr && h->is_object()) {
    for (const auto& [k, val] : h->as_object()) {
      if (val.is_string()) m.headers.emplace(std::string(k), std::string(val.as_string()));
    }
  }
  return m;
}

}  // namespace

SmtpSink::SmtpSink(const std::filesystem::path& dir, const std::string& user,
                   const std::string& password)
    : dir_(dir) {
  std::filesystem::create_directories(dir_);
  int fds[2];
  if (pipe(fds) != 0) return;
  std::vector<std::string> args = {"/usr/bin/python3",
                                   std::string(PALABRE_SOURCE_DIR) + "/tests/smtp/smtp_sink.py",
                                   dir_.string()};
  if (!user.empty()) args.insert(args.end(), {"--user", user, "--password", password});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    pid_ = -1;
    close(fds[0]);
    return;
  }
  // "listening PORT\n", within 20 s.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char c;
    if (read(fds[0], &c, 1) != 1) break;
    line.push_back(c);
  }
  close(fds[0]);
  static constexpr std::string_view kPrefix = "listening ";
  if (line.rfind(kPrefix, 0) == 0) {
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(kPrefix.size())));
  }
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::vector<ReceivedMail> SmtpSink::WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<ReceivedMail> mails;
  while (true) {
    mails.clear();
    for (std::size_t i = 1;; ++i) {
      const auto path = dir_ / (std::to_string(i) + ".json");
      if (!std::filesystem::exists(path)) break;
      mails.push_back(Read(path));
    }
    if (mails.size() >= count || std::chrono::steady_clock::now() >= deadline) return mails;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace palabre::testing
