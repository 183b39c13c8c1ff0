#include "service/analyze_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

class SpyModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site& site, const Thread& thread,
                                const Comment& comment) override {
    site_id = site.id;
    title = thread.title;
    body = thread.body;
    text = comment.text;
    author = comment.author;
    moderation::Decision d;
    d.scores["toxicity"] = 0.4;
    return d;
  }
  void Record(const Site&, const Comment&, const moderation::Decision*) override { ++records; }
  std::string site_id, title, body, text, author;
  int records = 0;
};

TEST(AnalyzeServiceTest, RunsThePipelineInTheArticlesContextAndStoresNothing) {
  ASSERT_TRUE(InitCrypto());
  TempStore db("analyze_service");
  ASSERT_NE(db.get(), nullptr);
  FakeClock clock;
  SiteService sites(*db.get(), clock);
  SiteInput site;
  site.id = "demo";
  ASSERT_TRUE(sites.Add(site).ok());
  Thread t;
  t.site_id = "demo";
  t.key = "a1";
  t.title = "Attaque à Djibo";
  t.body = "Quarante morts.";
  ASSERT_TRUE(db.get()->EnsureThread(t).ok());

  SpyModerator moderator;
  AnalyzeService analyze(*db.get(), moderator, clock);
  AnalyzeInput in;
  in.site_id = "demo";
  in.key = "a1";
  in.text = "  Paix à leurs âmes. ";
  auto d = analyze.Analyze(in);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->scores.at("toxicity"), 0.4);
  EXPECT_EQ(moderator.site_id, "demo");
  EXPECT_EQ(moderator.title, "Attaque à Djibo");
  EXPECT_EQ(moderator.body, "Quarante morts.");
  EXPECT_EQ(moderator.text, "Paix à leurs âmes.");
  EXPECT_TRUE(moderator.author.empty());
  EXPECT_EQ(moderator.records, 0);
  EXPECT_EQ(db.get()->GetThread("demo", "a1")->comment_count, 0);

  in.key = "unknown";
  in.title = "Titre donné";
  ASSERT_TRUE(analyze.Analyze(in).ok());
  EXPECT_EQ(moderator.title, "Titre donné");
  EXPECT_FALSE(db.get()->GetThread("demo", "unknown").ok());  // no thread created

  in.site_id = "";  // no site: default settings
  ASSERT_TRUE(analyze.Analyze(in).ok());
  EXPECT_EQ(moderator.site_id, "");
  in.site_id = "nope";
  EXPECT_EQ(analyze.Analyze(in).error(), Error::kUnknownSite);
  in.site_id = "demo";
  in.text = " ";
  EXPECT_EQ(analyze.Analyze(in).error(), Error::kTextEmpty);
  in.text = std::string(20'001, 'a');
  EXPECT_EQ(analyze.Analyze(in).error(), Error::kTextTooLong);
}

TEST(AnalyzeServiceTest, TheSitesSettingsReachThePipelineBeforeTheFirstPost) {
  ASSERT_TRUE(InitCrypto());
  TempStore db("analyze_service_settings");
  ASSERT_NE(db.get(), nullptr);
  FakeClock clock;
  SiteService sites(*db.get(), clock);
  SiteInput in_site;
  in_site.id = "demo";
  ASSERT_TRUE(sites.Add(in_site).ok());
  auto site = db.get()->GetSite("demo");
  ASSERT_TRUE(site.ok());
  site->settings = R"({"banned_words":["zorglub"]})";
  ASSERT_TRUE(db.get()->UpdateSite(*site).ok());

  SpyModerator moderator;
  CommentService comments(*db.get(), moderator, clock);
  std::vector<std::string> applied;
  comments.SetModeration({}, [&](std::string_view id, const moderation::ModerationConfig& c) {
    applied.emplace_back(id);
    EXPECT_EQ(c.lexicon.banned, std::vector<std::string>{"zorglub"});
    return Status::Ok();
  });
  AnalyzeService analyze(*db.get(), moderator, clock, &comments);
  AnalyzeInput in;
  in.site_id = "demo";
  in.text = "Quel zorglub.";
  ASSERT_TRUE(analyze.Analyze(in).ok());
  EXPECT_EQ(applied, std::vector<std::string>{"demo"});
}

}  // namespace
}  // namespace palabre::service
