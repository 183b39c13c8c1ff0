// The moderators' day end to end in the service layer: the queue, roles and audit, settings,
// pre-moderation, review after publishing, edits (reports, bans, the report, privacy and undo:
// moderator_reports_test.cc). A real SQLite store and a real pipeline without the classifier
// (its verdicts are moderation's to test): moderator_service_testing.h.
#include "service/moderator_service.h"

#include "service/moderator_service_testing.h"

namespace palabre::service {
namespace {

TEST_F(ModeratorServiceTest, QueueShowsHeldCommentsWithTheirEvidence) {
  MustPost("Merci pour cet article.");
  const CommentId spam = MustPost(kSpam, "Marabout");
  ASSERT_EQ(StatusOf(spam), CommentStatus::kHeld);
  QueueQuery q;
  auto page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  const QueueItem& item = page->items[0];
  EXPECT_EQ(item.comment.id, spam);
  EXPECT_EQ(item.site_id, "a");
  EXPECT_EQ(item.thread.key, "article-1");
  EXPECT_TRUE(item.comment.client_hash.empty());
  ASSERT_FALSE(item.reasons.empty());
  EXPECT_EQ(item.reasons[0].code, "phone");
  ASSERT_FALSE(item.reasons[0].spans.empty());
  const auto span = item.reasons[0].spans[0];
  EXPECT_NE(std::string(kSpam).substr(span.begin, span.end - span.begin).find("97"),
            std::string::npos);
  EXPECT_EQ(item.history.held, 1);
  EXPECT_FALSE(item.relative_time.empty());
  // Another site's moderator sees nothing of site a.
  q.site_id = "a";
  EXPECT_EQ(mods_->Queue(mod_b_, q).error(), Error::kForbidden);
  auto theirs = mods_->Queue(mod_b_, QueueQuery{});
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->items.empty());
}

TEST_F(ModeratorServiceTest, ActionsCheckTheRoleAndAreAudited) {
  const CommentId held = MustPost(kSpam, "Marabout");
  const CommentId published = MustPost("Bonne analyse.", "Moussa");
  EXPECT_EQ(mods_->Approve(mod_b_, held).error(), Error::kForbidden);
  EXPECT_EQ(mods_->Reject(mod_b_, held, RejectReason::kSpam, "").error(), Error::kForbidden);
  EXPECT_EQ(mods_->Unpublish(mod_b_, published, "").error(), Error::kForbidden);
  EXPECT_TRUE(AuditOf("a").empty());

  clock_.AdvanceMs(60'000);
  auto approved = mods_->Approve(mod_a_, held);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->comment.status, CommentStatus::kPublished);
  auto rejected = mods_->Reject(mod_a_, held, RejectReason::kSpam, "marabout");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(StatusOf(held), CommentStatus::kRejected);
  ASSERT_TRUE(mods_->Unpublish(mod_a_, published, "à revoir").ok());
  EXPECT_EQ(StatusOf(published), CommentStatus::kHeld);
  EXPECT_EQ(mods_->Unpublish(mod_a_, published, "").error(), Error::kCommentNotPublished);

  const auto audit = AuditOf("a");
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "unpublish");  // newest first
  EXPECT_EQ(audit[1].action, "reject");
  EXPECT_EQ(audit[1].reason, "spam");
  EXPECT_EQ(audit[1].user_email, "mod@a.test");
  EXPECT_EQ(audit[2].action, "approve");
  EXPECT_EQ(audit[2].comment_id, held);
  EXPECT_GE(audit[2].response_ms, 60'000);
  EXPECT_EQ(mods_->Audit(mod_b_, "a", 0, 10).error(), Error::kForbidden);
}

TEST_F(ModeratorServiceTest, ModeratorActionsBumpTheThreadAndTellListeners) {
  const CommentId id = MustPost("Un avis tranquille.");
  const auto before = comments_->ThreadVersion("a", "article-1");
  ASSERT_TRUE(mods_->Unpublish(mod_a_, id, "").ok());
  EXPECT_NE(comments_->ThreadVersion("a", "article-1"), before);
  EXPECT_EQ(removed_, std::vector<CommentId>{id});
}

TEST_F(ModeratorServiceTest, OnlyAdminsChangeSettings) {
  EXPECT_EQ(mods_->PutSettings(mod_a_, "a", "{}").error(), Error::kForbidden);
  EXPECT_EQ(mods_->PutSettings(mod_b_, "a", "{}").error(), Error::kForbidden);
  EXPECT_EQ(mods_->GetSettings(mod_b_, "a").error(), Error::kForbidden);
  auto bad = mods_->PutSettings(admin_a_, "a", R"({"report_threshold":"x"})");
  EXPECT_EQ(bad.error(), Error::kInvalidArgument);
  PutSettings(R"({"report_threshold":2})");
  auto got = mods_->GetSettings(mod_a_, "a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->report_threshold, 2);
  EXPECT_EQ(AuditOf("a").at(0).action, "settings");
}

TEST_F(ModeratorServiceTest, OnlyAdminsChangeTheSiteAndItAppliesAtOnce) {
  ASSERT_TRUE(comments_->GetSite("a").ok());  // cached by the comment service
  SiteChange change;
  change.add_origins = {"https://journal-a.test"};
  EXPECT_EQ(mods_->UpdateSite(mod_a_, "a", change).error(), Error::kForbidden);
  EXPECT_EQ(mods_->UpdateSite(mod_b_, "a", change).error(), Error::kForbidden);
  EXPECT_EQ(mods_->GetSite(mod_b_, "a").error(), Error::kForbidden);
  SiteChange bad;
  bad.time_zone = "Mars/Olympus";
  auto refused = mods_->UpdateSite(admin_a_, "a", bad);
  EXPECT_EQ(refused.error(), Error::kInvalidArgument);
  EXPECT_TRUE(refused.status().message().starts_with("time_zone: "));
  auto changed = mods_->UpdateSite(admin_a_, "a", change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  auto seen = mods_->GetSite(mod_a_, "a");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->origins, changed->origins);
  EXPECT_NE(std::find(seen->origins.begin(), seen->origins.end(), "https://journal-a.test"),
            seen->origins.end());
  auto served = comments_->GetSite("a");
  ASSERT_TRUE(served.ok());
  EXPECT_EQ(served->origins, changed->origins);
  const AuditEntry last = AuditOf("a").at(0);
  EXPECT_EQ(last.action, "site");
  EXPECT_EQ(last.user_email, admin_a_.email);
}

TEST_F(ModeratorServiceTest, ABannedWordAddedChangesTheDecision) {
  ASSERT_TRUE(Post("Ce ministre est un gaspilleur.").ok());
  ASSERT_EQ(
      Post("Ce ministre est un gaspilleur.", "Other", "a", "", "198.51.100.1")->decision.action,
      moderation::Action::kPass);
  PutSettings(R"({"banned_words":["gaspilleur"]})");
  auto out = Post("Encore un gaspilleur au gouvernement.", "Third", "a", "", "198.51.100.2");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->decision.action, moderation::Action::kReject);
  // Site b is not affected.
  auto b = Post("Encore un gaspilleur au gouvernement.", "Third", "b", "", "198.51.100.3");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->decision.action, moderation::Action::kPass);
}

