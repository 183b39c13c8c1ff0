// ASCII helpers for protocol and configuration text: header names and values, URL schemes,
// configuration lines, e-mail addresses as keys. Not for readers' text, which is Unicode
// (core/text/utf8.h). One definition each, used by every layer. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace palabre::text {

// `c` turned into a-z if it is A-Z; any other byte unchanged.
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with A-Z turned into a-z; every other byte unchanged (UTF-8 passes through).
std::string AsciiLower(std::string_view s);

// Equal when compared with A-Z folded to a-z.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// `s` without leading and trailing spaces, tabs, CR and LF (HTTP's optional white space,
// configuration lines read with CRLF endings).
std::string_view TrimAscii(std::string_view s);

}  // namespace palabre::text
