// `palabre mail test`: sends one message through the deployment's SMTP settings (the same
// --smtp and --mail-from that `serve` will take), in the language of a site and under its name,
// and says whether the server accepted it — or why not, and whether that failure is temporary.
// What an operator runs once before turning reply e-mails on. docs/NOTIFICATIONS.md.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace palabre::app {

struct MailCommands {
  std::string smtp;
  std::string mail_from;
  std::string to;
  std::string site;  // "" for no site: the name "palabre", in French
  std::string db = "palabre.db";
  int timeout_s = 20;
  CLI::App* test = nullptr;
};

// Declares the subcommands on `app`; `cmds` must outlive the parse.
void AddMailCommands(CLI::App& app, MailCommands& cmds);

// Runs the one that was parsed and returns its exit code; -1 if none of them was.
int RunMailCommands(const MailCommands& cmds);

}  // namespace palabre::app
