// The moderators' day end to end in the service layer, continued: readers' reports, API keys,
// bans, closed threads, cluster actions, the site report, privacy, auto-rejected comments and
// undo (moderator_service_testing.h).
#include "service/moderator_service_testing.h"

namespace palabre::service {
namespace {

ReportInput R(CommentId id, std::string address, std::string token = "") {
  ReportInput r;
  r.comment_id = id;
  r.reason = ReportReason::kAbuse;
  r.note = "Insultant";
  r.client_address = std::move(address);
  r.token = std::move(token);
  return r;
}

TEST_F(ModeratorServiceTest, ReportsHoldAtTheThreshold) {
  PutSettings(R"({"report_threshold":2})");
  const CommentId id = MustPost("Un avis qui dérange.");
  auto one = comments_->Report(R(id, "198.51.100.1", "browser-token-0001"));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->open_reports, 1);
  EXPECT_DOUBLE_EQ(one->score, 1);
  EXPECT_FALSE(one->held);
  EXPECT_EQ(comments_->Report(R(id, "198.51.100.1")).error(), Error::kAlreadyReported);
  // The same browser from another network is the same reader.
  EXPECT_EQ(comments_->Report(R(id, "192.0.2.50", "browser-token-0001")).error(),
            Error::kAlreadyReported);
  const auto before = comments_->ThreadVersion("a", "article-1");
  auto two = comments_->Report(R(id, "192.0.2.44"));
  ASSERT_TRUE(two.ok());
  EXPECT_TRUE(two->held);
  EXPECT_EQ(StatusOf(id), CommentStatus::kHeld);
  EXPECT_NE(comments_->ThreadVersion("a", "article-1"), before);
  EXPECT_EQ(removed_, std::vector<CommentId>{id});
  EXPECT_EQ(comments_->Report(R(id, "203.0.113.99")).error(), Error::kCommentNotPublished);
  // The moderator sees the reports, without who made them; approving resolves them.
  QueueQuery q;
  q.status = "reported";
  auto page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].open_reports, 2);
  ASSERT_EQ(page->items[0].reports.size(), 2u);
  EXPECT_TRUE(page->items[0].reports[0].reporter_hash.empty());
  EXPECT_TRUE(page->items[0].reports[0].range_hash.empty());
  EXPECT_TRUE(page->items[0].reports[0].token_hash.empty());
  ASSERT_TRUE(mods_->Approve(mod_a_, id).ok());
  auto after = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->items.empty());

  ReportInput long_note = R(id, "198.51.100.200");
  long_note.note = std::string(501, 'x');
  EXPECT_EQ(comments_->Report(long_note).error(), Error::kInvalidArgument);
  EXPECT_EQ(comments_->Report(R(id, "198.51.100.201", "bad token")).error(),
            Error::kInvalidArgument);
}

