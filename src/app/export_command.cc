#include "app/export_command.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/history_jsonl.h"
#include "import/line_file.h"

namespace palabre::app {
namespace {

constexpr int kPage = 500;

// The id a comment has in the export: the one it was imported with, else palabre's own, made
// unique against the site's imported ids (a native 12 and an imported "12" stay apart).
Result<std::string> ExportId(store::Store& store, const std::string& site_id, const Comment& c) {
  if (!c.source_id.empty()) return c.source_id;
  std::string id = std::to_string(c.id);
  for (;;) {
    auto taken = store.FindImported(site_id, id);
    if (!taken.ok()) return taken.status();
    if (!taken->has_value()) return id;
    id += "~";
  }
}

Status ExportThread(store::Store& store, const Thread& thread,
                    const std::function<bool(std::string_view)>& write, ExportCounts& counts) {
  if (!write(ThreadLine(thread))) return Status(Error::kInternal, "cannot write the export");
  ++counts.threads;
  std::unordered_map<CommentId, std::string> ids;  // this thread's comments: their export ids
  CommentId after = 0;
  for (;;) {
    auto page = store.ListThreadComments(thread.id, after, kPage);
    if (!page.ok()) return page.status();
    for (const Comment& c : *page) {
      auto id = ExportId(store, thread.site_id, c);
      if (!id.ok()) return id.status();
      std::string parent;
      if (c.parent_id) {
        const auto it = ids.find(*c.parent_id);
        parent = it != ids.end() ? it->second : std::to_string(*c.parent_id);
      }
      if (!write(CommentLine(c, *id, thread.key, parent))) {
        return Status(Error::kInternal, "cannot write the export");
      }
      ++counts.comments;
      ids.emplace(c.id, std::move(id).value());
    }
    if (page->size() < static_cast<std::size_t>(kPage)) break;
    after = page->back().id;
  }
  // Then who voted on them and who reported them, naming each comment by its export id.
  auto export_id = [&ids](CommentId id) {
    const auto it = ids.find(id);
    return it != ids.end() ? it->second : std::to_string(id);
  };
  CommentId after_comment = 0;
  std::string after_voter;
  for (;;) {
    auto votes = store.ListThreadVotes(thread.id, after_comment, after_voter, kPage);
    if (!votes.ok()) return votes.status();
    for (const CommentVote& v : *votes) {
      if (!write(VoteLine(v, export_id(v.comment_id)))) {
        return Status(Error::kInternal, "cannot write the export");
      }
      ++counts.votes;
    }
    if (votes->size() < static_cast<std::size_t>(kPage)) break;
    after_comment = votes->back().comment_id;
    after_voter = votes->back().voter_hash;
  }
  for (std::int64_t after_report = 0;;) {
    auto reports = store.ListThreadReports(thread.id, after_report, kPage);
    if (!reports.ok()) return reports.status();
    for (const Report& r : *reports) {
      if (!write(ReportLine(r, export_id(r.comment_id)))) {
        return Status(Error::kInternal, "cannot write the export");
      }
      ++counts.reports;
    }
    if (reports->size() < static_cast<std::size_t>(kPage)) return Status::Ok();
    after_report = reports->back().id;
  }
}

// Where the lines go: standard output, a file, or a gzip file.
class Sink {
 public:
  static Result<std::unique_ptr<Sink>> Open(const std::string& path) {
    auto sink = std::make_unique<Sink>();
    if (path.empty() || path == "-") return sink;
    if (path.ends_with(".gz")) {
      sink->gz_ = gzopen(path.c_str(), "wb");
      if (sink->gz_ == nullptr) return Status(Error::kInvalidArgument, "cannot write " + path);
    } else {
      sink->file_.open(path, std::ios::binary | std::ios::trunc);
      if (!sink->file_) return Status(Error::kInvalidArgument, "cannot write " + path);
    }
    return sink;
  }
  Sink() = default;
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() {
    if (gz_ != nullptr) gzclose(gz_);
  }

