// RunImport against a real SQLite store: what the two passes write for each edge case of an
// export, idempotence, the dry run, and the moderation report and its application.
#include "service/import_run.h"

#include <gtest/gtest.h>

#include <deque>

#include "core/crypto.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

// A reader over records given by the test.
class ListReader : public import::Reader {
 public:
  explicit ListReader(std::deque<std::pair<import::Step, import::Record>> items)
      : items_(std::move(items)) {}
  Result<import::Step> Next(import::Record& out) override {
    if (items_.empty()) return import::Step{import::Step::kEnd, {}};
    auto [step, record] = std::move(items_.front());
    items_.pop_front();
    out = std::move(record);
    return step;
  }

 private:
  std::deque<std::pair<import::Step, import::Record>> items_;
};

// A moderator that holds comments containing "HOLD" and rejects those containing "REJECT".
class WordModerator : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment& c) override {
    moderation::Decision d;
    if (c.text.find("REJECT") != std::string::npos) {
      d.action = moderation::Action::kReject;
      d.reasons.push_back({"test", "banned_word", "mot interdit", 1.0, d.action, {}, 0});
    } else if (c.text.find("HOLD") != std::string::npos) {
      d.action = moderation::Action::kHold;
      d.reasons.push_back({"test", "link", "lien", 0.9, d.action, {}, 0});
    }
    return d;
  }
  void Record(const Site&, const Comment&, const moderation::Decision*) override { ++recorded; }
  int recorded = 0;
};

class ImportRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    SiteService sites(*db_.get(), clock_);
    SiteInput in;
    in.id = "sahel";
    ASSERT_TRUE(sites.Add(in).ok());
  }

  void Thread(std::string id, std::string url, std::string title = "Titre") {
    import::SourceThread t;
    t.id = std::move(id);
    t.url = std::move(url);
    t.title = std::move(title);
    items_.emplace_back(import::Step{import::Step::kRecord, {}}, std::move(t));
  }
  void Comment(std::string id, std::string thread, std::string parent, std::string text,
               import::SourceState state = import::SourceState::kApproved) {
    import::SourceComment c;
    c.id = std::move(id);
    c.thread = std::move(thread);
    c.parent = std::move(parent);
    c.author = "Awa";
    c.text = std::move(text);
    c.created_at = 1'600'000'000'000 + static_cast<TimestampMs>(items_.size()) * 1000;
    c.state = state;
    c.address = "196.200.1.7";
    c.email = "awa@example.org";
    items_.emplace_back(import::Step{import::Step::kRecord, {}}, std::move(c));
  }

  Result<ImportResult> Run(ImportOptions options = {}, moderation::Moderator* m = nullptr) {
    auto items = items_;
    ReaderFactory open = [items]() -> Result<std::unique_ptr<import::Reader>> {
      return std::unique_ptr<import::Reader>(std::make_unique<ListReader>(items));
    };
    return RunImport(*db_.get(), m, "sahel", open, options);
  }

  std::vector<palabre::Comment> Stored(const std::string& key) {
    auto thread = db_.get()->GetThread("sahel", key);
    EXPECT_TRUE(thread.ok()) << key;
    std::vector<palabre::Comment> out;
    for (CommentId id = 1; id < 100; ++id) {
      auto c = db_.get()->GetComment(id);
      if (c.ok() && c->thread_id == thread->id) out.push_back(*c);
    }
    return out;
  }
  static const palabre::Comment* BySource(const std::vector<palabre::Comment>& all,
                                          const std::string& source) {
    for (const auto& c : all) {
      if (c.source_id == source) return &c;
    }
    return nullptr;
  }

  FakeClock clock_;
  TempStore db_{"import_run"};
  std::deque<std::pair<import::Step, import::Record>> items_;
};

TEST_F(ImportRunTest, WritesRepliesAfterTheirParentsWithStatesAndTombstones) {
  Thread("t1", "https://s.example/a/?utm=1", "L'article");
  Comment("3", "t1", "1", "réponse écrite avant son parent");
  Comment("1", "t1", "", "premier");
  Comment("2", "t1", "", "en attente", import::SourceState::kPending);
  Comment("4", "t1", "", "spam", import::SourceState::kSpam);
  Comment("5", "t1", "", "supprimé avec réponse", import::SourceState::kDeleted);
  Comment("6", "t1", "5", "réponse au supprimé");
  Comment("7", "t1", "", "supprimé seul", import::SourceState::kDeleted);
  Comment("8", "t1", "404", "orphelin");
  ImportOptions options;
  options.identity.rule = import::KeyRule::kPath;
  auto result = Run(options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->threads_created, 1);
  EXPECT_EQ(result->comments_written, 8);  // 7 comments and a placeholder; not the leaf "7"

  const auto all = Stored("/a");
  ASSERT_EQ(all.size(), 8u);
  const palabre::Comment* parent = BySource(all, "1");
  const palabre::Comment* reply = BySource(all, "3");
  ASSERT_TRUE(parent && reply);
  EXPECT_EQ(reply->parent_id, parent->id);
  EXPECT_EQ(reply->depth, 1);
  EXPECT_EQ(reply->client_hash.size(), 64u);  // the address hashed, never kept
  EXPECT_EQ(reply->email, "awa@example.org");
  EXPECT_EQ(BySource(all, "2")->status, CommentStatus::kHeld);
  EXPECT_EQ(BySource(all, "4")->status, CommentStatus::kRejected);
  EXPECT_EQ(BySource(all, "5")->status, CommentStatus::kDeleted);
  EXPECT_EQ(BySource(all, "6")->parent_id, BySource(all, "5")->id);
  EXPECT_EQ(BySource(all, "7"), nullptr);
  const palabre::Comment* placeholder = BySource(all, "missing:404");
  ASSERT_NE(placeholder, nullptr);
  EXPECT_EQ(placeholder->status, CommentStatus::kDeleted);
  EXPECT_EQ(BySource(all, "8")->parent_id, placeholder->id);
  auto thread = db_.get()->GetThread("sahel", "/a");
  EXPECT_EQ(thread->title, "L'article");
}