TEST_F(ModeratorServiceTest, MadeUpReadersOfOneAddressOrOneRangeNeverHideAComment) {
  // Three made-up browser tokens from one address: one reader.
  const CommentId id = MustPost("Un avis que quelqu'un veut faire taire.");
  ASSERT_TRUE(comments_->Report(R(id, "198.51.100.1", "made-up-token-0001")).ok());
  EXPECT_EQ(comments_->Report(R(id, "198.51.100.1", "made-up-token-0002")).error(),
            Error::kAlreadyReported);
  EXPECT_EQ(comments_->Report(R(id, "198.51.100.1", "made-up-token-0003")).error(),
            Error::kAlreadyReported);
  // Fifty addresses of one /24 (and of one IPv6 /48): each a reader, one range, weight 1 each.
  for (int i = 2; i < 52; ++i) {
    auto r = comments_->Report(R(id, "198.51.100." + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_DOUBLE_EQ(r->score, 1);
    EXPECT_FALSE(r->held);
  }
  for (int i = 1; i < 20; ++i) {
    auto r = comments_->Report(R(id, "2001:db8:7:" + std::to_string(i) + "::1"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_DOUBLE_EQ(r->score, 2);
  }
  EXPECT_EQ(StatusOf(id), CommentStatus::kPublished);
  // A third network: the default threshold (3) is reached.
  auto third = comments_->Report(R(id, "192.0.2.1"));
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->held);
  EXPECT_EQ(StatusOf(id), CommentStatus::kHeld);
}

TEST_F(ModeratorServiceTest, ReportersWhoseReportsWereDismissedWeighLess) {
  // Two readers report three harmless comments; moderators keep them.
  const std::vector<std::string> zealots = {"198.51.100.1", "192.0.2.1"};
  for (int i = 0; i < 3; ++i) {
    const CommentId fine = MustPost("Un avis correct numéro " + std::to_string(i) + ".");
    for (const std::string& a : zealots) ASSERT_TRUE(comments_->Report(R(fine, a)).ok());
    ASSERT_TRUE(mods_->Approve(mod_a_, fine).ok());
  }
  // Their next reports weigh 1 / (1 + 2 × 3) each: with a newcomer of a third network, the
  // comment stays (1/7 + 1/7 + 1 < 3).
  const CommentId target = MustPost("Un avis qui déplaît à certains.");
  for (const std::string& a : zealots) {
    auto r = comments_->Report(R(target, a));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->held);
  }
  auto fresh = comments_->Report(R(target, "203.0.113.50"));
  ASSERT_TRUE(fresh.ok());
  EXPECT_NEAR(fresh->score, 1 + 2.0 / 7, 1e-9);
  EXPECT_FALSE(fresh->held);
  EXPECT_EQ(StatusOf(target), CommentStatus::kPublished);
  // Upheld reports restore a reporter's weight: rejected comments count for them.
  const CommentId bad = MustPost("Un avis franchement insultant.");
  for (const std::string& a : zealots) ASSERT_TRUE(comments_->Report(R(bad, a)).ok());
  ASSERT_TRUE(mods_->Reject(mod_a_, bad, RejectReason::kHarassment, "").ok());
  const CommentId next = MustPost("Un autre avis.");
  auto r = comments_->Report(R(next, zealots[0]));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->score, 2.0 / 8, 1e-9);  // (1 + 1) / (1 + 1 + 2 × 3)
}

TEST_F(ModeratorServiceTest, ABurstOfReportsIsFlaggedForTheModerators) {
  const CommentId id = MustPost("Un avis qui attire les signalements.");
  QueueQuery q;
  q.status = "reported";
  // Four reports from one range within minutes: no burst yet, nothing held.
  for (int i = 1; i <= 4; ++i) {
    auto r = comments_->Report(R(id, "198.51.100." + std::to_string(i)));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->burst);
    clock_.AdvanceMs(60'000);
  }
  auto page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->report_bursts, 0);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_FALSE(page->items[0].report_burst);
  // The fifth within ten minutes starts a burst; later ones do not start another.
  auto fifth = comments_->Report(R(id, "198.51.100.5"));
  ASSERT_TRUE(fifth.ok());
  EXPECT_TRUE(fifth->burst);
  EXPECT_FALSE(fifth->held);  // one range: an alert, not a removal
  auto sixth = comments_->Report(R(id, "198.51.100.6"));
  ASSERT_TRUE(sixth.ok());
  EXPECT_FALSE(sixth->burst);
  page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->report_bursts, 1);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_TRUE(page->items[0].report_burst);
  // Whatever tab the console shows, it learns of the burst; another site's moderator does not.
  QueueQuery held;
  held.status = "held";
  EXPECT_EQ(mods_->Queue(mod_a_, held)->report_bursts, 1);
  EXPECT_EQ(mods_->Queue(mod_b_, held)->report_bursts, 0);
  // The moderator's decision ends it.
  ASSERT_TRUE(mods_->Approve(mod_a_, id).ok());
  EXPECT_EQ(mods_->Queue(mod_a_, held)->report_bursts, 0);
  // Reports spread over more than ten minutes are no burst.
  const CommentId slow = MustPost("Un avis signalé lentement.");
  for (int i = 1; i <= 6; ++i) {
    auto r = comments_->Report(R(slow, "192.0.2." + std::to_string(i)));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->burst) << i;
    clock_.AdvanceMs(3 * 60'000);
  }
}

