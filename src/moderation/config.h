// ModerationConfig: the settings of every check, one struct per check, checked at start-up.
//
// Settings are flat keys `moderation.<check>.<key>` (the app flattens its JSON or TOML config
// into such a map), per site `moderation.sites.<site_id>.<check>.<key>`: a site starts from the
// defaults and overrides what it names. Every check has `enabled` and `budget_us` (its time
// budget, 0 for the pipeline's); actions are "pass" (or "allow"), "flag", "review" (publish
// and queue for a moderator's second look), "hold", "reject".
// Lists are comma-separated. An unknown key, a malformed value or a value out of range stops
// start-up: ParseModerationConfig returns kInvalidArgument naming the key.
//
// Value types: copy freely; not thread-safe to mutate while read. docs/moderation/checks.md
// describes each check and its settings.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/decision.h"

namespace palabre::moderation {

struct PipelineConfig {
  // Default time budget of one check, wall clock: generous, because a preempted thread (a busy
  // host) must not make checks that take microseconds look unavailable.
  int budget_us = 20000;
};

// Blank, whitespace-only or punctuation-only text.
struct EmptyConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kReject;
  bool allow_emoji_only = true;  // "🙏" under a death notice is a reaction, not an empty post
};

struct LengthConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kReject;
  int max_chars = 5000;  // code points
  int max_lines = 0;     // 0: no limit
};

// Bursts and sustained rates, per author name and per client address hash.
struct FloodConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kReject;
  int burst_max = 3;  // at most this many comments within burst_window_s
  int burst_window_s = 30;
  int sustained_max = 10;  // and this many within sustained_window_s
  int sustained_window_s = 600;
  bool by_name = true;
  bool by_client = true;
};

struct DuplicateConfig {
  bool enabled = true;
  int budget_us = 0;
  Action repeat_action = Action::kReject;  // same author, same text again
  Action copy_action = Action::kHold;      // another author, same long text
  int repeat_window_s = 24 * 3600;
  int copy_window_s = 7 * 24 * 3600;
  int min_chars = 80;         // folded bytes: shorter texts are never copy-paste
  double similarity = 0.7;    // estimated Jaccard of word bigrams for "nearly the same"
  bool across_site = true;    // false: only copies within the same thread count
  int max_indexed = 2000000;  // long comments kept per site, oldest dropped first
};

struct LinksContactsConfig {
  bool enabled = true;
  int budget_us = 0;
  Action link_action = Action::kHold;
  Action phone_action = Action::kHold;
  Action email_action = Action::kHold;
  Action contact_action = Action::kHold;   // WhatsApp/Telegram handles
  std::vector<std::string> allow_domains;  // "lefaso.net": links there (and subdomains) pass
};

struct ShoutingConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kFlag;
  int min_letters = 20;               // shorter texts are never shouting
  double caps_ratio = 0.7;            // share of capitals among letters of words of 4+ letters
  int max_punctuation_run = 3;        // "!!!!" is a run of 4
  int max_letter_run = 4;             // "nooooon" is a run of 5
  std::vector<std::string> acronyms;  // added to the built-in list (ONU, CEDEAO, FAMa...)
};

struct LexiconConfig {
  bool enabled = true;
  int budget_us = 0;
  Action banned_action = Action::kReject;
  Action suspect_action = Action::kHold;
  std::vector<std::string> languages = {"fr", "en"};  // built-in lists to load
  std::vector<std::string> banned;  // site terms, same syntax as the lists ("stem*")
  std::vector<std::string> suspect;
  std::vector<std::string> allow;  // exceptions: phrases, or a term to drop from the lists
};

// Calls to violence, apologia for terrorism and threats against a person
// (moderation/checks/violence_check.h). Names are written as readers write them; the check
// normalises them like comments.
struct ViolenceConfig {
  bool enabled = true;
  int budget_us = 0;
  Action incitement_action = Action::kReject;  // a call to kill, burn, bomb... a target
  Action apologia_action = Action::kReject;    // praise of an armed group or of its attack
  Action threat_action = Action::kHold;        // a threat against a person, even implicit
  std::vector<std::string> armed_groups;  // added to the built-in list ("Katiba Serma", "Koufa")
  std::vector<std::string> state_forces;  // added: the army, police, justice... ("BIR", "VDP")
};

// Hate written as what a group of people is: animals, vermin, criminals by nature
// (moderation/checks/dehumanization_check.h).
struct DehumanizationConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kHold;
};

// Settings of the classifier checks (moderation/checks/toxicity_check.h, off_topic_check.h),
// whose owners may add keys here.
struct ToxicityConfig {
  bool enabled = true;
  int budget_us = 0;
  std::string model_path;  // empty: the model shipped with palabre (models/toxicity_fr.ftz)
  // Per label: publish and queue for review at or above `*_review`, hold at or above `*_hold`,
  // reject at or above `*_reject`; 2 means never. Defaults: docs/MODERATION.md.
  double threat_review = 0.30, threat_hold = 0.80, threat_reject = 0.95;
  double hate_review = 0.40, hate_hold = 0.75, hate_reject = 2.0;
  double insult_review = 0.20, insult_hold = 0.25, insult_reject = 0.95;
  double toxic_review = 0.90, toxic_hold = 2.0, toxic_reject = 2.0;
  // Spam only holds: a comment citing its source with a link must not vanish unseen.
  double spam_review = 2.0, spam_hold = 0.70, spam_reject = 2.0;
};

struct OffTopicConfig {
  bool enabled = true;
  int budget_us = 0;
  Action action = Action::kHold;
  int min_words = 25;      // shorter comments are never off-topic
  double threshold = 0.1;  // similarity to the article under which a comment is off-topic
};

struct ModerationConfig {
  PipelineConfig pipeline;
  EmptyConfig empty;
  LengthConfig length;
  FloodConfig flood;
  DuplicateConfig duplicate;
  LinksContactsConfig links_contacts;
  ShoutingConfig shouting;
  LexiconConfig lexicon;
  ViolenceConfig violence;
  DehumanizationConfig dehumanization;
  ToxicityConfig toxicity;
  OffTopicConfig off_topic;
};

// The defaults and the sites that override them.
struct ModerationConfigs {
  ModerationConfig defaults;
  std::map<std::string, ModerationConfig, std::less<>> sites;

  const ModerationConfig& For(std::string_view site_id) const;
};

// Reads the keys that start with "moderation." (others are left to their owners) over the
// built-in defaults. kInvalidArgument on an unknown key or a bad value.
Result<ModerationConfigs> ParseModerationConfig(const std::map<std::string, std::string>& kv);

// The same from text: one `key = value` per line, '#' comments, blank lines ignored.
// kInvalidArgument also on a line without '='.
Result<ModerationConfigs> ParseModerationConfigText(std::string_view text);

// Sets one key of `config` ("flood.burst_max", without the "moderation." prefix).
// kInvalidArgument on an unknown key or a bad value; `config` is unchanged then.
Status SetModerationKey(ModerationConfig& config, std::string_view key, std::string_view value);

// kInvalidArgument if a value is out of range (negative windows, ratios outside 0..1, ...).
Status Validate(const ModerationConfig& config);

// Every key with its value, sorted, "flood.burst_max=3" (for `palabre serve --check-config`).
std::vector<std::string> DescribeConfig(const ModerationConfig& config);

}  // namespace palabre::moderation
