// Relative times in French and English: "il y a 3 heures", "hier à 17:55", "3 weeks ago".
//
// Calendar words (hier/yesterday, dates) are taken in the site's time zone; clocks are 24-hour
// ("17:55", never "17:55 PM"). Rules, in order, with d = now - t and n the number of local
// calendar days between the two dates (DST days of 23 or 25 hours count as one day):
//   d < 1 min, or t in the future (skew)  "à l'instant" / "just now"
//   d < 1 h                               "il y a 5 minutes" / "5 minutes ago" (floor)
//   n = 0 (same local day)                "il y a 3 heures" / "3 hours ago" (floor)
//   n = 1 (previous local day)            "hier à 17:55" / "yesterday at 17:55"
//   n < 7                                 "il y a 4 jours" / "4 days ago"
//   n < 30                                "il y a 3 semaines" / "3 weeks ago" (n / 7)
//   otherwise                             "le 12 mars 2024 à 17:55"
//                                         "on 12 March 2024 at 17:55"
// Singular for 1 ("il y a 1 minute", "1 week ago"); "le 1er mars" for the first of a month in
// French. Time zones are time_zone.h's (created once per name and shared). Every function
// here is thread-safe and never fails except ParseIso8601.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace palabre::text {

enum class Lang { kFr, kEn };

// Picks fr or en from an Accept-Language header value; French when neither is listed or the
// header is empty (palabre's readers are French-speaking first). Honours q-values (q=0 refuses
// a language; "*" stands for any language not named); on equal q the one listed first wins.
// Tags are case-insensitive and matched on their primary subtag ("en-GB" is en). Malformed
// entries are skipped.
Lang LangFromAcceptLanguage(std::string_view header);
std::string_view ToString(Lang lang);  // "fr", "en"

// `time_zone` is an IANA name ("Africa/Dakar"); an unknown zone is taken as UTC.
std::string RelativeTime(TimestampMs t, TimestampMs now, Lang lang, std::string_view time_zone);

// Full date and time for tooltips: "12 mars 2024 à 17:55" / "12 March 2024 at 17:55".
std::string FullDateTime(TimestampMs t, Lang lang, std::string_view time_zone);

// RFC 3339 in UTC with milliseconds: "2024-03-12T17:55:00.000Z" (years 0000..9999).
std::string Iso8601(TimestampMs t);
// Parses RFC 3339 strictly ("2024-03-12T17:55:00Z", "...+01:00", "...-05:30"): "T" and "Z" in
// either case, seconds required, fraction optional (truncated to milliseconds), numeric offsets
// as ±hh:mm, a leap second :60 counted as the next second. kInvalidArgument for anything else
// (no space separator, no missing offset, no impossible date such as 2023-02-29).
Result<TimestampMs> ParseIso8601(std::string_view s);

// True if `time_zone` is an IANA zone ICU knows ("Africa/Dakar"); false for ICU's custom
// "GMT+01:00" forms and "Etc/Unknown".
bool IsKnownTimeZone(std::string_view time_zone);

}  // namespace palabre::text
