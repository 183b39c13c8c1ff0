#include "app/webhook_command.h"

#include <iostream>
#include <memory>

#include "app/command_store.h"
#include "core/clock.h"
#include "core/text/relative_time.h"
#include "core/webhook.h"
#include "service/webhook_admin.h"
#include "store/store.h"

namespace palabre::app {
namespace {

int Fail(const Status& s) {
  std::cerr << "palabre: " << s.ToString() << "\n";
  return 1;
}

std::string EventList(std::uint32_t events) {
  std::string out;
  for (std::string_view name : WebhookEventNames(events)) {
    if (!out.empty()) out += ',';
    out += name;
  }
  return out;
}

}  // namespace

void AddWebhookCommands(CLI::App& app, WebhookCommands& c) {
  auto* webhook = app.add_subcommand("webhook", "a site's webhooks (newsroom notifications)");
  webhook->require_subcommand(1);
  c.add = webhook->add_subcommand("add", "add a webhook; prints its signing secret once");
  c.add
      ->add_option("url", c.url,
                   "https:// endpoint (Slack: its incoming webhook URL; Telegram: "
                   "https://api.telegram.org/bot<TOKEN>/sendMessage?chat_id=<CHAT>)")
      ->required();
  c.add->add_option("--format", c.format, "palabre (signed JSON), slack or telegram")
      ->check(CLI::IsMember({"palabre", "slack", "telegram"}))
      ->capture_default_str();
  c.add
      ->add_option("--events", c.events,
                   "comma-separated: comment.published, comment.held, comment.reported, "
                   "comment.rejected, user.banned, or all")
      ->capture_default_str();
  c.list = webhook->add_subcommand("list", "list a site's webhooks (without their secrets)");
  c.remove = webhook->add_subcommand("remove", "remove a webhook and its pending deliveries");
  c.remove->add_option("id", c.id, "the webhook's id (see list)")->required();
  c.deliveries =
      webhook->add_subcommand("deliveries", "the site's latest deliveries, newest first");
  c.deliveries->add_option("--state", c.state, "pending, sent or failed (default: all)")
      ->check(CLI::IsMember({"pending", "sent", "failed"}));
  c.deliveries->add_option("--limit", c.limit, "how many")->check(CLI::Range(1, 200));
  for (CLI::App* sub : {c.add, c.list, c.remove, c.deliveries}) {
    sub->add_option("--site", c.site, "site id")->required();
    sub->add_option("--db", c.db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  }
}

int RunWebhookCommands(const WebhookCommands& c) {
  if (!*c.add && !*c.list && !*c.remove && !*c.deliveries) return -1;
  std::unique_ptr<store::Store> opened = OpenCommandStore(c.db);
  if (!opened) return 1;
  store::Store& store = *opened;
  SystemClock clock;
  service::WebhookAdmin admin(store, clock);
  if (*c.add) {
    Result<std::uint32_t> events = ParseWebhookEvents(c.events);
    if (!events.ok()) return Fail(events.status());
    service::WebhookInput in{c.url, ParseWebhookFormat(c.format).value_or(WebhookFormat::kPalabre),
                             *events};
    Result<Webhook> added = admin.Add(c.site, in);
    if (!added.ok()) return Fail(added.status());
    std::cout << "webhook " << added->id << " of " << c.site << ": " << ToString(added->format)
              << " " << added->url << " (" << EventList(added->events) << ")\n"
              << "signing secret (shown once): " << added->secret << "\n";
    return 0;
  }
  if (*c.list) {
    Result<std::vector<Webhook>> webhooks = admin.List(c.site);
    if (!webhooks.ok()) return Fail(webhooks.status());
    for (const Webhook& w : *webhooks) {
      std::cout << w.id << "\t" << ToString(w.format) << "\t" << EventList(w.events) << "\t"
                << w.url << "\n";
    }
    return 0;
  }
  if (*c.remove) {
    if (Status s = admin.Remove(c.site, c.id); !s.ok()) return Fail(s);
    std::cout << "webhook " << c.id << " removed\n";
    return 0;
  }
  std::optional<OutboxState> state;
  if (!c.state.empty()) state = ParseOutboxState(c.state);
  Result<std::vector<OutboxEntry>> rows = store.ListOutbox(c.site, state, c.limit);
  if (!rows.ok()) return Fail(rows.status());
  for (const OutboxEntry& e : *rows) {
    const std::string target = e.item.subscriber_id != 0
                                   ? "subscriber " + std::to_string(e.item.subscriber_id)
                                   : "webhook " + std::to_string(e.item.webhook_id);
    std::cout << e.item.id << "\t" << ToString(e.state) << "\t" << target << "\t"
              << ToString(e.item.event) << " " << e.item.subject_id << "\t"
              << text::Iso8601(e.item.created_at) << "\t" << e.item.attempts << " attempt(s)";
    if (!e.last_error.empty()) std::cout << "\t" << e.last_error;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace palabre::app
