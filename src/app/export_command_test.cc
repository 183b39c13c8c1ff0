// `palabre export` and its restore through `palabre import --format jsonl`, on real SQLite
// stores: export, restore into a new site, export again gives the same bytes.
#include "app/export_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>

#include "app/history_jsonl.h"
#include "app/import_command.h"
#include "service/import_run.h"
#include "service/test_store.h"

namespace palabre::app {
namespace {

constexpr TimestampMs kT0 = 1'700'000'000'000;

std::string Export(store::Store& store, const std::string& thread = "") {
  std::string out;
  auto counts = ExportSite(store, "s", thread, [&out](std::string_view line) {
    out.append(line).push_back('\n');
    return true;
  });
  EXPECT_TRUE(counts.ok()) << counts.status().ToString();
  return out;
}

class ExportTest : public ::testing::Test {
 protected:
  ExportTest() : source_("export_src"), target_("export_dst") {}

  void SetUp() override {
    ASSERT_NE(source_.get(), nullptr);
    ASSERT_NE(target_.get(), nullptr);
    Site site;
    site.id = "s";
    site.name = "Le Journal";
    site.origins = {"https://lejournal.example"};
    site.locale = "en";
    site.time_zone = "Africa/Bamako";
    site.auto_create_threads = false;
    site.settings = R"({"pre_moderation":true,"lexicon":{"terms":["arnaque"]}})";
    site.salt = "salt-a";
    ASSERT_TRUE(source_.get()->CreateSite(site).ok());
    Site fresh;  // what `palabre site add s` makes: another salt, the defaults
    fresh.id = "s";
    fresh.name = "s";
    fresh.salt = "salt-b";
    ASSERT_TRUE(target_.get()->CreateSite(fresh).ok());
  }

  Thread AddThread(const std::string& key, bool closed, TimestampMs at) {
    Thread t;
    t.site_id = "s";
    t.key = key;
    t.title = "Titre " + key;
    t.body = key == "a" ? "Le corps de l'article" : "";
    t.closed = closed;
    t.created_at = at;
    auto made = source_.get()->EnsureThread(t);
    EXPECT_TRUE(made.ok());
    return made.ok() ? *made : Thread{};
  }

