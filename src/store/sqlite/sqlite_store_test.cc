// SqliteStore beyond the shared contract (store_conformance_test.cc covers that): migrations,
// WAL, durability across kill -9, query plans, and the SQLite-specific argument checks.
#include "store/sqlite/sqlite_store.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_queries.h"

namespace palabre::store::sqlite {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr TimestampMs kT0 = 1'700'000'000'000;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "palabre_sqlite_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/palabre.db";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::unique_ptr<SqliteStore> OpenOrDie(SqliteOptions opts = {}) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_, opts);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // A site "s" with a thread "k"; returns the thread id.
  static ThreadId AddSiteAndThread(Store& store) {
    Site site;
    site.id = "s";
    site.name = "Site";
    EXPECT_TRUE(store.CreateSite(site).ok());
    Thread thread;
    thread.site_id = "s";
    thread.key = "k";
    Result<Thread> t = store.EnsureThread(thread);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->id : 0;
  }

  static Comment NewComment(ThreadId thread, std::optional<CommentId> parent, TimestampMs at) {
    Comment c;
    c.thread_id = thread;
    c.parent_id = parent;
    c.author = "Fatou";
    c.text = "Merci pour cet article";
    c.html = "<p>Merci pour cet article</p>";
    c.created_at = at;
    return c;
  }

  // Runs a one-row integer or text query on a separate raw connection.
  std::string QueryText(const char* query) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, query, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    } else {
      ADD_FAILURE() << "query failed: " << sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  std::string dir_;
  std::string path_;
};

// --- Opening and migrations -------------------------------------------------------------------

TEST_F(SqliteStoreTest, OpenAppliesEveryMigrationOnceAndReopeningKeepsTheData) {
  {
    std::unique_ptr<SqliteStore> store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    AddSiteAndThread(*store);
  }
  EXPECT_EQ(QueryText("PRAGMA user_version"), std::to_string(LatestSchemaVersion()));
  std::string objects = QueryText("SELECT count(*) FROM sqlite_master");
  for (int i = 0; i < 3; ++i) {
    std::unique_ptr<SqliteStore> store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    Result<Site> site = store->GetSite("s");
    EXPECT_TRUE(site.ok()) << site.status().ToString();
    Result<Thread> thread = store->GetThread("s", "k");
    EXPECT_TRUE(thread.ok()) << thread.status().ToString();
  }
  EXPECT_EQ(QueryText("PRAGMA user_version"), std::to_string(LatestSchemaVersion()));
  EXPECT_EQ(QueryText("SELECT count(*) FROM sqlite_master"), objects);  // nothing re-created
}

// Versions are 1, 2, 3... with no gap, and each name starts with its version ("0004_...").
TEST_F(SqliteStoreTest, MigrationsAreNumberedInOrder) {
  std::span<const Migration> migrations = Migrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%04d_", migrations[i].version);
    EXPECT_EQ(std::string(migrations[i].name).rfind(prefix, 0), 0u) << migrations[i].name;
  }
  EXPECT_EQ(LatestSchemaVersion(), migrations.back().version);
}

TEST_F(SqliteStoreTest, ADatabaseOfSchemaOneIsUpgradedWithItsData) {
  {
    // A file as the first release left it: schema 1, a site, a thread and a comment.
    Result<std::unique_ptr<Db>> db = Db::Open(path_, true);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec(Migrations()[0].sql).ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 1").ok());
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO sites VALUES ('s', 'Site', '', 'fr', 'UTC', 1, 'salt', 1);"
                           "INSERT INTO threads (site_id, key, title, body, closed, "
                           "comment_count, created_at) VALUES ('s', 'k', '', '', 0, 1, 1);"
                           "INSERT INTO comments (thread_id, site_id, parent_id, root_id, depth, "
                           "author, email, text, html, status, created_at, edited_at, upvotes, "
                           "downvotes, edit_token_hash, client_hash, source_id, moderation) "
                           "VALUES (1, 's', NULL, 1, 0, 'Awa', 'Awa@Example.sn', 'x', 'x', "
                           "'published', 5, NULL, 0, 0, '', 'h', '', '{}')")
                    .ok());
  }
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryText("PRAGMA user_version"), std::to_string(LatestSchemaVersion()));
  Result<Site> site = store->GetSite("s");
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->settings, "{}");
  CommentQuery query;
  query.site_ids = {"s"};
  Result<CommentPage> page = store->QueryComments(query);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->comments.size(), 1u);
  EXPECT_EQ(page->comments[0].author, "Awa");
  EXPECT_FALSE(page->comments[0].review);  // 0003: older comments wait for no review
  EXPECT_EQ(page->comments[0].risk, 0.0);
  Result<std::vector<Comment>> mine = store->ListCommentsByEmail("awa@example.SN");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 1u);
  Report report;
  report.comment_id = page->comments[0].id;
  report.reporter_hash = "r";
  Result<std::int64_t> open = store->AddReport(report);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(*open, 1);
  User user;
  user.email = "mod@example.sn";
  user.memberships = {{"s", Role::kAdmin}};
  EXPECT_TRUE(store->CreateUser(user).ok());
  ASSERT_TRUE(store->ModerateComment(page->comments[0].id, CommentStatus::kRejected).ok());
  Result<Thread> thread = store->GetThread("s", "k");
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->comment_count, 0);
}