TEST_F(ModeratorServiceTest, SettingsChangedElsewhereApplyWhenTheSiteIsReread) {
  auto site = store_->GetSite("a");
  ASSERT_TRUE(site.ok());
  site->settings = R"({"banned_words":["gaspilleur"]})";
  ASSERT_TRUE(store_->UpdateSite(*site).ok());  // as another node would
  clock_.AdvanceMs(10'000);                     // the site cache expires
  auto out = Post("Un gaspilleur.");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->decision.action, moderation::Action::kReject);
}

TEST_F(ModeratorServiceTest, PremoderationAll) {
  PutSettings(R"({"premoderation":"all"})");
  auto out = Post("Un commentaire ordinaire.");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->comment.status, CommentStatus::kHeld);
  ASSERT_FALSE(out->decision.reasons.empty());
  EXPECT_EQ(out->decision.reasons.back().check, "premoderation");
  EXPECT_EQ(out->decision.reasons.back().code, "premoderation_all");
}

TEST_F(ModeratorServiceTest, PremoderationNewHoldsUntilApproved) {
  PutSettings(R"({"premoderation":"new","premoderation_min_approved":1})");
  auto first = Post("Mon premier commentaire ici.", "Nouveau");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->comment.status, CommentStatus::kHeld);
  EXPECT_EQ(first->decision.reasons.back().code, "premoderation_new");
  ASSERT_TRUE(mods_->Approve(mod_a_, first->comment.id).ok());
  auto second = Post("Et un deuxième, publié.", "Nouveau");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->comment.status, CommentStatus::kPublished);
  // Known by the client address too, under another name.
  auto third = Post("Sous un autre nom.", "Pseudo");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->comment.status, CommentStatus::kPublished);
  auto stranger = Post("Je suis nouveau.", "Inconnu", "a", "", "198.51.100.9");
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(stranger->comment.status, CommentStatus::kHeld);
}

