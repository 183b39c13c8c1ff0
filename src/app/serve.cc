#include "app/serve.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/command_store.h"
#include "app/demo_content.h"
#include "app/demo_page.h"
#include "app/export_command.h"
#include "app/import_command.h"
#include "app/maintenance.h"
#include "app/moderation_metrics.h"
#include "core/email.h"
#include "http/admin_console.h"
#include "http/curl_transport.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/smtp_transport.h"
#include "http/static_assets.h"
#include "moderation/config.h"
#include "moderation/pipeline.h"
#include "service/analyze_service.h"
#include "service/api_key_service.h"
#include "service/auth_service.h"
#include "service/comment_service.h"
#include "service/event_hub.h"
#include "service/import_jobs.h"
#include "service/import_service.h"
#include "service/mail_links.h"
#include "service/moderator_service.h"
#include "service/outbox_sender.h"
#include "service/privacy_service.h"
#include "service/reply_mailer.h"
#include "service/site_service.h"
#include "service/webhook_admin.h"
#include "store/change_feed.h"  // changes from other nodes
#include "store/store.h"
#include "web/embedded_assets.h"

namespace palabre::app {
namespace {

constexpr std::int64_t kWarmHistoryMs = 24LL * 3600 * 1000;  // what flood/duplicate look back on
constexpr int kWarmHistoryMax = 200'000;

bool ParseListen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || first == last || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

// Feeds the moderation history with the last day of every site, so that a restart does not
// forget a flood or a copy-paste campaign in progress.
void WarmHistory(store::Store& store, moderation::Moderator& moderator, TimestampMs now) {
  auto sites = store.ListSites();
  if (!sites.ok()) return;
  for (const Site& site : *sites) {
    auto recent = store.ListRecentComments(site.id, now - kWarmHistoryMs, kWarmHistoryMax);
    if (!recent.ok()) continue;
    for (const Comment& c : *recent) {
      if (!c.auto_rejected) moderator.Record(site, c, nullptr);  // as Post: never recorded
    }
  }
}

bool IsWildcardOrLoopback(std::string_view host) {
  return host == "localhost" || host == "0.0.0.0" || host == "::" || host == "::1" ||
         host.starts_with("127.");
}

// The demo site allows what the demo serves at (DemoOrigins); audited when it changes.
Status AllowDemoOrigins(store::Store& store, const Clock& clock,
                        const std::vector<std::string>& origins) {
  service::SiteService sites(store, clock);
  service::SiteChange change;
  change.origins = origins;
  return sites.Update("demo", change, service::SiteActor{0, "(palabre demo)"}).status();
}

}  // namespace

Result<std::string> PublicOrigin(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    return Status(Error::kInvalidArgument, "--public-url takes http(s)://HOST[:PORT][/PATH]");
  }
  const std::size_t end = url.find_first_of("/?#", scheme + 3);
  auto origin = service::NormalizeOrigin(url.substr(0, end));
  if (!origin.ok()) {
    return Status(Error::kInvalidArgument, "--public-url: " + origin.status().message());
  }
  return origin;
}

std::vector<std::string> DemoOrigins(std::string_view host, std::uint16_t port,
                                     std::string_view public_origin) {
  const std::string p = ":" + std::to_string(port);
  std::vector<std::string> origins;
  if (IsWildcardOrLoopback(host)) {
    origins = {"http://127.0.0.1" + p, "http://localhost" + p};
    if (host.find(':') != std::string_view::npos) origins.push_back("http://[::1]" + p);
  } else {
    std::string h(host);
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    auto origin = service::NormalizeOrigin("http://" + h + p);
    if (origin.ok()) origins.push_back(*origin);
  }
  if (!public_origin.empty() &&
      std::find(origins.begin(), origins.end(), public_origin) == origins.end()) {
    origins.emplace_back(public_origin);
  }
  return origins;
}

