// ImportJobs against a real SQLite store and the Disqus fixture: the analysis writes nothing,
// confirming imports on the job's thread, a second import adds nothing, roles, unknown and
// expired uploads, the upload cap, one job per site, and Stop waiting for a running job.
#include "service/import_jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <future>

#include "core/crypto.h"
#include "import/import_testing.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

using namespace std::chrono_literals;
using Phase = ImportJobState::Phase;

User Admin(std::string site = "sahel") {
  User u;
  u.id = 1;
  u.memberships.push_back({std::move(site), Role::kAdmin});
  return u;
}

class ImportJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    SiteService sites(*db_.get(), clock_);
    for (const char* id : {"sahel", "autre"}) {
      SiteInput in;
      in.id = id;
      ASSERT_TRUE(sites.Add(in).ok());
    }
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_import_jobs_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    options_.dir = dir_.string();
    disqus_ = import::Fixture("disqus.xml");
    ASSERT_FALSE(disqus_.empty()) << "PALABRE_SOURCE_DIR must name the source tree";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<ImportJobs> Make(ImportJobs::Hooks hooks = {}) {
    return std::make_unique<ImportJobs>(*db_.get(), nullptr, clock_, options_, std::move(hooks));
  }
  ImportJobState Finished(ImportJobs& jobs, const std::string& site = "sahel") {
    auto state = jobs.State(Admin(site), site, 20s);
    EXPECT_TRUE(state.ok() && state->has_value());
    if (!state.ok() || !state->has_value()) return {};
    EXPECT_NE((*state)->phase, Phase::kRunning);
    return **state;
  }
  std::size_t Files() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_)) ++n;
    return n;
  }
  std::size_t Threads() {
    auto threads = db_.get()->ListSiteThreads("sahel", 0, 100);
    EXPECT_TRUE(threads.ok());
    return threads.ok() ? threads->size() : 0;
  }
  static std::int64_t Written(const ImportJobState& s) {
    return s.report.at("written").as_object().at("comments").as_int64();
  }

  TempStore db_{"import_jobs"};
  FakeClock clock_;
  ImportJobs::Options options_;
  std::filesystem::path dir_;
  std::string disqus_;
};

TEST_F(ImportJobsTest, AnalysesThenImportsOnceConfirmed) {
  std::atomic<int> imported{0};
  ImportJobs::Hooks hooks;
  hooks.imported = [&imported](const std::string& site) {
    EXPECT_EQ(site, "sahel");
    ++imported;
  };
  auto jobs = Make(std::move(hooks));
  auto upload = jobs->Upload(Admin(), "sahel", disqus_, {});
  ASSERT_TRUE(upload.ok()) << upload.status().ToString();
  EXPECT_EQ(upload->format, import::Format::kDisqus);
  EXPECT_EQ(upload->bytes, disqus_.size());
  EXPECT_EQ(upload->expires_at, clock_.NowMs() + 3600 * 1000);
  EXPECT_EQ(upload->id.size(), 22u);
  EXPECT_EQ(Files(), 1u);

  ImportJobState analysis = Finished(*jobs);
  ASSERT_EQ(analysis.phase, Phase::kDone) << analysis.error.ToString();
  EXPECT_TRUE(analysis.dry_run);
  EXPECT_EQ(analysis.upload_id, upload->id);
  EXPECT_EQ(analysis.report.at("format").as_string(), "disqus");
  EXPECT_TRUE(analysis.report.at("dry_run").as_bool());
  const std::int64_t comments = analysis.report.at("plan").as_object().at("comments").as_int64();
  EXPECT_GT(comments, 0);
  EXPECT_EQ(analysis.report.at("plan").as_object().at("merged_threads").as_int64(), 2);
  EXPECT_GT(Written(analysis), 0);  // would write
  EXPECT_EQ(Threads(), 0u);         // wrote nothing
  EXPECT_EQ(imported.load(), 0);

  auto started = jobs->Confirm(Admin(), "sahel", upload->id);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  EXPECT_FALSE(started->dry_run);
  ImportJobState import = Finished(*jobs);
  ASSERT_EQ(import.phase, Phase::kDone) << import.error.ToString();
  EXPECT_FALSE(import.report.at("dry_run").as_bool());
  EXPECT_EQ(Written(import), Written(analysis));
  EXPECT_EQ(import.done, comments);
  EXPECT_EQ(import.total, comments);
  EXPECT_GT(import.finished_at, 0);
  EXPECT_GT(Threads(), 0u);
  EXPECT_EQ(imported.load(), 1);
  // Imported: the file is gone, and cannot be imported twice.
  EXPECT_EQ(jobs->upload_count(), 0u);
  EXPECT_EQ(Files(), 0u);
  EXPECT_EQ(jobs->Confirm(Admin(), "sahel", upload->id).error(), Error::kUnknownUpload);

  // The same export again: everything is there already.
  auto again = jobs->Upload(Admin(), "sahel", disqus_, {});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(Finished(*jobs).phase, Phase::kDone);
  ASSERT_TRUE(jobs->Confirm(Admin(), "sahel", again->id).ok());
  ImportJobState second = Finished(*jobs);
  ASSERT_EQ(second.phase, Phase::kDone);
  EXPECT_EQ(Written(second), 0);
  EXPECT_GT(second.report.at("written").as_object().at("already_imported").as_int64(), 0);
}