TEST_F(ModeratorServiceTest, AnEditUnderPremoderationAllReturnsToTheQueue) {
  auto out = Post("Un avis publié avant la pré-modération.");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->comment.status, CommentStatus::kPublished);
  PutSettings(R"({"premoderation":"all"})");
  removed_.clear();
  auto edited = comments_->Edit(out->comment.id, out->edit_token, "Le même avis, autrement dit.");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->comment.status, CommentStatus::kHeld);
  EXPECT_EQ(edited->decision.reasons.back().code, "premoderation_all");
  EXPECT_EQ(StatusOf(out->comment.id), CommentStatus::kHeld);
  // Open pages are told it left the thread.
  EXPECT_EQ(removed_, std::vector<CommentId>{out->comment.id});
}

// --- Review after publishing ----------------------------------------------------------------

constexpr const char* kShouted = "LE GOUVERNEMENT DOIT AGIR MAINTENANT POUR NOS ROUTES";  // 1.0
constexpr const char* kExclaimed = "Le gouvernement doit agir maintenant !!!!";           // 0.5

TEST_F(ModeratorServiceTest, AReviewDecisionPublishesAndMarksTheComment) {
  PutSettings(R"({"checks":{"shouting.action":"review"}})");
  auto out = Post(kShouted);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->decision.action, moderation::Action::kReview);
  EXPECT_EQ(out->comment.status, CommentStatus::kPublished);
  EXPECT_FALSE(out->edit_token.empty());
  auto stored = store_->GetComment(out->comment.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->review);
  EXPECT_DOUBLE_EQ(stored->risk, 1.0);
  EXPECT_NE(stored->moderation.find(R"("action":"review")"), std::string::npos);
  // Readers see it as any other comment.
  ListInput list;
  list.site_id = "a";
  list.key = "article-1";
  auto page = comments_->List(list);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->comments.size(), 1u);
  EXPECT_EQ(page->thread.comment_count, 1);
  // Site b's settings are its own: the same text publishes there unmarked.
  auto b = Post(kShouted, "Awa", "b");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->decision.action, moderation::Action::kFlag);
  EXPECT_FALSE(store_->GetComment(b->comment.id)->review);
  // A plain comment is not marked.
  const CommentId plain = MustPost("Un avis tranquille.");
  EXPECT_FALSE(store_->GetComment(plain)->review);
}

TEST_F(ModeratorServiceTest, TheReviewQueueListsByRiskAndADecisionEndsTheReview) {
  PutSettings(R"({"checks":{"shouting.action":"review","lexicon.suspect_action":"review"},
                  "suspect_words":["corrompu"]})");
  const CommentId exclaimed = MustPost(kExclaimed, "Awa");                 // 0.5
  const CommentId shouted = MustPost(kShouted, "Moussa");                  // 1.0
  const CommentId suspect = MustPost("Ce ministre est corrompu.", "Ali");  // 0.6
  MustPost("Un avis tranquille.", "Fanta");
  MustPost(kSpam, "Marabout");  // held: the held queue's
  QueueQuery q;
  q.status = "review";
  q.newest_first = false;  // does not apply: by risk
  auto page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::vector<CommentId> ids;
  for (const QueueItem& item : page->items) ids.push_back(item.comment.id);
  EXPECT_EQ(ids, (std::vector<CommentId>{shouted, suspect, exclaimed}));
  ASSERT_FALSE(page->items[1].reasons.empty());
  EXPECT_EQ(page->items[1].reasons[0].code, "suspect_word");
  EXPECT_EQ(page->items[1].reasons[0].action, moderation::Action::kReview);
  EXPECT_FALSE(page->items[1].reasons[0].spans.empty());
  EXPECT_DOUBLE_EQ(page->items[1].comment.risk, 0.6);
  EXPECT_TRUE(page->items[1].comment.review);
  q.site_id = "a";
  EXPECT_EQ(mods_->Queue(mod_b_, q).error(), Error::kForbidden);
  q.status = "revue";
  EXPECT_EQ(mods_->Queue(mod_a_, q).error(), Error::kInvalidArgument);
  q.status = "review";

  // Approve: stays published, leaves the queue, audited as a review.
  auto approved = mods_->Approve(mod_a_, shouted);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->comment.status, CommentStatus::kPublished);
  EXPECT_FALSE(approved->comment.review);
  // Unpublish with one key (no reason given): held, gone from the thread, announced.
  removed_.clear();
  auto unpublished = mods_->Unpublish(mod_a_, suspect, "");
  ASSERT_TRUE(unpublished.ok()) << unpublished.status().ToString();
  EXPECT_EQ(StatusOf(suspect), CommentStatus::kHeld);
  EXPECT_EQ(removed_, std::vector<CommentId>{suspect});
  page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].comment.id, exclaimed);
  ListInput list;
  list.site_id = "a";
  list.key = "article-1";
  auto thread = comments_->List(list);
  ASSERT_TRUE(thread.ok());
  for (const CommentView& v : thread->comments) EXPECT_NE(v.comment.id, suspect);

  const auto audit = AuditOf("a");
  ASSERT_GE(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "unpublish");
  EXPECT_EQ(audit[0].comment_id, suspect);
  EXPECT_EQ(audit[0].reason, "review: suspect_word");
  EXPECT_NE(audit[0].detail.find(R"("review":true)"), std::string::npos) << audit[0].detail;
  EXPECT_NE(audit[0].detail.find(R"("risk":0.6)"), std::string::npos) << audit[0].detail;
  EXPECT_EQ(audit[1].action, "approve");
  EXPECT_EQ(audit[1].comment_id, shouted);
  EXPECT_NE(audit[1].detail.find(R"("from":"published")"), std::string::npos) << audit[1].detail;
  EXPECT_NE(audit[1].detail.find(R"("review":true)"), std::string::npos) << audit[1].detail;
  // The last one, rejected with a reason: the reason is the moderator's.
  ASSERT_TRUE(mods_->Reject(mod_a_, exclaimed, RejectReason::kHarassment, "").ok());
  EXPECT_EQ(AuditOf("a").at(0).reason, "harassment");
  page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
}

