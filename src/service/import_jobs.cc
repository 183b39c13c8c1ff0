#include "service/import_jobs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "core/crypto.h"
#include "import/line_file.h"
#include "service/auth_service.h"
#include "service/import_report.h"

namespace palabre::service {
namespace {

constexpr std::size_t kHeadBytes = 4096;

// The first bytes the format is told from: of the content when the file is gzipped (a
// Remark42 backup, palabre's export written to a .gz), else of the file.
std::string Head(std::string_view bytes, const std::string& path) {
  const bool gzipped = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
                       static_cast<unsigned char>(bytes[1]) == 0x8b;
  if (!gzipped) return std::string(bytes.substr(0, kHeadBytes));
  std::string head;
  std::string line;
  import::LineFile in(path, kHeadBytes);
  for (auto got = in.Next(line); got != import::LineFile::Line::kEnd && head.size() < kHeadBytes;
       got = in.Next(line)) {
    head += line;
    head += '\n';
  }
  return head.empty() ? std::string(bytes.substr(0, kHeadBytes)) : head;
}

// Writes `bytes` to a new file only this process's user may read; returns its path.
Result<std::string> Spool(const std::string& dir, std::string_view bytes) {
  std::error_code ec;
  const std::filesystem::path base =
      dir.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(dir);
  if (ec) return Status(Error::kInternal, "no temporary directory");
  std::string path = (base / "palabre-upload-XXXXXX").string();
  const int fd = mkstemp(path.data());  // 0600
  if (fd < 0) return Status(Error::kInternal, "cannot create the upload's file");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      close(fd);
      unlink(path.c_str());
      return Status(Error::kInternal, "cannot write the upload's file");
    }
    written += static_cast<std::size_t>(n);
  }
  if (close(fd) != 0) {
    unlink(path.c_str());
    return Status(Error::kInternal, "cannot write the upload's file");
  }
  return path;
}

// `palabre import`'s options for a request, as its command line would give them.
ImportOptions OptionsFor(const ImportRequest& request, import::Format format, bool dry_run) {
  ImportOptions options;
  options.identity = request.identity;
  const bool jsonl = format == import::Format::kJsonl;
  if (jsonl) options.identity.rule = import::KeyRule::kId;
  options.dry_run = dry_run;
  // palabre's own JSON Lines are restored as they are (app/import_command.cc).
  options.exact = jsonl;
  options.moderation =
      request.moderation.value_or(jsonl ? ImportModeration::kOff : ImportModeration::kReport);
  return options;
}

}  // namespace

Result<ImportRequest> ParseImportRequest(std::string_view format, std::string_view thread_key,
                                         const std::vector<std::string_view>& maps,
                                         std::string_view moderate) {
  ImportRequest r;
  if (!format.empty()) {
    r.format = import::ParseFormat(format);
    if (!r.format) {
      return Status(Error::kInvalidArgument,
                    "format: disqus, wxr, remark42, isso, commento or jsonl");
    }
  }
  if (!thread_key.empty()) {
    auto rule = import::ParseKeyRule(thread_key);
    if (!rule) return Status(Error::kInvalidArgument, "thread_key: id, url or path");
    r.identity.rule = *rule;
  }
  for (std::string_view spec : maps) {
    auto map = import::ParseMap(spec);
    if (!map) return Status(Error::kInvalidArgument, "map: OLD=NEW");
    r.identity.maps.push_back(*map);
  }
  if (moderate == "report") {
    r.moderation = ImportModeration::kReport;
  } else if (moderate == "apply") {
    r.moderation = ImportModeration::kApply;
  } else if (!moderate.empty()) {
    return Status(Error::kInvalidArgument, "moderate: report or apply");
  }
  return r;
}

std::string_view FormatName(import::Format format) { return import::ToString(format); }

ImportJobs::ImportJobs(store::Store& store, moderation::Moderator* moderator, const Clock& clock,
                       Options options, Hooks hooks)
    : store_(store),
      moderator_(moderator),
      clock_(clock),
      options_(std::move(options)),
      hooks_(std::move(hooks)) {
  sweeper_ = std::thread([this] {
    MutexLock lock(mu_);
    while (!stopped_) {
      changed_.wait_for(mu_, options_.sweep_every, [this]() REQUIRES(mu_) { return stopped_; });
      SweepLocked();
    }
  });
}

