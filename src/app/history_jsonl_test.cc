#include "app/history_jsonl.h"

#include <gtest/gtest.h>

namespace palabre::app {
namespace {

TEST(HistoryJsonlTest, ReadsThreadsAndComments) {
  auto t = ParseHistoryLine(R"({"type":"thread","id":"a-1","title":"Titre","body":"Corps"})");
  ASSERT_TRUE(t.ok());
  const auto& thread = std::get<service::ImportedThread>(*t);
  EXPECT_EQ(thread.key, "a-1");
  EXPECT_EQ(thread.title, "Titre");
  auto c =
      ParseHistoryLine(R"({"id":17,"thread":"a-1","parent":"16","author":"Awa","text":"Bien dit",)"
                       R"("created_at":"2024-03-12T17:55:00+01:00"})");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const auto& comment = std::get<service::ImportedComment>(*c);
  EXPECT_EQ(comment.source_id, "17");
  EXPECT_EQ(comment.parent_source_id, "16");
  EXPECT_EQ(comment.created_at, 1710262500000);
}

TEST(HistoryJsonlTest, SaysWhatIsWrong) {
  EXPECT_EQ(ParseHistoryLine("not json").error(), Error::kInvalidJson);
  EXPECT_EQ(ParseHistoryLine("[1,2]").error(), Error::kInvalidJson);
  EXPECT_EQ(ParseHistoryLine(R"({"type":"video"})").error(), Error::kInvalidArgument);
  EXPECT_EQ(
      ParseHistoryLine(R"({"id":"1","author":"A","text":"x","created_at":"2024-01-01T00:00:00Z"})")
          .error(),
      Error::kInvalidArgument);  // no thread
  EXPECT_EQ(ParseHistoryLine(R"({"id":"1","thread":"t","text":"x","created_at":"hier"})").error(),
            Error::kInvalidArgument);
  EXPECT_EQ(ParseHistoryLine(R"({"id":"1","thread":["t"]})").error(), Error::kInvalidArgument);
  EXPECT_EQ(ParseHistoryLine(std::string(kMaxHistoryLineBytes + 1, ' ')).error(),
            Error::kBodyTooLarge);
  std::string deep(100, '[');
  EXPECT_EQ(ParseHistoryLine(deep).error(), Error::kInvalidJson);
}

TEST(HistoryJsonlTest, ReadsWhatExportWritesBack) {
  Comment c;
  c.author = "Awa";
  c.text = "Bien *dit*";
  c.status = CommentStatus::kHeld;
  c.created_at = 1710262500000;
  c.edited_at = 1710262600000;
  c.upvotes = 4;
  c.downvotes = 1;
  c.email = "awa@example.com";
  c.client_hash = "ab12";
  c.moderation = R"({"action":"hold","reasons":[{"code":"spam","spans":[[0,3]]}]})";
  c.review = true;
  c.risk = 0.25;
  c.auto_rejected = true;
  const std::string line = CommentLine(c, "17", "a-1", "16");
  EXPECT_NE(line.find(R"("moderation":{"action":"hold")"), std::string::npos) << line;
  auto parsed = ParseHistoryLine(line);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const auto& in = std::get<service::ImportedComment>(*parsed);
  EXPECT_EQ(in.source_id, "17");
  EXPECT_EQ(in.thread_key, "a-1");
  EXPECT_EQ(in.parent_source_id, "16");
  EXPECT_EQ(in.status, CommentStatus::kHeld);
  EXPECT_EQ(in.edited_at, std::optional<TimestampMs>(1710262600000));
  EXPECT_EQ(in.upvotes, 4);
  EXPECT_EQ(in.downvotes, 1);
  EXPECT_EQ(in.email, "awa@example.com");
  EXPECT_EQ(in.client_hash, "ab12");
  EXPECT_EQ(in.moderation, c.moderation);
  EXPECT_TRUE(in.review);
  EXPECT_EQ(in.risk, 0.25);
  EXPECT_TRUE(in.auto_rejected);

  Thread t;
  t.key = "a-1";
  t.title = "Titre";
  t.closed = true;
  t.created_at = 1710262500000;
  auto thread = ParseHistoryLine(ThreadLine(t));
  ASSERT_TRUE(thread.ok());
  EXPECT_TRUE(std::get<service::ImportedThread>(*thread).closed);
  EXPECT_EQ(std::get<service::ImportedThread>(*thread).created_at, 1710262500000);

  Site site;
  site.id = "s";
  site.origins = {"https://a.example"};
  site.settings = R"({"pre_moderation":true})";
  site.salt = "sel";
  auto s = ParseHistoryLine(SiteLine(site));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(std::get<Site>(*s).settings, site.settings);
  EXPECT_EQ(std::get<Site>(*s).origins, site.origins);
  EXPECT_EQ(std::get<Site>(*s).salt, "sel");

  Ban ban;
  ban.email_hash = "e1";
  ban.reason = "spam";
  ban.created_at = 1710262500000;
  auto b = ParseHistoryLine(BanLine(ban));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(std::get<Ban>(*b).email_hash, "e1");
  EXPECT_EQ(std::get<Ban>(*b).expires_at, 0);
  EXPECT_EQ(ParseHistoryLine(R"({"type":"ban","reason":"x"})").error(), Error::kInvalidArgument);
  EXPECT_EQ(ParseHistoryLine(R"({"id":"1","thread":"t","text":"x",)"
                             R"("created_at":"2024-01-01T00:00:00Z","status":"lost"})")
                .error(),
            Error::kInvalidArgument);
}

}  // namespace
}  // namespace palabre::app
