// PgStore beyond the conformance suite: URL parsing, migrations, several stores (nodes) on one
// database, connection loss and reconnection, the pool's limits, durability settings, and the
// change feed over LISTEN/NOTIFY. Runs on the test server of pg_testing.h, a fresh schema per
// test. Suites are named Pg* so that ctest gives them the PostgreSQL fixture.
#include "store/postgres/pg_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/thread_annotations.h"
#include "store/change_feed.h"
#include "store/fault_injecting_store.h"
#include "store/postgres/pg_change_feed.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_testing.h"

namespace palabre::store::pg {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr TimestampMs kT0 = 1'700'000'000'000;

Site MakeSite(const std::string& id) {
  Site site;
  site.id = id;
  site.name = "Site " + id;
  site.origins = {"https://" + id + ".example.sn"};
  site.salt = "salt";
  site.created_at = kT0;
  return site;
}

Thread MakeThread(const std::string& site, const std::string& key) {
  Thread thread;
  thread.site_id = site;
  thread.key = key;
  thread.title = "Titre";
  thread.created_at = kT0;
  return thread;
}

Comment MakeComment(ThreadId thread, TimestampMs at, std::optional<CommentId> parent = {}) {
  Comment c;
  c.thread_id = thread;
  c.parent_id = parent;
  c.author = "Awa";
  c.text = "Bonjour";
  c.html = "<p>Bonjour</p>";
  c.created_at = at;
  return c;
}

// --- URL --------------------------------------------------------------------------------------

TEST(PgUrlTest, PalabreParametersAreTakenOutAndLibpqOnesKept) {
  Result<PgConfig> config = ParsePgUrl(
      "postgres://u@db.internal:6432/palabre?pool_size=3&sslmode=require&schema=news_1"
      "&acquire_timeout_ms=250&application_name=node-a");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->conninfo,
            "postgres://u@db.internal:6432/palabre?sslmode=require&application_name=node-a"
            "&connect_timeout=5&client_encoding=UTF8&fallback_application_name=palabre");
  EXPECT_EQ(config->pool.size, 3);
  EXPECT_EQ(config->pool.acquire_timeout, 250ms);
  EXPECT_EQ(config->schema, "news_1");

  Result<PgConfig> plain = ParsePgUrl("postgresql://localhost/palabre?connect_timeout=2");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->conninfo,
            "postgresql://localhost/palabre?connect_timeout=2&client_encoding=UTF8"
            "&fallback_application_name=palabre");
  EXPECT_EQ(plain->pool.size, 8);
  EXPECT_EQ(plain->schema, "");
}

TEST(PgUrlTest, BadPalabreParametersAreInvalidArguments) {
  for (const char* url : {
           "postgres://h/db?pool_size=0",
           "postgres://h/db?pool_size=many",
           "postgres://h/db?acquire_timeout_ms=0",
           "postgres://h/db?schema=has-dash",
           "postgres://h/db?schema=",
           "postgres://h/db?schema=a_name_that_is_much_too_long_for_a_channel_name_x",
           "postgres://h/db?client_encoding=LATIN1",
           "postgres://h/db?pool_size",
           "mysql://h/db",
           "postgres:db",
       }) {
    EXPECT_EQ(ParsePgUrl(url).error(), Error::kInvalidArgument) << url;
  }
}

// --- Notifications ----------------------------------------------------------------------------

TEST(PgNotificationTest, ParsesEveryKindAndKeysWithTabs) {
  std::optional<Notification> n = ParseNotification("v1\tnode-1\tinserted\t42\tdakar\tarticle-7");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->node, "node-1");
  EXPECT_EQ(n->change, (Change{ChangeKind::kCommentInserted, "dakar", "article-7", 42}));
  std::optional<Notification> tabs = ParseNotification("v1\tn\tthread\t0\ts\ta\tkey\twith tabs");
  ASSERT_TRUE(tabs.has_value());
  EXPECT_EQ(tabs->change, (Change{ChangeKind::kThreadChanged, "s", "a\tkey\twith tabs", 0}));
  for (auto [text, kind] : {std::pair{"edited", ChangeKind::kCommentEdited},
                            std::pair{"status", ChangeKind::kCommentStatus},
                            std::pair{"voted", ChangeKind::kCommentVoted}}) {
    std::optional<Notification> parsed =
        ParseNotification(std::string("v1\tn\t") + text + "\t5\ts\tk");
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->change.kind, kind);
  }
}