ImportJobs::~ImportJobs() { Stop(); }

void ImportJobs::Stop() {
  std::vector<std::thread> threads;
  std::vector<std::string> paths;
  {
    MutexLock lock(mu_);
    stopped_ = true;
    changed_.notify_all();
    for (auto& [site, job] : jobs_) {
      if (job->thread.joinable()) threads.push_back(std::move(job->thread));
    }
    if (sweeper_.joinable()) threads.push_back(std::move(sweeper_));
  }
  for (std::thread& t : threads) t.join();  // a job takes mu_ to finish: not held here
  MutexLock lock(mu_);
  for (const auto& [id, upload] : uploads_) std::filesystem::remove(upload.path);
  uploads_.clear();
}

void ImportJobs::SweepLocked() {
  const TimestampMs now = clock_.NowMs();
  for (auto it = uploads_.begin(); it != uploads_.end();) {
    // An upload a job reads stays until the job ends.
    auto job = jobs_.find(it->second.site_id);
    const bool in_use = job != jobs_.end() &&
                        job->second->state.phase == ImportJobState::Phase::kRunning &&
                        job->second->state.upload_id == it->first;
    if (it->second.info.expires_at <= now && !in_use) {
      std::filesystem::remove(it->second.path);
      it = uploads_.erase(it);
    } else {
      ++it;
    }
  }
}

bool ImportJobs::RunningLocked(const std::string& site_id) const {
  auto it = jobs_.find(site_id);
  return it != jobs_.end() && it->second->state.phase == ImportJobState::Phase::kRunning;
}

std::size_t ImportJobs::upload_count() {
  MutexLock lock(mu_);
  SweepLocked();
  return uploads_.size();
}

Result<ImportUpload> ImportJobs::Upload(const User& user, std::string_view site_id,
                                        std::string_view bytes, const ImportRequest& request) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  if (bytes.empty()) return Status(Error::kInvalidArgument, "the file is empty");
  const std::string site(site_id);
  {
    MutexLock lock(mu_);
    if (stopped_) return Status(Error::kUnavailable, "the server is stopping");
    SweepLocked();
    if (RunningLocked(site)) return Status(Error::kImportRunning, "an import runs for " + site);
    if (uploads_.size() >= options_.max_uploads) {
      return Status(Error::kTooManyUploads, "uploads waiting: " + std::to_string(uploads_.size()));
    }
  }
  auto path = Spool(options_.dir, bytes);
  if (!path.ok()) return path.status();
  std::optional<import::Format> format = request.format;
  if (!format) format = import::DetectFormat(Head(bytes, *path));
  if (!format) {
    std::filesystem::remove(*path);
    return Status(Error::kImportFormatUnknown, "cannot tell the file's format");
  }
  Kept upload;
  upload.site_id = site;
  upload.path = *path;
  upload.request = request;
  upload.info.id = RandomToken(16);
  upload.info.format = *format;
  upload.info.bytes = bytes.size();
  upload.info.expires_at = clock_.NowMs() + options_.upload_ttl_ms;
  MutexLock lock(mu_);
  // Checked again: another upload or job may have come while the file was written.
  Status started = stopped_ ? Status(Error::kUnavailable, "the server is stopping")
                   : RunningLocked(site)
                       ? Status(Error::kImportRunning, "an import runs for " + site)
                   : uploads_.size() >= options_.max_uploads
                       ? Status(Error::kTooManyUploads, "too many uploads waiting")
                       : StartLocked(site, upload, /*dry_run=*/true);
  if (!started.ok()) {
    std::filesystem::remove(*path);
    return started;
  }
  uploads_.emplace(upload.info.id, upload);
  return upload.info;
}

