#include "moderation/checks/empty_check.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace palabre::moderation {
namespace {

bool HasEmoji(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c > 0x7F && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return true;
  }
  return false;
}

}  // namespace

Verdict EmptyCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  if (!context.text->folded.empty()) return v;
  if (config_.allow_emoji_only && HasEmoji(context.text->original)) return v;
  v.Add(Reason{std::string(Name()),
               "empty",
               "Le commentaire ne contient ni lettre ni chiffre.",
               1.0,
               config_.action,
               {}});
  return v;
}

}  // namespace palabre::moderation