// 0007 rebuilds the outbox (SQLite cannot drop a NOT NULL): its rows stay as they were, and the
// ids purged rows had are never handed out again (a row's id is a delivery's idempotency key).
TEST_F(SqliteStoreTest, TheOutboxRebuildOfSchemaSevenKeepsItsRowsAndItsIdCounter) {
  {
    Result<std::unique_ptr<Db>> db = Db::Open(path_, true);
    ASSERT_TRUE(db.ok());
    for (int i = 0; i < 6; ++i) ASSERT_TRUE((*db)->Exec(Migrations()[i].sql).ok()) << i;
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 6").ok());
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO sites VALUES ('s', 'Site', '', 'fr', 'UTC', 1, 'salt', 1, "
                           "'{}');"
                           "INSERT INTO webhooks (site_id, url, format, events, secret, "
                           "created_at) VALUES ('s', 'https://h.example', 'palabre', 18, 'k', 1);"
                           "INSERT INTO outbox (id, webhook_id, site_id, event, subject_id, "
                           "created_at, state, last_error) VALUES (7, 1, 's', 2, 40, 5, 'failed', "
                           "'HTTP 410');"
                           "INSERT INTO outbox (id, webhook_id, site_id, event, subject_id, "
                           "created_at) VALUES (9, 1, 's', 2, 41, 6);"
                           "DELETE FROM outbox WHERE id = 9;")
                    .ok());
  }
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryText("PRAGMA user_version"), std::to_string(LatestSchemaVersion()));
  Result<std::vector<OutboxEntry>> rows = store->ListOutbox("s", std::nullopt, 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].item.id, 7);
  EXPECT_EQ((*rows)[0].item.webhook_id, 1);
  EXPECT_EQ((*rows)[0].item.subscriber_id, 0);
  EXPECT_EQ((*rows)[0].state, OutboxState::kFailed);
  EXPECT_EQ((*rows)[0].last_error, "HTTP 410");
  ASSERT_TRUE(store
                  ->AddBan([] {
                    Ban ban;
                    ban.site_id = "s";
                    ban.author_folded = "x";
                    return ban;
                  }())
                  .ok());
  EXPECT_EQ(QueryText("SELECT MAX(id) FROM outbox"), "10") << "9 was taken once: never again";
}

TEST_F(SqliteStoreTest, ADatabaseNewerThanThisBuildIsRefused) {
  { ASSERT_NE(OpenOrDie(), nullptr); }
  {
    Result<std::unique_ptr<Db>> db = Db::Open(path_, false);
    ASSERT_TRUE(db.ok());
    std::string set = "PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1);
    ASSERT_TRUE((*db)->Exec(set.c_str()).ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  EXPECT_EQ(store.error(), Error::kInternal);
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsRefused) {
  std::ofstream(path_) << "this is not a SQLite database, just some text long enough";
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  EXPECT_FALSE(store.ok());
  EXPECT_EQ(store.error(), Error::kInternal) << store.status().ToString();
}

TEST_F(SqliteStoreTest, AnUnreachableFileIsUnavailable) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir_ + "/missing/dir/x.db");
  EXPECT_EQ(store.error(), Error::kUnavailable) << store.status().ToString();
}

TEST_F(SqliteStoreTest, InMemoryAndBadOptionsAreInvalidArguments) {
  EXPECT_EQ(SqliteStore::Open(":memory:").error(), Error::kInvalidArgument);
  EXPECT_EQ(SqliteStore::Open("").error(), Error::kInvalidArgument);
  SqliteOptions no_readers;
  no_readers.readers = 0;
  EXPECT_EQ(SqliteStore::Open(path_, no_readers).error(), Error::kInvalidArgument);
}