TEST(PgNotificationTest, AnythingElseIsIgnored) {
  for (const char* payload :
       {"", "v2\tn\tinserted\t1\ts\tk", "v1\tn\tinserted\t1\ts", "v1\tn\tdeleted\t1\ts\tk",
        "v1\tn\tinserted\tx1\ts\tk", "v1\tn\tinserted\t-1\ts\tk", "v1\t\tinserted\t1\ts\tk",
        "v1\tn\tinserted\t1\t\tk", "v1\tn\tresync\t0\ts\tk"}) {
    EXPECT_FALSE(ParseNotification(payload).has_value()) << payload;
  }
}

// --- Against the server -----------------------------------------------------------------------

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> server = testing::TestServerUrl();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = *server;
    schema_ =
        testing::UniqueSchema(::testing::UnitTest::GetInstance()->current_test_info()->name());
    // application_name tells this test's connections apart in pg_stat_activity.
    url_ = testing::WithSchema(server_, schema_) + "&application_name=" + schema_;
  }

  void TearDown() override { testing::DropSchema(server_, schema_); }

  std::unique_ptr<PgStore> Open(const std::string& extra = "") {
    Result<std::unique_ptr<PgStore>> store = PgStore::Open(url_ + extra);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // A connection outside any store, for looking at and breaking things.
  std::unique_ptr<Conn> Admin() {
    Result<std::unique_ptr<Conn>> conn = Conn::Connect(server_);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  }

  // What the server does when it restarts or an administrator kills sessions: ends every
  // connection of this test's stores whose current or last query matches `query_like`, and
  // waits (up to 5 s each) until their processes are gone.
  int TerminateConnections(const std::string& query_like = "%") {
    std::unique_ptr<Conn> admin = Admin();
    if (admin == nullptr) return -1;
    static constexpr Query kTerminate = {
        "test_terminate",
        "SELECT COUNT(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
        "WHERE application_name = $1 AND query LIKE $2 AND pid <> pg_backend_pid()"};
    Result<Rows> killed = admin->Run(kTerminate, Params().Text(schema_).Text(query_like));
    EXPECT_TRUE(killed.ok()) << killed.status().ToString();
    return killed.ok() ? static_cast<int>(killed->Int(0, 0)) : -1;
  }

  std::string server_;
  std::string schema_;
  std::string url_;
};

TEST_F(PgStoreTest, OpenMigratesOnceAndASchemaNewerThanThisBuildIsRefused) {
  ASSERT_NE(Open(), nullptr);
  std::unique_ptr<PgStore> again = Open();
  ASSERT_NE(again, nullptr);
  {
    Result<Pool::Lease> lease = again->pool().Acquire();
    ASSERT_TRUE(lease.ok());
    Result<Rows> versions =
        (**lease).Exec("SELECT version, name FROM palabre_schema ORDER BY version");
    ASSERT_TRUE(versions.ok()) << versions.status().ToString();
    ASSERT_EQ(versions->size(), static_cast<int>(Migrations().size()));  // each once
    EXPECT_EQ(versions->Int(versions->size() - 1, 0), LatestSchemaVersion());
    ASSERT_TRUE(
        (**lease).ExecOk("INSERT INTO palabre_schema (version, name) VALUES (999, 'x')").ok());
  }
  again.reset();
  Result<std::unique_ptr<PgStore>> newer = PgStore::Open(url_);
  EXPECT_EQ(newer.error(), Error::kInternal);
  EXPECT_THAT(newer.status().message(), HasSubstr("newer than this build"));
}

