#include "moderation/checks/length_check.h"

#include <string>

namespace palabre::moderation {

Verdict LengthCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  const std::string& text = context.text->original;
  std::size_t code_points = 0;
  std::size_t lines = text.empty() ? 0 : 1;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++code_points;
    if (c == '\n') ++lines;
  }
  const auto max_chars = static_cast<std::size_t>(config_.max_chars);
  if (code_points > max_chars) {
    v.Add(Reason{std::string(Name()),
                 "too_long",
                 "Commentaire trop long : " + std::to_string(code_points) + " caractères, " +
                     std::to_string(max_chars) + " au plus.",
                 1.0,
                 config_.action,
                 {}});
  }
  if (config_.max_lines > 0 && lines > static_cast<std::size_t>(config_.max_lines)) {
    v.Add(Reason{std::string(Name()),
                 "too_many_lines",
                 "Trop de lignes : " + std::to_string(lines) + ", " +
                     std::to_string(config_.max_lines) + " au plus.",
                 1.0,
                 config_.action,
                 {}});
  }
  return v;
}

}  // namespace palabre::moderation
