#include "moderation/config.h"

#include <tuple>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/text/ascii.h"
#include "moderation/normalize.h"

namespace palabre::moderation {
namespace {

using Field = std::variant<bool*, int*, double*, Action*, std::string*, std::vector<std::string>*>;

struct Entry {
  std::string_view key;
  Field field;
};

// The one table of keys: adding a setting is adding a line here.
std::vector<Entry> Fields(ModerationConfig& c) {
  return {
      {"pipeline.budget_us", &c.pipeline.budget_us},

      {"empty.enabled", &c.empty.enabled},
      {"empty.budget_us", &c.empty.budget_us},
      {"empty.action", &c.empty.action},
      {"empty.allow_emoji_only", &c.empty.allow_emoji_only},

      {"length.enabled", &c.length.enabled},
      {"length.budget_us", &c.length.budget_us},
      {"length.action", &c.length.action},
      {"length.max_chars", &c.length.max_chars},
      {"length.max_lines", &c.length.max_lines},

      {"flood.enabled", &c.flood.enabled},
      {"flood.budget_us", &c.flood.budget_us},
      {"flood.action", &c.flood.action},
      {"flood.burst_max", &c.flood.burst_max},
      {"flood.burst_window_s", &c.flood.burst_window_s},
      {"flood.sustained_max", &c.flood.sustained_max},
      {"flood.sustained_window_s", &c.flood.sustained_window_s},
      {"flood.by_name", &c.flood.by_name},
      {"flood.by_client", &c.flood.by_client},

      {"duplicate.enabled", &c.duplicate.enabled},
      {"duplicate.budget_us", &c.duplicate.budget_us},
      {"duplicate.repeat_action", &c.duplicate.repeat_action},
      {"duplicate.copy_action", &c.duplicate.copy_action},
      {"duplicate.repeat_window_s", &c.duplicate.repeat_window_s},
      {"duplicate.copy_window_s", &c.duplicate.copy_window_s},
      {"duplicate.min_chars", &c.duplicate.min_chars},
      {"duplicate.similarity", &c.duplicate.similarity},
      {"duplicate.across_site", &c.duplicate.across_site},
      {"duplicate.max_indexed", &c.duplicate.max_indexed},

      {"links_contacts.enabled", &c.links_contacts.enabled},
      {"links_contacts.budget_us", &c.links_contacts.budget_us},
      {"links_contacts.link_action", &c.links_contacts.link_action},
      {"links_contacts.phone_action", &c.links_contacts.phone_action},
      {"links_contacts.email_action", &c.links_contacts.email_action},
      {"links_contacts.contact_action", &c.links_contacts.contact_action},
      {"links_contacts.allow_domains", &c.links_contacts.allow_domains},

      {"shouting.enabled", &c.shouting.enabled},
      {"shouting.budget_us", &c.shouting.budget_us},
      {"shouting.action", &c.shouting.action},
      {"shouting.min_letters", &c.shouting.min_letters},
      {"shouting.caps_ratio", &c.shouting.caps_ratio},
      {"shouting.max_punctuation_run", &c.shouting.max_punctuation_run},
      {"shouting.max_letter_run", &c.shouting.max_letter_run},
      {"shouting.acronyms", &c.shouting.acronyms},

      {"lexicon.enabled", &c.lexicon.enabled},
      {"lexicon.budget_us", &c.lexicon.budget_us},
      {"lexicon.banned_action", &c.lexicon.banned_action},
      {"lexicon.suspect_action", &c.lexicon.suspect_action},
      {"lexicon.languages", &c.lexicon.languages},
      {"lexicon.banned", &c.lexicon.banned},
      {"lexicon.suspect", &c.lexicon.suspect},
      {"lexicon.allow", &c.lexicon.allow},

      {"violence.enabled", &c.violence.enabled},
      {"violence.budget_us", &c.violence.budget_us},
      {"violence.incitement_action", &c.violence.incitement_action},
      {"violence.apologia_action", &c.violence.apologia_action},
      {"violence.threat_action", &c.violence.threat_action},
      {"violence.armed_groups", &c.violence.armed_groups},
      {"violence.state_forces", &c.violence.state_forces},

      {"dehumanization.enabled", &c.dehumanization.enabled},
      {"dehumanization.budget_us", &c.dehumanization.budget_us},
      {"dehumanization.action", &c.dehumanization.action},

      {"toxicity.enabled", &c.toxicity.enabled},
      {"toxicity.budget_us", &c.toxicity.budget_us},
      {"toxicity.model_path", &c.toxicity.model_path},
      {"toxicity.threat.hold", &c.toxicity.threat_hold},
      {"toxicity.threat.reject", &c.toxicity.threat_reject},
      {"toxicity.threat.review", &c.toxicity.threat_review},
      {"toxicity.hate.hold", &c.toxicity.hate_hold},
      {"toxicity.hate.reject", &c.toxicity.hate_reject},
      {"toxicity.hate.review", &c.toxicity.hate_review},
      {"toxicity.insult.hold", &c.toxicity.insult_hold},
      {"toxicity.insult.reject", &c.toxicity.insult_reject},
      {"toxicity.insult.review", &c.toxicity.insult_review},
      {"toxicity.toxic.hold", &c.toxicity.toxic_hold},
      {"toxicity.toxic.reject", &c.toxicity.toxic_reject},
      {"toxicity.toxic.review", &c.toxicity.toxic_review},
      {"toxicity.spam.hold", &c.toxicity.spam_hold},
      {"toxicity.spam.reject", &c.toxicity.spam_reject},
      {"toxicity.spam.review", &c.toxicity.spam_review},

      {"off_topic.enabled", &c.off_topic.enabled},
      {"off_topic.budget_us", &c.off_topic.budget_us},
      {"off_topic.action", &c.off_topic.action},
      {"off_topic.min_words", &c.off_topic.min_words},
      {"off_topic.threshold", &c.off_topic.threshold},
  };
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

Status Bad(std::string_view key, std::string_view expected) {
  return Status(Error::kInvalidArgument,
                "moderation." + std::string(key) + ": expected " + std::string(expected));
}

std::optional<Action> ParseAction(std::string_view s) {
  const std::string v = Lower(text::TrimAscii(s));
  if (v == "pass" || v == "allow" || v == "publish") return Action::kPass;
  if (v == "flag") return Action::kFlag;
  if (v == "review") return Action::kReview;
  if (v == "hold") return Action::kHold;
  if (v == "reject") return Action::kReject;
  return std::nullopt;
}

Status SetField(const Entry& entry, std::string_view raw) {
  const std::string_view value = text::TrimAscii(raw);
  struct Visitor {
    std::string_view key;
    std::string_view value;
    Status operator()(bool* b) const {
      const std::string v = Lower(value);
      if (v == "true" || v == "on" || v == "yes" || v == "1") {
        *b = true;
      } else if (v == "false" || v == "off" || v == "no" || v == "0") {
        *b = false;
      } else {
        return Bad(key, "true or false");
      }
      return Status::Ok();
    }
    Status operator()(int* i) const {
      int parsed = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (error != std::errc() || end != value.data() + value.size() || value.empty()) {
        return Bad(key, "an integer");
      }
      *i = parsed;
      return Status::Ok();
    }
    Status operator()(double* d) const {
      double parsed = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (error != std::errc() || end != value.data() + value.size() || value.empty() ||
          !std::isfinite(parsed)) {
        return Bad(key, "a number");
      }
      *d = parsed;
      return Status::Ok();
    }
    Status operator()(Action* a) const {
      const auto parsed = ParseAction(value);
      if (!parsed) return Bad(key, "pass, flag, review, hold or reject");
      *a = *parsed;
      return Status::Ok();
    }
    Status operator()(std::string* s) const {
      *s = std::string(value);
      return Status::Ok();
    }
    Status operator()(std::vector<std::string>* list) const {
      list->clear();
      std::string_view rest = value;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = text::TrimAscii(rest.substr(0, comma));
        if (!item.empty()) list->emplace_back(item);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      return Status::Ok();
    }
  };
  return std::visit(Visitor{entry.key, value}, entry.field);
}

std::string Show(const Field& field) {
  struct Visitor {
    std::string operator()(bool* b) const { return *b ? "true" : "false"; }
    std::string operator()(int* i) const { return std::to_string(*i); }
    std::string operator()(double* d) const {
      std::string s = std::to_string(*d);
      while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
      return s;
    }
    std::string operator()(Action* a) const {
      switch (*a) {
        case Action::kPass:
          return "pass";
        case Action::kFlag:
          return "flag";
        case Action::kReview:
          return "review";
        case Action::kHold:
          return "hold";
        case Action::kReject:
          return "reject";
      }
      return "pass";
    }
    std::string operator()(std::string* s) const { return *s; }
    std::string operator()(std::vector<std::string>* list) const {
      std::string out;
      for (const auto& item : *list) {
        if (!out.empty()) out += ',';
        out += item;
      }
      return out;
    }
  };
  return std::visit(Visitor{}, field);
}

Status Range(bool ok, std::string_view key, std::string_view expected) {
  return ok ? Status::Ok() : Bad(key, expected);
}

bool IsSiteId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

const ModerationConfig& ModerationConfigs::For(std::string_view site_id) const {
  const auto it = sites.find(site_id);
  return it == sites.end() ? defaults : it->second;
}

Status SetModerationKey(ModerationConfig& config, std::string_view key, std::string_view value) {
  ModerationConfig copy = config;
  for (const Entry& entry : Fields(copy)) {
    if (entry.key != key) continue;
    PALABRE_RETURN_IF_ERROR(SetField(entry, value));
    config = std::move(copy);
    return Status::Ok();
  }
  return Status(Error::kInvalidArgument, "unknown setting moderation." + std::string(key));
}

Status Validate(const ModerationConfig& c) {
  PALABRE_RETURN_IF_ERROR(Range(c.pipeline.budget_us > 0, "pipeline.budget_us", "> 0"));
  const std::pair<std::string_view, int> budgets[] = {
      {"empty.budget_us", c.empty.budget_us},
      {"length.budget_us", c.length.budget_us},
      {"flood.budget_us", c.flood.budget_us},
      {"duplicate.budget_us", c.duplicate.budget_us},
      {"links_contacts.budget_us", c.links_contacts.budget_us},
      {"shouting.budget_us", c.shouting.budget_us},
      {"lexicon.budget_us", c.lexicon.budget_us},
      {"violence.budget_us", c.violence.budget_us},
      {"dehumanization.budget_us", c.dehumanization.budget_us},
      {"toxicity.budget_us", c.toxicity.budget_us},
      {"off_topic.budget_us", c.off_topic.budget_us},
  };
  for (const auto& [key, value] : budgets) {
    PALABRE_RETURN_IF_ERROR(Range(value >= 0, key, ">= 0 (0: the pipeline's budget)"));
  }
  PALABRE_RETURN_IF_ERROR(Range(c.length.max_chars > 0, "length.max_chars", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.length.max_lines >= 0, "length.max_lines", ">= 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.flood.burst_max > 0, "flood.burst_max", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.flood.burst_window_s > 0, "flood.burst_window_s", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.flood.sustained_max > 0, "flood.sustained_max", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.flood.sustained_window_s > 0, "flood.sustained_window_s", "> 0"));
  PALABRE_RETURN_IF_ERROR(
      Range(c.duplicate.repeat_window_s > 0, "duplicate.repeat_window_s", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.duplicate.copy_window_s > 0, "duplicate.copy_window_s", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.duplicate.min_chars > 0, "duplicate.min_chars", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.duplicate.similarity > 0 && c.duplicate.similarity <= 1,
                                "duplicate.similarity", "in (0, 1]"));
  PALABRE_RETURN_IF_ERROR(Range(c.duplicate.max_indexed > 0, "duplicate.max_indexed", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.shouting.min_letters > 0, "shouting.min_letters", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.shouting.caps_ratio > 0 && c.shouting.caps_ratio <= 1,
                                "shouting.caps_ratio", "in (0, 1]"));
  PALABRE_RETURN_IF_ERROR(
      Range(c.shouting.max_punctuation_run > 0, "shouting.max_punctuation_run", "> 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.shouting.max_letter_run > 1, "shouting.max_letter_run", "> 1"));
  for (const auto& language : c.lexicon.languages) {
    PALABRE_RETURN_IF_ERROR(
        Range(language == "fr" || language == "en", "lexicon.languages", "a list of fr, en"));
  }
  for (auto [key, names] : {std::pair{"violence.armed_groups", &c.violence.armed_groups},
                            std::pair{"violence.state_forces", &c.violence.state_forces}}) {
    for (const std::string& name : *names) {
      const std::size_t words = Normalize(name).words.size();
      PALABRE_RETURN_IF_ERROR(
          Range(words >= 1 && words <= 6, key, "names of 1 to 6 words with letters or digits"));
    }
  }
  const ToxicityConfig& x = c.toxicity;
  for (auto [name, review, hold, reject] :
       {std::tuple{"toxicity.threat", x.threat_review, x.threat_hold, x.threat_reject},
        std::tuple{"toxicity.hate", x.hate_review, x.hate_hold, x.hate_reject},
        std::tuple{"toxicity.insult", x.insult_review, x.insult_hold, x.insult_reject},
        std::tuple{"toxicity.toxic", x.toxic_review, x.toxic_hold, x.toxic_reject},
        std::tuple{"toxicity.spam", x.spam_review, x.spam_hold, x.spam_reject}}) {
    PALABRE_RETURN_IF_ERROR(
        Range(review >= 0 && review <= 2 && hold >= 0 && hold <= 2 && reject >= hold && reject <= 2,
              name, "review and hold in [0, 2], reject in [hold, 2] (2: never)"));
  }
  PALABRE_RETURN_IF_ERROR(Range(c.off_topic.min_words >= 0, "off_topic.min_words", ">= 0"));
  PALABRE_RETURN_IF_ERROR(Range(c.off_topic.threshold >= 0 && c.off_topic.threshold <= 1,
                                "off_topic.threshold", "in [0, 1]"));
  return Status::Ok();
}

Result<ModerationConfigs> ParseModerationConfig(const std::map<std::string, std::string>& kv) {
  constexpr std::string_view kPrefix = "moderation.";
  constexpr std::string_view kSites = "sites.";
  ModerationConfigs out;
  // Defaults first, then each site over the final defaults (a site's keys may come before a
  // default's in the map order).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> per_site;
  for (const auto& [full_key, value] : kv) {
    std::string_view key = full_key;
    if (key.substr(0, kPrefix.size()) != kPrefix) continue;
    key.remove_prefix(kPrefix.size());
    if (key.substr(0, kSites.size()) == kSites) {
      key.remove_prefix(kSites.size());
      const std::size_t dot = key.find('.');
      const std::string_view site = key.substr(0, dot);
      if (dot == std::string_view::npos || !IsSiteId(site)) {
        return Status(
            Error::kInvalidArgument,
            "setting " + full_key + ": expected moderation.sites.<site_id>.<check>.<key>");
      }
      per_site[std::string(site)].emplace_back(std::string(key.substr(dot + 1)), value);
      continue;
    }
    PALABRE_RETURN_IF_ERROR(SetModerationKey(out.defaults, key, value));
  }
  PALABRE_RETURN_IF_ERROR(Validate(out.defaults));
  for (const auto& [site, settings] : per_site) {
    ModerationConfig config = out.defaults;
    for (const auto& [key, value] : settings) {
      Status status = SetModerationKey(config, key, value);
      if (!status.ok()) {
        return Status(Error::kInvalidArgument, "site " + site + ": " + status.message());
      }
    }
    Status status = Validate(config);
    if (!status.ok()) {
      return Status(Error::kInvalidArgument, "site " + site + ": " + status.message());
    }
    out.sites.emplace(site, std::move(config));
  }
  return out;
}

Result<ModerationConfigs> ParseModerationConfigText(std::string_view text) {
  std::map<std::string, std::string> kv;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    line = text::TrimAscii(line);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      return Status(Error::kInvalidArgument,
                    "line " + std::to_string(line_number) + ": expected key = value");
    }
    const std::string key(text::TrimAscii(line.substr(0, equals)));
    if (key.rfind("moderation.", 0) != 0) {
      return Status(Error::kInvalidArgument,
                    "line " + std::to_string(line_number) + ": unknown setting " + key);
    }
    kv[key] = std::string(text::TrimAscii(line.substr(equals + 1)));
  }
  return ParseModerationConfig(kv);
}

std::vector<std::string> DescribeConfig(const ModerationConfig& config) {
  ModerationConfig copy = config;
  std::vector<std::string> out;
  for (const Entry& entry : Fields(copy)) {
    out.push_back(std::string(entry.key) + "=" + Show(entry.field));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace palabre::moderation
