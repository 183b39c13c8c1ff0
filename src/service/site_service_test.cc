#include "service/site_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/test_store.h"

namespace palabre::service {
namespace {

TEST(SiteServiceTest, AddValidatesEveryField) {
  ASSERT_TRUE(InitCrypto());
  TempStore db("site_service");
  ASSERT_NE(db.get(), nullptr);
  FakeClock clock;
  SiteService sites(*db.get(), clock);
  SiteInput in;
  in.id = "Le Journal";
  EXPECT_EQ(sites.Add(in).error(), Error::kSiteIdInvalid);
  in.id = std::string(65, 'a');
  EXPECT_EQ(sites.Add(in).error(), Error::kSiteIdInvalid);
  in.id = "lejournal";
  in.origins = {"ftp://x.sn"};
  EXPECT_EQ(sites.Add(in).error(), Error::kInvalidArgument);
  in.origins = {"https://x.sn/path"};
  EXPECT_EQ(sites.Add(in).error(), Error::kInvalidArgument);
  in.origins = {"https://LeJournal.SN/", "http://127.0.0.1:8080"};
  in.time_zone = "Afrique/Dakar";
  EXPECT_EQ(sites.Add(in).error(), Error::kInvalidArgument);
  in.time_zone = "Africa/Dakar";
  in.locale = "de";
  EXPECT_EQ(sites.Add(in).error(), Error::kInvalidArgument);
  in.locale = "fr";
  auto site = sites.Add(in);
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->origins,
            (std::vector<std::string>{"https://lejournal.sn", "http://127.0.0.1:8080"}));
  EXPECT_EQ(site->name, "lejournal");  // defaults to the id
  EXPECT_FALSE(site->salt.empty());
  EXPECT_EQ(sites.Add(in).error(), Error::kSiteExists);

  auto listed = sites.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].time_zone, "Africa/Dakar");
  EXPECT_EQ((*listed)[0].salt, site->salt);
  EXPECT_TRUE(sites.Remove("lejournal").ok());
  EXPECT_EQ(sites.Remove("lejournal").error(), Error::kUnknownSite);
}

TEST(SiteServiceTest, OriginsAreNormalizedAsBrowsersSendThem) {
  EXPECT_EQ(*NormalizeOrigin("HTTPS://Example.SN:443/"), "https://example.sn");
  EXPECT_EQ(*NormalizeOrigin("http://localhost:80"), "http://localhost");
  EXPECT_EQ(*NormalizeOrigin("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(*NormalizeOrigin("https://example.sn:80"), "https://example.sn:80");
  EXPECT_EQ(*NormalizeOrigin("http://[::1]:8080"), "http://[::1]:8080");
  for (const char* bad : {"https://", "https://:8080", "https://x.sn:", "https://x.sn:0",
                          "https://x.sn:65536", "https://x.sn:80a", "https://[]:80",
                          "https://x]:80", "https://x.sn/a", "x.sn", "https://x sn"}) {
    EXPECT_EQ(NormalizeOrigin(bad).error(), Error::kInvalidArgument) << bad;
  }
}

class SiteUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(db_.get(), nullptr);
    SiteInput in;
    in.id = "lejournal";
    in.name = "Le Journal";
    in.origins = {"https://lejournal.sn"};
    ASSERT_TRUE(sites_.Add(in).ok());
    auto before = db_.get()->GetSite("lejournal");
    ASSERT_TRUE(before.ok());
    salt_ = before->salt;
  }
  std::vector<AuditEntry> Audit() {
    auto entries = db_.get()->ListAudit("lejournal", 0, 50);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  TempStore db_{"site_update"};
  FakeClock clock_;
  SiteService sites_{*db_.get(), clock_};
  std::string salt_;
};

TEST_F(SiteUpdateTest, ChangesNameOriginsAndZoneInPlaceAndAuditsIt) {
  SiteChange change;
  change.name = "  Le Journal du Sénégal ";
  change.add_origins = {"https://WWW.lejournal.sn/", "https://lejournal.sn"};
  change.time_zone = "Africa/Dakar";
  auto site = sites_.Update("lejournal", change, SiteActor{7, "admin@lejournal.sn"});
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->name, "Le Journal du Sénégal");
  EXPECT_EQ(site->origins,
            (std::vector<std::string>{"https://lejournal.sn", "https://www.lejournal.sn"}));
  EXPECT_EQ(site->time_zone, "Africa/Dakar");
  auto stored = db_.get()->GetSite("lejournal");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->origins, site->origins);
  EXPECT_EQ(stored->name, site->name);
  EXPECT_EQ(stored->salt, salt_);  // readers' hashes stay comparable
  auto audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "site");
  EXPECT_EQ(audit[0].user_id, 7);
  EXPECT_EQ(audit[0].user_email, "admin@lejournal.sn");
  EXPECT_EQ(audit[0].detail, R"({"name":"Le Journal du Sénégal","origins":["https://lejournal.sn",)"
                             R"("https://www.lejournal.sn"],"time_zone":"Africa/Dakar"})");

  SiteChange remove;
  remove.remove_origins = {"https://LEJOURNAL.sn"};
  site = sites_.Update("lejournal", remove);
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  EXPECT_EQ(site->origins, (std::vector<std::string>{"https://www.lejournal.sn"}));
  audit = Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].user_email, "(command line)");
  EXPECT_EQ(audit[0].detail, R"({"origins":["https://www.lejournal.sn"]})");

  SiteChange replace;
  replace.origins = std::vector<std::string>{};
  site = sites_.Update("lejournal", replace);
  ASSERT_TRUE(site.ok());
  EXPECT_TRUE(site->origins.empty());
}

TEST_F(SiteUpdateTest, NothingChangedIsNotAudited) {
  SiteChange same;
  same.name = "Le Journal";
  same.add_origins = {"https://lejournal.sn:443"};
  ASSERT_TRUE(sites_.Update("lejournal", same).ok());
  EXPECT_TRUE(Audit().empty());
}

TEST_F(SiteUpdateTest, RefusesBadValuesNamingTheFieldAndStoresNothing) {
  auto expect_refused = [&](const SiteChange& change, std::string_view field) {
    auto r = sites_.Update("lejournal", change);
    ASSERT_EQ(r.error(), Error::kInvalidArgument);
    EXPECT_TRUE(r.status().message().starts_with(std::string(field) + ": "))
        << r.status().message();
  };
  SiteChange c;
  c.name = " ";
  expect_refused(c, "name");
  c = {};
  c.name = std::string(201, 'a');
  expect_refused(c, "name");
  c = {};
  c.name = "Nouveau nom";  // refused with the rest: nothing of a bad change is kept
  c.add_origins = {"ftp://lejournal.sn"};
  expect_refused(c, "origins");
  c = {};
  c.remove_origins = {"https://autre.sn"};
  expect_refused(c, "origins");
  c = {};
  c.origins = std::vector<std::string>{};
  for (int i = 0; i < 51; ++i) c.origins->push_back("https://s" + std::to_string(i) + ".sn");
  expect_refused(c, "origins");
  c = {};
  c.time_zone = "Afrique/Dakar";
  expect_refused(c, "time_zone");
  auto stored = db_.get()->GetSite("lejournal");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->name, "Le Journal");
  EXPECT_EQ(stored->origins, (std::vector<std::string>{"https://lejournal.sn"}));
  EXPECT_TRUE(Audit().empty());
  EXPECT_EQ(sites_.Update("autre", SiteChange{}).error(), Error::kUnknownSite);
}

}  // namespace
}  // namespace palabre::service
