#include "app/import_command.h"

#include <unistd.h>
#include <zlib.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_set>

#include "app/export_command.h"
#include "app/history_jsonl.h"
#include "app/import_replace.h"
#include "app/serve.h"
#include "core/clock.h"
#include "import/line_file.h"
#include "moderation/pipeline.h"
#include "service/import_report.h"
#include "service/import_run.h"
#include "store/store.h"

namespace palabre::app {
namespace {

namespace json = boost::json;

class HistoryReader : public import::Reader {
 public:
  explicit HistoryReader(const std::string& path) : in_(path) {}

  Result<import::Step> Next(import::Record& out) override {
    if (!in_.is_open()) return Status(Error::kInvalidArgument, "cannot read the JSON Lines file");
    if (!pending_.id.empty()) {
      out = std::move(pending_);
      pending_ = {};
      return import::Step{import::Step::kRecord, {}};
    }
    std::string line;
    for (import::LineFile::Line got; (got = in_.Next(line)) != import::LineFile::Line::kEnd;) {
      ++number_;
      if (got == import::LineFile::Line::kTooLong) {
        return import::Step{import::Step::kSkipped,
                            "line " + std::to_string(number_) + ": over 1 MiB"};
      }
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      auto record = ParseHistoryLine(line);
      if (!record.ok()) {
        return import::Step{import::Step::kSkipped,
                            "line " + std::to_string(number_) + ": " + record.status().ToString()};
      }
      if (auto* t = std::get_if<service::ImportedThread>(&*record)) {
        threads_.insert(t->key);
        out = Thread(*t);
        return import::Step{import::Step::kRecord, {}};
      }
      auto* in = std::get_if<service::ImportedComment>(&*record);
      if (in == nullptr) continue;  // the site's and bans' lines: RestoreSiteLines
      import::SourceComment comment = Comment(std::move(*in));
      if (threads_.insert(comment.thread).second) {  // a comment before any thread line
        service::ImportedThread t;
        t.key = comment.thread;
        out = Thread(t);
        pending_ = std::move(comment);
      } else {
        out = std::move(comment);
      }
      return import::Step{import::Step::kRecord, {}};
    }
    if (in_.failed()) return Status(Error::kInvalidArgument, "read error");
    return import::Step{import::Step::kEnd, {}};
  }

 private:
  static import::SourceThread Thread(const service::ImportedThread& in) {
    import::SourceThread t;
    t.id = in.key;
    t.ident = in.key;  // kept as it is (the "id" rule)
    t.title = in.title;
    t.body = in.body;
    t.created_at = in.created_at;
    t.closed = in.closed;
    return t;
  }

  static import::SourceComment Comment(service::ImportedComment c) {
    import::SourceComment out;
    out.id = std::move(c.source_id);
    out.thread = std::move(c.thread_key);
    out.parent = std::move(c.parent_source_id);
    out.author = std::move(c.author);
    out.email = std::move(c.email);
    out.text = std::move(c.text);
    out.created_at = c.created_at;
    switch (c.status) {
      case CommentStatus::kPublished:
        out.state = import::SourceState::kApproved;
        break;
      case CommentStatus::kHeld:
        out.state = import::SourceState::kPending;
        break;
      case CommentStatus::kRejected:
        out.state = import::SourceState::kSpam;
        break;
      case CommentStatus::kDeleted:
        out.state = import::SourceState::kDeleted;
        break;
    }
    out.upvotes = c.upvotes;
    out.downvotes = c.downvotes;
    out.client_hash = std::move(c.client_hash);
    out.edited_at = c.edited_at.value_or(0);
    out.moderation = std::move(c.moderation);
    out.review = c.review;
    out.risk = c.risk;
    out.auto_rejected = c.auto_rejected;
    return out;
  }

