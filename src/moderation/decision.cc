#include "moderation/decision.h"

#include <cstdio>

namespace palabre::moderation {

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kPass:
    case Action::kFlag:
      return "publish";
    case Action::kHold:
      return "hold";
    case Action::kReject:
      return "reject";
  }
  return "publish";
}

namespace {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void AppendNumber(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  out += buf;
}

}  // namespace

std::string Decision::ToJson() const {
  std::string out = "{\"action\":";
  AppendJsonString(out, ToString(action));
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const Reason& r = reasons[i];
    if (i) out += ',';
    out += "{\"check\":";
    AppendJsonString(out, r.check);
    out += ",\"code\":";
    AppendJsonString(out, r.code);
    out += ",\"detail\":";
    AppendJsonString(out, r.detail);
    out += ",\"score\":";
    AppendNumber(out, r.score);
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
    AppendJsonString(out, name);
    out += ':';
    AppendNumber(out, value);
  }
  out += "}}";
  return out;
}

Result<Decision> ParseDecisionJson(std::string_view) {
  return Status(Error::kInternal, "not implemented");
}

}  // namespace palabre::moderation