TEST_F(SqliteStoreTest, TheFileIsInWalMode) {
  { ASSERT_NE(OpenOrDie(), nullptr); }
  EXPECT_EQ(QueryText("PRAGMA journal_mode"), "wal");  // persistent: set once on the file
}

TEST_F(SqliteStoreTest, ReadsGoOnWhileAnotherProcessHoldsTheWriteLock) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ThreadId thread = AddSiteAndThread(*store);
  Result<Comment> c = store->InsertComment(NewComment(thread, std::nullopt, kT0));
  ASSERT_TRUE(c.ok());
  // Another connection (as another process would) holds the write lock: reads go on (WAL).
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Result<TopLevelPage> page = store->ListTopLevel(thread, Sort::kOldest, std::nullopt, 20);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->comments.size(), 1u);
  EXPECT_EQ(page->comments[0].id, c->id);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
}

TEST_F(SqliteStoreTest, AWriteLockHeldTooLongIsUnavailable) {
  SqliteOptions opts;
  opts.busy_timeout_ms = 50;
  std::unique_ptr<SqliteStore> store = OpenOrDie(opts);
  ASSERT_NE(store, nullptr);
  ThreadId thread = AddSiteAndThread(*store);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Result<Comment> blocked = store->InsertComment(NewComment(thread, std::nullopt, kT0));
  EXPECT_EQ(blocked.error(), Error::kUnavailable) << blocked.status().ToString();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // The writer recovered: the next write goes through and the count is exact.
  Result<Comment> after = store->InsertComment(NewComment(thread, std::nullopt, kT0));
  EXPECT_TRUE(after.ok()) << after.status().ToString();
  Result<Thread> t = store->GetThreadById(thread);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->comment_count, 1);
}

// --- SQLite-specific argument checks ----------------------------------------------------------

TEST_F(SqliteStoreTest, ArgumentsTheSchemaCannotHoldAreInvalid) {
  std::unique_ptr<SqliteStore> store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ThreadId thread = AddSiteAndThread(*store);
  EXPECT_EQ(store->ListTopLevel(thread, Sort::kOldest, std::nullopt, 0).error(),
            Error::kInvalidArgument);
  Result<Comment> c = store->InsertComment(NewComment(thread, std::nullopt, kT0));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(store->Vote(c->id, "v", "", 2, kT0).error(), Error::kInvalidArgument);
  EXPECT_EQ(store->Vote(c->id, "v", "", -2, kT0).error(), Error::kInvalidArgument);
  EXPECT_EQ(store->Vote(c->id, "", "t", 1, kT0).error(), Error::kInvalidArgument);
  Site site;
  site.id = "t";
  site.origins = {"https://a.example\nhttps://b.example"};
  EXPECT_EQ(store->CreateSite(site).error(), Error::kInvalidArgument);
  EXPECT_EQ(store->GetSite("t").error(), Error::kUnknownSite);
}

TEST_F(SqliteStoreTest, OneReaderServesManyThreadsInTurn) {
  SqliteOptions opts;
  opts.readers = 1;
  std::unique_ptr<SqliteStore> store = OpenOrDie(opts);
  ASSERT_NE(store, nullptr);
  ThreadId thread = AddSiteAndThread(*store);
  ASSERT_TRUE(store->InsertComment(NewComment(thread, std::nullopt, kT0)).ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        Result<TopLevelPage> page = store->ListTopLevel(thread, Sort::kOldest, std::nullopt, 5);
        if (!page.ok() || page->comments.size() != 1) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

// --- Durability -------------------------------------------------------------------------------

// A child process inserts a comment, reports its id through a pipe and is killed with SIGKILL
// at once; the parent reopens the file and finds the comment (and an exact count).
void ExpectInsertSurvivesKill(const std::string& path, SqliteOptions opts, int rounds) {
  ThreadId thread = 0;
  {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path, opts);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Site site;
    site.id = "s";
    ASSERT_TRUE((*store)->CreateSite(site).ok());
    Thread t;
    t.site_id = "s";
    t.key = "k";
    Result<Thread> created = (*store)->EnsureThread(t);
    ASSERT_TRUE(created.ok());
    thread = created->id;
  }  // closed: no connection crosses fork()

  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path, opts);
      if (!store.ok()) _exit(2);
      Comment c;
      c.thread_id = thread;
      c.author = "Enfant";
      c.text = "écrit puis tué";
      c.created_at = kT0 + round;
      Result<Comment> inserted = (*store)->InsertComment(c);
      if (!inserted.ok()) _exit(3);
      CommentId id = inserted->id;
      if (write(fds[1], &id, sizeof id) != static_cast<ssize_t>(sizeof id)) _exit(4);
      for (;;) pause();  // killed here, the store still open
    }
    close(fds[1]);
    CommentId id = 0;
    ssize_t got = read(fds[0], &id, sizeof id);
    kill(pid, SIGKILL);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    close(fds[0]);
    ASSERT_EQ(got, static_cast<ssize_t>(sizeof id))
        << "child failed, exit status " << (WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
    ASSERT_TRUE(WIFSIGNALED(wstatus));
    EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);

    Result<std::unique_ptr<SqliteStore>> reopened = SqliteStore::Open(path, opts);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    Result<Comment> found = (*reopened)->GetComment(id);
    ASSERT_TRUE(found.ok()) << "round " << round << ": " << found.status().ToString();
    EXPECT_EQ(found->text, "écrit puis tué");
    Result<Thread> t = (*reopened)->GetThreadById(thread);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->comment_count, round + 1);
  }
}

