#include "moderation/checks/duplicate_check.h"

#include <gtest/gtest.h>

#include "moderation/check_testing.h"
#include "moderation/history.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;
using testing::kTestNow;

constexpr std::int64_t kMinute = 60 * 1000;

// Long enough to be compared with other authors' comments (>= 80 folded bytes).
constexpr const char* kLong =
    "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et expliquer pourquoi "
    "les renforts sont arrivés si tard.";

class DuplicateCheckTest : public ::testing::Test {
 protected:
  CommentId Posted(const std::string& text, const std::string& author, const std::string& client,
                   ThreadId thread, std::int64_t ago_min) {
    Comment c;
    c.id = ++last_id_;
    c.thread_id = thread;
    c.author = author;
    c.client_hash = client;
    c.text = text;
    c.created_at = kTestNow - ago_min * kMinute;
    HistoryEntry e;
    e.id = c.id;
    e.thread_id = thread;
    e.at = c.created_at;
    e.author = AuthorOf(c);
    e.fingerprint = ComputeFingerprint(Normalize(text));
    history_.Add("site", e);
    return c.id;
  }

  Verdict Check(const std::string& text, const std::string& author, const std::string& client,
                ThreadId thread, DuplicateConfig config = {}) {
    CheckInput in(text, &history_, kTestNow, author, client, thread);
    return in.Run(DuplicateCheck(config));
  }

  History history_;
  CommentId last_id_ = 100;
};

TEST_F(DuplicateCheckTest, DoubleSubmitBySameAuthorIsRejected) {
  const CommentId first = Posted("Triste nouvelle.", "Awa", "c1", 1, 1);
  const Verdict v = Check("triste   nouvelle !", "Awa", "c1", 1);
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"duplicate"});
  EXPECT_NE(v.reasons[0].detail.find(std::to_string(first)), std::string::npos);
  // Same address under another name: still the same author.
  EXPECT_EQ(Check("Triste nouvelle.", "Awa D.", "c1", 1).action, Action::kReject);
}

TEST_F(DuplicateCheckTest, ShortReactionsMayBeRepeatedElsewhereAndByOthers) {
  Posted("Paix à leurs âmes.", "Awa", "c1", 1, 30);
  EXPECT_EQ(Check("Paix à leurs âmes.", "Awa", "c1", 2).action, Action::kPass);     // other article
  EXPECT_EQ(Check("Paix à leurs âmes.", "Moussa", "c2", 1).action, Action::kPass);  // other author
}

TEST_F(DuplicateCheckTest, SameLongTextBySameAuthorAnywhereIsRejected) {
  Posted(kLong, "Awa", "c1", 1, 60);
  const Verdict v = Check(kLong, "Awa", "c9", 7);
  EXPECT_EQ(v.action, Action::kReject);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"duplicate"});
}

TEST_F(DuplicateCheckTest, CopyPasteByAnotherAuthorIsHeldNamingTheEarlierComment) {
  const CommentId first = Posted(kLong, "Awa", "c1", 1, 60);
  // Other article, other author, with changes of case, accents, punctuation and spacing.
  const Verdict v = Check(
      "LE GOUVERNEMENT DOIT PUBLIER LE BILAN EXACT DE L ATTAQUE DE DJIBO, et expliquer pourquoi "
      "les renforts sont arrives si tard !!!",
      "Moussa", "c2", 2);
  EXPECT_EQ(v.action, Action::kHold);
  EXPECT_EQ(Codes(v), std::vector<std::string>{"copy_paste"});
  EXPECT_NE(v.reasons[0].detail.find(std::to_string(first)), std::string::npos);
  EXPECT_NE(v.reasons[0].detail.find("autre article"), std::string::npos);
}

TEST_F(DuplicateCheckTest, NearlyTheSameTextWithASmallEditIsCaught) {
  Posted(kLong, "Awa", "c1", 1, 60);
  const Verdict v = Check(
      "Le gouvernement doit publier le bilan exact de l'attaque de Djibo et nous expliquer "
      "pourquoi les renforts sont arrivés si tard.",
      "Moussa", "c2", 1);
  EXPECT_EQ(v.action, Action::kHold);
  ASSERT_EQ(Codes(v), std::vector<std::string>{"copy_paste"});
  EXPECT_NE(v.reasons[0].detail.find("presque identique"), std::string::npos);
  EXPECT_NE(v.reasons[0].detail.find("même article"), std::string::npos);
  EXPECT_GE(v.reasons[0].score, 0.7);
}

TEST_F(DuplicateCheckTest, DifferentLongCommentsOnTheSameStoryPass) {
  Posted(kLong, "Awa", "c1", 1, 60);
  EXPECT_EQ(Check("Les familles des soldats tombés à Djibo attendent toujours une aide de "
                  "l'État, et personne au gouvernement ne leur répond depuis des mois.",
                  "Moussa", "c2", 1)
                .action,
            Action::kPass);
}

TEST_F(DuplicateCheckTest, WindowsExpire) {
  Posted(kLong, "Awa", "c1", 1, 8 * 24 * 60);  // eight days ago: outside the copy window
  EXPECT_EQ(Check(kLong, "Moussa", "c2", 1).action, Action::kPass);
  Posted("Triste.", "Awa", "c1", 1, 25 * 60);  // 25 h ago: outside the repeat window
  EXPECT_EQ(Check("Triste.", "Awa", "c1", 1).action, Action::kPass);
}

TEST_F(DuplicateCheckTest, AcrossSiteCanBeTurnedOff) {
  Posted(kLong, "Awa", "c1", 1, 60);
  DuplicateConfig thread_only;
  thread_only.across_site = false;
  EXPECT_EQ(Check(kLong, "Moussa", "c2", 2, thread_only).action, Action::kPass);
  EXPECT_EQ(Check(kLong, "Moussa", "c2", 1, thread_only).action, Action::kHold);
}

TEST_F(DuplicateCheckTest, AnEditIsNotADuplicateOfItself) {
  const CommentId id = Posted(kLong, "Awa", "c1", 1, 2);
  CheckInput in(kLong, &history_, kTestNow, "Awa", "c1", 1);
  in.comment.id = id;
  EXPECT_EQ(in.Run(DuplicateCheck(DuplicateConfig{})).action, Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
