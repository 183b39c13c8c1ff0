#include "service/site_settings.h"

#include <boost/json.hpp>
#include <string>
#include <utility>

#include "core/text/utf8.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxWords = 1000;
constexpr std::size_t kMaxWordBytes = 200;
constexpr std::size_t kMaxChecks = 200;

Status Bad(std::string_view key, std::string_view why) {
  return Status(Error::kInvalidArgument, std::string(key) + ": " + std::string(why));
}

Status ReadInt(const boost::json::value& v, std::string_view key, int lo, int hi, int* out) {
  std::int64_t n = 0;
  if (v.is_int64()) {
    n = v.get_int64();
  } else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(hi)) {
    n = static_cast<std::int64_t>(v.get_uint64());
  } else if (v.is_double() &&
             v.get_double() == static_cast<double>(static_cast<int>(v.get_double()))) {
    n = static_cast<int>(v.get_double());
  } else {
    return Bad(key, "an integer is expected");
  }
  if (n < lo || n > hi) {
    return Bad(key, "between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  *out = static_cast<int>(n);
  return Status::Ok();
}

// A list of short single-line strings; comma-free (config lists are comma-separated).
Status ReadWords(const boost::json::value& v, std::string_view key, std::vector<std::string>* out) {
  if (!v.is_array()) return Bad(key, "a list of strings is expected");
  const auto& a = v.get_array();
  if (a.size() > kMaxWords) return Bad(key, std::to_string(kMaxWords) + " entries at most");
  out->clear();
  for (const auto& item : a) {
    if (!item.is_string()) return Bad(key, "a list of strings is expected");
    auto cleaned = text::NormalizeUserText(item.get_string(), /*single_line=*/true);
    if (!cleaned.ok()) return Bad(key, "not valid UTF-8");
    std::string word = std::move(cleaned).value();
    if (word.empty()) continue;
    if (word.size() > kMaxWordBytes) return Bad(key, "an entry is too long");
    if (word.find(',') != std::string::npos) return Bad(key, "an entry holds a comma");
    out->push_back(std::move(word));
  }
  return Status::Ok();
}

boost::json::array ToArray(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string Join(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::string out;
  for (const auto* list : {&a, &b}) {
    for (const auto& s : *list) {
      if (!out.empty()) out += ',';
      out += s;
    }
  }
  return out;
}

}  // namespace

std::string_view ToString(Premoderation p) {
  switch (p) {
    case Premoderation::kNone:
      return "none";
    case Premoderation::kNew:
      return "new";
    case Premoderation::kAll:
      return "all";
  }
  return "none";
}

std::string_view ToString(LinkPolicy p) {
  switch (p) {
    case LinkPolicy::kAllow:
      return "allow";
    case LinkPolicy::kReview:
      return "review";
    case LinkPolicy::kHold:
      return "hold";
    case LinkPolicy::kReject:
      return "reject";
  }
  return "hold";
}

Result<SiteSettings> ParseSiteSettings(std::string_view json) {
  SiteSettings s;
  if (json.empty()) return s;
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(json, ec);
  if (ec || !root.is_object()) return Status(Error::kInvalidJson, "settings: a JSON object");
  for (const auto& [k, v] : root.get_object()) {
    const std::string_view key(k.data(), k.size());
    if (key == "premoderation") {
      const std::string_view p = v.is_string() ? std::string_view(v.get_string()) : "";
      if (p == "none") {
        s.premoderation = Premoderation::kNone;
      } else if (p == "new") {
        s.premoderation = Premoderation::kNew;
      } else if (p == "all") {
        s.premoderation = Premoderation::kAll;
      } else {
        return Bad(key, "none, new or all");
      }
    } else if (key == "premoderation_min_approved") {
      PALABRE_RETURN_IF_ERROR(ReadInt(v, key, 1, 1000, &s.premoderation_min_approved));
    } else if (key == "report_threshold") {
      PALABRE_RETURN_IF_ERROR(ReadInt(v, key, 1, 1000, &s.report_threshold));
    } else if (key == "close_after_days") {
      PALABRE_RETURN_IF_ERROR(ReadInt(v, key, 0, 36500, &s.close_after_days));
    } else if (key == "keep_rejected_days") {
      PALABRE_RETURN_IF_ERROR(ReadInt(v, key, 0, 365, &s.keep_rejected_days));
    } else if (key == "banned_words") {
      PALABRE_RETURN_IF_ERROR(ReadWords(v, key, &s.banned_words));
    } else if (key == "suspect_words") {
      PALABRE_RETURN_IF_ERROR(ReadWords(v, key, &s.suspect_words));
    } else if (key == "allow_domains") {
      PALABRE_RETURN_IF_ERROR(ReadWords(v, key, &s.allow_domains));
    } else if (key == "link_policy") {
      const std::string_view p = v.is_string() ? std::string_view(v.get_string()) : "";
      if (p == "allow") {
        s.link_policy = LinkPolicy::kAllow;
      } else if (p == "review") {
        s.link_policy = LinkPolicy::kReview;
      } else if (p == "hold") {
        s.link_policy = LinkPolicy::kHold;
      } else if (p == "reject") {
        s.link_policy = LinkPolicy::kReject;
      } else {
        return Bad(key, "allow, review, hold or reject");
      }
    } else if (key == "checks") {
      if (!v.is_object()) return Bad(key, "an object of \"<check>.<key>\": value");
      if (v.get_object().size() > kMaxChecks) return Bad(key, "too many keys");
      moderation::ModerationConfig probe;
      for (const auto& [ck, cv] : v.get_object()) {
        const std::string name = "checks." + std::string(ck.data(), ck.size());
        std::string value;
        if (cv.is_string()) {
          value = std::string(cv.get_string());
        } else if (cv.is_bool()) {
          value = cv.get_bool() ? "true" : "false";
        } else if (cv.is_int64()) {
          value = std::to_string(cv.get_int64());
        } else if (cv.is_uint64()) {
          value = std::to_string(cv.get_uint64());
        } else if (cv.is_double()) {
          value = boost::json::serialize(cv);
        } else {
          return Bad(name, "a string, number or boolean is expected");
        }
        const std::string check_key(ck.data(), ck.size());
        if (check_key.rfind("pipeline.", 0) == 0 ||
            check_key.find(".model_path") != std::string::npos) {
          return Bad(name, "not a site setting");
        }
        if (Status set = moderation::SetModerationKey(probe, check_key, value); !set.ok()) {
          return Bad(name, set.message());
        }
        s.checks[check_key] = std::move(value);
      }
      if (Status valid = moderation::Validate(probe); !valid.ok()) {
        // Out of range: named by the configuration's key ("moderation.flood.burst_max: …");
        // the console points at the site's key that set it.
        for (const auto& [ck, cv] : s.checks) {
          if (valid.message().starts_with("moderation." + ck + ":")) {
            return Bad("checks." + ck, valid.message());
          }
        }
        return Bad("checks", valid.message());
      }
    } else {
      return Bad(key, "unknown setting");
    }
  }
  return s;
}

std::string ToJson(const SiteSettings& s) {
  boost::json::object o;
  o["premoderation"] = ToString(s.premoderation);
  o["premoderation_min_approved"] = s.premoderation_min_approved;
  o["report_threshold"] = s.report_threshold;
  o["close_after_days"] = s.close_after_days;
  o["keep_rejected_days"] = s.keep_rejected_days;
  o["banned_words"] = ToArray(s.banned_words);
  o["suspect_words"] = ToArray(s.suspect_words);
  o["link_policy"] = ToString(s.link_policy);
  o["allow_domains"] = ToArray(s.allow_domains);
  boost::json::object checks;
  for (const auto& [k, v] : s.checks) checks[k] = v;
  o["checks"] = std::move(checks);
  return boost::json::serialize(o);
}

Status ApplyTo(const SiteSettings& s, moderation::ModerationConfig& config) {
  if (!s.banned_words.empty()) {
    PALABRE_RETURN_IF_ERROR(moderation::SetModerationKey(
        config, "lexicon.banned", Join(config.lexicon.banned, s.banned_words)));
  }
  if (!s.suspect_words.empty()) {
    PALABRE_RETURN_IF_ERROR(moderation::SetModerationKey(
        config, "lexicon.suspect", Join(config.lexicon.suspect, s.suspect_words)));
  }
  if (s.link_policy != LinkPolicy::kHold) {  // hold: the server's own link_action stays
    PALABRE_RETURN_IF_ERROR(moderation::SetModerationKey(config, "links_contacts.link_action",
                                                         ToString(s.link_policy)));
  }
  if (!s.allow_domains.empty()) {
    PALABRE_RETURN_IF_ERROR(
        moderation::SetModerationKey(config, "links_contacts.allow_domains",
                                     Join(config.links_contacts.allow_domains, s.allow_domains)));
  }
  for (const auto& [key, value] : s.checks) {
    if (Status set = moderation::SetModerationKey(config, key, value); !set.ok()) {
      return Bad("checks." + key, set.message());
    }
  }
  Status valid = moderation::Validate(config);
  if (!valid.ok()) {
    // A value out of range names the configuration's key ("moderation.flood.burst_max: …"):
    // the site's key that set it is what the console must point at.
    for (const auto& [key, value] : s.checks) {
      if (valid.message().starts_with("moderation." + key + ":")) {
        return Bad("checks." + key, valid.message());
      }
    }
  }
  return valid;
}

}  // namespace palabre::service