TEST_F(ModeratorServiceTest, ReportsOfOneClientAreBudgetedPerHour) {
  std::vector<CommentId> ids;
  for (int i = 0; i < 21; ++i) ids.push_back(MustPost("Avis numéro " + std::to_string(i) + "."));
  for (int i = 0; i < 20; ++i) {
    auto r = comments_->Report(R(ids[i], "198.51.100.1"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->retry_after_s, 0) << i;
  }
  auto refused = comments_->Report(R(ids[20], "198.51.100.1"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->retry_after_s, 3600);
  EXPECT_TRUE(store_->ListReports(ids[20])->empty());
  ASSERT_EQ(comments_->Report(R(ids[20], "198.51.100.2"))->retry_after_s, 0);
  clock_.AdvanceMs(3600'000);
  ASSERT_EQ(comments_->Report(R(ids[20], "198.51.100.1"))->retry_after_s, 0);
}

TEST_F(ModeratorServiceTest, ApiKeysAreTheAdminsAndAudited) {
  auto made = mods_->AddApiKey(admin_a_, "a", "CMS", 30);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(made->secret.starts_with("plb_"));
  EXPECT_EQ(made->secret.size(), 4u + 43u);
  EXPECT_EQ(made->key.hint, made->secret.substr(0, 8));
  EXPECT_TRUE(made->key.key_hash.empty());  // never leaves the service
  EXPECT_EQ(mods_->AddApiKey(mod_a_, "a", "x", 60).error(), Error::kForbidden);
  EXPECT_EQ(mods_->AddApiKey(admin_a_, "b", "x", 60).error(), Error::kForbidden);
  EXPECT_EQ(mods_->AddApiKey(admin_a_, "a", "x", 0).error(), Error::kInvalidArgument);
  auto listed = mods_->ApiKeys(admin_a_, "a");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "CMS");
  EXPECT_EQ((*listed)[0].per_minute, 30);
  EXPECT_TRUE((*listed)[0].key_hash.empty());
  EXPECT_EQ(mods_->ApiKeys(mod_a_, "a").error(), Error::kForbidden);

  ApiKeyService keys(*store_, clock_);
  auto admitted = keys.Admit(made->secret);
  ASSERT_TRUE(admitted.ok());
  EXPECT_EQ(admitted->key.site_id, "a");
  EXPECT_EQ(mods_->RemoveApiKey(admin_a_, "a", made->key.id + 1).error(), Error::kUnknownApiKey);
  ASSERT_TRUE(mods_->RemoveApiKey(admin_a_, "a", made->key.id).ok());
  EXPECT_EQ(keys.Admit(made->secret).error(), Error::kApiKeyInvalid);  // at once
  std::vector<std::string> actions;
  for (const AuditEntry& e : AuditOf("a")) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"api_key_remove", "api_key_add"}));
  EXPECT_EQ(AuditOf("a")[0].detail.find(made->secret), std::string::npos);
}

TEST_F(ModeratorServiceTest, BansBlockPostingByEachField) {
  struct Case {
    bool by_name, by_address, by_email;
    std::string author, email, address;  // the next post, which must be refused
  };
  const Case cases[] = {
      {true, false, false, "  MOUSSA   ", "", "198.51.100.50"},
      {false, true, false, "Autre nom", "", "203.0.113.66"},
      {false, false, true, "Encore un autre", "MOUSSA@example.com", "198.51.100.51"},
  };
  int n = 0;
  for (const Case& c : cases) {
    ++n;
    const CommentId id = MustPost("Texte du commentaire " + std::to_string(n), "Moussa", "a",
                                  "moussa@example.com", "203.0.113.66");
    BanInput in;
    in.comment_id = id;
    in.days = 7;
    in.reason = "insultes répétées";
    in.by_name = c.by_name;
    in.by_address = c.by_address;
    in.by_email = c.by_email;
    EXPECT_EQ(mods_->AddBan(mod_b_, in).error(), Error::kForbidden);
    auto ban = mods_->AddBan(mod_a_, in);
    ASSERT_TRUE(ban.ok()) << ban.status().ToString();
    EXPECT_EQ(Post("Je reviens.", c.author, "a", c.email, c.address).error(), Error::kBanned);
    // Other sites are not concerned.
    EXPECT_TRUE(Post("Je reviens.", c.author, "b", c.email, c.address).ok());
    ASSERT_TRUE(mods_->RemoveBan(mod_a_, ban->id).ok());
    EXPECT_TRUE(
        Post("Je reviens, débanni " + std::to_string(n), c.author, "a", c.email, c.address).ok());
  }
  const auto audit = AuditOf("a");
  ASSERT_GE(audit.size(), 6u);
  EXPECT_EQ(audit[0].action, "unban");
  EXPECT_EQ(audit[1].action, "ban");
}

