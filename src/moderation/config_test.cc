#include "moderation/config.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace palabre::moderation {
namespace {

TEST(ConfigTest, DefaultsAreValid) {
  EXPECT_TRUE(Validate(ModerationConfig{}).ok());
  auto parsed = ParseModerationConfig({});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->defaults.flood.burst_max, 3);
  EXPECT_TRUE(parsed->sites.empty());
}

TEST(ConfigTest, SetsEveryKindOfValue) {
  auto parsed = ParseModerationConfig({
      {"moderation.flood.burst_max", "5"},
      {"moderation.duplicate.similarity", "0.8"},
      {"moderation.shouting.action", "HOLD"},
      {"moderation.links_contacts.link_action", "allow"},
      {"moderation.links_contacts.allow_domains", "lefaso.net, aps.sn"},
      {"moderation.empty.allow_emoji_only", "false"},
      {"moderation.toxicity.model_path", "/var/lib/palabre/model.ftz"},
      {"server.port", "8080"},  // not ours: left to its owner
  });
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const ModerationConfig& c = parsed->defaults;
  EXPECT_EQ(c.flood.burst_max, 5);
  EXPECT_DOUBLE_EQ(c.duplicate.similarity, 0.8);
  EXPECT_EQ(c.shouting.action, Action::kHold);
  EXPECT_EQ(c.links_contacts.link_action, Action::kPass);
  EXPECT_EQ(c.links_contacts.allow_domains, (std::vector<std::string>{"lefaso.net", "aps.sn"}));
  EXPECT_FALSE(c.empty.allow_emoji_only);
  EXPECT_EQ(c.toxicity.model_path, "/var/lib/palabre/model.ftz");
}

TEST(ConfigTest, EveryActionSettingTakesReview) {
  auto parsed = ParseModerationConfig({
      {"moderation.shouting.action", "review"},
      {"moderation.links_contacts.link_action", "Review"},
      {"moderation.lexicon.suspect_action", " review "},
      {"moderation.sites.lefaso.duplicate.copy_action", "review"},
  });
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->defaults.shouting.action, Action::kReview);
  EXPECT_EQ(parsed->defaults.links_contacts.link_action, Action::kReview);
  EXPECT_EQ(parsed->defaults.lexicon.suspect_action, Action::kReview);
  EXPECT_EQ(parsed->For("lefaso").duplicate.copy_action, Action::kReview);
  EXPECT_EQ(parsed->defaults.duplicate.copy_action, Action::kHold);
  // Every key whose value is an action (the description names them all) takes "review", and
  // reads back as "review".
  ModerationConfig config;
  int actions = 0;
  for (const std::string& line : DescribeConfig(ModerationConfig{})) {
    const std::string key = line.substr(0, line.find('='));
    if (!key.ends_with("action")) continue;
    ++actions;
    ASSERT_TRUE(SetModerationKey(config, key, "review").ok()) << key;
  }
  EXPECT_GE(actions, 12);
  int reviews = 0;
  for (const std::string& line : DescribeConfig(config)) {
    if (line.substr(0, line.find('=')).ends_with("action")) {
      EXPECT_TRUE(line.ends_with("=review")) << line;
      ++reviews;
    }
  }
  EXPECT_EQ(reviews, actions);
  const Status bad = SetModerationKey(config, "shouting.action", "revue");
  EXPECT_EQ(bad.error(), Error::kInvalidArgument);
  EXPECT_NE(bad.message().find("review"), std::string::npos) << bad.message();
}

TEST(ConfigTest, UnknownKeyIsAnError) {
  auto parsed = ParseModerationConfig({{"moderation.flood.burst_maxx", "5"}});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), Error::kInvalidArgument);
  EXPECT_NE(parsed.status().message().find("moderation.flood.burst_maxx"), std::string::npos);
  EXPECT_FALSE(ParseModerationConfig({{"moderation.floood.enabled", "true"}}).ok());
  EXPECT_FALSE(ParseModerationConfig({{"moderation.flood", "true"}}).ok());
  EXPECT_FALSE(ParseModerationConfig({{"moderation.sites.lefaso.flood.burst_maxx", "1"}}).ok());
}

TEST(ConfigTest, BadValuesAreErrors) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"moderation.flood.burst_max", "trois"},
           {"moderation.flood.burst_max", "3.5"},
           {"moderation.flood.burst_max", "0"},
           {"moderation.flood.enabled", "peut-être"},
           {"moderation.shouting.action", "ban"},
           {"moderation.duplicate.similarity", "1.5"},
           {"moderation.duplicate.similarity", "nan"},
           {"moderation.lexicon.languages", "fr,wo"},
           {"moderation.pipeline.budget_us", "-1"},
       }) {
    auto parsed = ParseModerationConfig({{key, value}});
    EXPECT_FALSE(parsed.ok()) << key << "=" << value;
    if (!parsed.ok()) {
      EXPECT_NE(parsed.status().message().find(key.substr(11)), std::string::npos)
          << parsed.status().message();
    }
  }
}