TEST_F(SqliteStoreTest, AnInsertSurvivesKill9RightAfterItReturns) {
  ExpectInsertSurvivesKill(path_, SqliteOptions{}, 5);
}

TEST_F(SqliteStoreTest, AnInsertSurvivesKill9WithSynchronousFull) {
  SqliteOptions opts;
  opts.synchronous = SqliteOptions::Synchronous::kFull;
  ExpectInsertSurvivesKill(path_, opts, 3);
}

// --- Query plans ------------------------------------------------------------------------------

// The plan of `query` as SQLite describes it, one step per line.
std::string PlanOf(sqlite3* db, const char* query) {
  std::string explain = std::string("EXPLAIN QUERY PLAN ") + query;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, explain.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
    return "";
  }
  std::string plan;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    plan += '\n';
  }
  sqlite3_finalize(stmt);
  return plan;
}

void ExpectIndexedPlans(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  struct Expectation {
    const char* name;
    const char* query;
    const char* index;
    bool sorted_by_index;  // ORDER BY served by the index: no temporary B-tree
  };
  const Expectation expectations[] = {
      {"kListTopOldest", sql::kListTopOldest, "comments_top_by_time", true},
      {"kListTopOldestAfter", sql::kListTopOldestAfter, "comments_top_by_time", true},
      {"kListTopNewest", sql::kListTopNewest, "comments_top_by_time", true},
      {"kListTopNewestAfter", sql::kListTopNewestAfter, "comments_top_by_time", true},
      {"kListTopBest", sql::kListTopBest, "comments_top_by_score", true},
      {"kListTopBestAfter", sql::kListTopBestAfter, "comments_top_by_score", true},
      {"kListReplies", sql::kListReplies, "comments_by_root", false},
      {"kListRecent", sql::kListRecent, "comments_site_recent", false},
      // The feeds: the queue's index or the site's recent one, whichever the planner takes.
      {"kListLatestPublishedOfSite", sql::kListLatestPublishedOfSite, "USING INDEX comments_",
       true},
      {"kListLatestPublishedOfThread", sql::kListLatestPublishedOfThread, "USING INDEX comments_",
       false},
      {"kFindImported", sql::kFindImported, "comments_import", true},
      {"kSelectComment", sql::kSelectComment, "INTEGER PRIMARY KEY", true},
      {"kSelectCommentPlace", sql::kSelectCommentPlace, "INTEGER PRIMARY KEY", true},
      {"kCountComments", sql::kCountComments, "sqlite_autoindex_threads_1", true},
      {"kSelectThreadByKey", sql::kSelectThreadByKey, "sqlite_autoindex_threads_1", true},
  };
  // The moderation queue's most common shape: one status of some sites, newest first.
  const std::string held_queue =
      std::string(sql::kQueueSelect) + sql::kQueueStatus + sql::kQueueOrderNewest;
  const std::string held_queue_after = std::string(sql::kQueueSelect) + sql::kQueueStatus +
                                       sql::kQueueAfterNewest + sql::kQueueOrderNewest;
  const std::string reported_queue =
      std::string(sql::kQueueSelect) + sql::kQueueReported + sql::kQueueOrderNewest;
  const std::string review_queue =
      std::string(sql::kQueueSelect) + sql::kQueueReview + sql::kQueueOrderRisk;
  const std::string review_queue_after = std::string(sql::kQueueSelect) + sql::kQueueReview +
                                         sql::kQueueAfterRisk + sql::kQueueOrderRisk;
  const Expectation moderation[] = {
      {"held queue", held_queue.c_str(), "comments_queue", false},
      {"held queue after", held_queue_after.c_str(), "comments_queue", false},
      {"reported queue", reported_queue.c_str(), "reports_open", false},
      {"review queue", review_queue.c_str(), "comments_review", false},
      {"review queue after", review_queue_after.c_str(), "comments_review", false},
      {"kCommentsByEmail", sql::kCommentsByEmail, "comments_by_email", false},
      {"kEraseByEmail", sql::kEraseByEmail, "comments_by_email", false},
      {"kCountOpenReports", sql::kCountOpenReports, "reports_open", true},
      {"kFindBan", sql::kFindBan, "bans_by_site", false},
      {"kSelectBans", sql::kSelectBans, "bans_by_site", true},
      {"kSelectAuditBefore", sql::kSelectAuditBefore, "audit_by_site", true},
      {"kCommentFacts", sql::kCommentFacts, "comments_site_recent", true},
  };
  for (const Expectation& e : moderation) {
    std::string plan = PlanOf(db, e.query);
    EXPECT_THAT(plan, HasSubstr(e.index)) << e.name << "\n" << plan;
    EXPECT_THAT(plan, Not(HasSubstr("SCAN comments "))) << e.name << "\n" << plan;
    if (e.sorted_by_index) {
      EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << e.name << "\n" << plan;
    }
  }
  for (const Expectation& e : expectations) {
    std::string plan = PlanOf(db, e.query);
    EXPECT_THAT(plan, HasSubstr(e.index)) << e.name << "\n" << plan;
    EXPECT_THAT(plan, Not(HasSubstr("SCAN comments"))) << e.name << "\n" << plan;
    EXPECT_THAT(plan, Not(HasSubstr("SCAN threads"))) << e.name << "\n" << plan;
    if (e.sorted_by_index) {
      EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << e.name << "\n" << plan;
    }
  }
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, ListingQueriesAreIndexedRangeScansOnANewFile) {
  { ASSERT_NE(OpenOrDie(), nullptr); }
  ExpectIndexedPlans(path_);
}

