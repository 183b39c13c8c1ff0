#include "http/handlers/analyze_handler.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

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

void AnalyzeHandler::Analyze(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
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
  auto decision = analyze_.Analyze(in);
  if (!decision.ok()) return SetError(res, decision.status(), lang);
  SetJson(res, 200, decision->ToJson());
}

void AnalyzeHandler::Perspective(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  if (req.body.size() > limits_.max_bytes) return SetError(res, Error::kBodyTooLarge, lang);
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