  Comment Add(Comment c) {
    c.html = "<p>" + c.text + "</p>";
    if (c.author.empty()) c.author = "Awa";
    auto stored = source_.get()->InsertComment(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : Comment{};
  }

  Comment Post(ThreadId thread, std::optional<CommentId> parent, TimestampMs at,
               CommentStatus status = CommentStatus::kPublished) {
    Comment c;
    c.thread_id = thread;
    c.parent_id = parent;
    c.text = "Commentaire de " + std::to_string(at - kT0);
    c.created_at = at;
    c.status = status;
    c.client_hash = "hash-" + std::to_string(at % 7);
    return Add(c);
  }

  // A site with every kind of comment, interleaved between two threads, and an empty thread.
  void Fill() {
    Thread a = AddThread("a", false, kT0);
    Thread empty = AddThread("vide", true, kT0 + 1);
    Thread b = AddThread("b", false, kT0 + 2);
    (void)empty;
    Comment c1 = Post(a.id, std::nullopt, kT0 + 10);
    first_ = c1.id;
    Comment b1 = Post(b.id, std::nullopt, kT0 + 11);
    Comment c2 = Post(a.id, c1.id, kT0 + 12, CommentStatus::kHeld);
    ASSERT_TRUE(source_.get()
                    ->SetCommentModeration(c2.id, R"({"action":"hold","reasons":[]})", false, 0)
                    .ok());
    Comment rejected;
    rejected.thread_id = a.id;
    rejected.text = "Achetez **maintenant**";
    rejected.created_at = kT0 + 13;
    rejected.status = CommentStatus::kRejected;
    rejected.auto_rejected = true;
    rejected.moderation = R"({"action":"reject","reasons":[{"code":"spam","spans":[[0,7]]}]})";
    rejected.email = "spam@example.com";
    Add(rejected);
    Comment review;
    review.thread_id = a.id;
    review.parent_id = c2.id;
    review.text = "À revoir";
    review.created_at = kT0 + 14;
    review.review = true;
    review.risk = 0.4321;
    review.upvotes = 3;
    review.downvotes = 1;
    review.author = "Moussa";
    Add(review);
    Comment leaf = Post(a.id, std::nullopt, kT0 + 15);
    ASSERT_TRUE(source_.get()->UpdateCommentText(leaf.id, "", "", kT0 + 100).ok());
    ASSERT_TRUE(source_.get()->SetCommentStatus(leaf.id, CommentStatus::kDeleted).ok());
    Comment gone = Post(b.id, b1.id, kT0 + 16);
    Comment under = Post(b.id, gone.id, kT0 + 17);
    ASSERT_TRUE(source_.get()->SetCommentStatus(gone.id, CommentStatus::kDeleted).ok());
    ASSERT_TRUE(
        source_.get()->UpdateCommentText(under.id, "Corrigé", "<p>Corrigé</p>", kT0 + 200).ok());
    // Imported earlier, with an id that is also a native comment's.
    Comment imported;
    imported.thread_id = b.id;
    imported.parent_id = under.id;
    imported.text = "Venu d'ailleurs";
    imported.created_at = kT0 - 1000;
    imported.source_id = std::to_string(c1.id);
    Add(imported);
    // Who voted and who reported, on native and imported comments.
    ASSERT_TRUE(source_.get()->Vote(c1.id, "voter-1", "tok-1", 1, kT0 + 20).ok());
    ASSERT_TRUE(source_.get()->Vote(c1.id, "voter-2", "", -1, kT0 + 21).ok());
    ASSERT_TRUE(source_.get()->Vote(under.id, "voter-1", "", 1, kT0 + 22).ok());
    Report report;
    report.comment_id = c1.id;
    report.reason = ReportReason::kAbuse;
    report.note = "insultant";
    report.reporter_hash = "reporter-1";
    report.created_at = kT0 + 23;
    ASSERT_TRUE(source_.get()->AddReport(report).ok());
    report.comment_id = under.id;
    report.reason = ReportReason::kSpam;
    report.note.clear();
    report.reporter_hash.clear();  // emptied by retention
    report.created_at = kT0 + 24;
    report.resolved = true;
    report.outcome = ReportOutcome::kDismissed;
    ASSERT_TRUE(source_.get()->RestoreReport(report).ok());
    Ban ban;
    ban.site_id = "s";
    ban.author_folded = "troll";
    ban.reason = "insultes";
    ban.created_at = kT0 + 300;
    ASSERT_TRUE(source_.get()->AddBan(ban).ok());
    ban.author_folded.clear();
    ban.client_hash = "hash-3";
    ban.created_at = kT0 + 400;
    ban.expires_at = kT0 + 500;  // expired today: exported all the same
    ASSERT_TRUE(source_.get()->AddBan(ban).ok());
  }

  // What `palabre import --site s --format jsonl FILE` does with the file.
  void Restore(const std::string& text, bool new_site) {
    const std::string path = (std::filesystem::path(target_.path()).parent_path() / "x.jsonl");
    {
      std::ofstream out(path, std::ios::binary);
      out << text;
    }
    service::ImportOptions options;
    options.identity.rule = import::KeyRule::kId;
    options.exact = true;
    options.moderation = service::ImportModeration::kOff;
    service::ReaderFactory open = [&path]() -> Result<std::unique_ptr<import::Reader>> {
      return NewHistoryReader(path);
    };
    auto result = service::RunImport(*target_.get(), nullptr, "s", open, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->invalid, 0) << (result->invalid_examples.empty()
                                          ? ""
                                          : result->invalid_examples.front());
    EXPECT_EQ(result->plan.malformed, 0);
    auto site = RestoreSiteLines(*target_.get(), "s", path, new_site);
    ASSERT_TRUE(site.ok()) << site.status().ToString();
    EXPECT_TRUE(site->site);
    EXPECT_EQ(site->votes, 3);
    EXPECT_EQ(site->reports, 2);
    EXPECT_EQ(site->orphaned, 0);
  }

  service::TempStore source_;
  service::TempStore target_;
  CommentId first_ = 0;
};

TEST_F(ExportTest, RestoreGivesTheSameExport) {
  Fill();
  const std::string first = Export(*source_.get());
  Restore(first, /*new_site=*/true);
  const std::string second = Export(*target_.get());
  EXPECT_EQ(second, first);

  // Again: nothing is added twice.
  Restore(first, /*new_site=*/false);
  EXPECT_EQ(Export(*target_.get()), first);

  auto site = target_.get()->GetSite("s");
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->salt, "salt-a");
  EXPECT_EQ(site->locale, "en");
  EXPECT_FALSE(site->auto_create_threads);
  auto bans = target_.get()->ListBans("s", 0);
  ASSERT_TRUE(bans.ok());
  EXPECT_EQ(bans->size(), 2u);
}

TEST_F(ExportTest, WritesEveryStateAndTheSiteLines) {
  Fill();
  const std::string text = Export(*source_.get());
  std::istringstream in(text);
  std::string line;
  int threads = 0, comments = 0, bans = 0, sites = 0, votes = 0, reports = 0;
  std::map<std::string, int> statuses;
  while (std::getline(in, line)) {
    auto record = ParseHistoryLine(line);
    ASSERT_TRUE(record.ok()) << line;
    if (std::holds_alternative<service::ImportedThread>(*record)) ++threads;
    if (std::holds_alternative<Site>(*record)) ++sites;
    if (std::holds_alternative<Ban>(*record)) ++bans;
    if (std::holds_alternative<HistoryVote>(*record)) ++votes;
    if (std::holds_alternative<HistoryReport>(*record)) ++reports;
    if (const auto* c = std::get_if<service::ImportedComment>(&*record)) {
      ++comments;
      ++statuses[std::string(ToString(c->status))];
    }
  }
  EXPECT_EQ(threads, 3);
  EXPECT_EQ(comments, 9);
  EXPECT_EQ(bans, 2);
  EXPECT_EQ(sites, 1);
  EXPECT_EQ(votes, 3);
  EXPECT_EQ(reports, 2);
  // Each vote names its voter and the comment by its export id; the comment keeps its counts.
  EXPECT_NE(text.find(R"({"type":"vote","comment":")" + std::to_string(first_) +
                      R"(~","voter_hash":"voter-1","token_hash":"tok-1","direction":1,)"),
            std::string::npos);
  EXPECT_NE(
      text.find(R"("reason":"spam","reporter_hash":"","created_at":"2023-11-14T22:13:20.024Z",)"
                R"("resolved":true,"outcome":"dismissed"})"),
      std::string::npos);
  EXPECT_EQ(statuses["deleted"], 2);
  EXPECT_EQ(statuses["held"], 1);
  EXPECT_EQ(statuses["rejected"], 1);
  EXPECT_EQ(text.find("salt-a") != std::string::npos, true);
  EXPECT_NE(text.find(R"("auto_rejected":true)"), std::string::npos);
  EXPECT_NE(text.find(R"("review":true,"risk":4.321E-1)"), std::string::npos);
  // The native comment whose id an imported one also has gets another id in the export.
  EXPECT_NE(text.find(R"("id":")" + std::to_string(first_) + R"(~")"), std::string::npos);

  const std::string one = Export(*source_.get(), "vide");
  EXPECT_EQ(one.substr(0, one.find('\n')),
            R"({"type":"thread","id":"vide","title":"Titre vide","closed":true,)"
            R"("created_at":"2023-11-14T22:13:20.001Z"})");
}

TEST_F(ExportTest, UnknownSiteOrThread) {
  auto none = [](std::string_view) { return true; };
  EXPECT_EQ(ExportSite(*source_.get(), "absent", "", none).error(), Error::kUnknownSite);
  EXPECT_EQ(ExportSite(*source_.get(), "s", "absent", none).error(), Error::kUnknownThread);
}

}  // namespace
}  // namespace palabre::app