TEST_F(ModeratorServiceTest, EditsFollowTheirNewTextsReview) {
  PutSettings(R"({"checks":{"shouting.action":"review"}})");
  auto out = Post("Le gouvernement doit agir pour nos routes.");
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(store_->GetComment(out->comment.id)->review);
  auto edited = comments_->Edit(out->comment.id, out->edit_token, kShouted);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->comment.status, CommentStatus::kPublished);
  auto stored = store_->GetComment(out->comment.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->review);
  EXPECT_DOUBLE_EQ(stored->risk, 1.0);
  EXPECT_NE(stored->moderation.find("shouting"), std::string::npos);  // the new text's reasons
  // Approved, then edited into another shouted text: back in the queue.
  ASSERT_TRUE(mods_->Approve(mod_a_, out->comment.id).ok());
  EXPECT_FALSE(store_->GetComment(out->comment.id)->review);
  ASSERT_TRUE(comments_->Edit(out->comment.id, out->edit_token, kExclaimed).ok());
  stored = store_->GetComment(out->comment.id);
  EXPECT_TRUE(stored->review);
  EXPECT_DOUBLE_EQ(stored->risk, 0.5);
  // Edited into a calm text: nothing left to review.
  ASSERT_TRUE(comments_->Edit(out->comment.id, out->edit_token, "Un avis calme.").ok());
  stored = store_->GetComment(out->comment.id);
  EXPECT_FALSE(stored->review);
  EXPECT_EQ(stored->status, CommentStatus::kPublished);
}

TEST_F(ModeratorServiceTest, PremoderationAndStrongerChecksOutrankReview) {
  PutSettings(R"({"checks":{"shouting.action":"review"}})");
  // A phone number holds; the shouting's review reason stays for the moderator.
  auto held = Post("APPELEZ LE +223 76 12 34 56 POUR EN SAVOIR PLUS SUR CETTE AFFAIRE");
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->comment.status, CommentStatus::kHeld);
  EXPECT_FALSE(store_->GetComment(held->comment.id)->review);
  PutSettings(R"({"premoderation":"all","checks":{"shouting.action":"review"}})");
  auto premoderated = Post(kShouted, "Moussa");
  ASSERT_TRUE(premoderated.ok());
  EXPECT_EQ(premoderated->comment.status, CommentStatus::kHeld);
  EXPECT_EQ(premoderated->decision.action, moderation::Action::kHold);
  EXPECT_FALSE(store_->GetComment(premoderated->comment.id)->review);
}

TEST_F(ModeratorServiceTest, ABannedAuthorCannotEditEither) {
  auto out = Post("Un avis publié avant le bannissement.", "Moussa");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->comment.status, CommentStatus::kPublished);
  const CommentId other = MustPost("Un autre avis du même auteur.", "Moussa");
  BanInput in;
  in.comment_id = other;
  in.days = 7;
  in.by_name = true;
  ASSERT_TRUE(mods_->AddBan(mod_a_, in).ok());
  EXPECT_EQ(comments_->Edit(out->comment.id, out->edit_token, "Texte remplacé.").error(),
            Error::kBanned);
  EXPECT_EQ(TextOf(out->comment.id), "Un avis publié avant le bannissement.");
}

}  // namespace
}  // namespace palabre::service