TEST(ConfigTest, ViolenceSettings) {
  const ModerationConfig defaults;
  EXPECT_TRUE(defaults.violence.enabled);
  EXPECT_EQ(defaults.violence.incitement_action, Action::kReject);
  EXPECT_EQ(defaults.violence.apologia_action, Action::kReject);
  EXPECT_EQ(defaults.violence.threat_action, Action::kHold);
  auto parsed = ParseModerationConfig({
      {"moderation.violence.threat_action", "reject"},
      {"moderation.violence.apologia_action", "hold"},
      {"moderation.violence.budget_us", "500"},
      {"moderation.violence.armed_groups", "Katiba Serma, Front Hanifa"},
      {"moderation.sites.lefaso.violence.state_forces", "BIR, Brigade Verte"},
      {"moderation.sites.aps.violence.enabled", "false"},
  });
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const ViolenceConfig& v = parsed->defaults.violence;
  EXPECT_EQ(v.threat_action, Action::kReject);
  EXPECT_EQ(v.apologia_action, Action::kHold);
  EXPECT_EQ(v.incitement_action, Action::kReject);
  EXPECT_EQ(v.budget_us, 500);
  EXPECT_EQ(v.armed_groups, (std::vector<std::string>{"Katiba Serma", "Front Hanifa"}));
  EXPECT_EQ(parsed->For("lefaso").violence.state_forces,
            (std::vector<std::string>{"BIR", "Brigade Verte"}));
  EXPECT_EQ(parsed->For("lefaso").violence.armed_groups, v.armed_groups);
  EXPECT_FALSE(parsed->For("aps").violence.enabled);
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"moderation.violence.threat_action", "ban"},
           {"moderation.violence.budget_us", "-3"},
           {"moderation.violence.armed_groups", "JNIM, ?!"},
           {"moderation.violence.state_forces", "un deux trois quatre cinq six sept"},
           {"moderation.violence.incitement", "reject"},
           {"moderation.violence.armed_group", "JNIM"},
       }) {
    auto bad = ParseModerationConfig({{key, value}});
    EXPECT_FALSE(bad.ok()) << key << "=" << value;
    if (!bad.ok()) {
      EXPECT_NE(bad.status().message().find(key.substr(11)), std::string::npos)
          << bad.status().message();
    }
  }
}

TEST(ConfigTest, SitesOverrideTheDefaults) {
  auto parsed = ParseModerationConfig({
      {"moderation.sites.lefaso.links_contacts.link_action", "reject"},
      {"moderation.flood.burst_max", "4"},  // after the site key in map order: still inherited
      {"moderation.sites.aps.shouting.enabled", "off"},
  });
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const ModerationConfigs& c = *parsed;
  EXPECT_EQ(c.For("lefaso").links_contacts.link_action, Action::kReject);
  EXPECT_EQ(c.For("lefaso").flood.burst_max, 4);
  EXPECT_FALSE(c.For("aps").shouting.enabled);
  EXPECT_TRUE(c.For("other").shouting.enabled);
  EXPECT_EQ(c.For("other").links_contacts.link_action, Action::kHold);
  EXPECT_FALSE(ParseModerationConfig({{"moderation.sites.Bad_Id.flood.enabled", "true"}}).ok());
}

TEST(ConfigTest, TextFormat) {
  auto parsed = ParseModerationConfigText(
      "# palabre moderation\n"
      "moderation.flood.burst_max = 6\n"
      "\n"
      "moderation.lexicon.banned = arnaqueur*, vendu\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->defaults.flood.burst_max, 6);
  EXPECT_EQ(parsed->defaults.lexicon.banned, (std::vector<std::string>{"arnaqueur*", "vendu"}));
  EXPECT_FALSE(ParseModerationConfigText("moderation.flood.burst_max 6\n").ok());
  EXPECT_FALSE(ParseModerationConfigText("moderaton.flood.burst_max = 6\n").ok());
}

TEST(ConfigTest, SetKeyLeavesConfigUnchangedOnError) {
  ModerationConfig c;
  EXPECT_FALSE(SetModerationKey(c, "flood.burst_max", "x").ok());
  EXPECT_EQ(c.flood.burst_max, 3);
  EXPECT_TRUE(SetModerationKey(c, "flood.burst_max", "7").ok());
  EXPECT_EQ(c.flood.burst_max, 7);
}

TEST(ConfigTest, DescribeListsEveryKeyOnceAndRoundTrips) {
  ModerationConfig c;
  c.flood.burst_max = 9;
  c.lexicon.banned = {"a*", "b"};
  const auto lines = DescribeConfig(c);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_NE(std::find(lines.begin(), lines.end(), "flood.burst_max=9"), lines.end());
  std::map<std::string, std::string> kv;
  for (const auto& line : lines) {
    const auto eq = line.find('=');
    kv["moderation." + line.substr(0, eq)] = line.substr(eq + 1);
  }
  auto parsed = ParseModerationConfig(kv);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(DescribeConfig(parsed->defaults), lines);
}

}  // namespace
}  // namespace palabre::moderation
