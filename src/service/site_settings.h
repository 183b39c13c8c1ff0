// SiteSettings: what a site's admin changes from the moderator console.
//
// Kept as JSON in Site::settings ("{}" means every default). Some settings are the service's
// own (pre-moderation, report threshold, closing old threads); the others override the
// server's moderation configuration for this site (ApplyTo): banned and suspect words feed the
// lexicon check, the link policy and allowed domains the links check, and `checks` takes any
// "<check>.<key>" of docs/moderation/checks.md (moderation::SetModerationKey).
//
// JSON shape (docs/API.md, Settings):
//   {"premoderation":"none|new|all","premoderation_min_approved":1,"report_threshold":3,
//    "close_after_days":0,"keep_rejected_days":30,"banned_words":[..],"suspect_words":[..],
//    "link_policy":"allow|review|hold|reject","allow_domains":[..],
//    "checks":{"flood.burst_max":"3","shouting.action":"review"}}
// Absent keys keep their defaults; an unknown key or a bad value is kInvalidArgument whose
// message names the key. Value types; pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/config.h"

namespace palabre::service {

enum class Premoderation {
  kNone,  // the pipeline decides alone
  kNew,   // authors with fewer than premoderation_min_approved published comments are held
  kAll,   // every comment that would publish is held
};
std::string_view ToString(Premoderation p);  // "none", "new", "all"

// What happens to a comment with a link: published, published and queued for review, held or
// rejected (links_contacts.link_action).
enum class LinkPolicy { kAllow, kReview, kHold, kReject };
std::string_view ToString(LinkPolicy p);  // "allow", "review", "hold", "reject"

struct SiteSettings {
  Premoderation premoderation = Premoderation::kNone;
  int premoderation_min_approved = 1;  // 1..1000
  int report_threshold = 3;            // unresolved reports that hold a comment, 1..1000
  int close_after_days = 0;            // threads older than this take no comment; 0 = never
  // Comments the pipeline rejects are kept this many days (0..365) for the console's
  // "Rejetés automatiquement" view, then deleted; 0: not kept at all.
  int keep_rejected_days = 30;
  std::vector<std::string> banned_words;   // lexicon terms ("stem*"), reject
  std::vector<std::string> suspect_words;  // lexicon terms, hold
  LinkPolicy link_policy = LinkPolicy::kHold;
  std::vector<std::string> allow_domains;     // links there (and subdomains) pass
  std::map<std::string, std::string> checks;  // "<check>.<key>" -> value, as in config files

  friend bool operator==(const SiteSettings&, const SiteSettings&) = default;
};

// Parses Site::settings or a PUT body. An empty string is "{}" (defaults). Each value is
// checked (ranges; every `checks` key through SetModerationKey on a default config; words
// through the lexicon's syntax when ApplyTo builds the list). kInvalidJson if not a JSON
// object; kInvalidArgument naming the key otherwise (message "premoderation: ...").
Result<SiteSettings> ParseSiteSettings(std::string_view json);

// The canonical JSON of `settings` (every key, in the order above): what the store keeps and
// the console reads.
std::string ToJson(const SiteSettings& settings);

// Overrides `config` (the server's configuration for the site) with the settings that belong
// to moderation: banned_words → lexicon.banned (added to the configured ones), suspect_words →
// lexicon.suspect, link_policy → links_contacts.link_action (allow, review or reject; "hold",
// the default, leaves the server's link_action as configured), allow_domains →
// links_contacts.allow_domains (added), then every `checks` key. kInvalidArgument naming the
// key; `config` may then be partly changed (callers work on a copy).
Status ApplyTo(const SiteSettings& settings, moderation::ModerationConfig& config);

}  // namespace palabre::service
