// Relative times in French and English: "il y a 3 heures", "hier à 17:55", "3 weeks ago".
//
// Calendar words (hier/yesterday, dates) are taken in the site's time zone; clocks are 24-hour
// ("17:55", never "17:55 PM"). Rules, with d = now - t:
//   d < 1 min (or t slightly in the future)  "à l'instant" / "just now"
//   d < 1 h                                  "il y a 5 minutes" / "5 minutes ago"
//   same local day                           "il y a 3 heures" / "3 hours ago"
//   previous local day                       "hier à 17:55" / "yesterday at 17:55"
//   d < 7 days                               "il y a 4 jours" / "4 days ago"
//   d < 30 days                              "il y a 3 semaines" / "3 weeks ago"
//   otherwise                                "le 12 mars 2024 à 17:55" / "on 12 March 2024 at 17:55"
// ("le 1er mars" for the first of a month in French.) Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace palabre::text {

enum class Lang { kFr, kEn };

// Picks fr or en from an Accept-Language header value; French when neither is listed or the
// header is empty (palabre's readers are French-speaking first). Honours q-values.
Lang LangFromAcceptLanguage(std::string_view header);
std::string_view ToString(Lang lang);  // "fr", "en"

// `time_zone` is an IANA name ("Africa/Dakar"); an unknown zone is taken as UTC.
std::string RelativeTime(TimestampMs t, TimestampMs now, Lang lang, std::string_view time_zone);

// Full date and time for tooltips: "12 mars 2024 à 17:55" / "12 March 2024 at 17:55".
std::string FullDateTime(TimestampMs t, Lang lang, std::string_view time_zone);

// RFC 3339 in UTC with milliseconds: "2024-03-12T17:55:00.000Z".
std::string Iso8601(TimestampMs t);
// Parses RFC 3339 ("2024-03-12T17:55:00Z", "...+01:00", fractional seconds optional).
Result<TimestampMs> ParseIso8601(std::string_view s);

// True if `time_zone` is an IANA zone ICU knows.
bool IsKnownTimeZone(std::string_view time_zone);

}  // namespace palabre::text