TEST_F(PgStoreTest, ASchemaOfVersionOneIsUpgradedWithItsData) {
  {
    // A schema as the first release left it: version 1, a site, a thread and a comment.
    std::unique_ptr<Conn> admin = Admin();
    ASSERT_NE(admin, nullptr);
    std::string setup = "CREATE SCHEMA " + admin->QuoteIdentifier(schema_) +
                        "; SET search_path TO " + admin->QuoteIdentifier(schema_) + "; " +
                        Migrations()[0].sql +
                        "; CREATE TABLE palabre_schema (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now()); "
                        "INSERT INTO palabre_schema (version, name) VALUES (1, 'x'); "
                        "INSERT INTO sites VALUES ('s', 'Site', '', 'fr', 'UTC', TRUE, 'salt', 1); "
                        "INSERT INTO threads (site_id, key, title, body, closed, comment_count, "
                        "created_at) VALUES ('s', 'k', '', '', FALSE, 1, 1); "
                        "INSERT INTO comments (thread_id, site_id, parent_id, root_id, depth, "
                        "author, email, text, html, status, created_at, edited_at, upvotes, "
                        "downvotes, edit_token_hash, client_hash, source_id, moderation) "
                        "SELECT id, 's', NULL, 1, 0, 'Awa', 'Awa@Example.sn', 'x', 'x', "
                        "'published', 5, NULL, 0, 0, '', 'h', '', '{}' FROM threads";
    ASSERT_TRUE(admin->ExecOk(setup.c_str()).ok());
  }
  std::unique_ptr<PgStore> store = Open();
  ASSERT_NE(store, nullptr);
  Result<Site> site = store->GetSite("s");
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->settings, "{}");
  CommentQuery query;
  query.site_ids = {"s"};
  Result<CommentPage> page = store->QueryComments(query);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->comments.size(), 1u);
  Result<std::vector<Comment>> mine = store->ListCommentsByEmail("awa@example.SN");
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->size(), 1u);
  Report report;
  report.comment_id = page->comments[0].id;
  report.reporter_hash = "r";
  Result<std::int64_t> open = store->AddReport(report);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(*open, 1);
  ASSERT_TRUE(store->ModerateComment(page->comments[0].id, CommentStatus::kRejected).ok());
  Result<Thread> thread = store->GetThread("s", "k");
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->comment_count, 0);
}

