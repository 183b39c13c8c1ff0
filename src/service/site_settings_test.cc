#include "service/site_settings.h"

#include <gtest/gtest.h>

namespace palabre::service {
namespace {

TEST(SiteSettingsTest, EmptyIsDefaults) {
  for (const char* json : {"", "{}"}) {
    auto s = ParseSiteSettings(json);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(*s, SiteSettings{});
    EXPECT_EQ(s->report_threshold, 3);
    EXPECT_EQ(s->premoderation_min_approved, 1);
  }
}

TEST(SiteSettingsTest, RoundTrip) {
  SiteSettings s;
  s.premoderation = Premoderation::kNew;
  s.premoderation_min_approved = 2;
  s.report_threshold = 5;
  s.close_after_days = 30;
  s.banned_words = {"gaspilleur", "voleur*"};
  s.suspect_words = {"corrompu"};
  s.link_policy = LinkPolicy::kReject;
  s.allow_domains = {"lefaso.net"};
  s.checks = {{"flood.burst_max", "5"}, {"shouting.enabled", "false"}};
  auto back = ParseSiteSettings(ToJson(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, s);
}

TEST(SiteSettingsTest, BadValuesNameTheirKey) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"premoderation":"some"})", "premoderation"},
      {R"({"report_threshold":0})", "report_threshold"},
      {R"({"close_after_days":-1})", "close_after_days"},
      {R"({"banned_words":"x"})", "banned_words"},
      {R"({"banned_words":["a,b"]})", "banned_words"},
      {R"({"link_policy":"maybe"})", "link_policy"},
      {R"({"colour":"red"})", "colour"},
      {R"({"checks":{"flood.nope":"1"}})", "checks.flood.nope"},
      {R"({"checks":{"flood.burst_max":"many"}})", "checks.flood.burst_max"},
      {R"({"checks":{"toxicity.model_path":"/etc/passwd"}})", "checks.toxicity.model_path"},
  };
  for (const auto& [json, key] : cases) {
    auto s = ParseSiteSettings(json);
    ASSERT_FALSE(s.ok()) << json;
    EXPECT_EQ(s.error(), Error::kInvalidArgument) << json;
    EXPECT_EQ(s.status().message().rfind(key, 0), 0u) << s.status().message();
  }
  // Out of range: found when applied to the moderation configuration, named by the site's key.
  auto range = ParseSiteSettings(R"({"checks":{"flood.burst_max":"-5"}})");
  if (range.ok()) {
    moderation::ModerationConfig config;
    const Status applied = ApplyTo(*range, config);
    ASSERT_FALSE(applied.ok());
    EXPECT_EQ(applied.message().rfind("checks.flood.burst_max: ", 0), 0u) << applied.message();
  } else {
    EXPECT_EQ(range.status().message().rfind("checks.flood.burst_max", 0), 0u)
        << range.status().message();
  }
  EXPECT_EQ(ParseSiteSettings("[1]").error(), Error::kInvalidJson);
  EXPECT_EQ(ParseSiteSettings("{").error(), Error::kInvalidJson);
}

TEST(SiteSettingsTest, ApplyToOverridesTheModerationConfig) {
  moderation::ModerationConfig config;
  config.lexicon.banned = {"server-term"};
  auto s = ParseSiteSettings(
      R"({"banned_words":["gaspilleur"],"suspect_words":["corrompu"],"link_policy":"reject",
          "allow_domains":["lefaso.net"],"checks":{"flood.burst_max":"7"}})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(ApplyTo(*s, config).ok());
  EXPECT_EQ(config.lexicon.banned, (std::vector<std::string>{"server-term", "gaspilleur"}));
  EXPECT_EQ(config.lexicon.suspect, (std::vector<std::string>{"corrompu"}));
  EXPECT_EQ(config.links_contacts.link_action, moderation::Action::kReject);
  EXPECT_EQ(config.links_contacts.allow_domains, (std::vector<std::string>{"lefaso.net"}));
  EXPECT_EQ(config.flood.burst_max, 7);
  // "hold" (the default) leaves the server's link action alone.
  moderation::ModerationConfig open;
  open.links_contacts.link_action = moderation::Action::kPass;
  ASSERT_TRUE(ApplyTo(SiteSettings{}, open).ok());
  EXPECT_EQ(open.links_contacts.link_action, moderation::Action::kPass);
}

TEST(SiteSettingsTest, ASiteSendsWhatAChecksFindsToReview) {
  auto s = ParseSiteSettings(
      R"({"link_policy":"review","checks":{"shouting.action":"review",
          "lexicon.suspect_action":"review","links_contacts.phone_action":"hold"}})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->link_policy, LinkPolicy::kReview);
  moderation::ModerationConfig config;
  ASSERT_TRUE(ApplyTo(*s, config).ok());
  EXPECT_EQ(config.links_contacts.link_action, moderation::Action::kReview);
  EXPECT_EQ(config.shouting.action, moderation::Action::kReview);
  EXPECT_EQ(config.lexicon.suspect_action, moderation::Action::kReview);
  EXPECT_EQ(config.links_contacts.phone_action, moderation::Action::kHold);
  // The canonical form keeps it.
  auto back = ParseSiteSettings(ToJson(*s));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *s);
  EXPECT_NE(ToJson(*s).find(R"("link_policy":"review")"), std::string::npos) << ToJson(*s);
  // A misspelt action names the key.
  auto bad = ParseSiteSettings(R"({"checks":{"shouting.action":"revoir"}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("shouting.action"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace palabre::service
