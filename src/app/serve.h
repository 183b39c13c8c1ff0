// Running the server: opens the store, builds the moderation pipeline and the services, wires
// them to the HTTP server and runs until SIGINT or SIGTERM.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/config.h"

namespace palabre::app {

struct ServeOptions {
  std::string db = "palabre.db";
  std::string listen = "127.0.0.1:8080";
  int threads = 2;
  bool trust_proxy = false;  // take the client address from X-Forwarded-For's last hop
  bool demo = false;         // serve the demo article page at /
  // The URL the server is reached at from outside (a proxy's), for links in notifications
  // (the console, in webhooks). Demo: the URL readers open when it is not http://HOST:PORT of
  // `listen` (a proxy, a forwarded port, a machine name); its origin is allowed too. Empty:
  // none.
  std::string public_url;
  std::string model;               // toxicity model (.ftz); empty: the shipped one if found
  std::string moderation_config;   // file of `moderation.<check>.<key> = value` lines
  bool check_config_only = false;  // validate the configuration, print it and exit
  // E-mails and client hashes of comments older than this are forgotten (hourly,
  // with expired moderator sessions); 0 keeps them.
  int retention_days = 365;
  // Database work runs on `workers` threads; a request waits at most `request_budget_ms` for
  // it (then 503 unavailable + Retry-After), at most `max_queued` wait for a worker.
  int workers = 8;
  int request_budget_ms = 3000;
  int max_queued = 512;
  // Live streams: at most this many open on the node (0: derived from the open-file limit,
  // which serve raises to its hard limit at start), and per client address.
  int max_streams = 0;
  int max_streams_per_client = 64;
  // The console's imports: the largest export file uploaded (other bodies: 64 KiB). Uploads
  // wait in the system's temporary directory ($TMPDIR).
  std::size_t max_import_bytes = 64 << 20;
  // The notification outbox's sender on this node (service/outbox_sender.h): its threads (0:
  // this node sends nothing, others do), the rows one claim takes, one POST's timeout, and how
  // long after its first attempt a notification that keeps failing is given up.
  int outbox_workers = 2;
  int outbox_batch = 8;
  int webhook_timeout_s = 10;
  int outbox_give_up_hours = 24;
  // Reply e-mails (docs/NOTIFICATIONS.md): on when `smtp` and `mail_from` are set, which then
  // needs `public_url` (the mails' links). `smtp` is an smtp:// or smtps:// URL
  // (http/smtp_transport.h); at most one reply mail per subscriber and thread every
  // `mail_interval_minutes`, at most `mail_daily_cap` mails a site in 24 hours.
  std::string smtp;
  std::string mail_from;
  int mail_interval_minutes = 15;
  int mail_daily_cap = 2000;
};

// The reply-mail settings of `options` checked: kInvalidArgument saying what is missing or
// wrong; OK when they are complete, or when mail is off (neither --smtp nor --mail-from).
Status CheckMailOptions(const ServeOptions& options);

// The open-file limit serve runs with: the soft limit raised to the hard one where allowed.
struct FileLimit {
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
  bool raised = false;
};
FileLimit RaiseFileLimit();
// The streams a node may keep open under `open_files` descriptors: what is left once the
// other connections, database files and connections, logs and the model have theirs
// (a quarter of the limit, at least 64), never below 16.
std::size_t StreamsForFileLimit(std::uint64_t open_files);

// Prints "palabre listening on http://HOST:PORT" on stdout once it accepts connections.
// Returns the process exit code.
int RunServe(const ServeOptions& options);

// The moderation settings from a `moderation.<check>.<key> = value` file (none: defaults),
// with `model` (if set) as every site's toxicity model. kInvalidArgument on a bad file.
Result<moderation::ModerationConfigs> LoadModerationConfigs(const std::string& path,
                                                            const std::string& model);

// The origin of a --public-url, "https://demo.example" of "https://Demo.example:443/x";
// kInvalidArgument if it is not an http(s) URL.
Result<std::string> PublicOrigin(std::string_view url);

// The origins the demo site allows once the server listens on HOST:PORT: the listening
// address as readers type it — for a loopback or wildcard host (127.0.0.0/8, localhost, ::1,
// 0.0.0.0, ::) both http://127.0.0.1:PORT and http://localhost:PORT (and http://[::1]:PORT
// for an IPv6 one) — plus `public_origin` if not empty. The demo sets its site's origins to
// exactly these at every start, so a demo database run again elsewhere follows.
std::vector<std::string> DemoOrigins(std::string_view host, std::uint16_t port,
                                     std::string_view public_origin);

// Creates the demo site, article and discussion in `db` unless already there. The site's
// origins are RunServe's to set (DemoOrigins), once the port is known.
int SeedDemo(const std::string& db);

}  // namespace palabre::app