  import::LineFile in_;  // gzipped or not
  std::int64_t number_ = 0;
  std::unordered_set<std::string> threads_;
  import::SourceComment pending_;
};

// Standard input copied to a temporary file (an import reads its input twice); removed when
// the command ends.
class Spool {
 public:
  ~Spool() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  Result<std::string> FromStdin() {
    std::string templ = (std::filesystem::temp_directory_path() / "palabre-import-XXXXXX").string();
    const int fd = mkstemp(templ.data());
    if (fd < 0) return Status(Error::kInternal, "cannot create a temporary file");
    path_ = templ;
    FILE* out = fdopen(fd, "wb");
    char buffer[1 << 16];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
      if (std::fwrite(buffer, 1, n, out) != n) {
        std::fclose(out);
        return Status(Error::kInternal, "cannot write the temporary file");
      }
    }
    std::fclose(out);
    return path_;
  }

 private:
  std::string path_;
};

// The first 4 KiB the format is told from: of the content, when the file is gzipped (a
// Remark42 backup, or palabre's own export written to a .gz), else of the file.
std::string Head(const std::string& path) {
  std::string head(4096, '\0');
  gzFile in = gzopen(path.c_str(), "rb");  // reads a plain file as it is
  if (!in) return {};
  const int n = gzread(in, head.data(), static_cast<unsigned>(head.size()));
  gzclose(in);
  head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return head;
}

void PrintText(const service::ImportResult& r, const std::string& format, bool dry_run,
               service::ImportModeration moderation) {
  const import::PlanReport& p = r.plan;
  std::cout << (dry_run ? "dry run (nothing written) of " : "import of ") << format << ":\n"
            << "  threads: " << p.source_threads << " in the export, " << p.threads
            << " palabre threads (" << p.merged_threads << " source threads merged); by rule:";
  for (const auto& [rule, n] : p.threads_by_rule) std::cout << " " << rule << " " << n;
  std::cout << "\n  comments: " << p.comments << " read: " << p.top_level << " top-level, "
            << p.replies << " replies; " << p.published << " published, " << p.held << " held, "
            << p.spam << " spam (rejected), " << p.tombstones << " tombstones, "
            << p.deleted_skipped << " deleted leaves skipped\n"
            << "  orphans: " << p.orphans << " (under " << p.placeholders
            << " placeholder tombstones); duplicates: " << p.duplicates
            << "; without a thread: " << p.no_thread << "\n";
  for (const auto& [what, n] : p.omitted) std::cout << "  omitted: " << n << " " << what << "\n";
  if (p.malformed > 0) {
    std::cout << "  malformed: " << p.malformed << "\n";
    for (const auto& s : p.problems) std::cout << "    " << s << "\n";
  }
  const service::ImportModerationReport& m = r.moderation;
  if (m.evaluated > 0) {
    std::cout << "  moderation ("
              << (moderation == service::ImportModeration::kApply ? "applied" : "report only")
              << "): " << m.evaluated << " evaluated: " << m.publish << " publish, " << m.review
              << " review, " << m.hold << " hold, " << m.reject << " reject\n";
    for (const auto& [code, n] : m.by_code) std::cout << "    " << code << ": " << n << "\n";
  }
  std::cout << "  " << (dry_run ? "would write: " : "written: ") << r.threads_created
            << " new threads, " << r.comments_written << " comments; " << r.already_imported
            << " already imported; " << r.invalid << " refused\n";
  for (const auto& s : r.invalid_examples) std::cout << "    " << s << "\n";
}

}  // namespace

std::unique_ptr<import::Reader> NewHistoryReader(const std::string& path) {
  return std::make_unique<HistoryReader>(path);
}

