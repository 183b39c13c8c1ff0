// Runs the real palabre binary for integration tests: one-shot commands (`site add`) and the
// server as a child process (`palabre serve --listen 127.0.0.1:0`), whose address is read from
// its first stdout line, "palabre listening on http://127.0.0.1:PORT". The server is killed
// (SIGKILL) when the object goes, whatever happened. Not thread-safe.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace palabre::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `palabre args...` to completion; returns its exit code (-1 if it could not run).
// Its stdout and stderr go to `output` if given.
int RunPalabre(const std::vector<std::string>& args, std::string* output = nullptr);

class PalabreServer {
 public:
  PalabreServer() = default;
  ~PalabreServer() { Kill(); }
  PalabreServer(const PalabreServer&) = delete;
  PalabreServer& operator=(const PalabreServer&) = delete;

  // Starts `palabre serve --db DB --listen 127.0.0.1:0 [extra...]` and waits (up to 20 s) for
  // its "listening" line. False if it did not come; `log()` then says why. `command` may be
  // "demo" (the same options, the demo site seeded and its page served at /).
  bool Start(const std::filesystem::path& db, const std::vector<std::string>& extra = {},
             const std::string& command = "serve");
  // Starts the next server under this open-file limit (soft and hard: `ulimit -n`, through
  // /bin/sh); 0, the default, leaves the test's limit.
  void set_open_files_limit(int limit) { open_files_limit_ = limit; }
  // SIGKILL, no goodbye: what a crash or the OOM killer does. Idempotent.
  void Kill();
  // SIGTERM and wait for the exit; returns the exit status (-1 if it had to be killed).
  int Terminate();

  std::uint16_t port() const { return port_; }
  bool running() const { return pid_ > 0; }
  // What the server wrote on stderr so far.
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int open_files_limit_ = 0;
  int stdout_fd_ = -1;
  std::thread drain_;  // keeps reading stdout so that the server never blocks on it
  std::filesystem::path stderr_path_;
};

}  // namespace palabre::testing