TEST_F(SqliteStoreTest, ListingQueriesStayIndexedAfterAnalyzeOnRealisticData) {
  {
    std::unique_ptr<SqliteStore> store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ThreadId big = AddSiteAndThread(*store);
    // A 1,000-comment thread where every fifth comment answers the previous one, and a few
    // small threads beside it.
    std::optional<CommentId> previous;
    for (int i = 0; i < 1000; ++i) {
      bool reply = i % 5 == 4 && previous.has_value();
      Result<Comment> c =
          store->InsertComment(NewComment(big, reply ? previous : std::nullopt, kT0 + i));
      ASSERT_TRUE(c.ok());
      previous = c->id;
    }
    // Some held and rejected comments, as a moderation queue has, and a few published ones
    // waiting for review.
    for (int i = 0; i < 60; ++i) {
      Comment c = NewComment(big, std::nullopt, kT0 + 2000 + i);
      c.status = i % 3 == 0 ? CommentStatus::kRejected : CommentStatus::kHeld;
      ASSERT_TRUE(store->InsertComment(c).ok());
    }
    for (int i = 0; i < 8; ++i) {
      Comment c = NewComment(big, std::nullopt, kT0 + 3000 + i);
      c.review = true;
      c.risk = 0.1 * i;
      ASSERT_TRUE(store->InsertComment(c).ok());
    }
    for (int t = 0; t < 20; ++t) {
      Thread small;
      small.site_id = "s";
      small.key = "small-" + std::to_string(t);
      Result<Thread> created = store->EnsureThread(small);
      ASSERT_TRUE(created.ok());
      for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(store->InsertComment(NewComment(created->id, std::nullopt, kT0 + i)).ok());
      }
    }
  }
  {
    Result<std::unique_ptr<Db>> db = Db::Open(path_, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("ANALYZE").ok());
  }
  ExpectIndexedPlans(path_);
}

}  // namespace
}  // namespace palabre::store::sqlite
