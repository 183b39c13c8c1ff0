#include "store/sql_common.h"

namespace palabre::store {

std::string JoinOrigins(const std::vector<std::string>& origins) {
  std::string out;
  for (const std::string& origin : origins) {
    if (!out.empty()) out += '\n';
    out += origin;
  }
  return out;
}

std::vector<std::string> SplitOrigins(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    std::size_t end = joined.find('\n');
    out.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return out;
}

Status CheckOrigins(const Site& site) {
  for (const std::string& origin : site.origins) {
    if (origin.empty() || origin.find('\n') != std::string::npos) {
      return Status(Error::kInvalidArgument, "site " + site.id + ": empty origin or newline");
    }
  }
  return Status::Ok();
}

std::string_view SettingsOf(const Site& site) {
  return site.settings.empty() ? std::string_view("{}") : std::string_view(site.settings);
}

bool NeedsFill(const Thread& stored, const Thread& given) {
  return (stored.title.empty() && !given.title.empty()) ||
         (stored.body.empty() && !given.body.empty());
}

std::string LikeEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace palabre::store
