// CopyFromSqlite (`palabre migrate`): a SQLite deployment moved to PostgreSQL keeps every site,
// thread, comment and vote with its id, counts are verified, and a copy that cannot be exact
// changes nothing. Runs on the test server of store/postgres/pg_testing.h: the suite's name
// starts with "Pg", so ctest gives it the PostgreSQL fixture (store/postgres/pg_tests.cmake).
#include "store/migrate/sqlite_to_pg.h"

#include <filesystem>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/postgres/pg_testing.h"
#include "store/sqlite/sqlite_store.h"

namespace palabre::store::migrate {
namespace {

using pg::PgStore;
namespace pgtest = pg::testing;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr TimestampMs kT0 = 1'700'000'000'000;

class PgMigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> server = pgtest::TestServerUrl();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = *server;
    schema_ = pgtest::UniqueSchema(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string dir = (std::filesystem::temp_directory_path() / "palabre_mig_XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    Result<std::unique_ptr<sqlite::SqliteStore>> source =
        sqlite::SqliteStore::Open(dir_ + "/source.db");
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    source_ = std::move(source).value();
    Result<std::unique_ptr<PgStore>> target = PgStore::Open(pgtest::WithSchema(server_, schema_));
    ASSERT_TRUE(target.ok()) << target.status().ToString();
    target_ = std::move(target).value();
  }

  void TearDown() override {
    source_.reset();
    target_.reset();
    pgtest::DropSchema(server_, schema_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string SourceUrl() const { return "sqlite://" + dir_ + "/source.db"; }

  // A site with two threads: replies, a held and a deleted comment, an imported one, votes.
  void Seed(Store& store, const std::string& site_id) {
    Site site;
    site.id = site_id;
    site.name = "Le \"Quotidien\"\t\\ " + site_id;
    site.origins = {"https://" + site_id + ".example.sn", "https://www." + site_id + ".sn"};
    site.time_zone = "Africa/Dakar";
    site.salt = "salt-" + site_id;
    site.created_at = kT0;
    site.settings = R"({"max_depth":3,"note":"a\\b\tc"})";
    ASSERT_TRUE(store.CreateSite(site).ok());
    Ban ban;
    ban.site_id = site_id;
    ban.author_folded = "awa";
    ban.reason = "spam\nrépété";
    ban.created_by = 1;
    ban.created_at = kT0;
    ASSERT_TRUE(store.AddBan(ban).ok());
    AuditEntry audit;
    audit.site_id = site_id;
    audit.user_id = 1;
    audit.user_email = "mod@example.sn";
    audit.action = "ban";
    audit.detail = R"({"author":"awa"})";
    audit.at = kT0;
    ASSERT_TRUE(store.AppendAudit(audit).ok());
    ApiKey key;
    key.site_id = site_id;
    key.name = "CMS\tprincipal";
    key.key_hash = "hash-of-the-key-of-" + site_id;
    key.hint = "plb_ab12";
    key.per_minute = 30;
    key.created_at = kT0;
    ASSERT_TRUE(store.CreateApiKey(key).ok());
    Webhook webhook;
    webhook.site_id = site_id;
    webhook.url = "https://hooks.slack.com/services/" + site_id;
    webhook.format = WebhookFormat::kSlack;
    webhook.events = static_cast<std::uint32_t>(WebhookEvent::kCommentHeld);
    webhook.secret = "whsec_" + site_id;
    webhook.created_at = kT0;
    ASSERT_TRUE(store.AddWebhook(webhook).ok());  // held comments below notify it
    for (const char* key : {"politique/2024/élection", "sport\tfoot"}) {
      Thread in;
      in.site_id = site_id;
      in.key = key;
      in.title = "Titre\nsur deux lignes";
      in.created_at = kT0;
      Result<Thread> thread = store.EnsureThread(in);
      ASSERT_TRUE(thread.ok());
      std::optional<CommentId> last;
      for (int i = 0; i < 6; ++i) {
        Comment c;
        c.thread_id = thread->id;
        c.parent_id = i % 3 == 2 ? last : std::nullopt;
        c.author = "Awa \\ N'Diaye";
        c.email = i == 0 ? "awa@example.sn" : "";
        c.text = "Ligne 1\nLigne 2\t**gras** \\N";
        c.html = "<p>Ligne 1<br>Ligne 2</p>";
        c.status = i == 4 ? CommentStatus::kHeld : CommentStatus::kPublished;
        c.created_at = kT0 + i;
        c.edited_at = i == 1 ? std::optional<TimestampMs>(kT0 + 100) : std::nullopt;
        c.source_id = i == 5 ? "disqus-" + site_id + key : "";
        c.moderation = R"({"action":"pass"})";
        if (i == 1) {  // published, waiting for a moderator's second look
          c.review = true;
          c.risk = 0.7312;
        }
        Result<Comment> stored = store.InsertComment(c);
        ASSERT_TRUE(stored.ok()) << stored.status().ToString();
        last = stored->id;
        if (i == 0) {
          Report report;
          report.comment_id = stored->id;
          report.reason = ReportReason::kAbuse;
          report.note = "pub\tdéguisée";
          report.reporter_hash = "reader-" + std::string(key);
          report.range_hash = "range-" + std::string(key);
          report.token_hash = "token-" + std::string(key);
          report.burst = true;
          report.created_at = kT0;
          ASSERT_TRUE(store.AddReport(report).ok());
          ASSERT_TRUE(store.Vote(stored->id, "voter-a", "token-a", 1, kT0).ok());
          ASSERT_TRUE(store.Vote(stored->id, "voter-b", "", -1, kT0).ok());
        }
        if (i == 3) {
          ASSERT_TRUE(store.SetCommentStatus(stored->id, CommentStatus::kDeleted).ok());
        }
      }
    }
  }

  // Every comment of `site_id` as `store` lists it (published, deleted), by id.
  std::map<CommentId, Comment> Listed(Store& store, const std::string& site_id) {
    std::map<CommentId, Comment> out;
    for (const char* key : {"politique/2024/élection", "sport\tfoot"}) {
      Result<Thread> thread = store.GetThread(site_id, key);
      EXPECT_TRUE(thread.ok());
      if (!thread.ok()) continue;
      Result<TopLevelPage> page = store.ListTopLevel(thread->id, Sort::kOldest, std::nullopt, 100);
      EXPECT_TRUE(page.ok());
      std::vector<CommentId> roots;
      for (const Comment& c : page->comments) {
        out[c.id] = c;
        roots.push_back(c.id);
      }
      Result<std::vector<Comment>> replies = store.ListReplies(thread->id, roots);
      EXPECT_TRUE(replies.ok());
      for (const Comment& c : *replies) out[c.id] = c;
    }
    return out;
  }

  std::string server_;
  std::string schema_;
  std::string dir_;
  std::unique_ptr<sqlite::SqliteStore> source_;
  std::unique_ptr<PgStore> target_;
};

void ExpectSameComment(const Comment& a, const Comment& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.thread_id, b.thread_id);
  EXPECT_EQ(a.parent_id, b.parent_id);
  EXPECT_EQ(a.root_id, b.root_id);
  EXPECT_EQ(a.depth, b.depth);
  EXPECT_EQ(a.author, b.author);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.html, b.html);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.edited_at, b.edited_at);
  EXPECT_EQ(a.upvotes, b.upvotes);
  EXPECT_EQ(a.downvotes, b.downvotes);
  EXPECT_EQ(a.edit_token_hash, b.edit_token_hash);
  EXPECT_EQ(a.client_hash, b.client_hash);
  EXPECT_EQ(a.source_id, b.source_id);
  EXPECT_EQ(a.moderation, b.moderation);
  EXPECT_EQ(a.review, b.review);
  EXPECT_DOUBLE_EQ(a.risk, b.risk);
}

TEST_F(PgMigrateTest, CopiesEverySiteWithItsIdsAndVerifiedCounts) {
  Seed(*source_, "dakaractu");
  Seed(*source_, "lefaso");
  Result<CopyReport> report = CopyFromSqlite(SourceUrl(), *target_, std::nullopt);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(report->site_ids, ElementsAre("dakaractu", "lefaso"));
  EXPECT_EQ(report->source, report->target);
  EXPECT_EQ(report->target.sites, 2);
  EXPECT_EQ(report->target.threads, 4);
  EXPECT_EQ(report->target.comments, 24);
  EXPECT_EQ(report->target.published, 16);  // 24 - 4 held - 4 deleted
  EXPECT_EQ(report->target.votes, 8);
  EXPECT_EQ(report->target.count_mismatch, 0);
  EXPECT_EQ(report->target.reports, 4);
  EXPECT_EQ(report->target.bans, 2);
  EXPECT_EQ(report->target.audit, 2);
  EXPECT_EQ(report->target.api_keys, 2);
  EXPECT_EQ(report->target.webhooks, 2);
  EXPECT_EQ(report->target.outbox, 4);  // one per held comment

  for (const std::string site : {"dakaractu", "lefaso"}) {
    Result<Site> a = source_->GetSite(site);
    Result<Site> b = target_->GetSite(site);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(b->name, a->name);
    EXPECT_EQ(b->origins, a->origins);
    EXPECT_EQ(b->salt, a->salt);
    EXPECT_EQ(b->time_zone, a->time_zone);
    EXPECT_EQ(b->settings, a->settings);
    Result<std::vector<Ban>> bans = target_->ListBans(site, kT0);
    ASSERT_TRUE(bans.ok());
    ASSERT_EQ(bans->size(), 1u);
    EXPECT_EQ((*bans)[0].reason, "spam\nrépété");
    Result<std::vector<AuditEntry>> audit = target_->ListAudit(site, 0, 10);
    ASSERT_TRUE(audit.ok());
    ASSERT_EQ(audit->size(), 1u);
    EXPECT_EQ((*audit)[0].detail, R"({"author":"awa"})");
    EXPECT_EQ((*audit)[0].comment_id, std::nullopt);
    Result<std::vector<ApiKey>> api_keys = target_->ListApiKeys(site);
    ASSERT_TRUE(api_keys.ok());
    ASSERT_EQ(api_keys->size(), 1u);
    EXPECT_EQ((*api_keys)[0].name, "CMS\tprincipal");
    EXPECT_EQ((*api_keys)[0].hint, "plb_ab12");
    EXPECT_EQ((*api_keys)[0].per_minute, 30);
    Result<std::vector<Webhook>> webhooks = target_->ListWebhooks(site);
    ASSERT_TRUE(webhooks.ok());
    ASSERT_EQ(webhooks->size(), 1u);
    EXPECT_EQ((*webhooks)[0].secret, "whsec_" + site);
    EXPECT_EQ((*webhooks)[0].format, WebhookFormat::kSlack);
    Result<std::vector<OutboxEntry>> pending = target_->ListOutbox(site, OutboxState::kPending, 10);
    ASSERT_TRUE(pending.ok());
    EXPECT_EQ(pending->size(), 2u);  // still to send, from the PostgreSQL nodes now
    Result<ApiKey> found = target_->FindApiKey("hash-of-the-key-of-" + site);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->site_id, site);
    std::map<CommentId, Comment> before = Listed(*source_, site);
    std::map<CommentId, Comment> after = Listed(*target_, site);
    ASSERT_EQ(before.size(), after.size());
    for (const auto& [id, c] : before) ExpectSameComment(c, after[id]);
    // The review queue came along too: one comment per thread, with its risk.
    CommentQuery review;
    review.site_ids = {site};
    review.review_only = true;
    review.by_risk = true;
    Result<CommentPage> queued = target_->QueryComments(review);
    ASSERT_TRUE(queued.ok()) << queued.status().ToString();
    ASSERT_EQ(queued->comments.size(), 2u);
    EXPECT_TRUE(queued->comments[0].review);
    EXPECT_DOUBLE_EQ(queued->comments[0].risk, 0.7312);
    std::vector<std::string> keys = {"politique/2024/élection", "sport\tfoot"};
    Result<std::vector<ThreadCount>> counts_a = source_->CountComments(site, keys);
    Result<std::vector<ThreadCount>> counts_b = target_->CountComments(site, keys);
    ASSERT_TRUE(counts_a.ok() && counts_b.ok());
    ASSERT_EQ(counts_b->size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ((*counts_b)[i].count, (*counts_a)[i].count);
  }

  // Votes came along: the same voter again is refused; held comments kept their status.
  Result<std::vector<Comment>> recent = target_->ListRecentComments("lefaso", kT0, 100);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 12u);
  const Comment& first = recent->front();
  Result<std::vector<Report>> reports = target_->ListReports(first.id);
  ASSERT_TRUE(reports.ok());
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].note, "pub\tdéguisée");
  EXPECT_EQ((*reports)[0].reason, ReportReason::kAbuse);
  EXPECT_FALSE((*reports)[0].resolved);
  EXPECT_EQ((*reports)[0].range_hash, "range-politique/2024/élection");
  EXPECT_EQ((*reports)[0].token_hash, "token-politique/2024/élection");
  EXPECT_TRUE((*reports)[0].burst);
  EXPECT_EQ((*reports)[0].outcome, ReportOutcome::kNone);
  Result<std::int64_t> open = target_->AddReport([&] {
    Report again;
    again.comment_id = first.id;
    again.reporter_hash = "someone-else";
    return again;
  }());
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(*open, 2);
  EXPECT_EQ(target_->Vote(first.id, "voter-a", "", 1, kT0).error(), Error::kAlreadyVoted);
  // The browser token came along too.
  EXPECT_EQ(target_->Vote(first.id, "voter-c", "token-a", 1, kT0).error(), Error::kAlreadyVoted);
  Result<Comment> switched = target_->Vote(first.id, "voter-b", "", 1, kT0);
  ASSERT_TRUE(switched.ok());
  EXPECT_EQ(switched->upvotes, 2);
  EXPECT_EQ(switched->downvotes, 0);
  // New ids continue after the copied ones.
  CommentId max_id = 0;
  for (const Comment& c : *recent) max_id = std::max(max_id, c.id);
  Result<Comment> fresh = target_->InsertComment([&] {
    Comment c;
    c.thread_id = first.thread_id;
    c.author = "Nouveau";
    c.text = "x";
    c.html = "x";
    c.created_at = kT0 + 1000;
    return c;
  }());
  ASSERT_TRUE(fresh.ok());
  EXPECT_GT(fresh->id, max_id);
  // And an imported comment keeps its source id: importing it again is refused.
  Result<std::optional<CommentId>> imported =
      target_->FindImported("lefaso", "disqus-lefasosport\tfoot");
  ASSERT_TRUE(imported.ok());
  EXPECT_TRUE(imported->has_value());
}

