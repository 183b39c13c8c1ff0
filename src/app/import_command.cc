#include "app/import_command.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_set>

#include "app/history_jsonl.h"
#include "app/serve.h"
#include "core/clock.h"
#include "moderation/pipeline.h"
#include "service/import_run.h"
#include "store/store.h"

namespace palabre::app {
namespace {

namespace json = boost::json;

class HistoryReader : public import::Reader {
 public:
  explicit HistoryReader(const std::string& path) : in_(path, std::ios::binary) {}

  Result<import::Step> Next(import::Record& out) override {
    if (!in_) return Status(Error::kInvalidArgument, "cannot read the JSON Lines file");
    if (!pending_.id.empty()) {
      out = std::move(pending_);
      pending_ = {};
      return import::Step{import::Step::kRecord, {}};
    }
    std::string line;
    while (std::getline(in_, line)) {
      ++number_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      auto record = ParseHistoryLine(line);
      if (!record.ok()) {
        return import::Step{import::Step::kSkipped,
                            "line " + std::to_string(number_) + ": " + record.status().ToString()};
      }
      if (auto* t = std::get_if<service::ImportedThread>(&*record)) {
        threads_.insert(t->key);
        out = Thread(t->key, t->title);
        return import::Step{import::Step::kRecord, {}};
      }
      auto& c = std::get<service::ImportedComment>(*record);
      import::SourceComment comment;
      comment.id = c.source_id;
      comment.thread = c.thread_key;
      comment.parent = c.parent_source_id;
      comment.author = c.author;
      comment.text = c.text;
      comment.created_at = c.created_at;
      if (threads_.insert(c.thread_key).second) {  // a comment before any thread line
        out = Thread(c.thread_key, "");
        pending_ = std::move(comment);
      } else {
        out = std::move(comment);
      }
      return import::Step{import::Step::kRecord, {}};
    }
    if (in_.bad()) return Status(Error::kInvalidArgument, "read error");
    return import::Step{import::Step::kEnd, {}};
  }

 private:
  static import::SourceThread Thread(const std::string& key, const std::string& title) {
    import::SourceThread t;
    t.id = key;
    t.ident = key;  // kept as it is (the "id" rule)
    t.title = title;
    return t;
  }

  std::ifstream in_;
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

std::string Head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

json::object ToJson(const service::ImportResult& r, const std::string& format, bool dry_run) {
  const import::PlanReport& p = r.plan;
  json::object plan{{"source_threads", p.source_threads},
                    {"threads", p.threads},
                    {"merged_threads", p.merged_threads},
                    {"comments", p.comments},
                    {"top_level", p.top_level},
                    {"replies", p.replies},
                    {"published", p.published},
                    {"held", p.held},
                    {"spam", p.spam},
                    {"tombstones", p.tombstones},
                    {"deleted_skipped", p.deleted_skipped},
                    {"orphans", p.orphans},
                    {"placeholders", p.placeholders},
                    {"duplicates", p.duplicates},
                    {"no_thread", p.no_thread},
                    {"malformed", p.malformed}};
  json::object by_rule;
  for (const auto& [rule, n] : p.threads_by_rule) by_rule[rule] = n;
  plan["threads_by_rule"] = std::move(by_rule);
  json::object omitted;
  for (const auto& [what, n] : p.omitted) omitted[what] = n;
  plan["omitted"] = std::move(omitted);
  json::array problems;
  for (const auto& s : p.problems) problems.emplace_back(s);
  plan["problems"] = std::move(problems);
  const service::ImportModerationReport& m = r.moderation;
  json::object codes;
  for (const auto& [code, n] : m.by_code) codes[code] = n;
  json::array invalid;
  for (const auto& s : r.invalid_examples) invalid.emplace_back(s);
  return json::object{{"format", format},
                      {"dry_run", dry_run},
                      {"plan", std::move(plan)},
                      {"moderation", json::object{{"evaluated", m.evaluated},
                                                  {"publish", m.publish},
                                                  {"review", m.review},
                                                  {"hold", m.hold},
                                                  {"reject", m.reject},
                                                  {"by_code", std::move(codes)}}},
                      {"written", json::object{{"threads", r.threads_created},
                                               {"comments", r.comments_written},
                                               {"already_imported", r.already_imported},
                                               {"cycles_broken", r.cycles_broken},
                                               {"refused", r.invalid},
                                               {"refused_examples", std::move(invalid)}}}};
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
                "report: count what moderation would hold, change nothing; apply: do it")
      ->check(CLI::IsMember({"report", "apply"}))
      ->capture_default_str();
  c->add_option("--moderation-config", cmd.moderation_config,
                "file of moderation.<check>.<key> = value lines");
  c->add_option("--model", cmd.model, "toxicity model file (.ftz)");
  c->add_flag("--strict", cmd.strict, "stop at the first malformed element");
  c->add_flag("--json", cmd.json, "print the summary as one JSON object");
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
  if (*format == import::Format::kJsonl) options.identity.rule = import::KeyRule::kId;
  options.dry_run = cmd.dry_run;
  options.strict = cmd.strict;
  options.moderation = cmd.moderate == "apply" ? service::ImportModeration::kApply
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
  const std::string name(import::ToString(f));
  if (cmd.json) {
    std::cout << json::serialize(ToJson(*result, name, cmd.dry_run)) << "\n";
  } else {
    PrintText(*result, name, cmd.dry_run, options.moderation);
  }
  return result->plan.malformed == 0 && result->invalid == 0 ? 0 : 2;
}

}  // namespace palabre::app