TEST_F(ImportRunTest, ASecondRunAddsNothingAndFinishesAnInterruptedOne) {
  Thread("t1", "/a");
  Comment("1", "t1", "", "un");
  Comment("2", "t1", "1", "deux");
  ASSERT_TRUE(Run().ok());
  Comment("3", "t1", "2", "trois, ajouté depuis");
  auto again = Run();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->already_imported, 2);
  EXPECT_EQ(again->comments_written, 1);
  EXPECT_EQ(Stored("/a").size(), 3u);
}

TEST_F(ImportRunTest, ADryRunWritesNothingAndSaysWhatItWouldWrite) {
  Thread("t1", "/a");
  Comment("1", "t1", "", "un");
  Comment("2", "t1", "9", "orphelin");
  ImportOptions options;
  options.dry_run = true;
  auto result = Run(options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->threads_created, 1);
  EXPECT_EQ(result->comments_written, 3);
  EXPECT_EQ(db_.get()->GetThread("sahel", "/a").error(), Error::kUnknownThread);
}

TEST_F(ImportRunTest, ModerationReportChangesNothingAndApplyDoes) {
  Thread("t1", "/a");
  Comment("1", "t1", "", "un avis ordinaire");
  Comment("2", "t1", "", "voici un HOLD");
  Comment("3", "t1", "", "et un REJECT");
  Comment("4", "t1", "", "déjà en attente HOLD", import::SourceState::kPending);
  WordModerator moderator;
  auto report = Run({}, &moderator);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->moderation.evaluated, 3);  // the pending one is not published: not asked
  EXPECT_EQ(report->moderation.publish, 1);
  EXPECT_EQ(report->moderation.hold, 1);
  EXPECT_EQ(report->moderation.reject, 1);
  EXPECT_EQ(report->moderation.by_code.at("banned_word"), 1);
  EXPECT_EQ(moderator.recorded, 2);  // what was not rejected enters the pipeline's history
  for (const auto& c : Stored("/a")) {
    if (c.source_id != "4") {
      EXPECT_EQ(c.status, CommentStatus::kPublished) << c.source_id;
    }
  }

  Thread("t2", "/b");
  Comment("5", "t2", "", "encore un HOLD");
  Comment("6", "t2", "", "encore un REJECT");
  ImportOptions apply;
  apply.moderation = ImportModeration::kApply;
  ASSERT_TRUE(Run(apply, &moderator).ok());
  const auto b = Stored("/b");
  EXPECT_EQ(BySource(b, "5")->status, CommentStatus::kHeld);
  EXPECT_EQ(BySource(b, "6")->status, CommentStatus::kRejected);
  EXPECT_NE(BySource(b, "6")->moderation.find("banned_word"), std::string::npos);
}

TEST_F(ImportRunTest, MalformedElementsAreCountedOrStopAStrictImport) {
  Thread("t1", "/a");
  items_.emplace_back(import::Step{import::Step::kSkipped, "line 3: <post> without dsq:id"},
                      import::SourceThread{});
  Comment("1", "t1", "", "un");
  auto lenient = Run();
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->plan.malformed, 1);
  EXPECT_EQ(lenient->comments_written, 1);
  ImportOptions strict;
  strict.strict = true;
  auto stopped = Run(strict);
  EXPECT_EQ(stopped.error(), Error::kInvalidArgument);
  EXPECT_NE(stopped.status().message().find("line 3"), std::string::npos);
}

TEST_F(ImportRunTest, RefusedCommentsAreCountedAndTheirRepliesKept) {
  Thread("t1", "/a");
  Comment("1", "t1", "", std::string(30'000, 'x'));  // over palabre's imported text limit
  Comment("2", "t1", "1", "réponse");
  auto result = Run();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->invalid, 1);
  ASSERT_EQ(result->invalid_examples.size(), 1u);
  EXPECT_TRUE(result->invalid_examples[0].starts_with("1: ")) << result->invalid_examples[0];
  const auto all = Stored("/a");
  ASSERT_NE(BySource(all, "2"), nullptr);  // under a placeholder, not dropped
  EXPECT_EQ(BySource(all, "2")->parent_id, BySource(all, "missing:1")->id);
}

TEST_F(ImportRunTest, UnknownSite) {
  auto result = RunImport(*db_.get(), nullptr, "nope", {}, {});
  EXPECT_EQ(result.error(), Error::kUnknownSite);
}

}  // namespace
}  // namespace palabre::service
