#include "service/import_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    SiteService sites(*db_.get(), clock_);
    SiteInput in;
    in.id = "demo";
    ASSERT_TRUE(sites.Add(in).ok());
  }
  ImportedComment C(std::string id, std::string parent, std::string text) {
    ImportedComment c;
    c.source_id = std::move(id);
    c.thread_key = "article-1";
    c.parent_source_id = std::move(parent);
    c.author = "Awa";
    c.text = std::move(text);
    c.created_at = 1'600'000'000'000;
    return c;
  }
  FakeClock clock_;
  TempStore db_{"import_service"};
};

TEST_F(ImportServiceTest, ImportsThreadsAndRepliesAndIsIdempotent) {
  for (int round = 0; round < 2; ++round) {
    ImportService importer(*db_.get(), "demo");
    ASSERT_TRUE(importer.Begin().ok());
    ASSERT_TRUE(importer.AddThread({"article-1", "Le titre", "Le corps"}).ok());
    ASSERT_TRUE(importer.AddComment(C("1", "", "Premier *avis*")).ok());
    ASSERT_TRUE(importer.AddComment(C("2", "1", "Réponse")).ok());
    if (round == 0) {
      EXPECT_EQ(importer.counts().threads, 1);
      EXPECT_EQ(importer.counts().comments, 2);
    } else {
      EXPECT_EQ(importer.counts().threads, 0);
      EXPECT_EQ(importer.counts().comments, 0);
      EXPECT_EQ(importer.counts().skipped_existing, 2);
    }
  }
  auto thread = db_.get()->GetThread("demo", "article-1");
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->title, "Le titre");
  EXPECT_EQ(thread->body, "Le corps");
  EXPECT_EQ(thread->comment_count, 2);
  auto reply_id = db_.get()->FindImported("demo", "2");
  ASSERT_TRUE(reply_id.ok() && reply_id->has_value());
  auto reply = db_.get()->GetComment(**reply_id);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->depth, 1);
  EXPECT_EQ(reply->created_at, 1'600'000'000'000);
}

TEST_F(ImportServiceTest, RefusesBadRecordsWithTheirReason) {
  ImportService importer(*db_.get(), "demo");
  EXPECT_EQ(importer.AddComment(C("", "", "x")).error(), Error::kInvalidArgument);
  EXPECT_EQ(importer.AddComment(C("9", "missing", "x")).error(), Error::kUnknownParent);
  EXPECT_EQ(importer.AddComment(C("10", "", "  ")).error(), Error::kInvalidArgument);
  EXPECT_EQ(importer.AddComment(C("11", "", "\xff")).error(), Error::kInvalidUtf8);
  ImportedComment no_thread = C("12", "", "x");
  no_thread.thread_key = "";
  EXPECT_EQ(importer.AddComment(no_thread).error(), Error::kKeyInvalid);
  ImportService unknown(*db_.get(), "nope");
  EXPECT_EQ(unknown.Begin().error(), Error::kUnknownSite);
}

}  // namespace
}  // namespace palabre::service
