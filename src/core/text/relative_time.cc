#include "core/text/relative_time.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/text/ascii.h"
#include "core/text/time_zone.h"

namespace palabre::text {
namespace {

constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// ---------------------------------------------------------------------------------------------
// Civil (local) time.

struct LocalTime {
  std::int64_t day_number;  // days since 1970-01-01 in local time
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
  int hour;
  int minute;
  int second;
  int millisecond;
};

LocalTime ToCivil(std::int64_t ms) {
  using std::chrono::days;
  using std::chrono::sys_days;
  // Floor division, written so that no step overflows even for the extreme int64 values.
  std::int64_t day_number = ms / kDayMs;
  std::int64_t ms_of_day = ms % kDayMs;
  if (ms_of_day < 0) {
    ms_of_day += kDayMs;
    --day_number;
  }
  const std::chrono::year_month_day ymd{sys_days(days(day_number))};
  return LocalTime{
      .day_number = day_number,
      .year = static_cast<int>(ymd.year()),
      .month = static_cast<unsigned>(ymd.month()),
      .day = static_cast<unsigned>(ymd.day()),
      .hour = static_cast<int>(ms_of_day / kHourMs),
      .minute = static_cast<int>(ms_of_day % kHourMs / kMinuteMs),
      .second = static_cast<int>(ms_of_day % kMinuteMs / kSecondMs),
      .millisecond = static_cast<int>(ms_of_day % kSecondMs),
  };
}

LocalTime ToLocal(TimestampMs t, std::string_view time_zone) {
  std::int64_t local = 0;
  if (__builtin_add_overflow(t, TimeZone(time_zone).OffsetMs(t), &local)) local = t;
  return ToCivil(local);
}

constexpr std::array<std::string_view, 12> kFrenchMonths = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string Clock24(const LocalTime& lt) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", lt.hour, lt.minute);
  return buf;
}

std::string FullDate(const LocalTime& lt, Lang lang) {
  std::string out = std::to_string(lt.day);
  const std::size_t month_index = (lt.month - 1) % 12;
  if (lang == Lang::kFr) {
    if (lt.day == 1) out += "er";
    out += ' ';
    out += kFrenchMonths[month_index];
    out += ' ';
    out += std::to_string(lt.year);
    out += " à ";
  } else {
    out += ' ';
    out += kEnglishMonths[month_index];
    out += ' ';
    out += std::to_string(lt.year);
    out += " at ";
  }
  out += Clock24(lt);
  return out;
}

// "il y a 3 heures" / "3 hours ago"; `fr_unit` and `en_unit` are singular.
std::string Ago(std::int64_t n, Lang lang, std::string_view fr_unit, std::string_view en_unit) {
  std::string out;
  if (lang == Lang::kFr) out += "il y a ";
  out += std::to_string(n);
  out += ' ';
  out += lang == Lang::kFr ? fr_unit : en_unit;
  if (n > 1) out += 's';  // every unit used here takes a plain -s in both languages
  if (lang == Lang::kEn) out += " ago";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Accept-Language.

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; extra digits
// are tolerated. -1 if malformed.
int ParseQValue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
  int value = (v[0] - '0') * 1000;
  if (v.size() == 1) return value;
  if (v[1] != '.') return -1;
  int scale = 100;
  for (std::size_t i = 2; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return -1;
    value += (v[i] - '0') * scale;
    scale /= 10;
  }
  return value > 1000 ? -1 : value;
}

// ---------------------------------------------------------------------------------------------
// RFC 3339.

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool Digits(std::size_t n, int& value) {
    if (s_.size() - pos_ < n) return false;
    value = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += n;
    return true;
  }
  bool Char(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool CharIgnoreCase(char upper) {
    return Char(upper) || Char(static_cast<char>(upper - 'A' + 'a'));
  }
  bool AtDigit() const { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; }
  bool AtEnd() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // Best q (thousandths) and position of fr and en; -1 when not listed. "*" stands for any
  // language not listed by name.
  int q_fr = -1, q_en = -1, q_any = -1;
  int pos_fr = 0, pos_en = 0, pos_any = 0;
  int position = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    ++position;

    const std::size_t semicolon = entry.find(';');
    const std::string_view range = TrimAscii(entry.substr(0, semicolon));
    int q = 1000;
    if (semicolon != std::string_view::npos) {
      std::string_view params = entry.substr(semicolon + 1);
      while (!params.empty() && q >= 0) {
        const std::size_t next = params.find(';');
        const std::string_view param = TrimAscii(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        const std::size_t eq = param.find('=');
        if (eq != std::string_view::npos && EqualsIgnoreCase(TrimAscii(param.substr(0, eq)), "q")) {
          q = ParseQValue(TrimAscii(param.substr(eq + 1)));
        }
      }
    }
    if (q < 0) continue;  // malformed entry: ignored

    const std::size_t dash = range.find_first_of("-_");
    const std::string_view primary = range.substr(0, dash);
    int* best = nullptr;
    int* best_pos = nullptr;
    if (EqualsIgnoreCase(primary, "fr")) {
      best = &q_fr;
      best_pos = &pos_fr;
    } else if (EqualsIgnoreCase(primary, "en")) {
      best = &q_en;
      best_pos = &pos_en;
    } else if (range == "*") {
      best = &q_any;
      best_pos = &pos_any;
    } else {
      continue;
    }
    if (q > *best) {
      *best = q;
      *best_pos = position;
    }
  }
  if (q_fr < 0) {
    q_fr = q_any;
    pos_fr = pos_any;
  }
  if (q_en < 0) {
    q_en = q_any;
    pos_en = pos_any;
  }
  // q=0 means "not acceptable". English only when acceptable and preferred; on equal q the
  // language listed first wins.
  if (q_en <= 0) return Lang::kFr;
  if (q_fr <= 0 || q_en > q_fr || (q_en == q_fr && pos_en < pos_fr)) return Lang::kEn;
  return Lang::kFr;
}

std::string_view ToString(Lang lang) { return lang == Lang::kEn ? "en" : "fr"; }

std::string RelativeTime(TimestampMs t, TimestampMs now, Lang lang, std::string_view time_zone) {
  if (t > now) return lang == Lang::kFr ? "à l'instant" : "just now";  // clock skew
  // now >= t, so the difference fits an unsigned 64-bit integer even for extreme values.
  const std::uint64_t d = static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(t);
  if (d < kMinuteMs) return lang == Lang::kFr ? "à l'instant" : "just now";
  if (d < kHourMs) return Ago(static_cast<std::int64_t>(d / kMinuteMs), lang, "minute", "minute");

  const LocalTime then = ToLocal(t, time_zone);
  const LocalTime today = ToLocal(now, time_zone);
  const std::int64_t days = today.day_number - then.day_number;  // local calendar days
  if (days <= 0) return Ago(static_cast<std::int64_t>(d / kHourMs), lang, "heure", "hour");
  if (days == 1) {
    return (lang == Lang::kFr ? "hier à " : "yesterday at ") + Clock24(then);
  }
  if (days < 7) return Ago(days, lang, "jour", "day");
  if (days < 30) return Ago(days / 7, lang, "semaine", "week");
  return (lang == Lang::kFr ? "le " : "on ") + FullDate(then, lang);
}

std::string FullDateTime(TimestampMs t, Lang lang, std::string_view time_zone) {
  return FullDate(ToLocal(t, time_zone), lang);
}

std::string Iso8601(TimestampMs t) {
  const LocalTime utc = ToCivil(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", utc.year, utc.month,
                utc.day, utc.hour, utc.minute, utc.second, utc.millisecond);
  return buf;
}

Result<TimestampMs> ParseIso8601(std::string_view s) {
  const auto invalid = [] {
    return Result<TimestampMs>(Error::kInvalidArgument, "not an RFC 3339 date-time");
  };
  // date-time = full-date "T" full-time; full-time = partial-time time-offset
  Scanner in(s);
  int year, month, day, hour, minute, second;
  if (!in.Digits(4, year) || !in.Char('-') || !in.Digits(2, month) || !in.Char('-') ||
      !in.Digits(2, day) || !in.CharIgnoreCase('T') || !in.Digits(2, hour) || !in.Char(':') ||
      !in.Digits(2, minute) || !in.Char(':') || !in.Digits(2, second)) {
    return invalid();
  }
  int millisecond = 0;
  if (in.Char('.')) {  // time-secfrac = "." 1*DIGIT; kept to the millisecond (truncated)
    if (!in.AtDigit()) return invalid();
    int scale = 100;
    while (in.AtDigit()) {
      int digit = 0;
      (void)in.Digits(1, digit);
      millisecond += digit * scale;
      scale /= 10;
    }
  }
  std::int64_t offset_ms = 0;
  if (!in.CharIgnoreCase('Z')) {
    int sign;
    if (in.Char('+')) {
      sign = 1;
    } else if (in.Char('-')) {
      sign = -1;
    } else {
      return invalid();
    }
    int offset_hour, offset_minute;
    if (!in.Digits(2, offset_hour) || !in.Char(':') || !in.Digits(2, offset_minute) ||
        offset_hour > 23 || offset_minute > 59) {
      return invalid();
    }
    offset_ms = sign * (offset_hour * kHourMs + offset_minute * kMinuteMs);
  }
  if (!in.AtEnd()) return invalid();

  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  // second 60 is a leap second (RFC 3339 5.7); it is counted as the next second, as POSIX does.
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return invalid();
  const std::int64_t day_number = std::chrono::sys_days(ymd).time_since_epoch().count();
  return TimestampMs{day_number * kDayMs + hour * kHourMs + minute * kMinuteMs +
                     second * kSecondMs + millisecond - offset_ms};
}

bool IsKnownTimeZone(std::string_view time_zone) {
  if (time_zone.empty() || time_zone.size() > 256) return false;
  for (const char c : time_zone) {
    // IANA names are ASCII letters, digits and "/_-+" ("America/Port-au-Prince", "Etc/GMT+1").
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(time_zone.data(), static_cast<std::int32_t>(time_zone.size())));
  icu::UnicodeString canonical;
  UBool is_system_id = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system_id, status);
  // Custom IDs such as "GMT+01:00" are not system (IANA) IDs; "Etc/Unknown" is ICU's own.
  return U_SUCCESS(status) && is_system_id && canonical != icu::UnicodeString(u"Etc/Unknown");
}

}  // namespace palabre::text