TEST_F(ModeratorServiceTest, BansExpireAndRejectHeldComments) {
  const CommentId held = MustPost(kSpam, "Marabout");
  const CommentId other =
      MustPost(std::string(kSpam) + " !", "Marabout Bis", "a", "", "198.51.100.77");
  ASSERT_EQ(StatusOf(held), CommentStatus::kHeld);
  BanInput in;
  in.comment_id = held;
  in.days = 1;
  in.by_name = true;
  auto ban = mods_->AddBan(mod_a_, in);
  ASSERT_TRUE(ban.ok());
  EXPECT_EQ(StatusOf(held), CommentStatus::kRejected);
  EXPECT_NE(StatusOf(other), CommentStatus::kRejected);
  auto bans = mods_->ListBans(mod_a_, "a");
  ASSERT_TRUE(bans.ok());
  EXPECT_EQ(bans->size(), 1u);
  EXPECT_EQ(Post("Bonjour", "marabout").error(), Error::kBanned);
  clock_.AdvanceMs(24LL * 3600 * 1000);
  EXPECT_TRUE(Post("Bonjour", "marabout").ok());
  in.by_name = false;
  EXPECT_EQ(mods_->AddBan(mod_a_, in).error(), Error::kInvalidArgument);
}

TEST_F(ModeratorServiceTest, ClosedAfterDays) {
  MustPost("Premier.");
  PutSettings(R"({"close_after_days":2})");
  clock_.AdvanceMs(3LL * 24 * 3600 * 1000);
  EXPECT_EQ(Post("Trop tard.").error(), Error::kThreadClosed);
}

TEST_F(ModeratorServiceTest, BulkClusterRejectsACopyPasteCampaign) {
  const std::string text =
      "Le gouvernement doit démissionner immédiatement, partagez ce message à tous vos "
      "contacts pour que la vérité éclate enfin au grand jour.";
  const CommentId first = MustPost(text, "Compte1", "a", "", "198.51.100.1");
  const CommentId second = MustPost(text, "Compte2", "a", "", "198.51.100.2");
  const CommentId third = MustPost(text, "Compte3", "a", "", "198.51.100.3");
  ASSERT_EQ(StatusOf(second), CommentStatus::kHeld);
  auto item = mods_->Item(mod_a_, second);
  ASSERT_TRUE(item.ok());
  ASSERT_TRUE(item->cluster.has_value());
  EXPECT_EQ(*item->cluster, first);
  BulkInput in;
  in.cluster = first;
  in.action = BulkAction::kReject;
  in.reason = RejectReason::kSpam;
  auto done = mods_->Bulk(mod_a_, in);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->done.size(), 3u);
  EXPECT_TRUE(done->failed.empty());
  for (CommentId id : {first, second, third}) EXPECT_EQ(StatusOf(id), CommentStatus::kRejected);
  BulkInput both;
  both.ids = {first};
  both.cluster = first;
  EXPECT_EQ(mods_->Bulk(mod_a_, both).error(), Error::kInvalidArgument);
  BulkInput foreign;
  foreign.ids = {first, 999999};
  auto partly = mods_->Bulk(mod_b_, foreign);
  ASSERT_TRUE(partly.ok());
  EXPECT_EQ(partly->failed.size(), 2u);
}

