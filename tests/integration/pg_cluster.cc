#include "pg_cluster.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace palabre::testing {
namespace {

// tools/pg_test_cluster.sh of the source tree these tests were built from.
std::string ClusterScript() {
  return (std::filesystem::path(PALABRE_SOURCE_DIR) / "tools" / "pg_test_cluster.sh").string();
}

// Runs argv to completion, stdout+stderr into `out`; returns the exit code (-1: did not run).
int RunCommand(const std::vector<std::string>& args, std::string* out) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  // Only 1 and 2 may hold the pipe: a server the command leaves running must not keep it open.
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while (rc == 0 && (n = read(fds[0], buf, sizeof buf)) > 0) text.append(buf, n);
  close(fds[0]);
  if (out != nullptr) *out = text;
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace

PgCluster::~PgCluster() {
  if (started_) Run({"stop"}, nullptr);
}

bool PgCluster::Run(const std::vector<std::string>& args, std::string* out) {
  std::vector<std::string> argv = {"bash", ClusterScript(), args.front(), state_.path().string()};
  argv.insert(argv.end(), args.begin() + 1, args.end());
  std::string text;
  const int rc = RunCommand(argv, &text);
  if (out != nullptr) *out = text;
  if (rc != 0)
    error_ = "pg_test_cluster.sh " + args.front() + " failed (" + std::to_string(rc) + "): " + text;
  return rc == 0;
}

bool PgCluster::Start() {
  std::string out;
  started_ = true;  // whatever happened, stop cleans up
  if (!Run({"start"}, &out)) return false;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("postgres://", 0) == 0) url_ = line;
  }
  if (url_.empty()) error_ = "no URL from pg_test_cluster.sh: " + out;
  return !url_.empty();
}

bool PgCluster::Halt(const std::string& mode) { return Run({"halt", mode}, nullptr); }

bool PgCluster::Resume() { return Run({"resume"}, nullptr); }

namespace {

// The postmaster's pid (first line of postmaster.pid in the cluster's data directory, which
// the script's state directory names in its `data` file), and its children's.
std::vector<pid_t> ClusterProcesses(const std::filesystem::path& state) {
  std::string root;
  std::ifstream(state / "data") >> root;
  pid_t postmaster = 0;
  std::ifstream(std::filesystem::path(root) / "data" / "postmaster.pid") >> postmaster;
  if (postmaster <= 0) return {};
  std::vector<pid_t> pids = {postmaster};
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');  // the command may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    char state_char = 0;
    pid_t parent = 0;
    rest >> state_char >> parent;
    if (parent == postmaster) pids.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return pids;
}

}  // namespace

bool PgCluster::Freeze() {
  const std::vector<pid_t> pids = ClusterProcesses(state_.path());
  if (pids.empty()) return false;
  for (pid_t p : pids) kill(p, SIGSTOP);  // the postmaster first: it starts no new backend
  return true;
}

bool PgCluster::Thaw() {
  const std::vector<pid_t> pids = ClusterProcesses(state_.path());
  if (pids.empty()) return false;
  for (auto it = pids.rbegin(); it != pids.rend(); ++it) kill(*it, SIGCONT);
  return true;
}

bool PgCluster::Sql(const std::string& sql, std::string* out) { return Run({"sql", sql}, out); }

bool PalabreNode::Start(const std::string& db_url, const std::vector<std::string>& extra) {
  Kill();
  int fds[2];
  if (pipe(fds) != 0) return false;
  const std::string log = (dir_.path() / "serve.log").string();
  std::vector<std::string> args = {PALABRE_BINARY, "serve",    "--db",
                                   db_url,         "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  const int rc = posix_spawn(&pid_, PALABRE_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    pid_ = -1;
    close(fds[0]);
    return false;
  }
  stdout_fd_ = fds[0];
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char c;
    if (read(stdout_fd_, &c, 1) != 1) break;
    line.push_back(c);
  }
  static constexpr std::string_view kPrefix = "palabre listening on http://127.0.0.1:";
  if (line.rfind(kPrefix, 0) != 0) {
    Kill();
    return false;
  }
  port_ = static_cast<std::uint16_t>(std::stoi(line.substr(kPrefix.size())));
  drain_ = std::thread([fd = stdout_fd_] {
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0) {
    }
  });
  return true;
}

void PalabreNode::Kill() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (drain_.joinable()) drain_.join();
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

std::string PalabreNode::log() const {
  std::ifstream in(dir_.path() / "serve.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string WriteModerationConfig(const std::filesystem::path& dir,
                                  const std::vector<std::string>& lines) {
  const std::filesystem::path path = dir / "moderation.conf";
  std::ofstream out(path);
  out << "moderation.toxicity.enabled = false\nmoderation.off_topic.enabled = false\n";
  for (const std::string& line : lines) out << line << "\n";
  return path.string();
}

}  // namespace palabre::testing
