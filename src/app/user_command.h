// `palabre user add|list|remove|passwd` (moderators' accounts) and `palabre user-data
// export|erase` (a reader's data on request), on top of service/auth_service.h and
// service/privacy_service.h.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace palabre::app {

struct UserCommands {
  std::string db = "palabre.db";
  std::string site;
  std::string role = "moderator";
  std::string email;
  bool password_stdin = false;
  CLI::App* add = nullptr;
  CLI::App* list = nullptr;
  CLI::App* remove = nullptr;
  CLI::App* passwd = nullptr;
  CLI::App* data_export = nullptr;
  CLI::App* data_erase = nullptr;
};

// Declares the subcommands on `app`; `cmds` must outlive the parse.
void AddUserCommands(CLI::App& app, UserCommands& cmds);

// Runs the one that was parsed and returns its exit code; -1 if none of them was.
int RunUserCommands(const UserCommands& cmds);

// Reads a new password: one line of stdin with --password-stdin; else, on a terminal, asked
// twice without echo; else a strong one generated and printed once on stdout. Empty on error
// (the message is on stderr).
std::string ReadNewPassword(bool from_stdin, const std::string& for_email);

}  // namespace palabre::app