TEST_F(PgStoreTest, TwoStoresOnOneDatabaseKeepCountsAndVotesExact) {
  // Two nodes: two stores, two pools, one schema.
  std::unique_ptr<PgStore> a = Open();
  std::unique_ptr<PgStore> b = Open();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->CreateSite(MakeSite("s")).ok());
  Result<Thread> thread = b->EnsureThread(MakeThread("s", "k"));
  ASSERT_TRUE(thread.ok());
  Result<Comment> target = a->InsertComment(MakeComment(thread->id, kT0));
  ASSERT_TRUE(target.ok());

  constexpr int kWriters = 4;
  constexpr int kPerWriter = 60;
  constexpr int kVoters = 30;
  std::atomic<int> failures{0};
  std::atomic<int> already{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      PgStore& store = w % 2 == 0 ? *a : *b;
      for (int i = 0; i < kPerWriter; ++i) {
        std::optional<CommentId> parent;
        if (i % 4 == 3) parent = target->id;
        if (!store.InsertComment(MakeComment(thread->id, kT0 + i, parent)).ok()) ++failures;
      }
    });
  }
  // Every voter votes up through both nodes at once: one counts, the other is kAlreadyVoted.
  for (int n = 0; n < 2; ++n) {
    threads.emplace_back([&, n] {
      PgStore& store = n == 0 ? *a : *b;
      for (int v = 0; v < kVoters; ++v) {
        Result<Comment> voted =
            store.Vote(target->id, "voter-" + std::to_string(v), "", 1, kT0 + v);
        if (voted.error() == Error::kAlreadyVoted) {
          ++already;
        } else if (!voted.ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(already.load(), kVoters);
  Result<Thread> counted = a->GetThreadById(thread->id);
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->comment_count, 1 + kWriters * kPerWriter);
  Result<Comment> voted = b->GetComment(target->id);
  ASSERT_TRUE(voted.ok());
  EXPECT_EQ(voted->upvotes, kVoters);
  EXPECT_EQ(voted->downvotes, 0);
}

TEST_F(PgStoreTest, ConnectionsKilledByTheServerAreReplacedOnTheNextCall) {
  std::unique_ptr<PgStore> store = Open("&pool_size=2");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateSite(MakeSite("s")).ok());
  Result<Thread> thread = store->EnsureThread(MakeThread("s", "k"));
  ASSERT_TRUE(thread.ok());
  const int connects = store->pool().connects();

  ASSERT_GE(TerminateConnections(), 1);
  // A write right after: the dead connection is noticed before use, a new one takes its place.
  Result<Comment> inserted = store->InsertComment(MakeComment(thread->id, kT0));
  EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
  EXPECT_TRUE(store->GetSite("s").ok());
  EXPECT_GT(store->pool().connects(), connects);
  EXPECT_LE(store->pool().open_connections(), 2);
}

TEST_F(PgStoreTest, AnUnreachableServerIsUnavailableAtOnce) {
  const auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<PgStore>> store = PgStore::Open("postgres://palabre@127.0.0.1:1/none");
  EXPECT_EQ(store.error(), Error::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(PgStoreTest, AnExhaustedPoolIsUnavailableAfterItsTimeout) {
  std::unique_ptr<PgStore> store = Open("&pool_size=1&acquire_timeout_ms=150");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateSite(MakeSite("s")).ok());
  {
    Result<Pool::Lease> held = store->pool().Acquire();  // the only connection
    ASSERT_TRUE(held.ok());
    const auto start = std::chrono::steady_clock::now();
    Result<Site> site = store->GetSite("s");
    EXPECT_EQ(site.error(), Error::kUnavailable);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
  }
  EXPECT_TRUE(store->GetSite("s").ok());  // given back: usable again
  EXPECT_EQ(store->pool().open_connections(), 1);
}

TEST_F(PgStoreTest, ALeaseReturnedInsideATransactionIsRolledBack) {
  std::unique_ptr<PgStore> store = Open("&pool_size=1");
  ASSERT_NE(store, nullptr);
  {
    Result<Pool::Lease> lease = store->pool().Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((**lease).ExecOk("BEGIN").ok());
    ASSERT_TRUE((**lease)
                    .ExecOk("INSERT INTO sites VALUES ('ghost', 'g', '', 'fr', 'UTC', true, "
                            "'salt', 0)")
                    .ok());
  }  // returned mid-transaction
  EXPECT_EQ(store->GetSite("ghost").error(), Error::kUnknownSite);
  EXPECT_TRUE(store->CreateSite(MakeSite("real")).ok());
}

TEST_F(PgStoreTest, SessionsCommitSynchronouslyEvenIfTheServerSaysOff) {
  // The server's default for these sessions is off (as a DBA might set it for speed).
  const std::string off = "&options=-c%20synchronous_commit%3Doff";
  Result<std::unique_ptr<Conn>> raw = Conn::Connect(server_ + "?" + off.substr(1));
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  Result<Rows> raw_setting = (*raw)->Exec("SHOW synchronous_commit");
  ASSERT_TRUE(raw_setting.ok());
  ASSERT_EQ(raw_setting->Text(0, 0), "off");

  std::unique_ptr<PgStore> store = Open(off);
  ASSERT_NE(store, nullptr);
  Result<Pool::Lease> lease = store->pool().Acquire();
  ASSERT_TRUE(lease.ok());
  Result<Rows> setting = (**lease).Exec("SHOW synchronous_commit");
  ASSERT_TRUE(setting.ok());
  EXPECT_EQ(setting->Text(0, 0), "on");
}

TEST_F(PgStoreTest, TextPostgresCannotHoldIsInvalidArgument) {
  std::unique_ptr<PgStore> store = Open();
  ASSERT_NE(store, nullptr);
  Site nul = MakeSite("nul");
  nul.name = std::string("a\0b", 3);
  EXPECT_EQ(store->CreateSite(nul).error(), Error::kInvalidArgument);
  Site latin1 = MakeSite("latin1");
  latin1.name = "caf\xe9";
  EXPECT_EQ(store->CreateSite(latin1).error(), Error::kInvalidArgument);
  EXPECT_TRUE(store->CreateSite(MakeSite("ok")).ok());  // the connection is still fine
}

// --- Change feed ------------------------------------------------------------------------------

// Collects the changes a feed delivers.
class Collector {
 public:
  ChangeFeed::Callback Callback() {
    return [this](const Change& change) {
      {
        MutexLock lock(mu_);
        changes_.push_back(change);
      }
      arrived_.notify_all();
    };
  }
  std::optional<Change> Next(std::chrono::milliseconds timeout = 5s) {
    MutexLock lock(mu_);
    if (!arrived_.wait_for(mu_, timeout, [this]() REQUIRES(mu_) { return !changes_.empty(); })) {
      return std::nullopt;
    }
    Change c = changes_.front();
    changes_.pop_front();
    return c;
  }

 private:
  Mutex mu_;
  std::condition_variable_any arrived_;
  std::deque<Change> changes_ GUARDED_BY(mu_);
};

class PgChangeFeedTest : public PgStoreTest {};

TEST_F(PgChangeFeedTest, DeliversWhatOtherStoresCommitAndNothingElse) {
  std::unique_ptr<PgStore> here = Open();
  std::unique_ptr<PgStore> there = Open();  // another node
  ASSERT_TRUE(here && there);
  std::unique_ptr<ChangeFeed> feed = here->NewChangeFeed();
  Collector changes;
  ASSERT_TRUE(feed->Start(changes.Callback()).ok());
  EXPECT_EQ(feed->Start(changes.Callback()).error(), Error::kInvalidArgument);
  ASSERT_TRUE(feed->WaitListening(5s));

  ASSERT_TRUE(there->CreateSite(MakeSite("dakar")).ok());
  Result<Thread> thread = there->EnsureThread(MakeThread("dakar", "article\t1"));
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kThreadChanged, "dakar", "article\t1", 0}));

  Comment imported = MakeComment(thread->id, kT0);
  imported.source_id = "wp-1";
  Result<Comment> c = there->InsertComment(imported);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentInserted, "dakar", "article\t1", c->id}));
  ASSERT_TRUE(there->UpdateCommentText(c->id, "Modifié", "<p>Modifié</p>", kT0 + 1).ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentEdited, "dakar", "article\t1", c->id}));
  ASSERT_TRUE(there->Vote(c->id, "v", "", 1, kT0 + 2).ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentVoted, "dakar", "article\t1", c->id}));
  ASSERT_TRUE(there->SetCommentStatus(c->id, CommentStatus::kHeld).ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentStatus, "dakar", "article\t1", c->id}));

  // Writes that fail or change nothing send nothing; this store's own writes are not echoed.
  EXPECT_EQ(there->Vote(c->id, "v", "", 1, kT0 + 3).error(), Error::kAlreadyVoted);
  EXPECT_EQ(there->InsertComment(imported).error(), Error::kDuplicateImport);
  ASSERT_TRUE(there->SetCommentStatus(c->id, CommentStatus::kHeld).ok());  // unchanged
  ASSERT_TRUE(here->InsertComment(MakeComment(thread->id, kT0 + 4)).ok());
  ASSERT_TRUE(there->SetThreadClosed(thread->id, true).ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kThreadChanged, "dakar", "article\t1", 0}));
  EXPECT_EQ(changes.Next(100ms), std::nullopt);

  feed->Stop();
  feed->Stop();  // idempotent
  ASSERT_TRUE(there->SetThreadClosed(thread->id, false).ok());
  EXPECT_EQ(changes.Next(200ms), std::nullopt);  // stopped: nothing more
}

