// `palabre import --replace`: nothing is deleted without a backup and a confirmation, and the
// backup restores what was deleted.
#include "app/import_replace.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "app/import_command.h"
#include "service/import_run.h"
#include "service/test_store.h"

namespace palabre::app {
namespace {

constexpr TimestampMs kT0 = 1'700'000'000'000;

class ReplaceTest : public ::testing::Test {
 protected:
  ReplaceTest() : store_("import_replace") {}

  void SetUp() override {
    ASSERT_NE(store_.get(), nullptr);
    Site site;
    site.id = "s";
    site.name = "Le Journal";
    site.salt = "salt";
    ASSERT_TRUE(store_.get()->CreateSite(site).ok());
    Thread t;
    t.site_id = "s";
    t.key = "article";
    t.created_at = kT0;
    auto thread = store_.get()->EnsureThread(t);
    ASSERT_TRUE(thread.ok());
    for (int i = 0; i < 3; ++i) {
      Comment c;
      c.thread_id = thread->id;
      c.author = "Awa";
      c.text = "Commentaire " + std::to_string(i);
      c.html = "<p>" + c.text + "</p>";
      c.created_at = kT0 + i;
      ASSERT_TRUE(store_.get()->InsertComment(c).ok());
    }
    backup_ = (std::filesystem::path(store_.path()).parent_path() / "backup.jsonl.gz").string();
  }

  std::int64_t Threads() {
    auto threads = store_.get()->ListSiteThreads("s", 0, 100);
    return threads.ok() ? static_cast<std::int64_t>(threads->size()) : -1;
  }

  Result<ReplaceDone> Replace(bool yes, bool interactive, const std::string& typed,
                              bool dry_run = false) {
    std::istringstream answer(typed);
    prompt_.str("");
    return ReplaceSiteContent(*store_.get(), ReplaceRequest{"s", backup_, yes, dry_run}, kT0,
                              interactive, answer, prompt_);
  }

  service::TempStore store_;
  std::string backup_;
  std::ostringstream prompt_;
};

TEST_F(ReplaceTest, NotOnATerminalItNeedsYes) {
  auto done = Replace(/*yes=*/false, /*interactive=*/false, "");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error(), Error::kInvalidArgument);
  EXPECT_NE(done.status().message().find("--yes"), std::string::npos);
  EXPECT_EQ(Threads(), 1);  // nothing deleted
}

TEST_F(ReplaceTest, OnATerminalTheSiteIdMustBeTyped) {
  auto wrong = Replace(false, true, "oui\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(Threads(), 1);
  EXPECT_NE(prompt_.str().find("1 threads and 3 comments of site s"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(backup_));  // the backup stays

  auto right = Replace(false, true, "s\n");
  ASSERT_TRUE(right.ok()) << right.status().ToString();
  EXPECT_EQ(right->deleted, 3);
  EXPECT_EQ(right->before.comments, 3);
  EXPECT_EQ(Threads(), 0);
}

TEST_F(ReplaceTest, ADryRunCountsAndChangesNothing) {
  auto done = Replace(false, false, "", /*dry_run=*/true);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->before.threads, 1);
  EXPECT_EQ(done->before.comments, 3);
  EXPECT_EQ(done->deleted, 0);
  EXPECT_TRUE(done->backup.empty());
  EXPECT_FALSE(std::filesystem::exists(backup_));
  EXPECT_EQ(Threads(), 1);
}

TEST_F(ReplaceTest, TheBackupRestoresWhatWasDeleted) {
  auto done = Replace(/*yes=*/true, false, "");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->backup, backup_);
  ASSERT_EQ(Threads(), 0);
  service::ImportOptions options;
  options.identity.rule = import::KeyRule::kId;
  options.exact = true;
  options.moderation = service::ImportModeration::kOff;
  const std::string path = backup_;
  service::ReaderFactory open = [&path]() -> Result<std::unique_ptr<import::Reader>> {
    return NewHistoryReader(path);
  };
  auto restored = service::RunImport(*store_.get(), nullptr, "s", open, options);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->comments_written, 3);
  EXPECT_EQ(Threads(), 1);
}

TEST_F(ReplaceTest, AnUnwritableBackupDeletesNothing) {
  backup_ = "/nonexistent-dir/backup.jsonl";
  auto done = Replace(true, false, "");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(Threads(), 1);
}

TEST(DefaultBackupPathTest, NamesTheSiteAndTheTimeInUtc) {
  EXPECT_EQ(DefaultBackupPath("lejournal", 1'700'000'000'000),
            "palabre-backup-lejournal-20231114T221320Z.jsonl.gz");
}

}  // namespace
}  // namespace palabre::app