TEST_F(ImportJobsTest, TheOptionsAreTheCommandLines) {
  auto jobs = Make();
  ImportRequest request;
  request.format = import::Format::kDisqus;
  request.identity.rule = import::KeyRule::kUrl;
  request.moderation = ImportModeration::kApply;
  ASSERT_TRUE(jobs->Upload(Admin(), "sahel", disqus_, request).ok());
  ImportJobState s = Finished(*jobs);
  ASSERT_EQ(s.phase, Phase::kDone);
  // The default rule merges the fixture's two source threads of one article (no identifier:
  // keyed by path); the url rule keeps them apart (http and https, with and without www).
  const auto& plan = s.report.at("plan").as_object();
  EXPECT_EQ(plan.at("merged_threads").as_int64(), 0) << boost::json::serialize(plan);
  EXPECT_EQ(plan.at("source_threads").as_int64(), 3);
}

TEST_F(ImportJobsTest, OnlyTheSitesAdminsImport) {
  auto jobs = Make();
  User moderator;
  moderator.id = 2;
  moderator.memberships.push_back({"sahel", Role::kModerator});
  EXPECT_EQ(jobs->Upload(moderator, "sahel", disqus_, {}).error(), Error::kForbidden);
  EXPECT_EQ(jobs->State(moderator, "sahel").error(), Error::kForbidden);
  EXPECT_EQ(jobs->Upload(Admin("autre"), "sahel", disqus_, {}).error(), Error::kForbidden);
  EXPECT_EQ(Files(), 0u);
  // An upload of one site is not another's.
  auto upload = jobs->Upload(Admin(), "sahel", disqus_, {});
  ASSERT_TRUE(upload.ok());
  Finished(*jobs);
  EXPECT_EQ(jobs->Confirm(moderator, "sahel", upload->id).error(), Error::kForbidden);
  EXPECT_EQ(jobs->Confirm(Admin("autre"), "autre", upload->id).error(), Error::kUnknownUpload);
  auto none = jobs->State(Admin("autre"), "autre");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(ImportJobsTest, RefusesWhatItCannotRead) {
  auto jobs = Make();
  EXPECT_EQ(jobs->Upload(Admin(), "sahel", "", {}).error(), Error::kInvalidArgument);
  EXPECT_EQ(jobs->Upload(Admin(), "sahel", "pas un export", {}).error(),
            Error::kImportFormatUnknown);
  EXPECT_EQ(Files(), 0u);
  // Named as Commento, the XML fails in the analysis, which says why.
  ImportRequest request;
  request.format = import::Format::kCommento;
  ASSERT_TRUE(jobs->Upload(Admin(), "sahel", disqus_, request).ok());
  ImportJobState s = Finished(*jobs);
  EXPECT_EQ(s.phase, Phase::kFailed);
  EXPECT_EQ(s.error.error(), Error::kInvalidArgument);
}

TEST_F(ImportJobsTest, UploadsExpireAndAreCapped) {
  options_.max_uploads = 1;
  options_.upload_ttl_ms = 60'000;
  auto jobs = Make();
  auto first = jobs->Upload(Admin(), "sahel", disqus_, {});
  ASSERT_TRUE(first.ok());
  Finished(*jobs);
  EXPECT_EQ(jobs->Upload(Admin(), "sahel", disqus_, {}).error(), Error::kTooManyUploads);
  clock_.AdvanceMs(60'000);
  EXPECT_EQ(jobs->upload_count(), 0u);
  EXPECT_EQ(Files(), 0u);
  EXPECT_EQ(jobs->Confirm(Admin(), "sahel", first->id).error(), Error::kUnknownUpload);
  EXPECT_TRUE(jobs->Upload(Admin(), "sahel", disqus_, {}).ok());
}

TEST_F(ImportJobsTest, ExpiredUploadsAreDeletedWithoutBeingAskedAbout) {
  options_.upload_ttl_ms = 60'000;
  options_.sweep_every = 10ms;
  auto jobs = Make();
  ASSERT_TRUE(jobs->Upload(Admin(), "sahel", disqus_, {}).ok());
  Finished(*jobs);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(Files(), 1u);  // not expired yet
  clock_.AdvanceMs(60'000);
  for (int i = 0; i < 200 && Files() > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(Files(), 0u);
}

TEST_F(ImportJobsTest, OneJobPerSiteAndStopWaitsForIt) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> opened{false};
  ImportJobs::Hooks hooks;
  hooks.open = [&](import::Format f,
                   const std::string& path) -> Result<std::unique_ptr<import::Reader>> {
    opened = true;
    released.wait();
    return import::OpenReader(f, path);
  };
  auto jobs = Make(std::move(hooks));
  auto upload = jobs->Upload(Admin(), "sahel", disqus_, {});
  ASSERT_TRUE(upload.ok());
  auto running = jobs->State(Admin(), "sahel", 50ms);
  ASSERT_TRUE(running.ok() && running->has_value());
  EXPECT_EQ((*running)->phase, Phase::kRunning);
  EXPECT_EQ(jobs->Upload(Admin(), "sahel", disqus_, {}).error(), Error::kImportRunning);
  EXPECT_EQ(jobs->Confirm(Admin(), "sahel", upload->id).error(), Error::kImportRunning);
  // Another site is not held up (its own analysis waits on the same hook).
  EXPECT_TRUE(jobs->Upload(Admin("autre"), "autre", disqus_, {}).ok());
  std::thread stopper([&jobs] { jobs->Stop(); });
  std::this_thread::sleep_for(50ms);
  EXPECT_NE(Files(), 0u);  // Stop waits for the jobs before it deletes their files
  release.set_value();
  stopper.join();
  EXPECT_TRUE(opened.load());
  EXPECT_EQ(Files(), 0u);
  EXPECT_EQ(jobs->Upload(Admin(), "sahel", disqus_, {}).error(), Error::kUnavailable);
  auto state = jobs->State(Admin(), "sahel");
  ASSERT_TRUE(state.ok() && state->has_value());
  EXPECT_EQ((*state)->phase, Phase::kDone);
}

}  // namespace
}  // namespace palabre::service