TEST_F(PgChangeFeedTest, AnotherSchemaIsAnotherChannel) {
  std::unique_ptr<PgStore> here = Open();
  ASSERT_NE(here, nullptr);
  const std::string other_schema = schema_ + "_b";
  Result<std::unique_ptr<PgStore>> other =
      PgStore::Open(testing::WithSchema(server_, other_schema));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_NE((*other)->channel(), here->channel());
  std::unique_ptr<ChangeFeed> feed = here->NewChangeFeed();
  Collector changes;
  ASSERT_TRUE(feed->Start(changes.Callback()).ok());
  ASSERT_TRUE(feed->WaitListening(5s));
  ASSERT_TRUE((*other)->CreateSite(MakeSite("s")).ok());
  ASSERT_TRUE((*other)->EnsureThread(MakeThread("s", "k")).ok());
  EXPECT_EQ(changes.Next(300ms), std::nullopt);
  other->reset();
  testing::DropSchema(server_, other_schema);
}

TEST_F(PgChangeFeedTest, AFeedCutOffReconnectsAndSaysSo) {
  std::unique_ptr<PgStore> here = Open();
  std::unique_ptr<PgStore> there = Open();
  ASSERT_TRUE(here && there);
  ASSERT_TRUE(there->CreateSite(MakeSite("s")).ok());
  Result<Thread> thread = there->EnsureThread(MakeThread("s", "k"));
  ASSERT_TRUE(thread.ok());
  // Seen through a FaultInjectingStore, as the app may wrap its store.
  FaultInjectingStore wrapped(std::move(here));
  std::unique_ptr<ChangeFeed> feed = wrapped.NewChangeFeed();
  auto* pg_feed = dynamic_cast<PgChangeFeed*>(feed.get());
  ASSERT_NE(pg_feed, nullptr);
  Collector changes;
  ASSERT_TRUE(feed->Start(changes.Callback()).ok());
  ASSERT_TRUE(pg_feed->WaitListening(5s));

  ASSERT_EQ(TerminateConnections("LISTEN%"), 1);
  EXPECT_EQ(changes.Next(), Change{});  // kResync, once back
  EXPECT_EQ(pg_feed->connects(), 2);
  ASSERT_TRUE(pg_feed->WaitListening(5s));
  Result<Comment> c = there->InsertComment(MakeComment(thread->id, kT0));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentInserted, "s", "k", c->id}));
  feed->Stop();
}