TEST_F(ModeratorServiceTest, SiteReportCountsDaysReasonsAndResponseTimes) {
  MustPost("Publié.");
  const CommentId spam = MustPost(kSpam, "Marabout");
  clock_.AdvanceMs(10 * 60'000);
  ASSERT_TRUE(mods_->Reject(mod_a_, spam, RejectReason::kSpam, "").ok());
  auto report = mods_->Report(mod_a_, "a", 7);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->days.size(), 7u);
  EXPECT_EQ(report->days.back().published, 1);
  EXPECT_EQ(report->days.back().rejected, 1);
  ASSERT_FALSE(report->reasons.empty());
  EXPECT_EQ(report->reasons[0].rejected, 1);
  EXPECT_EQ(report->response_count, 1);
  EXPECT_GE(report->response_median_ms, 10 * 60'000);
  EXPECT_EQ(mods_->Report(mod_a_, "a", 0).error(), Error::kInvalidArgument);
  EXPECT_EQ(mods_->Report(mod_b_, "a", 7).error(), Error::kForbidden);
}

TEST_F(ModeratorServiceTest, SitesOfAUser) {
  auto sites = mods_->Sites(admin_a_);
  ASSERT_TRUE(sites.ok());
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_EQ((*sites)[0].name, "Site a");
  EXPECT_EQ((*sites)[0].role, Role::kAdmin);
}

TEST_F(ModeratorServiceTest, PrivacyExportEraseAndRetention) {
  const CommentId mine = MustPost("Mon avis personnel.", "Awa", "a", "Awa@Example.com");
  MustPost("Sur l'autre site.", "Awa", "b", "awa@example.com");
  const CommentId other = MustPost("Pas le mien.", "Bintou", "a", "bintou@example.com");
  PrivacyService privacy(*store_, comments_.get(), clock_);
  auto exported = privacy.Export("awa@example.com");
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_NE(exported->find("Mon avis personnel."), std::string::npos);
  EXPECT_NE(exported->find("Sur l'autre site."), std::string::npos);
  EXPECT_EQ(exported->find("Pas le mien."), std::string::npos);
  EXPECT_EQ(privacy.Export("nope").error(), Error::kEmailInvalid);

  const auto before = comments_->ThreadVersion("a", "article-1");
  auto erased = privacy.Erase("AWA@example.com");
  ASSERT_TRUE(erased.ok());
  EXPECT_EQ(*erased, 2);
  EXPECT_NE(comments_->ThreadVersion("a", "article-1"), before);
  auto c = store_->GetComment(mine);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, CommentStatus::kDeleted);
  EXPECT_TRUE(c->text.empty());
  EXPECT_TRUE(c->email.empty());

  EXPECT_EQ(*privacy.Purge(0), 0);
  clock_.AdvanceMs(31LL * 24 * 3600 * 1000);
  auto purged = privacy.Purge(30);
  ASSERT_TRUE(purged.ok());
  EXPECT_GE(*purged, 1);
  auto o = store_->GetComment(other);
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->email.empty());
  EXPECT_TRUE(o->client_hash.empty());
  EXPECT_EQ(o->text, "Pas le mien.");
}

TEST_F(ModeratorServiceTest, AutoRejectedCommentsAreListedAndAFalsePositivePublishesThem) {
  PutSettings(R"({"banned_words":["gaspilleur"]})");
  const CommentId held = MustPost(kSpam, "Marabout");
  auto out = Post("Encore un gaspilleur au gouvernement.", "Fatou", "a", "", "198.51.100.2");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->decision.action, moderation::Action::kReject);
  const CommentId rejected = out->comment.id;
  ASSERT_GT(rejected, 0);
  QueueQuery q;
  q.status = "auto_rejected";
  auto page = mods_->Queue(mod_a_, q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].comment.id, rejected);
  EXPECT_TRUE(page->items[0].comment.auto_rejected);
  ASSERT_FALSE(page->items[0].reasons.empty());
  EXPECT_EQ(page->items[0].reasons[0].code, "banned_word");
  q.status = "rejected";  // a moderator's rejections only
  ASSERT_TRUE(mods_->Queue(mod_a_, q).ok());
  EXPECT_TRUE(mods_->Queue(mod_a_, q)->items.empty());
  EXPECT_EQ(mods_->Queue(mod_b_, q)->items.size(), 0u);

  EXPECT_EQ(mods_->FalsePositive(mod_a_, held).error(), Error::kNotAutoRejected);
  EXPECT_EQ(mods_->FalsePositive(mod_b_, rejected).error(), Error::kForbidden);
  auto published = mods_->FalsePositive(mod_a_, rejected);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->comment.status, CommentStatus::kPublished);
  ASSERT_TRUE(published->last_decision.has_value());
  EXPECT_EQ(published->last_decision->action, "false_positive");
  EXPECT_EQ(published->last_decision->user_email, "mod@a.test");
  auto thread = store_->GetThread("a", "article-1");
  ASSERT_TRUE(thread.ok());
  EXPECT_EQ(thread->comment_count, 1);
  EXPECT_EQ(AuditOf("a").front().action, "false_positive");
  EXPECT_EQ(mods_->FalsePositive(mod_a_, rejected).error(), Error::kNotAutoRejected);

  // Retention: the site's keep_rejected_days (30 by default), then deleted.
  auto again = Post("Toujours ce gaspilleur.", "Fatou", "a", "", "198.51.100.4");
  ASSERT_TRUE(again.ok());
  PrivacyService privacy(*store_, comments_.get(), clock_);
  ASSERT_EQ(*privacy.PurgeAutoRejected(), 0);
  clock_.AdvanceMs(31LL * 24 * 3600 * 1000);
  ASSERT_EQ(*privacy.PurgeAutoRejected(), 1);
  EXPECT_EQ(store_->GetComment(again->comment.id).error(), Error::kUnknownComment);
  EXPECT_EQ(StatusOf(rejected), CommentStatus::kPublished);
}

