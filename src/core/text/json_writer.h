// Writing JSON by appending to a std::string: one string escaper, integers and short
// decimals. Every layer that writes JSON (HTTP answers, a decision stored with its comment,
// metrics) uses these, so a text is escaped by one rule everywhere: `"`, `\` and control
// characters escaped, valid UTF-8 copied as it is, any invalid byte replaced by U+FFFD (the
// output is always valid JSON and valid UTF-8). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace palabre::text {

// Appends `s` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view s);
void AppendJsonInt(std::string& out, std::int64_t v);
// Four significant digits ("0.8765"); not finite: 0 (JSON has no NaN nor infinity).
void AppendJsonDouble(std::string& out, double v);

}  // namespace palabre::text