Result<ImportJobState> ImportJobs::Confirm(const User& user, std::string_view site_id,
                                           std::string_view upload_id) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  const std::string site(site_id);
  MutexLock lock(mu_);
  if (stopped_) return Status(Error::kUnavailable, "the server is stopping");
  SweepLocked();
  auto it = uploads_.find(std::string(upload_id));
  if (it == uploads_.end() || it->second.site_id != site) {
    return Status(Error::kUnknownUpload, "no such upload (expired?)");
  }
  if (RunningLocked(site)) return Status(Error::kImportRunning, "an import runs for " + site);
  PALABRE_RETURN_IF_ERROR(StartLocked(site, it->second, /*dry_run=*/false));
  return jobs_.at(site)->state;
}

Status ImportJobs::StartLocked(const std::string& site_id, const Kept& upload, bool dry_run) {
  auto& slot = jobs_[site_id];
  if (slot && slot->thread.joinable()) slot->thread.join();  // finished: its thread has ended
  slot = std::make_unique<Job>();
  slot->state.upload_id = upload.info.id;
  slot->state.dry_run = dry_run;
  slot->state.started_at = clock_.NowMs();
  try {
    slot->thread = std::thread(&ImportJobs::Run, this, site_id, upload, dry_run);
  } catch (const std::system_error& e) {
    jobs_.erase(site_id);
    return Status(Error::kInternal, std::string("cannot start the import: ") + e.what());
  }
  return Status::Ok();
}

Result<std::optional<ImportJobState>> ImportJobs::State(const User& user, std::string_view site_id,
                                                        std::chrono::milliseconds wait) {
  PALABRE_RETURN_IF_ERROR(AuthService::Require(user, site_id, Role::kAdmin));
  const std::string site(site_id);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  MutexLock lock(mu_);
  changed_.wait_until(mu_, deadline,
                      [&]() REQUIRES(mu_) { return stopped_ || !RunningLocked(site); });
  auto it = jobs_.find(site);
  if (it == jobs_.end()) return std::optional<ImportJobState>();
  return std::optional<ImportJobState>(it->second->state);
}

void ImportJobs::Run(std::string site_id, Kept upload, bool dry_run) {
  const import::Format format = upload.info.format;
  ImportOptions options = OptionsFor(upload.request, format, dry_run);
  options.progress = [this, &site_id](std::int64_t done, std::int64_t total) {
    MutexLock lock(mu_);
    auto it = jobs_.find(site_id);
    if (it == jobs_.end()) return;
    it->second->state.done = done;
    it->second->state.total = total;
  };
  const std::string path = upload.path;
  ReaderFactory open = [this, format, &path]() -> Result<std::unique_ptr<import::Reader>> {
    if (hooks_.open) return hooks_.open(format, path);
    return import::OpenReader(format, path);
  };
  const bool jsonl = format == import::Format::kJsonl;
  bool new_site = false;
  if (jsonl && !dry_run) {
    auto threads = store_.ListSiteThreads(site_id, 0, 1);
    new_site = threads.ok() && threads->empty();
  }
  Result<ImportResult> result = Status(Error::kInternal, "not run");
  boost::json::object report;
  try {
    result = RunImport(store_, moderator_, site_id, open, options);
    if (result.ok()) {
      report = ImportReportJson(*result, import::ToString(format), dry_run);
      if (!dry_run && jsonl && hooks_.restore) {
        auto restored = hooks_.restore(site_id, path, new_site);
        if (restored.ok()) {
          report["site"] = std::move(*restored);
        } else {
          result = restored.status();
        }
      }
    }
  } catch (const std::exception& e) {  // out of memory, most likely
    result = Status(Error::kInternal, e.what());
  }
  if (!dry_run && hooks_.imported) hooks_.imported(site_id);  // even a failed one wrote some
  MutexLock lock(mu_);
  Job& job = *jobs_.at(site_id);
  job.state.finished_at = clock_.NowMs();
  if (result.ok()) {
    job.state.phase = ImportJobState::Phase::kDone;
    job.state.done = job.state.total = result->plan.comments;
    job.state.report = std::move(report);
    if (!dry_run) {  // imported: the file has served
      auto it = uploads_.find(upload.info.id);
      if (it != uploads_.end()) {
        std::filesystem::remove(it->second.path);
        uploads_.erase(it);
      }
    }
  } else {
    job.state.phase = ImportJobState::Phase::kFailed;
    job.state.error = result.status();
  }
  changed_.notify_all();
}

}  // namespace palabre::service
