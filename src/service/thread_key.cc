#include "service/thread_key.h"

#include "core/text/utf8.h"

namespace palabre::service {

Result<std::string> ThreadKey(std::string_view key, std::size_t max_code_points) {
  const auto invalid = [&] {
    return Status(Error::kKeyInvalid,
                  "article key must be 1.." + std::to_string(max_code_points) + " characters");
  };
  bool plain = !key.empty() && key.front() != ' ' && key.back() != ' ';
  for (std::size_t i = 0; plain && i < key.size(); ++i) {
    plain = key[i] >= 0x20 && key[i] <= 0x7E;
  }
  if (plain) {
    if (key.size() > max_code_points) return invalid();
    return std::string(key);
  }
  auto cleaned = text::NormalizeUserText(key, /*single_line=*/true);
  if (!cleaned.ok() || cleaned->empty() || text::CodePointCount(*cleaned) > max_code_points) {
    return invalid();
  }
  return cleaned;
}

}  // namespace palabre::service
