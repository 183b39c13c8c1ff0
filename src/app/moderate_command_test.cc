#include "app/moderate_command.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace palabre::app {
namespace {

// Rejects texts containing "spam", holds texts containing "?", and remembers what it saw.
class ScriptedModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread& thread,
                                const Comment& comment) override {
    titles.push_back(thread.title);
    parents.push_back(comment.parent_id.value_or(0));
    moderation::Decision d;
    if (comment.text.find("spam") != std::string::npos) {
      d.action = moderation::Action::kReject;
      d.reasons.push_back({"fake", "spam", "pub", 0.9, moderation::Action::kReject, {}});
    } else if (comment.text.find('!') != std::string::npos) {
      d.action = moderation::Action::kReview;
      d.reasons.push_back({"fake", "shouting", "!", 0.7, moderation::Action::kReview, {}});
    } else if (comment.text.find('?') != std::string::npos) {
      d.action = moderation::Action::kHold;
      d.reasons.push_back({"fake", "question", "?", 0.5, moderation::Action::kHold, {}});
      d.scores["threat"] = 0.25;
    }
    return d;
  }
  void Record(const Site&, const Comment& c, const moderation::Decision*) override {
    recorded.push_back(c.id);
  }
  std::vector<std::string> titles;
  std::vector<CommentId> parents;
  std::vector<CommentId> recorded;
};

TEST(ModerateCommandTest, OneLinePerCommentInOrderWithASummary) {
  std::istringstream in(
      R"({"type":"thread","id":"t","title":"Djibo"})"
      "\n"
      R"({"id":"a","thread":"t","author":"A","text":"Paix","created_at":"2026-01-01T00:00:00Z"})"
      "\n\n"
      R"({"id":"b","thread":"t","parent":"a","author":"B","text":"Vrai ?","created_at":"2026-01-01T00:01:00Z"})"
      "\nbroken\n"
      R"({"id":"c","thread":"t","author":"C","text":"spam","created_at":"2026-01-01T00:02:00Z"})"
      "\n"
      R"({"id":"d","thread":"t","author":"D","text":"Non !","created_at":"2026-01-01T00:03:00Z"})"
      "\n");
  std::ostringstream out, err;
  ScriptedModerator moderator;
  ModerateSummary s = ModerateJsonLines(moderator, "batch", in, out, err);
  EXPECT_EQ(s.comments, 4);
  EXPECT_EQ(s.published, 1);
  EXPECT_EQ(s.review, 1);
  EXPECT_EQ(s.held, 1);
  EXPECT_EQ(s.rejected, 1);
  EXPECT_EQ(s.bad_lines, 1);
  EXPECT_EQ(s.by_code["spam"], 1);
  EXPECT_EQ(moderator.titles, (std::vector<std::string>{"Djibo", "Djibo", "Djibo", "Djibo"}));
  EXPECT_EQ(moderator.parents[1], moderator.recorded[0]);  // the reply knows its parent
  EXPECT_EQ(moderator.recorded.size(), 3u);                // the rejected one is not kept
  const std::string lines = out.str();
  EXPECT_NE(lines.find(R"({"id":"a","action":"publish","reasons":[],)"), std::string::npos);
  EXPECT_NE(lines.find(R"("id":"b","action":"hold")"), std::string::npos);
  EXPECT_NE(lines.find(R"("code":"question")"), std::string::npos);
  EXPECT_NE(lines.find(R"("threat":2.5E-1)"), std::string::npos);
  EXPECT_NE(lines.find(R"("hate":null)"), std::string::npos);
  EXPECT_NE(lines.find(R"("id":"c","action":"reject")"), std::string::npos);
  // Published and queued for review: the outcome and the reason that asked for it.
  EXPECT_NE(lines.find(R"("id":"d","action":"review")"), std::string::npos);
  EXPECT_NE(lines.find(R"("code":"shouting","detail":"!","score":7E-1,"action":"review"})"),
            std::string::npos)
      << lines;
  EXPECT_NE(err.str().find("line 5: invalid_json"), std::string::npos);
  EXPECT_NE(
      err.str().find("moderated 4 comments: 1 publish, 1 review, 1 hold, 1 reject; 1 bad lines"),
      std::string::npos);
}

}  // namespace
}  // namespace palabre::app
