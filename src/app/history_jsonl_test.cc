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

}  // namespace
}  // namespace palabre::app
