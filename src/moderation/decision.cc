#include "moderation/decision.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "core/text/json_writer.h"

namespace palabre::moderation {

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kPass:
    case Action::kFlag:
      return "publish";
    case Action::kReview:
      return "review";
    case Action::kHold:
      return "hold";
    case Action::kReject:
      return "reject";
  }
  return "publish";
}

std::string_view ReasonActionName(Action a) {
  switch (a) {
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
  return "flag";
}

double Decision::review_risk() const {
  double risk = 0.0;
  for (const Reason& r : reasons) {
    if (r.action == Action::kReview) risk = std::max(risk, r.score);
  }
  return std::clamp(risk, 0.0, 1.0);
}

std::string Decision::ToJson() const {
  std::string out = "{\"action\":";
  text::AppendJsonString(out, ToString(action));
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const Reason& r = reasons[i];
    if (i) out += ',';
    out += "{\"check\":";
    text::AppendJsonString(out, r.check);
    out += ",\"code\":";
    text::AppendJsonString(out, r.code);
    out += ",\"detail\":";
    text::AppendJsonString(out, r.detail);
    out += ",\"score\":";
    text::AppendJsonDouble(out, r.score);
    out += ",\"action\":";
    text::AppendJsonString(out, ReasonActionName(r.action));
    if (r.comment_id != 0) out += ",\"comment_id\":" + std::to_string(r.comment_id);
    out += ",\"spans\":[";
    for (std::size_t j = 0; j < r.spans.size(); ++j) {
      if (j) out += ',';
      out += '[' + std::to_string(r.spans[j].begin) + ',' + std::to_string(r.spans[j].end) + ']';
    }
    out += "]}";
  }
  out += "],\"scores\":{";
  bool first = true;
  for (const auto& [name, value] : scores) {
    if (!first) out += ',';
    first = false;
    text::AppendJsonString(out, name);
    out += ':';
    text::AppendJsonDouble(out, value);
  }
  out += "}}";
  return out;
}

namespace {

bool ParseAction(std::string_view s, Action* a) {
  if (s == "pass" || s == "publish") {
    *a = Action::kPass;
  } else if (s == "flag") {
    *a = Action::kFlag;
  } else if (s == "review") {
    *a = Action::kReview;
  } else if (s == "hold") {
    *a = Action::kHold;
  } else if (s == "reject") {
    *a = Action::kReject;
  } else {
    return false;
  }
  return true;
}

std::int64_t AsInt(const boost::json::value& v, bool* ok) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  *ok = false;
  return 0;
}

}  // namespace

Result<Decision> ParseDecisionJson(std::string_view json) {
  Decision d;
  if (json.empty()) return d;
  const Status bad(Error::kInvalidJson, "not a stored decision");
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(json, ec);
  if (ec || !root.is_object()) return bad;
  const boost::json::object& o = root.get_object();
  if (const auto* a = o.if_contains("action")) {
    if (!a->is_string() || !ParseAction(a->get_string(), &d.action)) return bad;
  }
  if (const auto* rs = o.if_contains("reasons")) {
    if (!rs->is_array()) return bad;
    for (const boost::json::value& rv : rs->get_array()) {
      if (!rv.is_object()) return bad;
      const boost::json::object& ro = rv.get_object();
      Reason r;
      auto str = [&](const char* key, std::string* out) {
        const auto* v = ro.if_contains(key);
        if (v == nullptr) return true;
        if (!v->is_string()) return false;
        *out = std::string(v->get_string());
        return true;
      };
      if (!str("check", &r.check) || !str("code", &r.code) || !str("detail", &r.detail)) {
        return bad;
      }
      if (const auto* v = ro.if_contains("score")) {
        if (!v->is_number()) return bad;
        r.score = v->to_number<double>();
      }
      if (const auto* v = ro.if_contains("action")) {
        if (!v->is_string() || !ParseAction(v->get_string(), &r.action)) return bad;
      }
      if (const auto* v = ro.if_contains("comment_id")) {
        bool ok = true;
        r.comment_id = AsInt(*v, &ok);
        if (!ok) return bad;
      }
      if (const auto* v = ro.if_contains("spans")) {
        if (!v->is_array()) return bad;
        for (const boost::json::value& sv : v->get_array()) {
          if (!sv.is_array() || sv.get_array().size() != 2) return bad;
          bool ok = true;
          const std::int64_t b = AsInt(sv.get_array()[0], &ok);
          const std::int64_t e = AsInt(sv.get_array()[1], &ok);
          if (!ok || b < 0 || e < b) return bad;
          r.spans.push_back(Span{static_cast<std::size_t>(b), static_cast<std::size_t>(e)});
        }
      }
      d.reasons.push_back(std::move(r));
    }
  }
  if (const auto* sc = o.if_contains("scores")) {
    if (!sc->is_object()) return bad;
    for (const auto& [k, v] : sc->get_object()) {
      if (!v.is_number()) return bad;
      d.scores[std::string(k)] = v.to_number<double>();
    }
  }
  return d;
}

}  // namespace palabre::moderation