Result<moderation::ModerationConfigs> LoadModerationConfigs(const std::string& path,
                                                            const std::string& model) {
  moderation::ModerationConfigs configs;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) return Status(Error::kInvalidArgument, "cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = moderation::ParseModerationConfigText(text.str());
    if (!parsed.ok()) return parsed.status();
    configs = std::move(parsed).value();
  }
  if (!model.empty()) {
    configs.defaults.toxicity.model_path = model;
    for (auto& [id, config] : configs.sites) config.toxicity.model_path = model;
  }
  return configs;
}

int SeedDemo(const std::string& db) {
  auto opened = store::OpenStore(db);
  if (!opened.ok()) {
    std::cerr << "palabre: cannot open " << db << ": " << opened.status().ToString() << "\n";
    return 1;
  }
  store::Store& store = **opened;
  SystemClock clock;
  if (store.GetSite("demo").error() == Error::kUnknownSite) {
    service::SiteService sites(store, clock);
    service::SiteInput in;
    in.id = "demo";
    in.name = "Le Quotidien du Sahel (démo)";
    in.time_zone = "Africa/Bamako";
    auto added = sites.Add(in);
    if (!added.ok()) {
      std::cerr << "palabre: " << added.status().ToString() << "\n";
      return 1;
    }
  }
  const DemoContent demo = MakeDemoContent(clock.NowMs());
  service::ImportService importer(store, "demo");
  Status s = importer.AddThread(demo.article);
  for (const auto& c : demo.comments) {
    if (!s.ok()) break;
    s = importer.AddComment(c).status();
  }
  if (!s.ok()) {
    std::cerr << "palabre: demo: " << s.ToString() << "\n";
    return 1;
  }
  return 0;
}

FileLimit RaiseFileLimit() {
  FileLimit limit;
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) return limit;
  if (r.rlim_cur != RLIM_INFINITY && (r.rlim_max == RLIM_INFINITY || r.rlim_cur < r.rlim_max)) {
    rlimit wanted = r;
    // Linux refuses more than fs.nr_open even under an unlimited hard limit.
    wanted.rlim_cur = r.rlim_max == RLIM_INFINITY ? 1u << 20 : r.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &wanted) == 0) {
      limit.raised = true;
      r = wanted;
    }
  }
  limit.soft = r.rlim_cur == RLIM_INFINITY ? std::uint64_t{1} << 20 : r.rlim_cur;
  limit.hard = r.rlim_max == RLIM_INFINITY ? std::uint64_t{1} << 20 : r.rlim_max;
  return limit;
}

std::size_t StreamsForFileLimit(std::uint64_t open_files) {
  const std::uint64_t reserve = std::max<std::uint64_t>(64, open_files / 4);
  return open_files > reserve + 16 ? static_cast<std::size_t>(open_files - reserve) : 16;
}

Status CheckMailOptions(const ServeOptions& options) {
  if (options.smtp.empty() && options.mail_from.empty()) return Status::Ok();
  if (options.smtp.empty() || options.mail_from.empty() || options.public_url.empty()) {
    return Status(Error::kInvalidArgument,
                  "reply e-mails need --smtp (or PALABRE_SMTP), --mail-from and --public-url "
                  "(the mails' links)");
  }
  PALABRE_RETURN_IF_ERROR(http::ValidateSmtpUrl(options.smtp));
  if (!LooksLikeEmail(options.mail_from)) {
    return Status(Error::kInvalidArgument, "--mail-from: not an e-mail address");
  }
  return PublicOrigin(options.public_url).status();
}

