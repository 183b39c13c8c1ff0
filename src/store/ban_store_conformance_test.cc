// The Store conformance suite (store_conformance_testing.h), BanStore.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

Ban MakeBan(std::string site, std::string author, std::string client, std::string email,
            TimestampMs created_at, TimestampMs expires_at) {
  Ban ban;
  ban.site_id = std::move(site);
  ban.author_folded = std::move(author);
  ban.client_hash = std::move(client);
  ban.email_hash = std::move(email);
  ban.reason = "insultes répétées";
  ban.created_by = 7;
  ban.created_at = created_at;
  ban.expires_at = expires_at;
  return ban;
}

std::vector<BanId> BanIds(const std::vector<Ban>& bans) {
  std::vector<BanId> out;
  for (const Ban& b : bans) out.push_back(b.id);
  return out;
}

TEST_P(StoreTest, BansAreAddedListedNewestFirstUntilTheyExpireAndRemoved) {
  AddSite("a");
  AddSite("b");
  Result<Ban> forever = store().AddBan(MakeBan("a", "awa", "", "", kT0, 0));
  ASSERT_OK(forever);
  EXPECT_GT(forever->id, 0);
  Result<Ban> short_ban = store().AddBan(MakeBan("a", "", "h1", "", kT0 + 1, kT0 + 100));
  ASSERT_OK(short_ban);
  Result<Ban> other = store().AddBan(MakeBan("b", "awa", "", "", kT0 + 2, 0));
  ASSERT_OK(other);
  EXPECT_EQ(store().AddBan(MakeBan("absent", "awa", "", "", kT0, 0)).error(), Error::kUnknownSite);
  EXPECT_EQ(store().AddBan(MakeBan("a", "", "", "", kT0, 0)).error(), Error::kInvalidArgument);

  Result<std::vector<Ban>> bans = store().ListBans("a", kT0 + 50);
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(short_ban->id, forever->id));
  bans = store().ListBans("a", kT0 + 100);  // the short ban expired at its expiry time
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(forever->id));

  Result<Ban> got = store().GetBan(short_ban->id);  // expired bans can still be read
  ASSERT_OK(got);
  EXPECT_EQ(got->site_id, "a");
  EXPECT_EQ(got->author_folded, "");
  EXPECT_EQ(got->client_hash, "h1");
  EXPECT_EQ(got->email_hash, "");
  EXPECT_EQ(got->reason, "insultes répétées");
  EXPECT_EQ(got->created_by, 7);
  EXPECT_EQ(got->created_at, kT0 + 1);
  EXPECT_EQ(got->expires_at, kT0 + 100);

  ASSERT_OK(store().RemoveBan(forever->id));
  EXPECT_EQ(store().GetBan(forever->id).error(), Error::kUnknownBan);
  EXPECT_EQ(store().RemoveBan(forever->id).error(), Error::kUnknownBan);
  bans = store().ListBans("a", kT0);
  ASSERT_OK(bans);
  EXPECT_THAT(BanIds(*bans), ElementsAre(short_ban->id));

  // A removed site takes its bans with it.
  ASSERT_OK(store().RemoveSite("b"));
  EXPECT_EQ(store().GetBan(other->id).error(), Error::kUnknownBan);
}

TEST_P(StoreTest, FindBanMatchesOnEachNonEmptyFieldOfAnActiveBanOfTheSite) {
  AddSite("a");
  AddSite("b");
  Result<Ban> by_name = store().AddBan(MakeBan("a", "awa", "", "", kT0, 0));
  ASSERT_OK(by_name);
  Result<Ban> by_client = store().AddBan(MakeBan("a", "", "client-1", "", kT0, kT0 + 100));
  ASSERT_OK(by_client);
  Result<Ban> by_email = store().AddBan(MakeBan("a", "", "", "mail-1", kT0, 0));
  ASSERT_OK(by_email);
  ASSERT_OK(store().AddBan(MakeBan("b", "moussa", "client-2", "mail-2", kT0, 0)));

  auto find = [&](std::string_view site, std::string_view name, std::string_view client,
                  std::string_view email, TimestampMs now) -> std::optional<BanId> {
    Result<std::optional<Ban>> found = store().FindBan(site, name, client, email, now);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (!found.ok() || !found->has_value()) return std::nullopt;
    return (*found)->id;
  };
  EXPECT_EQ(find("a", "awa", "", "", kT0), by_name->id);
  EXPECT_EQ(find("a", "awa", "other", "other", kT0), by_name->id);
  EXPECT_EQ(find("a", "", "client-1", "", kT0 + 99), by_client->id);
  EXPECT_EQ(find("a", "", "client-1", "", kT0 + 100), std::nullopt);  // expired
  EXPECT_EQ(find("a", "fatou", "x", "mail-1", kT0), by_email->id);
  EXPECT_EQ(find("a", "fatou", "x", "y", kT0), std::nullopt);
  // Empty arguments never match a ban's empty fields.
  EXPECT_EQ(find("a", "", "", "", kT0), std::nullopt);
  // Bans are per site.
  EXPECT_EQ(find("b", "awa", "client-1", "mail-1", kT0), std::nullopt);
  EXPECT_EQ(find("a", "moussa", "client-2", "mail-2", kT0), std::nullopt);
  Result<std::optional<Ban>> full = store().FindBan("b", "", "client-2", "", kT0);
  ASSERT_OK(full);
  ASSERT_TRUE(full->has_value());
  EXPECT_EQ((*full)->author_folded, "moussa");
  EXPECT_EQ((*full)->email_hash, "mail-2");
}

}  // namespace
}  // namespace palabre::store
