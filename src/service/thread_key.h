// ThreadKey: the one rule for an article's key (the thread's name within its site), used by the
// service before it reads or writes a thread and by the HTTP handlers before they look up a
// thread's version or subscribe to its live updates, so both always agree on the same key.
// Thread-safe, no state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace palabre::service {

// The key as stored: NFC, one line, trimmed (core/text/utf8.h NormalizeUserText), from 1 to
// `max_code_points` code points; a printable-ASCII key without surrounding spaces is returned
// as is without going through ICU (it is its own normal form). kKeyInvalid otherwise (empty or
// blank, not UTF-8, too long).
Result<std::string> ThreadKey(std::string_view key, std::size_t max_code_points);

}  // namespace palabre::service
