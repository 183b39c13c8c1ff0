#include "http/handlers/analyze_handler.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <optional>

#include "core/text/utf8.h"
#include "http/errors.h"
#include "http/handlers/common.h"

namespace palabre::http::handlers {
namespace {

double ScoreOf(const moderation::Decision& d, const char* name) {
  auto it = d.scores.find(name);
  return it == d.scores.end() ? 0.0 : it->second;
}

// The highest score of the reasons with one of `codes`, 0 if none.
double ReasonScore(const moderation::Decision& d, std::initializer_list<std::string_view> codes) {
  double best = 0.0;
  for (const auto& r : d.reasons) {
    if (std::find(codes.begin(), codes.end(), r.code) != codes.end()) {
      best = std::max(best, r.score);
    }
  }
  return best;
}

void AppendScore(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", std::clamp(v, 0.0, 1.0));
  out += buf;
}

}  // namespace

bool PerspectiveScore(const moderation::Decision& d, std::string_view attribute, double& value) {
  if (attribute == "TOXICITY") {
    value = ScoreOf(d, "toxicity");
  } else if (attribute == "SEVERE_TOXICITY") {
    value = std::max(ScoreOf(d, "threat"), ScoreOf(d, "hate"));
  } else if (attribute == "IDENTITY_ATTACK") {
    value = ScoreOf(d, "hate");
  } else if (attribute == "INSULT") {
    value = ScoreOf(d, "insult");
  } else if (attribute == "PROFANITY") {
    // The lexicon says it best; without a listed word, swearing goes with insults.
    value =
        std::max({ReasonScore(d, {"banned_word"}) > 0 ? 0.95 : 0.0,
                  ReasonScore(d, {"suspect_word"}) > 0 ? 0.7 : 0.0, 0.5 * ScoreOf(d, "insult")});
  } else if (attribute == "THREAT") {
    value = ScoreOf(d, "threat");
  } else if (attribute == "SPAM") {
    value = std::max(ScoreOf(d, "spam"), ReasonScore(d, {"link", "phone", "contact"}));
  } else {
    return false;
  }
  return true;
}

std::string AnalysisJson(const moderation::Decision& d) {
  std::string out = "{\"action\":";
  AppendJsonString(out, moderation::ToString(d.action));
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < d.reasons.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"check\":";
    AppendJsonString(out, d.reasons[i].check);
    out += ",\"code\":";
    AppendJsonString(out, d.reasons[i].code);
    out += ",\"score\":";
    AppendScore(out, d.reasons[i].score);
    out += ",\"action\":";
    AppendJsonString(out, moderation::ToString(d.reasons[i].action));
    out += '}';
  }
  out += "],\"scores\":{";
  bool first = true;
  for (const auto& [name, value] : d.scores) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
    out += ':';
    AppendScore(out, value);
  }
  out += "}}";
  return out;
}

std::string_view PresentedKey(const Request& req) {
  if (auto key = req.query.Get("key"); key && !key->empty()) return *key;
  if (std::string_view key = req.Header("X-Api-Key"); !key.empty()) return key;
  const std::string_view auth = req.Header("Authorization");
  static constexpr std::string_view kBearer = "bearer ";  // the scheme in any case
  if (auth.size() <= kBearer.size()) return {};
  for (std::size_t i = 0; i < kBearer.size(); ++i) {
    const char c = auth[i] >= 'A' && auth[i] <= 'Z' ? static_cast<char>(auth[i] + 32) : auth[i];
    if (c != kBearer[i]) return {};
  }
  return auth.substr(kBearer.size());
}

std::optional<std::string> AnalyzeHandler::Admit(const Request& req, Response& res,
                                                 text::Lang lang) {
  auto admitted = keys_.Admit(PresentedKey(req));
  if (!admitted.ok()) {
    if (admitted.error() == Error::kApiKeyMissing) metrics_.Analyzed(AnalyzeResult::kNoKey);
    if (admitted.error() == Error::kApiKeyInvalid) metrics_.Analyzed(AnalyzeResult::kBadKey);
    SetError(res, admitted.status(), lang);
    return std::nullopt;
  }
  if (admitted->retry_after_s > 0) {
    metrics_.Analyzed(AnalyzeResult::kRateLimited);
    SetError(res, Status(Error::kApiRateLimited, "key budget"), lang, admitted->retry_after_s);
    return std::nullopt;
  }
  metrics_.Analyzed(AnalyzeResult::kOk);
  return std::move(admitted->key.site_id);
}