void AddImportCommand(CLI::App& app, ImportCommand& cmd) {
  cmd.command = app.add_subcommand(
      "import",
      "import a Disqus, WordPress, Remark42, Isso or Commento export, or palabre's "
      "JSON Lines (docs/IMPORT.md)");
  CLI::App* c = cmd.command;
  c->add_option("file", cmd.file, "the export file, or - for standard input")
      ->capture_default_str();
  c->add_option("--site", cmd.site, "site id")->required();
  c->add_option("--db", cmd.db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  c->add_option("--format", cmd.format,
                "disqus|wxr|remark42|isso|commento|jsonl (default: detected)")
      ->check(CLI::IsMember({"disqus", "wxr", "remark42", "isso", "commento", "jsonl"}));
  c->add_option("--thread-key", cmd.thread_key, "id|url|path: what names a thread")
      ->check(CLI::IsMember({"id", "url", "path"}))
      ->capture_default_str();
  c->add_option("--map", cmd.maps, "OLD=NEW: URL prefix of a site that moved (repeatable)");
  c->add_flag("--dry-run", cmd.dry_run, "report what would be imported; write nothing");
  c->add_option("--moderate", cmd.moderate,
                "report: count what moderation would hold, change nothing; apply: do it "
                "(jsonl: neither unless given)")
      ->check(CLI::IsMember({"report", "apply"}))
      ->capture_default_str();
  c->add_option("--moderation-config", cmd.moderation_config,
                "file of moderation.<check>.<key> = value lines");
  c->add_option("--model", cmd.model, "toxicity model file (.ftz)");
  c->add_flag("--strict", cmd.strict, "stop at the first malformed element");
  c->add_flag("--json", cmd.json, "print the summary as one JSON object");
  c->add_flag("--resume", cmd.resume,
              "finish an interrupted import (what is already imported is left as it is; "
              "running the import again does the same)");
  c->add_flag("--replace", cmd.replace,
              "first delete the site's threads and comments (after a backup, and a "
              "confirmation); never the default");
  c->add_flag("--yes", cmd.yes, "confirm --replace without a question");
  c->add_option("--backup", cmd.backup,
                "--replace: where the backup goes (default: palabre-backup-SITE-TIME.jsonl.gz)");
}

int RunImportCommand(const ImportCommand& cmd) {
  if (!cmd.command || !*cmd.command) return -1;
  Spool spool;
  std::string path = cmd.file;
  if (path == "-") {
    auto spooled = spool.FromStdin();
    if (!spooled.ok()) {
      std::cerr << "palabre: import: " << spooled.status().message() << "\n";
      return 1;
    }
    path = *spooled;
  } else if (!std::filesystem::is_regular_file(path)) {
    std::cerr << "palabre: import: " << path << " is not a file\n";
    return 1;
  }
  std::optional<import::Format> format =
      cmd.format.empty() ? import::DetectFormat(Head(path)) : import::ParseFormat(cmd.format);
  if (!format) {
    std::cerr << "palabre: import: cannot tell the format of " << cmd.file
              << "; name it with --format\n";
    return 1;
  }
  service::ImportOptions options;
  options.identity.rule = *import::ParseKeyRule(cmd.thread_key);
  for (const std::string& spec : cmd.maps) {
    auto map = import::ParseMap(spec);
    if (!map) {
      std::cerr << "palabre: import: --map " << spec << ": expected OLD=NEW\n";
      return 1;
    }
    options.identity.maps.push_back(*map);
  }
  const bool jsonl = *format == import::Format::kJsonl;
  if (jsonl) options.identity.rule = import::KeyRule::kId;
  options.dry_run = cmd.dry_run;
  options.strict = cmd.strict;
  // palabre's own JSON Lines (an export, or a publisher's history in that format) are restored
  // as they are: states already palabre's, no moderation unless --moderate asks for it.
  options.exact = jsonl;
  options.moderation = cmd.moderate == "apply" ? service::ImportModeration::kApply
                       : jsonl && cmd.command->count("--moderate") == 0
                           ? service::ImportModeration::kOff
                           : service::ImportModeration::kReport;

  auto configs = LoadModerationConfigs(cmd.moderation_config, cmd.model);
  if (!configs.ok()) {
    std::cerr << "palabre: moderation config: " << configs.status().ToString() << "\n";
    return 1;
  }
  SystemClock clock;
  auto pipeline = moderation::Pipeline::Create(*configs, clock);
  if (!pipeline.ok()) {
    std::cerr << "palabre: moderation: " << pipeline.status().ToString() << "\n";
    return 1;
  }
  auto store = store::OpenStore(cmd.db);
  if (!store.ok()) {
    std::cerr << "palabre: cannot open the database: " << store.status().ToString() << "\n";
    return 1;
  }

  ReplaceDone replaced;
  if (cmd.replace) {
    const ReplaceRequest request{cmd.site, cmd.backup, cmd.yes, cmd.dry_run};
    const bool interactive = cmd.file != "-" && isatty(STDIN_FILENO) != 0;
    auto r = ReplaceSiteContent(**store, request, clock.NowMs(), interactive, std::cin, std::cerr);
    if (!r.ok()) {
      std::cerr << "palabre: import: " << r.status().message() << "\n";
      return 1;
    }
    replaced = *r;
    options.assume_empty = cmd.dry_run;
  }
  // A site without threads takes the export's salt with its settings, so that the stored
  // client hashes and bans keep matching.
  bool new_site = false;
  if (jsonl && !cmd.dry_run) {
    auto threads = (*store)->ListSiteThreads(cmd.site, 0, 1);
    new_site = threads.ok() && threads->empty();
  }
  const bool bar = !cmd.json && isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  if (bar) {
    options.progress = [start](std::int64_t done, std::int64_t total) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double rate = s > 0 ? static_cast<double>(done) / s : 0.0;
      const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
      std::fprintf(stderr, "\r%lld/%lld comments, %.0f/s, ETA %.0f s   ",
                   static_cast<long long>(done), static_cast<long long>(total), rate, eta);
    };
  }
  const import::Format f = *format;
  service::ReaderFactory open = [f, &path]() -> Result<std::unique_ptr<import::Reader>> {
    if (f == import::Format::kJsonl) return NewHistoryReader(path);
    return import::OpenReader(f, path);
  };
  auto result = service::RunImport(**store, pipeline->get(), cmd.site, open, options);
  if (bar) std::fprintf(stderr, "\n");
  if (!result.ok()) {
    std::cerr << "palabre: import: " << result.status().ToString() << "\n";
    return 1;
  }
  SiteRestore restored;
  if (jsonl && !cmd.dry_run) {
    auto r = RestoreSiteLines(**store, cmd.site, path, new_site);
    if (!r.ok()) {
      std::cerr << "palabre: import: " << r.status().ToString() << "\n";
      return 1;
    }
    restored = *r;
  }
  const std::string name(import::ToString(f));
  if (cmd.json) {
    json::object summary = service::ImportReportJson(*result, name, cmd.dry_run);
    if (jsonl) {
      summary["site"] = json::object{{"settings", restored.site},
                                     {"bans", restored.bans},
                                     {"bans_already_there", restored.skipped},
                                     {"votes", restored.votes},
                                     {"reports", restored.reports},
                                     {"votes_reports_orphaned", restored.orphaned}};
    }
    if (cmd.replace) {
      summary["replaced"] = json::object{{"backup", replaced.backup},
                                         {"threads", replaced.before.threads},
                                         {"comments", replaced.before.comments},
                                         {"deleted", replaced.deleted}};
    }
    std::cout << json::serialize(summary) << "\n";
  } else {
    if (cmd.replace) {
      std::cout << "replace: " << (cmd.dry_run ? "would delete " : "deleted ")
                << replaced.before.threads << " threads and " << replaced.before.comments
                << " comments first";
      if (!replaced.backup.empty()) std::cout << " (backup: " << replaced.backup << ")";
      std::cout << "\n";
    }
    PrintText(*result, name, cmd.dry_run, options.moderation);
    if (restored.site || restored.bans > 0 || restored.skipped > 0) {
      std::cout << "  site: settings " << (restored.site ? "restored" : "unchanged") << "; "
                << restored.bans << " bans added, " << restored.skipped << " already there\n";
    }
    if (restored.votes > 0 || restored.reports > 0 || restored.orphaned > 0) {
      std::cout << "  votes: " << restored.votes << ", reports: " << restored.reports
                << " restored; " << restored.orphaned << " on comments not imported\n";
    }
  }
  return result->plan.malformed == 0 && result->invalid == 0 ? 0 : 2;
}

}  // namespace palabre::app