int RunServe(const ServeOptions& options) {
  if (Status mail = CheckMailOptions(options); !mail.ok()) {
    std::cerr << "palabre: " << mail.message() << "\n";
    return 2;
  }
  const bool reply_mail = !options.smtp.empty();
  http::ServerOptions server_options;
  if (!ParseListen(options.listen, server_options.host, server_options.port)) {
    std::cerr << "palabre: --listen takes HOST:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  server_options.threads = options.threads;
  server_options.trust_proxy = options.trust_proxy;
  server_options.workers = options.workers;
  server_options.request_budget = std::chrono::milliseconds(options.request_budget_ms);
  server_options.max_queued = static_cast<std::size_t>(options.max_queued);
  const FileLimit files = RaiseFileLimit();
  server_options.max_streams = options.max_streams > 0
                                   ? static_cast<std::size_t>(options.max_streams)
                                   : StreamsForFileLimit(files.soft);
  server_options.max_streams_per_client = static_cast<std::size_t>(options.max_streams_per_client);
  spdlog::info(
      "open files: limit {} (hard {}{}); live streams: at most {} on this node, {} per "
      "client",
      files.soft, files.hard, files.raised ? ", raised at start" : "", server_options.max_streams,
      server_options.max_streams_per_client);

  // SIGINT/SIGTERM are taken by a thread of their own (sigwait): no work in a signal handler.
  // Blocked before any thread starts (maintenance, change feed, store pools): threads inherit
  // the mask, and one without it would let SIGTERM kill the process.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  SystemClock clock;
  auto configs = LoadModerationConfigs(options.moderation_config, options.model);
  if (!configs.ok()) {
    std::cerr << "palabre: moderation config: " << configs.status().ToString() << "\n";
    return 2;
  }
  auto pipeline = moderation::Pipeline::Create(*configs, clock);
  if (!pipeline.ok()) {
    std::cerr << "palabre: moderation: " << pipeline.status().ToString() << "\n";
    return 2;
  }
  if (options.check_config_only) {
    for (const auto& line : moderation::DescribeConfig(configs->defaults)) {
      std::cout << "moderation." << line << "\n";
    }
    std::cout << "configuration ok\n";
    return 0;
  }

  std::unique_ptr<store::Store> opened = OpenCommandStore(options.db);
  if (!opened) return 1;
  store::Store& store = *opened;
  WarmHistory(store, **pipeline, clock.NowMs());

  service::Limits limits;
  limits.reply_mail = reply_mail;
  service::CommentService comments(store, **pipeline, clock, limits);
  service::EventHub events;
  http::Metrics metrics;
  ExportModerationMetrics(metrics, **pipeline);
  http::Router router;
  router.SetMetrics(&metrics);
  http::Deps deps{comments, events, metrics, clock, {}, {}};
  deps.site_of_comment = [&store](CommentId id) -> Result<std::string> {
    auto c = store.GetComment(id);
    if (!c.ok()) return c.status();
    auto t = store.GetThreadById(c->thread_id);
    if (!t.ok()) return t.status();
    return t->site_id;
  };
  service::AnalyzeService analyze(store, **pipeline, clock, &comments);
  service::ApiKeyService api_keys(store, clock);
  deps.analyze = &analyze;
  deps.api_keys = &api_keys;
  deps.ready = [&store] { return store.Ping(); };
  service::FeedService feeds(store, comments.sites(), comments.limits());
  deps.feeds = &feeds;
  // --- The moderator console ---------------------------------------------------------------------
  // A site's settings override its moderation (service/site_settings.h): the pipeline is
  // rebuilt for it whenever they change.
  moderation::Pipeline& reconfigurable = **pipeline;
  comments.SetModeration(*configs, [&reconfigurable](std::string_view site_id,
                                                     const moderation::ModerationConfig& config) {
    return reconfigurable.Reconfigure(site_id, config);
  });
  service::AuthService auth(store, clock);
  service::ModeratorService moderator(store, comments, clock);
  deps.auth = &auth;
  deps.moderator = &moderator;
  // Imports from the console: on threads of their own, stopped (waited for) before the
  // services they use, which are declared before them.
  service::ImportJobs::Hooks import_hooks;
  import_hooks.open = [](import::Format f,
                         const std::string& path) -> Result<std::unique_ptr<import::Reader>> {
    if (f == import::Format::kJsonl) return NewHistoryReader(path);
    return import::OpenReader(f, path);
  };
  import_hooks.restore = [&store](const std::string& site, const std::string& path,
                                  bool new_site) -> Result<boost::json::object> {
    auto r = RestoreSiteLines(store, site, path, new_site);
    if (!r.ok()) return r.status();
    return boost::json::object{
        {"settings", r->site}, {"bans", r->bans}, {"bans_already_there", r->skipped}};
  };
  import_hooks.imported = [&comments](const std::string&) {
    // Written behind the services' backs: every cached page and count is read again, and
    // live readers reload (as when the change feed comes back).
    comments.OnRemoteChange(store::Change{});
  };
  service::ImportJobs imports(store, &reconfigurable, clock, service::ImportJobs::Options{},
                              std::move(import_hooks));
  deps.imports = &imports;
  service::WebhookAdmin webhook_admin(store, clock);
  deps.webhooks = &webhook_admin;
  std::string public_url = options.public_url;
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  service::MailLinks mail_links(store, clock, public_url);
  if (reply_mail) deps.mail_links = &mail_links;
  deps.options.max_import_bytes = options.max_import_bytes;
  http::RegisterRoutes(router, deps);

  // --- Several nodes on one PostgreSQL -----------------------------------------------------------
  // What other nodes commit (LISTEN/NOTIFY; a silent feed for SQLite) reaches this node's
  // caches, moderation history and SSE subscribers. Stopped by its destructor, before the
  // services it calls.
  std::unique_ptr<store::ChangeFeed> feed = store.NewChangeFeed();
  if (Status started = feed->Start(
          [&comments](const store::Change& change) { comments.OnRemoteChange(change); });
      !started.ok()) {
    std::cerr << "palabre: change feed: " << started.ToString() << "\n";
    return 1;
  }
  if (!feed->WaitListening(std::chrono::seconds(5))) {
    std::cerr << "palabre: change feed: not listening yet; serving anyway (it keeps trying)\n";
  }

  // Webhooks: the outbox's rows, written with their events, sent from here (and from every
  // other node: they share the rows). Stopped by its destructor, before the store.
  http::CurlTransport webhook_transport;
  // Reply e-mails go through the same outbox, handed to the deployment's SMTP server.
  std::unique_ptr<http::SmtpTransport> smtp;
  std::unique_ptr<service::ReplyMailer> mailer;
  if (reply_mail) {
    smtp = std::make_unique<http::SmtpTransport>(options.smtp);
    service::ReplyMailOptions mail_options;
    mail_options.sender.address = options.mail_from;
    mail_options.interval = std::chrono::minutes(options.mail_interval_minutes);
    mail_options.daily_cap = options.mail_daily_cap;
    mailer = std::make_unique<service::ReplyMailer>(store, mail_links, *smtp, mail_options);
    spdlog::info("reply e-mails through {} from {}", http::RedactSmtpUrl(options.smtp),
                 options.mail_from);
  }
  service::OutboxSenderOptions outbox_options;
  outbox_options.workers = options.outbox_workers;
  outbox_options.batch = options.outbox_batch;
  outbox_options.timeout = std::chrono::seconds(options.webhook_timeout_s);
  outbox_options.give_up_after = std::chrono::hours(options.outbox_give_up_hours);
  outbox_options.public_url = public_url;
  outbox_options.mailer = mailer.get();
  service::OutboxSender outbox(store, webhook_transport, clock, outbox_options);
  if (options.outbox_workers > 0) outbox.Start();
  metrics.AddGauge("palabre_webhooks_sent_total",
                   "Notifications (webhooks, e-mails) this node sent.",
                   [&outbox] { return static_cast<double>(outbox.stats().sent); });
  metrics.AddGauge(
      "palabre_webhooks_retried_total",
      "Notifications (webhooks, e-mails) this node will try again (temporary failures).",
      [&outbox] { return static_cast<double>(outbox.stats().retried); });
  metrics.AddGauge("palabre_webhooks_failed_total",
                   "Notifications (webhooks, e-mails) this node gave up.",
                   [&outbox] { return static_cast<double>(outbox.stats().failed); });

  // Hourly, expired moderator sessions and personal data past the retention period.
  service::AuthService session_keeper(store, clock);
  service::PrivacyService privacy(store, &comments, clock);
  Maintenance maintenance(session_keeper, privacy, options.retention_days);

  std::vector<http::StaticAsset> assets(web::EmbeddedAssets().begin(), web::EmbeddedAssets().end());
  if (options.demo) {
    const DemoContent demo = MakeDemoContent(clock.NowMs());
    http::StaticAsset page;
    page.path = "/";
    page.content_type = "text/html; charset=utf-8";
    page.body = RenderDemoPage(demo.article, "demo");
    page.cache_control = "no-cache";
    assets.push_back(std::move(page));
  }
  http::RegisterAdminConsole(router, assets);  // /admin; admin.js/css cached for good
  http::RegisterStaticAssets(router, std::move(assets));

  http::Server server(server_options, router);
  metrics.AddGauge("palabre_http_connections", "Open HTTP connections.",
                   [&server] { return static_cast<double>(server.connection_count()); });
  metrics.AddGauge("palabre_http_queued", "Requests waiting for a database worker.",
                   [&server] { return static_cast<double>(server.queued_count()); });
  metrics.AddGauge("palabre_http_budget_exceeded_total",
                   "Requests answered 503 because their database work outlasted the budget.",
                   [&server] { return static_cast<double>(server.budget_exceeded()); });
  metrics.AddGauge("palabre_http_queue_full_total",
                   "Requests answered 503 because every worker was busy and the queue full.",
                   [&server] { return static_cast<double>(server.queue_full()); });
  metrics.AddGauge("palabre_sse_refused_total",
                   "Live streams refused by the per-node or per-client cap.",
                   [&server] { return static_cast<double>(server.streams_refused()); });
  metrics.AddGauge("palabre_open_files_limit", "The process's open-file limit (soft).",
                   [soft = files.soft] { return static_cast<double>(soft); });
  auto port = server.Start();
  if (!port.ok()) {
    std::cerr << "palabre: cannot listen on " << options.listen << ": " << port.status().ToString()
              << "\n";
    return 1;
  }
  const std::string host = server_options.host.find(':') != std::string::npos
                               ? "[" + server_options.host + "]"
                               : server_options.host;
  if (options.demo) {
    // Browsers send Origin with every post, even to the page's own server: the demo site
    // allows the addresses it is served at, known now that the port is.
    std::string public_origin;
    if (!options.public_url.empty()) {
      auto origin = PublicOrigin(options.public_url);
      if (!origin.ok()) {
        std::cerr << "palabre: " << origin.status().message() << "\n";
        return 2;
      }
      public_origin = std::move(origin).value();
    }
    const auto origins = DemoOrigins(server_options.host, *port, public_origin);
    Status allowed = AllowDemoOrigins(store, clock, origins);
    if (allowed.ok()) allowed = comments.SiteChanged("demo");  // no stale copy of the site
    if (!allowed.ok()) {
      std::cerr << "palabre: demo: " << allowed.ToString() << "\n";
      return 1;
    }
  }
  std::cout << "palabre listening on http://" << host << ":" << *port << std::endl;
  if (options.demo) {
    std::string url = options.public_url;
    if (url.empty()) {
      const bool wildcard = server_options.host == "0.0.0.0" || server_options.host == "::";
      url = "http://" + (wildcard ? std::string("localhost") : host) + ":" + std::to_string(*port) +
            "/";
    }
    std::cout << "open " << url << " to see the demo article and its discussion (Ctrl-C stops)"
              << std::endl;
  }

  std::thread signal_thread([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  server.Run();
  imports.Stop();  // a running import ends before the store closes
  // Run returns after Stop; wake the signal thread if Stop came from elsewhere.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  return 0;
}

}  // namespace palabre::app