void AnalyzeHandler::Analyze(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  auto site = Admit(req, res, lang);
  if (!site) return;
  auto body = ParseJsonBody(req, limits_);
  if (!body.ok()) return SetError(res, body.status(), lang);
  service::AnalyzeInput in;
  for (auto [name, field] :
       {std::pair{"text", &in.text}, std::pair{"site", &in.site_id}, std::pair{"key", &in.key},
        std::pair{"title", &in.title}, std::pair{"body", &in.body}}) {
    auto value = body->String(name);
    if (!value.ok()) return SetError(res, value.status(), lang);
    *field = value->value_or("");
  }
  // A key speaks for its own site only.
  if (!in.site_id.empty() && in.site_id != *site) {
    return SetError(res, Status(Error::kApiKeyInvalid, "key of another site"), lang);
  }
  in.site_id = std::move(*site);
  auto decision = analyze_.Analyze(in);
  if (!decision.ok()) return SetError(res, decision.status(), lang);
  SetJson(res, 200, AnalysisJson(*decision));
}

void AnalyzeHandler::Perspective(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  auto site = Admit(req, res, lang);
  if (!site) return;
  if (req.body.size() > limits_.max_bytes) return SetError(res, Error::kBodyTooLarge, lang);
  if (!text::IsValidUtf8(req.body)) return SetError(res, Error::kInvalidUtf8, lang);
  if (Status strict = CheckStrictJson(req.body, limits_.max_depth); !strict.ok()) {
    return SetError(res, strict, lang);
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = static_cast<std::size_t>(limits_.max_depth);
  boost::json::value value = boost::json::parse(req.body, ec, {}, options);
  if (ec || !value.is_object()) return SetError(res, Error::kInvalidJson, lang);
  const auto& root = value.get_object();
  const auto* comment = root.if_contains("comment");
  const boost::json::value* text = nullptr;
  if (comment && comment->is_object()) text = comment->get_object().if_contains("text");
  if (text == nullptr || !text->is_string()) {
    return SetError(res, Status(Error::kInvalidArgument, "comment.text is required"), lang);
  }
  const auto* requested = root.if_contains("requestedAttributes");
  if (requested == nullptr || !requested->is_object() || requested->get_object().empty()) {
    return SetError(res, Status(Error::kInvalidArgument, "requestedAttributes is required"), lang);
  }
  service::AnalyzeInput in;
  in.site_id = std::move(*site);
  in.text = std::string(text->get_string());
  auto decision = analyze_.Analyze(in);
  if (!decision.ok()) return SetError(res, decision.status(), lang);

  std::string out = "{\"attributeScores\":{";
  bool first = true;
  for (const auto& attribute : requested->get_object()) {
    double score = 0.0;
    if (!PerspectiveScore(*decision, attribute.key(), score)) {
      return SetError(res,
                      Status(Error::kInvalidArgument,
                             "unknown attribute " + std::string(attribute.key().substr(0, 40))),
                      lang);
    }
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, attribute.key());
    out += ":{\"summaryScore\":{\"value\":";
    AppendScore(out, score);
    out += ",\"type\":\"PROBABILITY\"}}";
  }
  // palabre's own outcome beside Perspective's fields (publish, review, hold, reject): what
  // palabre would do with this comment.
  out += "},\"languages\":[\"fr\"],\"detectedLanguages\":[\"fr\"],\"palabre\":{\"action\":";
  AppendJsonString(out, moderation::ToString(decision->action));
  out += "}}";
  SetJson(res, 200, std::move(out));
}

}  // namespace palabre::http::handlers