TEST_F(PgChangeFeedTest, AFirstListenAfterTheWaiterGaveUpSaysSo) {
  std::unique_ptr<PgStore> here = Open();
  std::unique_ptr<PgStore> there = Open();
  ASSERT_TRUE(here && there);
  ASSERT_TRUE(there->CreateSite(MakeSite("s")).ok());
  Result<Thread> thread = there->EnsureThread(MakeThread("s", "k"));
  ASSERT_TRUE(thread.ok());
  std::unique_ptr<ChangeFeed> feed = here->NewChangeFeed();
  Collector changes;
  ASSERT_TRUE(feed->Start(changes.Callback()).ok());
  // A node that does not wait for the first LISTEN (connecting takes longer than it waits)
  // serves without the feed meanwhile: the first LISTEN must say that changes may be missed.
  ASSERT_FALSE(feed->WaitListening(0ms));
  EXPECT_EQ(changes.Next(), Change{});  // kResync, though the first connection succeeded
  ASSERT_TRUE(feed->WaitListening(5s));
  Result<Comment> c = there->InsertComment(MakeComment(thread->id, kT0));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(changes.Next(), (Change{ChangeKind::kCommentInserted, "s", "k", c->id}));
  EXPECT_EQ(changes.Next(200ms), std::nullopt);  // one kResync only
  feed->Stop();
}

}  // namespace
}  // namespace palabre::store::pg
