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

}  // namespace
}  // namespace palabre::service
