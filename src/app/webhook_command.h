// `palabre webhook add|list|remove|deliveries`: a site's webhooks and the outbox's recent
// deliveries from the command line, on top of service/webhook_admin.h.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace palabre::app {

struct WebhookCommands {
  std::string db = "palabre.db";
  std::string site;
  std::string url;
  std::string format = "palabre";
  std::string events = "comment.held,comment.reported";
  std::int64_t id = 0;
  std::string state;  // deliveries: pending, sent, failed or "" (all)
  int limit = 20;
  CLI::App* add = nullptr;
  CLI::App* list = nullptr;
  CLI::App* remove = nullptr;
  CLI::App* deliveries = nullptr;
};

// Declares the subcommands on `app`; `cmds` must outlive the parse.
void AddWebhookCommands(CLI::App& app, WebhookCommands& cmds);

// Runs the one that was parsed and returns its exit code; -1 if none of them was.
int RunWebhookCommands(const WebhookCommands& cmds);

}  // namespace palabre::app
