// The one rule for an e-mail address palabre accepts, from a reader (optional, for replies and
// Gravatar-free identity) or for a moderator's account. A plausibility check, not RFC 5322:
// one '@' with something before it, a domain with a dot not at either end, at most 254 bytes,
// and no byte that has no place in an unquoted address or could break a header or a list
// (space and control characters, < > " , ;). Pure function, thread-safe.
#pragma once

#include <string_view>

namespace palabre {

bool LooksLikeEmail(std::string_view address);

}  // namespace palabre
