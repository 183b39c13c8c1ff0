#include "app/commands.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "app/demo_moderation.h"
#include "app/export_command.h"
#include "app/import_command.h"
#include "app/mail_command.h"
#include "app/moderate_command.h"
#include "app/serve.h"
#include "app/train_command.h"
#include "app/user_command.h"
#include "app/webhook_command.h"
#include "core/crypto.h"
#include "core/text/utf8.h"
#include "moderation/pipeline.h"
#include "service/api_key_service.h"
#include "service/site_service.h"
#include "store/migrate/sqlite_to_pg.h"  // palabre migrate
#include "store/postgres/pg_store.h"
#include "store/store.h"

namespace palabre::app {
namespace {

constexpr const char* kVersion = "0.1.0";

std::unique_ptr<store::Store> OpenOrDie(const std::string& db) {
  auto store = store::OpenStore(db);
  if (!store.ok()) {
    std::cerr << "palabre: cannot open " << db << ": " << store.status().ToString() << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

int SiteAdd(const std::string& db, const service::SiteInput& in) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  SystemClock clock;
  service::SiteService sites(*store, clock);
  auto site = sites.Add(in);
  if (!site.ok()) {
    std::cerr << "palabre: " << site.status().ToString() << "\n";
    return 1;
  }
  std::cout << "site " << site->id << " added\n";
  return 0;
}

void PrintSite(const Site& s) {
  std::cout << s.id << "\t" << s.name << "\t" << s.locale << "\t" << s.time_zone << "\t";
  for (std::size_t i = 0; i < s.origins.size(); ++i) std::cout << (i ? "," : "") << s.origins[i];
  std::cout << "\n";
}

int SiteList(const std::string& db) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  auto sites = store->ListSites();
  if (!sites.ok()) {
    std::cerr << "palabre: " << sites.status().ToString() << "\n";
    return 1;
  }
  for (const Site& s : *sites) PrintSite(s);
  return 0;
}

// palabre site update SITE [--name N] [--origin O ... | --add-origin O --remove-origin O]
// [--tz TZ]: the site changed in place, printed as `site list` prints it.
int SiteUpdate(const std::string& db, const std::string& id, const service::SiteChange& change) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  SystemClock clock;
  service::SiteService sites(*store, clock);
  auto site = sites.Update(id, change);
  if (!site.ok()) {
    std::cerr << "palabre: " << site.status().ToString() << "\n";
    return 1;
  }
  PrintSite(*site);
  return 0;
}

int SiteRemove(const std::string& db, const std::string& id) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  Status s = store->RemoveSite(id);
  if (!s.ok()) {
    std::cerr << "palabre: " << s.ToString() << "\n";
    return 1;
  }
  std::cout << "site " << id << " removed\n";
  return 0;
}

// palabre site key add|list|remove: the analysis API's keys. The key is printed once.
int KeyAdd(const std::string& db, const std::string& site, const std::string& name,
           int per_minute) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  SystemClock clock;
  auto made = service::CreateApiKey(*store, clock, site, name, per_minute);
  if (!made.ok()) {
    std::cerr << "palabre: " << made.status().ToString() << "\n";
    return 1;
  }
  std::cerr << "API key " << made->key.id << " of site " << site << " (" << made->key.per_minute
            << " requests a minute); it is shown this once, keep it:\n";
  std::cout << made->secret << "\n";
  return 0;
}

int KeyList(const std::string& db, const std::string& site) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  if (auto known = store->GetSite(site); !known.ok()) {
    std::cerr << "palabre: " << known.status().ToString() << "\n";
    return 1;
  }
  auto keys = store->ListApiKeys(site);
  if (!keys.ok()) {
    std::cerr << "palabre: " << keys.status().ToString() << "\n";
    return 1;
  }
  for (const ApiKey& k : *keys) {
    std::cout << k.id << "\t" << k.hint << "…\t" << k.per_minute << "/min\t" << k.name << "\n";
  }
  return 0;
}

int KeyRemove(const std::string& db, const std::string& site, std::int64_t id) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  Status s = store->RemoveApiKey(site, id);
  if (!s.ok()) {
    std::cerr << "palabre: " << s.ToString() << "\n";
    return 1;
  }
  std::cout << "API key " << id << " removed\n";
  return 0;
}