TEST_F(PgMigrateTest, SiteBySiteFromOneFileAndNeverTwice) {
  Seed(*source_, "a");
  Seed(*source_, "b");
  Result<CopyReport> a = CopyFromSqlite(SourceUrl(), *target_, std::string("a"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_THAT(a->site_ids, ElementsAre("a"));
  EXPECT_EQ(a->target.comments, 12);
  EXPECT_EQ(target_->GetSite("b").error(), Error::kUnknownSite);

  Result<CopyReport> again = CopyFromSqlite(SourceUrl(), *target_, std::string("a"));
  EXPECT_EQ(again.error(), Error::kSiteExists);
  Result<CopyReport> all = CopyFromSqlite(SourceUrl(), *target_, std::nullopt);
  EXPECT_EQ(all.error(), Error::kSiteExists);  // "a" is there: nothing of "b" either
  EXPECT_EQ(target_->GetSite("b").error(), Error::kUnknownSite);

  Result<CopyReport> b =
      CopyFromSqlite("sqlite:" + dir_ + "/source.db", *target_, std::string("b"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->target.comments, 12);
  Result<std::vector<Site>> sites = target_->ListSites();
  ASSERT_TRUE(sites.ok());
  EXPECT_EQ(sites->size(), 2u);
}

TEST_F(PgMigrateTest, IdsAlreadyTakenInTheTargetAbortEverything) {
  // The target already has comments of its own, with ids 1, 2 ...
  Site other;
  other.id = "other";
  other.salt = "s";
  ASSERT_TRUE(target_->CreateSite(other).ok());
  Thread t;
  t.site_id = "other";
  t.key = "k";
  Result<Thread> thread = target_->EnsureThread(t);
  ASSERT_TRUE(thread.ok());
  Seed(*source_, "a");
  Result<CopyReport> copied = CopyFromSqlite(SourceUrl(), *target_, std::nullopt);
  EXPECT_EQ(copied.error(), Error::kInternal);
  EXPECT_THAT(copied.status().message(), HasSubstr("ids already used"));
  EXPECT_EQ(target_->GetSite("a").error(), Error::kUnknownSite);  // nothing committed
}

TEST_F(PgMigrateTest, BadSourcesAreRefused) {
  Seed(*source_, "a");
  EXPECT_EQ(CopyFromSqlite(SourceUrl(), *target_, std::string("absent")).error(),
            Error::kUnknownSite);
  EXPECT_EQ(CopyFromSqlite("postgres://127.0.0.1/x", *target_, std::nullopt).error(),
            Error::kInvalidArgument);
  EXPECT_EQ(CopyFromSqlite("sqlite:", *target_, std::nullopt).error(), Error::kInvalidArgument);
  EXPECT_EQ(SqlitePathOf("sqlite:///var/lib/p.db?readers=2").value(), "/var/lib/p.db");
  EXPECT_EQ(SqlitePathOf("sqlite:data/p.db").value(), "data/p.db");
  EXPECT_EQ(SqlitePathOf("./a:b.db").value(), "./a:b.db");
  EXPECT_EQ(SqlitePathOf("sqlite://host/p.db").error(), Error::kInvalidArgument);
}

}  // namespace
}  // namespace palabre::store::migrate
