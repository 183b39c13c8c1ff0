#include "app/decision_data.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "service/test_store.h"

namespace palabre::app {
namespace {

namespace clf = moderation::classifier;

// A site with one comment per kind of decision, in a real SQLite store.
class DecisionDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(store(), nullptr);
    for (const char* id : {"journal", "autre"}) {
      Site site;
      site.id = id;
      site.name = id;
      site.salt = "sel";
      ASSERT_TRUE(store()->CreateSite(site).ok());
    }
    Thread t;
    t.site_id = "journal";
    t.key = "article-1";
    t.title = "Les routes de Kayes";
    auto thread = store()->EnsureThread(t);
    ASSERT_TRUE(thread.ok());
    thread_ = thread->id;
    t.site_id = "autre";
    auto other = store()->EnsureThread(t);
    ASSERT_TRUE(other.ok());
    other_thread_ = other->id;
  }

  store::Store* store() { return temp_.get(); }

  CommentId Post(const std::string& text, CommentStatus status, ThreadId thread = 0) {
    Comment c;
    c.thread_id = thread != 0 ? thread : thread_;
    c.author = "Awa";
    c.text = text;
    c.html = "<p>" + text + "</p>";
    c.status = status;
    c.created_at = now_ += 1000;
    auto stored = store()->InsertComment(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? stored->id : 0;
  }

  void Act(CommentId id, const std::string& action, const std::string& reason = "",
           const std::string& site = "journal") {
    if (action == "approve" || action == "false_positive") {
      ASSERT_TRUE(store()->ModerateComment(id, CommentStatus::kPublished).ok());
    } else if (action == "reject") {
      ASSERT_TRUE(store()->ModerateComment(id, CommentStatus::kRejected).ok());
    } else if (action == "unpublish") {
      ASSERT_TRUE(store()->ModerateComment(id, CommentStatus::kHeld).ok());
    }
    AuditEntry e;
    e.site_id = site;
    e.user_id = 1;
    e.user_email = "moderatrice@journal.example";
    e.action = action;
    e.comment_id = id;
    e.reason = reason;
    e.detail = "{}";
    e.at = now_ += 1000;
    auto appended = store()->AppendAudit(e);
    ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  }

  // Every decision kind once; returns nothing, fills the store.
  void Fill() {
    Post("Merci pour cet article clair.", CommentStatus::kPublished);  // published, untouched
    Act(Post("Les ministres ne font rien pour Kayes.", CommentStatus::kHeld), "approve");
    Act(Post("On va te retrouver et te tuer.", CommentStatus::kHeld), "reject", "threat");
    Act(Post("Ce peuple de parasites doit partir.", CommentStatus::kHeld), "reject", "hate");
    Act(Post("Espèce d'imbécile, tais-toi.", CommentStatus::kHeld), "reject", "harassment");
    Act(Post("Marabout puissant, WhatsApp +223 76 12 34 56.", CommentStatus::kHeld), "reject",
        "spam");
    Act(Post("Et le match de la CAN hier ?", CommentStatus::kHeld), "reject", "off_topic");
    Act(Post("Un texte illégal.", CommentStatus::kHeld), "reject", "illegal");
    const CommentId reconsidered =
        Post("Les Peuls ne sont pas des jihadistes.", CommentStatus::kHeld);
    Act(reconsidered, "reject", "hate");
    Act(reconsidered, "approve");  // the latest decision wins: ok
    const CommentId turned = Post("Gagnez 500 000 FCFA par jour, inbox.", CommentStatus::kHeld);
    Act(turned, "approve");
    Act(turned, "reject", "spam");  // spam
    const CommentId edited = Post("Texte approuvé puis modifié.", CommentStatus::kHeld);
    Act(edited, "approve");
    ASSERT_TRUE(
        store()->UpdateCommentText(edited, "Autre texte", "<p>Autre texte</p>", now_ += 1000).ok());
    Act(Post("Retiré en attendant.", CommentStatus::kPublished), "unpublish", "hate");
    const CommentId reported = Post("Un commentaire signalé.", CommentStatus::kPublished);
    Report r;
    r.comment_id = reported;
    r.reason = ReportReason::kAbuse;
    r.reporter_hash = "lecteur";
    r.created_at = now_ += 1000;
    ASSERT_TRUE(store()->AddReport(r).ok());
    const CommentId gone = Post("Supprimé par son auteur.", CommentStatus::kHeld);
    Act(gone, "approve");
    ASSERT_TRUE(store()->SetCommentStatus(gone, CommentStatus::kDeleted).ok());
    // Another site's decisions are not this site's.
    Act(Post("Sur un autre site.", CommentStatus::kHeld, other_thread_), "reject", "spam", "autre");
  }

  service::TempStore temp_{"decision_data"};
  ThreadId thread_ = 0;
  ThreadId other_thread_ = 0;
  TimestampMs now_ = 1'700'000'000'000;
};

std::map<std::string, std::string> ByText(const std::vector<clf::LabelledRow>& rows) {
  std::map<std::string, std::string> m;
  for (const auto& r : rows) m[r.text] = std::string(clf::LabelName(r.label)) + " " + r.source;
  return m;
}

TEST(DecisionLabelsTest, RejectReasonsMapToClassifierLabels) {
  EXPECT_EQ(LabelForRejectReason("threat"), clf::Label::kThreat);
  EXPECT_EQ(LabelForRejectReason("hate"), clf::Label::kHate);
  EXPECT_EQ(LabelForRejectReason("harassment"), clf::Label::kInsult);
  EXPECT_EQ(LabelForRejectReason("spam"), clf::Label::kSpam);
  EXPECT_EQ(LabelForRejectReason("off_topic"), std::nullopt);
  EXPECT_EQ(LabelForRejectReason("illegal"), std::nullopt);
  EXPECT_EQ(LabelForRejectReason("other"), std::nullopt);
  EXPECT_EQ(LabelForRejectReason(""), std::nullopt);
}

TEST_F(DecisionDataTest, LabelsEachDecisionAndLeavesOutTheRest) {
  Fill();
  DecisionDataOptions o;
  o.site_id = "journal";
  o.holdout_percent = 0;
  auto data = ReadModeratorDecisions(*store(), o);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE(data->held_out.empty());
  const std::map<std::string, std::string> expected = {
      {"Merci pour cet article clair.", "ok decisions:published"},
      {"Les ministres ne font rien pour Kayes.", "ok decisions:approved"},
      {"On va te retrouver et te tuer.", "threat decisions:rejected"},
      {"Ce peuple de parasites doit partir.", "hate decisions:rejected"},
      {"Espèce d'imbécile, tais-toi.", "insult decisions:rejected"},
      {"Marabout puissant, WhatsApp +223 76 12 34 56.", "spam decisions:rejected"},
      {"Les Peuls ne sont pas des jihadistes.", "ok decisions:approved"},
      {"Gagnez 500 000 FCFA par jour, inbox.", "spam decisions:rejected"},
  };
  EXPECT_EQ(ByText(data->train), expected);
  EXPECT_EQ(data->train.size(), expected.size()) << "each comment once";
  EXPECT_EQ(data->counts.approved, 2u);
  EXPECT_EQ(data->counts.published, 1u);
  EXPECT_EQ(data->counts.rejected, 5u);
  EXPECT_EQ(data->counts.ignored_reason, 2u);  // off_topic, illegal
  EXPECT_EQ(data->counts.undecided, 1u);       // unpublished
  EXPECT_EQ(data->counts.skipped, 2u);         // edited after approval, deleted
}

TEST_F(DecisionDataTest, AFalsePositiveIsLegitimateAndAnUndoneDecisionDoesNotCount) {
  // Rejected by the pipeline, then published by a moderator from "Rejetés automatiquement".
  Comment c;
  c.thread_id = thread_;
  c.author = "Awa";
  c.text = "Le marché de Kayes a rouvert.";
  c.html = "<p>Le marché de Kayes a rouvert.</p>";
  c.status = CommentStatus::kRejected;
  c.auto_rejected = true;
  c.created_at = now_ += 1000;
  auto stored = store()->InsertComment(c);
  ASSERT_TRUE(stored.ok());
  Act(stored->id, "false_positive");
  // Approved, then the approval taken back with "Annuler": no decision.
  const CommentId undone = Post("Approuvé par erreur.", CommentStatus::kHeld);
  Act(undone, "approve");
  Act(undone, "undo");
  ASSERT_TRUE(store()->SetCommentStatus(undone, CommentStatus::kHeld).ok());
  // Rejected as spam, approved, approval undone: the rejection stands.
  const CommentId kept = Post("Gagnez de l'argent facile, inbox.", CommentStatus::kHeld);
  Act(kept, "reject", "spam");
  Act(kept, "approve");
  Act(kept, "undo");
  ASSERT_TRUE(store()->SetCommentStatus(kept, CommentStatus::kRejected).ok());

  DecisionDataOptions o;
  o.site_id = "journal";
  o.holdout_percent = 0;
  auto data = ReadModeratorDecisions(*store(), o);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  const std::map<std::string, std::string> expected = {
      {"Le marché de Kayes a rouvert.", "ok decisions:approved"},
      {"Gagnez de l'argent facile, inbox.", "spam decisions:rejected"},
  };
  EXPECT_EQ(ByText(data->train), expected);
  EXPECT_EQ(data->counts.approved, 1u);
  EXPECT_EQ(data->counts.rejected, 1u);
}

TEST_F(DecisionDataTest, HeldOutSliceIsStableAndDisjoint) {
  Fill();
  DecisionDataOptions o;
  o.site_id = "journal";
  o.holdout_percent = 100;
  auto all_held = ReadModeratorDecisions(*store(), o);
  ASSERT_TRUE(all_held.ok());
  EXPECT_TRUE(all_held->train.empty());
  EXPECT_EQ(all_held->held_out.size(), 8u);

  o.holdout_percent = 50;
  auto first = ReadModeratorDecisions(*store(), o);
  auto second = ReadModeratorDecisions(*store(), o);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->train.size() + first->held_out.size(), 8u);
  EXPECT_EQ(ByText(first->train), ByText(second->train));
  EXPECT_EQ(ByText(first->held_out), ByText(second->held_out));
  for (const auto& [text, label] : ByText(first->held_out)) {
    EXPECT_FALSE(ByText(first->train).contains(text)) << text;
  }
}

TEST_F(DecisionDataTest, PublishedRowsAreCappedNewestFirst) {
  for (int i = 0; i < 7; ++i)
    Post("Commentaire publié " + std::to_string(i), CommentStatus::kPublished);
  DecisionDataOptions o;
  o.site_id = "journal";
  o.holdout_percent = 0;
  o.max_published = 3;
  auto data = ReadModeratorDecisions(*store(), o);
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(data->train.size(), 3u);
  EXPECT_EQ(data->train[0].text, "Commentaire publié 6");
  EXPECT_EQ(data->train[2].text, "Commentaire publié 4");
}

TEST_F(DecisionDataTest, Errors) {
  DecisionDataOptions o;
  EXPECT_EQ(ReadModeratorDecisions(*store(), o).error(), Error::kInvalidArgument);
  o.site_id = "inconnu";
  EXPECT_EQ(ReadModeratorDecisions(*store(), o).error(), Error::kUnknownSite);
  o.site_id = "journal";
  o.holdout_percent = 101;
  EXPECT_EQ(ReadModeratorDecisions(*store(), o).error(), Error::kInvalidArgument);
}

}  // namespace
}  // namespace palabre::app