// palabre thread title SITE KEY TITLE: the publisher names an article's discussion (creating
// the thread if no one commented yet).
int ThreadTitle(const std::string& db, const std::string& site, const std::string& key,
                const std::string& title) {
  auto store = OpenOrDie(db);
  if (!store) return 1;
  auto cleaned = text::NormalizeUserText(title, /*single_line=*/true);
  auto clean_key = text::NormalizeUserText(key, /*single_line=*/true);
  if (!cleaned.ok() || !clean_key.ok() || clean_key->empty()) {
    std::cerr << "palabre: the key and the title must be UTF-8 text\n";
    return 1;
  }
  auto thread = store->GetThread(site, *clean_key);
  Status s;
  if (thread.ok()) {
    s = store->SetThreadTitle(thread->id, *cleaned);
  } else if (thread.error() == Error::kUnknownThread) {
    Thread fresh;
    fresh.site_id = site;
    fresh.key = *clean_key;
    fresh.title = *cleaned;
    fresh.created_at = SystemClock().NowMs();
    s = store->EnsureThread(fresh).status();
  } else {
    s = thread.status();
  }
  if (!s.ok()) {
    std::cerr << "palabre: " << s.ToString() << "\n";
    return 1;
  }
  std::cout << "thread " << site << "/" << *clean_key << " titled\n";
  return 0;
}

int Moderate(const std::string& site, const std::string& config, const std::string& model) {
  auto configs = LoadModerationConfigs(config, model);
  if (!configs.ok()) {
    std::cerr << "palabre: moderation config: " << configs.status().ToString() << "\n";
    return 2;
  }
  SystemClock clock;
  auto pipeline = moderation::Pipeline::Create(*configs, clock);
  if (!pipeline.ok()) {
    std::cerr << "palabre: moderation: " << pipeline.status().ToString() << "\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  ModerateSummary summary = ModerateJsonLines(**pipeline, site, std::cin, std::cout, std::cerr);
  return summary.bad_lines == 0 ? 0 : 2;
}

// --- palabre migrate --from sqlite://FILE --to postgres://... [--site S] -------------------------
int MigrateToPostgres(const std::string& from, const std::string& to, const std::string& site) {
  auto target = store::pg::PgStore::Open(to);
  if (!target.ok()) {
    // Not the URL: it may hold a password.
    std::cerr << "palabre: cannot open the PostgreSQL database: " << target.status().ToString()
              << "\n";
    return 1;
  }
  auto report = store::migrate::CopyFromSqlite(
      from, **target, site.empty() ? std::nullopt : std::optional<std::string>(site));
  if (!report.ok()) {
    std::cerr << "palabre: migrate: " << report.status().ToString() << "\n";
    return 1;
  }
  const store::migrate::CopyCounts& n = report->target;
  std::cout << "migrated " << n.sites << " site(s):";
  for (const std::string& id : report->site_ids) std::cout << " " << id;
  std::cout << "\n"
            << n.threads << " threads, " << n.comments << " comments (" << n.published
            << " published), " << n.votes << " votes; counts verified\n";
  return 0;
}

}  // namespace