  bool Write(std::string_view line) {
    if (gz_ != nullptr) {
      return Put(line) && Put("\n");
    }
    std::ostream& out = file_.is_open() ? static_cast<std::ostream&>(file_) : std::cout;
    out << line << '\n';
    return static_cast<bool>(out);
  }

  bool Close() {
    if (gz_ != nullptr) {
      const int rc = gzclose(gz_);
      gz_ = nullptr;
      return rc == Z_OK;
    }
    std::ostream& out = file_.is_open() ? static_cast<std::ostream&>(file_) : std::cout;
    out.flush();
    const bool ok = static_cast<bool>(out);
    if (file_.is_open()) file_.close();
    return ok && !file_.fail();
  }

 private:
  bool Put(std::string_view s) {
    return s.empty() ||
           gzwrite(gz_, s.data(), static_cast<unsigned>(s.size())) == static_cast<int>(s.size());
  }

  gzFile gz_ = nullptr;
  std::ofstream file_;
};

// The palabre id of the comment restored from the export's `export_id` (nullopt: not there, as
// when palabre refused it).
Result<std::optional<CommentId>> CommentOf(store::Store& store, const std::string& site_id,
                                           const std::string& export_id) {
  return store.FindImported(site_id, export_id);
}

bool SameBan(const Ban& a, const Ban& b) {
  return a.author_folded == b.author_folded && a.client_hash == b.client_hash &&
         a.email_hash == b.email_hash && a.reason == b.reason && a.created_at == b.created_at &&
         a.expires_at == b.expires_at;
}

}  // namespace

Result<ExportCounts> ExportSite(store::Store& store, const std::string& site_id,
                                const std::string& thread_key,
                                const std::function<bool(std::string_view)>& write) {
  ExportCounts counts;
  auto site = store.GetSite(site_id);
  if (!site.ok()) return site.status();
  if (!thread_key.empty()) {
    auto thread = store.GetThread(site_id, thread_key);
    if (!thread.ok()) return thread.status();
    PALABRE_RETURN_IF_ERROR(ExportThread(store, *thread, write, counts));
  } else {
    ThreadId after = 0;
    for (;;) {
      auto page = store.ListSiteThreads(site_id, after, kPage);
      if (!page.ok()) return page.status();
      for (const Thread& t : *page) PALABRE_RETURN_IF_ERROR(ExportThread(store, t, write, counts));
      if (page->size() < static_cast<std::size_t>(kPage)) break;
      after = page->back().id;
    }
  }
  // Every ban, expired or not (none is expired at time 0), oldest first.
  auto bans = store.ListBans(site_id, 0);
  if (!bans.ok()) return bans.status();
  std::reverse(bans->begin(), bans->end());
  for (const Ban& b : *bans) {
    if (!write(BanLine(b))) return Status(Error::kInternal, "cannot write the export");
    ++counts.bans;
  }
  if (!write(SiteLine(*site))) return Status(Error::kInternal, "cannot write the export");
  return counts;
}

Result<ExportCounts> ExportSiteToFile(store::Store& store, const std::string& site_id,
                                      const std::string& thread_key, const std::string& path) {
  auto sink = Sink::Open(path);
  if (!sink.ok()) return sink.status();
  Sink& out = **sink;
  auto counts =
      ExportSite(store, site_id, thread_key, [&out](std::string_view l) { return out.Write(l); });
  const bool closed = out.Close();
  if (!counts.ok()) return counts.status();
  if (!closed) {
    return Status(Error::kInternal, "cannot write " + (path.empty() ? "the output" : path));
  }
  return counts;
}

Result<SiteRestore> RestoreSiteLines(store::Store& store, const std::string& site_id,
                                     const std::string& path, bool with_salt) {
  auto site = store.GetSite(site_id);
  if (!site.ok()) return site.status();
  import::LineFile in(path);
  if (!in.is_open()) return Status(Error::kInvalidArgument, "cannot read " + path);
  SiteRestore done;
  std::optional<std::vector<Ban>> existing;  // read at the first ban line
  std::string line;
  for (import::LineFile::Line got; (got = in.Next(line)) != import::LineFile::Line::kEnd;) {
    if (got == import::LineFile::Line::kTooLong) continue;  // counted by the import's passes
    if (line.find("\"site\"") == std::string::npos && line.find("\"ban\"") == std::string::npos &&
        line.find("\"vote\"") == std::string::npos &&
        line.find("\"report\"") == std::string::npos) {
      continue;  // a thread or comment (a cheap test: the import read them already)
    }
    auto record = ParseHistoryLine(line);
    if (!record.ok()) continue;  // counted by the import's own passes
    if (const Site* s = std::get_if<Site>(&*record)) {
      Site updated = *site;
      if (!s->name.empty()) updated.name = s->name;
      updated.origins = s->origins;
      if (!s->locale.empty()) updated.locale = s->locale;
      if (!s->time_zone.empty()) updated.time_zone = s->time_zone;
      updated.auto_create_threads = s->auto_create_threads;
      updated.settings = s->settings;
      if (with_salt && !s->salt.empty()) updated.salt = s->salt;
      PALABRE_RETURN_IF_ERROR(store.UpdateSite(updated));
      site = updated;
      done.site = true;
    } else if (const Ban* b = std::get_if<Ban>(&*record)) {
      if (!existing) {
        auto bans = store.ListBans(site_id, 0);
        if (!bans.ok()) return bans.status();
        existing = std::move(bans).value();
      }
      if (std::any_of(existing->begin(), existing->end(),
                      [&](const Ban& e) { return SameBan(e, *b); })) {
        ++done.skipped;
        continue;
      }
      Ban ban = *b;
      ban.site_id = site_id;
      auto added = store.AddBan(ban);
      if (!added.ok()) return added.status();
      existing->push_back(*added);
      ++done.bans;
    } else if (const auto* v = std::get_if<HistoryVote>(&*record)) {
      auto comment = CommentOf(store, site_id, v->comment);
      if (!comment.ok()) return comment.status();
      if (!*comment) {
        ++done.orphaned;
        continue;
      }
      CommentVote vote = v->vote;
      vote.comment_id = **comment;
      PALABRE_RETURN_IF_ERROR(store.RestoreVote(vote));
      ++done.votes;
    } else if (const auto* r = std::get_if<HistoryReport>(&*record)) {
      auto comment = CommentOf(store, site_id, r->comment);
      if (!comment.ok()) return comment.status();
      if (!*comment) {
        ++done.orphaned;
        continue;
      }
      Report report = r->report;
      report.comment_id = **comment;
      PALABRE_RETURN_IF_ERROR(store.RestoreReport(report));
      ++done.reports;
    }
  }
  if (in.failed()) return Status(Error::kInvalidArgument, "read error in " + path);
  return done;
}

void AddExportCommand(CLI::App& app, ExportCommand& cmd) {
  cmd.command =
      app.add_subcommand("export",
                         "write a site's threads, comments, bans and settings as JSON Lines, which "
                         "`palabre import --format jsonl` restores (docs/EXPORT.md)");
  CLI::App* c = cmd.command;
  c->add_option("--site", cmd.site, "site id")->required();
  c->add_option("--db", cmd.db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  c->add_option("--thread", cmd.thread, "only this thread (its key)");
  c->add_option("--output", cmd.output,
                "file to write (gzipped when it ends in .gz); default: "
                "standard output");
}

int RunExportCommand(const ExportCommand& cmd) {
  if (!cmd.command || !*cmd.command) return -1;
  auto store = store::OpenStore(cmd.db);
  if (!store.ok()) {
    std::cerr << "palabre: cannot open the database: " << store.status().ToString() << "\n";
    return 1;
  }
  auto counts = ExportSiteToFile(**store, cmd.site, cmd.thread, cmd.output);
  if (!counts.ok()) {
    std::cerr << "palabre: export: " << counts.status().ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace palabre::app