TEST_F(ModeratorServiceTest, UndoPutsBackTheStatusOnlyForItsAuthorWithinTheWindow) {
  const CommentId held = MustPost(kSpam, "Marabout");
  ASSERT_EQ(StatusOf(held), CommentStatus::kHeld);
  EXPECT_EQ(mods_->Undo(mod_a_, held).error(), Error::kUndoNotPossible);  // no decision yet
  ASSERT_TRUE(mods_->Approve(mod_a_, held).ok());
  EXPECT_EQ(mods_->Undo(admin_a_, held).error(), Error::kUndoNotPossible);  // not theirs
  EXPECT_EQ(mods_->Undo(mod_b_, held).error(), Error::kForbidden);
  clock_.AdvanceMs(10'000);
  const auto version = comments_->ThreadVersion("a", "article-1");
  auto undone = mods_->Undo(mod_a_, held);
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  EXPECT_EQ(undone->comment.status, CommentStatus::kHeld);
  EXPECT_NE(comments_->ThreadVersion("a", "article-1"), version);
  ASSERT_TRUE(undone->last_decision.has_value());
  EXPECT_EQ(undone->last_decision->action, "undo");
  const AuditEntry last = AuditOf("a").front();
  EXPECT_EQ(last.action, "undo");
  EXPECT_NE(last.detail.find(R"("action":"approve")"), std::string::npos);
  EXPECT_NE(last.detail.find(R"("to":"held")"), std::string::npos);
  EXPECT_EQ(mods_->Undo(mod_a_, held).error(), Error::kUndoNotPossible);  // an undo is final

  ASSERT_TRUE(mods_->Reject(mod_a_, held, RejectReason::kSpam, "").ok());
  clock_.AdvanceMs(ModeratorService::kUndoWindowMs + 1);
  EXPECT_EQ(mods_->Undo(mod_a_, held).error(), Error::kUndoExpired);
  EXPECT_EQ(StatusOf(held), CommentStatus::kRejected);

  const CommentId shown = MustPost("Merci pour cet article.");
  ASSERT_TRUE(mods_->Unpublish(mod_a_, shown, "hors sujet").ok());
  auto item = mods_->Item(mod_a_, shown);
  ASSERT_TRUE(item.ok());
  ASSERT_TRUE(item->last_decision.has_value());
  EXPECT_EQ(item->last_decision->action, "unpublish");
  EXPECT_EQ(item->last_decision->user_email, "mod@a.test");
  EXPECT_EQ(item->last_decision->reason, "hors sujet");
  auto back = mods_->Undo(mod_a_, shown);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->comment.status, CommentStatus::kPublished);
  // The author deleted it meanwhile: nothing to put back.
  const CommentId other = MustPost("Un autre avis.");
  ASSERT_TRUE(mods_->Unpublish(mod_a_, other, "doublon").ok());
  ASSERT_TRUE(store_->SetCommentStatus(other, CommentStatus::kDeleted).ok());
  EXPECT_EQ(mods_->Undo(mod_a_, other).error(), Error::kUndoNotPossible);
}

TEST_F(ModeratorServiceTest, AnItemShowsTheParentOfAReplyAndLinksToTheComment) {
  const CommentId parent = MustPost("Le premier avis sur la route.");
  PostInput in;
  in.site_id = "a";
  in.key = "https://a.example/routes#haut";
  in.author = "Bintou";
  in.text = "Une réponse.";
  in.client_address = "198.51.100.9";
  auto top = comments_->Post(in);
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  clock_.AdvanceMs(120'000);
  in.parent_id = top->comment.id;
  in.text = "Une réponse à la réponse.";
  auto reply = comments_->Post(in);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  auto item = mods_->Item(mod_a_, reply->comment.id);
  ASSERT_TRUE(item.ok());
  ASSERT_TRUE(item->parent.has_value());
  EXPECT_EQ(item->parent->id, top->comment.id);
  EXPECT_EQ(item->parent->text, "Une réponse.");
  EXPECT_EQ(item->url, "https://a.example/routes#palabre-c" + std::to_string(reply->comment.id));
  // A key that is neither a URL nor a path gives no address; a top-level comment no parent.
  auto first = mods_->Item(mod_a_, parent);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->parent.has_value());
  EXPECT_EQ(first->url, "");
}

}  // namespace
}  // namespace palabre::service
