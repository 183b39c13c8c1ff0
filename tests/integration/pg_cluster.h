// PostgreSQL for the integration tests (issue 7): a throwaway cluster per test
// (tools/pg_test_cluster.sh, which the test finds beside its own source), and `palabre serve`
// nodes pointed at it. Each test has its own cluster: the fault test restarts its server, which
// must not disturb other tests that ctest runs at the same time.
//
// PgCluster::Start() fails the test (gtest ASSERT in the caller) when the cluster cannot be
// made: a machine without PostgreSQL fails these tests, it never skips them.
// PalabreNode is PalabreServer (palabre_process.h) for a database URL: that one derives its log
// file from the database's path, which a URL is not.
// Not thread-safe: one owner each.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "palabre_process.h"

namespace palabre::testing {

class PgCluster {
 public:
  PgCluster() = default;
  ~PgCluster();  // stops and deletes the cluster
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // Creates and starts the cluster; false (and `error()`) if that failed.
  bool Start();
  // Stops the server, keeping its data: "fast" (clients told, clean shutdown) or "immediate"
  // (a crash: no shutdown checkpoint, recovery at the next start).
  bool Halt(const std::string& mode = "immediate");
  // Starts a halted server again on the same port.
  bool Resume();
  // SIGSTOP to the postmaster and every backend: a server that accepts TCP connections (the
  // kernel does) and never answers, as a hung host or a frozen VM. Thaw sends SIGCONT.
  bool Freeze();
  bool Thaw();
  // Runs `sql` as the superuser on the `postgres` database (cluster-wide statements: ending
  // sessions, ALTER DATABASE); the rows, one a line, in `out`. False (and `error()`) on failure.
  bool Sql(const std::string& sql, std::string* out = nullptr);

  // postgres://postgres@127.0.0.1:PORT/palabre
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }

 private:
  bool Run(const std::vector<std::string>& args, std::string* out);

  TempDir state_;  // the script's state directory (the cluster itself lives in /tmp)
  std::string url_;
  std::string error_;
  bool started_ = false;
};

// `palabre serve --db URL --listen 127.0.0.1:0 [extra...]` as a child process.
class PalabreNode {
 public:
  PalabreNode() = default;
  ~PalabreNode() { Kill(); }
  PalabreNode(const PalabreNode&) = delete;
  PalabreNode& operator=(const PalabreNode&) = delete;

  // Waits (up to 20 s) for the "listening" line; false otherwise (see log()).
  bool Start(const std::string& db_url, const std::vector<std::string>& extra = {});
  void Kill();  // SIGKILL; idempotent
  std::uint16_t port() const { return port_; }
  std::string log() const;  // its stderr so far

 private:
  TempDir dir_;  // its stderr
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int stdout_fd_ = -1;
  std::thread drain_;
};

// A moderation configuration file in `dir` with `lines` ("moderation.flood.enabled = false"),
// and the checks that judge a text's meaning (toxicity classifier, off-topic) off: these tests
// are about where comments go, not about what they say.
std::string WriteModerationConfig(const std::filesystem::path& dir,
                                  const std::vector<std::string>& lines);

}  // namespace palabre::testing