int Main(int argc, char** argv) {
  // Logs go to stderr: stdout carries what a command prints for people and scripts (serve's
  // "palabre listening on ..." line, a new API key).
  spdlog::set_default_logger(spdlog::stderr_color_mt("palabre"));
  if (!InitCrypto()) {
    std::cerr << "palabre: libsodium failed to initialise\n";
    return 1;
  }
  CLI::App app{"palabre: a discussion engine for news publishers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  app.add_subcommand("version", "print the version")->callback([] {
    std::cout << "palabre " << kVersion << "\n";
  });

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "run the server");
  serve_cmd
      ->add_option("--db", serve.db, "SQLite file (or sqlite:PATH), or postgres://USER@HOST/DB")
      ->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (port 0 picks one)")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "server threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_flag("--trust-proxy", serve.trust_proxy,
                      "client address from X-Forwarded-For (behind a reverse proxy only)");
  serve_cmd->add_option("--model", serve.model, "toxicity model file (.ftz)");
  serve_cmd->add_option("--moderation-config", serve.moderation_config,
                        "file of moderation.<check>.<key> = value lines");
  serve_cmd->add_flag("--check-config", serve.check_config_only,
                      "validate the configuration, print it and exit (non-zero if invalid)");
  serve_cmd
      ->add_option("--retention-days", serve.retention_days,
                   "forget e-mails and address hashes of comments older than this (0 = keep)")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "threads for database work")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd
      ->add_option("--request-budget-ms", serve.request_budget_ms,
                   "a request waiting longer on the database is answered 503 (0: no budget)")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-queued", serve.max_queued,
                   "requests waiting for a database worker; more are answered 503")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-streams", serve.max_streams,
                   "live streams open on this node (0: from the open-file limit)")
      ->check(CLI::Range(0, 10000000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-streams-per-client", serve.max_streams_per_client,
                   "live streams open from one client address (0: no cap)")
      ->check(CLI::Range(0, 10000000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-import-bytes", serve.max_import_bytes,
                   "largest export a moderator may upload from the console (other requests: "
                   "64 KiB)")
      ->check(CLI::Range(std::size_t{64 * 1024}, std::size_t{4} << 30))
      ->capture_default_str();
  serve_cmd->add_option("--public-url", serve.public_url,
                        "the server's URL from outside (https://comments.example), for links in "
                        "notifications");
  serve_cmd
      ->add_option("--outbox-workers", serve.outbox_workers,
                   "threads sending webhooks from the outbox (0: this node sends none)")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  serve_cmd
      ->add_option("--outbox-batch", serve.outbox_batch, "outbox rows one sender claims at once")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve_cmd
      ->add_option("--webhook-timeout", serve.webhook_timeout_s,
                   "seconds one webhook POST may take, connection included")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  serve_cmd
      ->add_option("--outbox-give-up", serve.outbox_give_up_hours,
                   "hours after its first attempt a failing notification is given up (failed)")
      ->check(CLI::Range(1, 720))
      ->capture_default_str();
  serve_cmd
      ->add_option("--smtp", serve.smtp,
                   "SMTP server of reply e-mails: smtp://USER:PASSWORD@HOST:587 (STARTTLS) or "
                   "smtps://…:465; better in PALABRE_SMTP, which other users cannot read in the "
                   "process list")
      ->envname("PALABRE_SMTP");
  serve_cmd->add_option("--mail-from", serve.mail_from,
                        "sender address of reply e-mails (needs --smtp and --public-url)");
  serve_cmd
      ->add_option("--mail-interval-minutes", serve.mail_interval_minutes,
                   "at most one reply e-mail per reader and thread this often (the replies in "
                   "between go together)")
      ->check(CLI::Range(0, 24 * 60))
      ->capture_default_str();
  serve_cmd
      ->add_option("--mail-daily-cap", serve.mail_daily_cap,
                   "at most this many e-mails a site in 24 hours (then they wait)")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();

  ServeOptions demo;
  demo.db = "palabre-demo.db";
  auto* demo_cmd = app.add_subcommand("demo", "run the server with a demo site and discussion");
  demo_cmd->add_option("--db", demo.db, "SQLite file")->capture_default_str();
  demo_cmd->add_option("--listen", demo.listen, "HOST:PORT (port 0 picks one)")
      ->capture_default_str();
  demo_cmd->add_option("--public-url", demo.public_url,
                       "the URL readers open, if not http://HOST:PORT (a proxy, a forwarded "
                       "port); its origin may post too");

  std::string db = "palabre.db";
  auto* site_cmd = app.add_subcommand("site", "manage sites");
  site_cmd->require_subcommand(1);
  service::SiteInput site_in;
  auto* site_add = site_cmd->add_subcommand("add", "add a site");
  site_add->add_option("id", site_in.id, "site id: a-z, 0-9, -")->required();
  site_add->add_option("--name", site_in.name, "display name");
  site_add->add_option("--origin", site_in.origins, "allowed origin, https://host (repeatable)");
  site_add->add_option("--locale", site_in.locale, "fr or en")->capture_default_str();
  site_add->add_option("--tz", site_in.time_zone, "IANA time zone")->capture_default_str();
  site_add->add_option("--db", db, "SQLite file")->capture_default_str();
  auto* site_list = site_cmd->add_subcommand("list", "list sites");
  site_list->add_option("--db", db, "SQLite file")->capture_default_str();
  std::string update_id;
  service::SiteChange site_change;
  std::string update_name, update_tz;
  std::vector<std::string> update_origins;
  auto* site_update = site_cmd->add_subcommand(
      "update", "change a site's name, allowed origins or time zone (its discussions stay)");
  site_update->add_option("id", update_id, "site id")->required();
  auto* update_name_opt = site_update->add_option("--name", update_name, "display name");
  auto* update_origin_opt = site_update->add_option(
      "--origin", update_origins, "the allowed origins, replacing the list (repeatable)");
  auto* add_origin_opt = site_update->add_option("--add-origin", site_change.add_origins,
                                                 "allow one more origin (repeatable)");
  auto* remove_origin_opt = site_update->add_option("--remove-origin", site_change.remove_origins,
                                                    "stop allowing an origin (repeatable)");
  update_origin_opt->excludes(add_origin_opt)->excludes(remove_origin_opt);
  auto* update_tz_opt = site_update->add_option("--tz", update_tz, "IANA time zone");
  site_update->add_option("--db", db, "SQLite file or postgres://USER@HOST/DB")
      ->capture_default_str();
  std::string remove_id;
  auto* site_remove = site_cmd->add_subcommand("remove", "remove a site and its discussions");
  site_remove->add_option("id", remove_id)->required();
  site_remove->add_option("--db", db, "SQLite file")->capture_default_str();
  auto* key_cmd = site_cmd->add_subcommand("key", "the analysis API's keys of a site");
  key_cmd->require_subcommand(1);
  std::string key_site, key_name;
  int key_per_minute = 60;
  std::int64_t key_id = 0;
  auto* key_add = key_cmd->add_subcommand("add", "make a key (printed once)");
  key_add->add_option("site", key_site, "site id")->required();
  key_add->add_option("--name", key_name, "what the key is for");
  key_add->add_option("--per-minute", key_per_minute, "requests a minute, 1..10000")
      ->capture_default_str();
  key_add->add_option("--db", db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  auto* key_list = key_cmd->add_subcommand("list", "list a site's keys (never the keys)");
  key_list->add_option("site", key_site, "site id")->required();
  key_list->add_option("--db", db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  auto* key_remove = key_cmd->add_subcommand("remove", "remove a key: it stops working at once");
  key_remove->add_option("site", key_site, "site id")->required();
  key_remove->add_option("id", key_id, "the key's id (site key list)")->required();
  key_remove->add_option("--db", db, "SQLite file or postgres://USER@HOST/DB")
      ->capture_default_str();

  auto* thread_cmd = app.add_subcommand("thread", "manage an article's discussion");
  thread_cmd->require_subcommand(1);
  std::string thread_site, thread_key, thread_title;
  auto* thread_title_cmd =
      thread_cmd->add_subcommand("title", "set the title of an article's discussion");
  thread_title_cmd->add_option("site", thread_site, "site id")->required();
  thread_title_cmd->add_option("key", thread_key, "the article's key (data-key)")->required();
  thread_title_cmd->add_option("title", thread_title, "the title")->required();
  thread_title_cmd->add_option("--db", db, "SQLite file or postgres://USER@HOST/DB")
      ->capture_default_str();

  ImportCommand import;  // palabre import
  AddImportCommand(app, import);
  ExportCommand export_cmd;  // palabre export
  AddExportCommand(app, export_cmd);

  std::string moderate_site = "batch";
  std::string moderate_config;
  std::string moderate_model;
  auto* moderate_cmd = app.add_subcommand(
      "moderate", "decide on JSON Lines history from stdin as if posted live; one line out each");
  moderate_cmd->add_option("--site", moderate_site, "site whose settings apply")
      ->capture_default_str();
  moderate_cmd->add_option("--moderation-config", moderate_config,
                           "file of moderation.<check>.<key> = value lines");
  moderate_cmd->add_option("--model", moderate_model, "toxicity model file (.ftz)");

  std::string migrate_from, migrate_to, migrate_site;
  auto* migrate_cmd = app.add_subcommand(
      "migrate",
      "copy sites, threads, comments and votes from SQLite to PostgreSQL, counts "
      "verified (docs/DEPLOYMENT.md)");
  migrate_cmd->add_option("--from", migrate_from, "sqlite://FILE")->required();
  migrate_cmd->add_option("--to", migrate_to, "postgres://USER@HOST/DB")->required();
  migrate_cmd->add_option("--site", migrate_site, "only this site (default: every site)");

  TrainCommandOptions train;
  auto* train_cmd = app.add_subcommand(
      "train", "train the toxicity classifier (fastText) from labelled TSV/JSONL files");
  train_cmd->add_option("--data", train.train.data_paths, "labelled file (repeatable)")->required();
  train_cmd->add_option("--dev", train.dev_paths, "file evaluated after training (repeatable)");
  train_cmd->add_option("--out", train.train.output_path, "model file to write (.ftz)")->required();
  train_cmd->add_option("--exclude", train.train.exclude,
                        "drop rows of a source or source:label (repeatable)");
  train_cmd->add_flag("--from-decisions", train.decisions.enabled,
                      "add the site's moderator decisions, compare with --baseline "
                      "(docs/MODERATION.md)");
  train_cmd->add_option("--site", train.decisions.site, "site whose decisions are read");
  train_cmd->add_option("--db", train.decisions.db, "SQLite file or postgres://USER@HOST/DB")
      ->capture_default_str();
  train_cmd->add_option("--baseline", train.decisions.baseline_path,
                        "current model to compare with (default: the one serve loads)");
  train_cmd
      ->add_option("--decision-weight", train.decisions.weight,
                   "repetitions of each moderator decision")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  train_cmd
      ->add_option("--max-published", train.decisions.max_published,
                   "published comments without a decision used as ok, newest first")
      ->capture_default_str();
  train_cmd
      ->add_option("--holdout", train.decisions.holdout_percent,
                   "percent of the decisions kept for the comparison")
      ->check(CLI::Range(0, 90))
      ->capture_default_str();
  // fastText's hyper-parameters, for the searches of docs/MODERATION.md; the defaults are the
  // shipped model's (TrainOptions).
  auto hyper = [&](const char* name, auto& value, const char* help, auto min, auto max) {
    train_cmd->add_option(name, value, help)
        ->check(CLI::Range(min, max))
        ->capture_default_str()
        ->group("Hyper-parameters (fastText)");
  };
  hyper("--dim", train.train.dim, "size of the word vectors", 2, 300);
  hyper("--epoch", train.train.epoch, "passes over the data", 1, 200);
  hyper("--lr", train.train.lr, "learning rate", 0.001, 5.0);
  hyper("--word-ngrams", train.train.word_ngrams, "longest word n-gram", 1, 5);
  hyper("--minn", train.train.minn, "shortest character n-gram (0: none)", 0, 10);
  hyper("--maxn", train.train.maxn, "longest character n-gram (0: none)", 0, 10);
  hyper("--cutoff", train.train.cutoff, "input rows kept by quantisation", 1000, 10000000);
  EvalCommandOptions eval;
  auto* eval_cmd = app.add_subcommand(
      "eval",
      "a model's per-label figures and the whole pipeline's decisions by category of comment");
  eval_cmd->add_option("--model", eval.model_path, "model file (.ftz)")->required();
  eval_cmd->add_option("--data", eval.data_paths, "labelled file (repeatable)")->required();
  eval_cmd->add_option("--moderation-config", eval.moderation_config_path,
                       "moderation settings of the whole-pipeline figures (key = value lines)");

  UserCommands users;  // palabre user ..., palabre user-data ...
  AddUserCommands(app, users);
  WebhookCommands webhooks;  // palabre webhook ...
  AddWebhookCommands(app, webhooks);
  MailCommands mail;  // palabre mail ...
  AddMailCommands(app, mail);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (*serve_cmd) return RunServe(serve);
  if (*demo_cmd) {
    demo.demo = true;
    std::string public_origin;
    if (!demo.public_url.empty()) {
      auto origin = PublicOrigin(demo.public_url);
      if (!origin.ok()) {
        std::cerr << "palabre: " << origin.status().message() << "\n";
        return 2;
      }
      public_origin = std::move(origin).value();
    }
    if (int rc = SeedDemo(demo.db); rc != 0) return rc;
    if (int rc = SeedDemoModeration(demo.db, demo.listen, public_origin); rc != 0) return rc;
    return RunServe(demo);
  }
  if (int rc = RunUserCommands(users); rc >= 0) return rc;
  if (int rc = RunWebhookCommands(webhooks); rc >= 0) return rc;
  if (int rc = RunMailCommands(mail); rc >= 0) return rc;
  if (*site_add) return SiteAdd(db, site_in);
  if (*site_list) return SiteList(db);
  if (*site_update) {
    if (*update_name_opt) site_change.name = update_name;
    if (*update_origin_opt) site_change.origins = update_origins;
    if (*update_tz_opt) site_change.time_zone = update_tz;
    if (!site_change.name && !site_change.origins && !site_change.time_zone &&
        site_change.add_origins.empty() && site_change.remove_origins.empty()) {
      std::cerr << "palabre: site update: nothing to change (--name, --origin, --add-origin, "
                   "--remove-origin, --tz)\n";
      return 2;
    }
    return SiteUpdate(db, update_id, site_change);
  }
  if (*site_remove) return SiteRemove(db, remove_id);
  if (*key_add) return KeyAdd(db, key_site, key_name, key_per_minute);
  if (*key_list) return KeyList(db, key_site);
  if (*key_remove) return KeyRemove(db, key_site, key_id);
  if (*thread_title_cmd) return ThreadTitle(db, thread_site, thread_key, thread_title);
  if (int rc = RunImportCommand(import); rc >= 0) return rc;
  if (int rc = RunExportCommand(export_cmd); rc >= 0) return rc;
  if (*train_cmd) return RunTrain(train);
  if (*eval_cmd) return RunEval(eval);
  if (*moderate_cmd) return Moderate(moderate_site, moderate_config, moderate_model);
  if (*migrate_cmd) return MigrateToPostgres(migrate_from, migrate_to, migrate_site);
  return 0;
}

}  // namespace palabre::app
