#include "core/text/relative_time.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace palabre::text {
namespace {

constexpr TimestampMs kSecond = 1000;
constexpr TimestampMs kMinute = 60 * kSecond;
constexpr TimestampMs kHour = 60 * kMinute;
constexpr TimestampMs kDay = 24 * kHour;

// UTC instant, computed independently of the code under test.
TimestampMs Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
  const std::chrono::sys_days day{std::chrono::year(y) / std::chrono::month(mo) /
                                  std::chrono::day(d)};
  return day.time_since_epoch().count() * kDay + h * kHour + mi * kMinute + s * kSecond + ms;
}

std::string Fr(TimestampMs t, TimestampMs now, std::string_view zone = "UTC") {
  return RelativeTime(t, now, Lang::kFr, zone);
}
std::string En(TimestampMs t, TimestampMs now, std::string_view zone = "UTC") {
  return RelativeTime(t, now, Lang::kEn, zone);
}

// --- Rules, boundary by boundary (UTC: Dakar, Abidjan, Bamako) ---

TEST(RelativeTimeTest, UnderOneMinuteIsJustNow) {
  const TimestampMs now = Utc(2024, 3, 12, 15, 0);
  EXPECT_EQ(Fr(now, now), "à l'instant");
  EXPECT_EQ(En(now, now), "just now");
  EXPECT_EQ(Fr(now - 59 * kSecond, now), "à l'instant");
  EXPECT_EQ(Fr(now - 59'999, now), "à l'instant");
  EXPECT_EQ(En(now - 59'999, now), "just now");
}

TEST(RelativeTimeTest, FutureTimesAreJustNow) {
  const TimestampMs now = Utc(2024, 3, 12, 15, 0);
  EXPECT_EQ(Fr(now + 1, now), "à l'instant");
  EXPECT_EQ(Fr(now + 5 * kMinute, now), "à l'instant");
  EXPECT_EQ(En(now + 400 * kDay, now), "just now");
}

TEST(RelativeTimeTest, Minutes) {
  const TimestampMs now = Utc(2024, 3, 12, 15, 0);
  EXPECT_EQ(Fr(now - 60 * kSecond, now), "il y a 1 minute");
  EXPECT_EQ(En(now - 60 * kSecond, now), "1 minute ago");
  EXPECT_EQ(Fr(now - 119'999, now), "il y a 1 minute");
  EXPECT_EQ(Fr(now - 2 * kMinute, now), "il y a 2 minutes");
  EXPECT_EQ(En(now - 5 * kMinute, now), "5 minutes ago");
  EXPECT_EQ(Fr(now - 59 * kMinute, now), "il y a 59 minutes");
  EXPECT_EQ(Fr(now - kHour + 1, now), "il y a 59 minutes");
  EXPECT_EQ(En(now - kHour + 1, now), "59 minutes ago");
}

TEST(RelativeTimeTest, HoursOfTheSameDay) {
  const TimestampMs now = Utc(2024, 3, 12, 15, 0);
  EXPECT_EQ(Fr(now - 60 * kMinute, now), "il y a 1 heure");
  EXPECT_EQ(En(now - 60 * kMinute, now), "1 hour ago");
  EXPECT_EQ(Fr(now - 2 * kHour + 1, now), "il y a 1 heure");
  EXPECT_EQ(Fr(now - 2 * kHour, now), "il y a 2 heures");
  EXPECT_EQ(En(now - 3 * kHour, now), "3 hours ago");
  EXPECT_EQ(Fr(Utc(2024, 3, 12, 0, 0), now), "il y a 15 heures");  // local midnight
}

TEST(RelativeTimeTest, Yesterday) {
  const TimestampMs now = Utc(2024, 3, 12, 10, 0);
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 17, 55), now), "hier à 17:55");
  EXPECT_EQ(En(Utc(2024, 3, 11, 17, 55), now), "yesterday at 17:55");
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 0, 0), now), "hier à 00:00");
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 9, 5), now), "hier à 09:05");
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 23, 59, 59, 999), now), "hier à 23:59");
}

TEST(RelativeTimeTest, MinutesWinOverYesterdayJustAfterMidnight) {
  const TimestampMs now = Utc(2024, 3, 12, 0, 10);
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 23, 50), now), "il y a 20 minutes");
  EXPECT_EQ(Fr(Utc(2024, 3, 11, 23, 5), now), "hier à 23:05");  // 65 min, yesterday
}

TEST(RelativeTimeTest, DaysCountLocalCalendarDays) {
  const TimestampMs now = Utc(2024, 3, 12, 9, 0);
  EXPECT_EQ(Fr(Utc(2024, 3, 10, 23, 0), now), "il y a 2 jours");  // 34 h, but two days back
  EXPECT_EQ(En(Utc(2024, 3, 10, 12, 0), now), "2 days ago");
  EXPECT_EQ(Fr(Utc(2024, 3, 9, 12, 0), now), "il y a 3 jours");
  EXPECT_EQ(En(Utc(2024, 3, 9, 12, 0), now), "3 days ago");
  EXPECT_EQ(Fr(Utc(2024, 3, 6, 0, 0), now), "il y a 6 jours");
  EXPECT_EQ(Fr(Utc(2024, 3, 6, 23, 59), now), "il y a 6 jours");
}

TEST(RelativeTimeTest, Weeks) {
  const TimestampMs now = Utc(2024, 3, 31, 9, 0);
  EXPECT_EQ(Fr(Utc(2024, 3, 24, 23, 59), now), "il y a 1 semaine");  // 7 days
  EXPECT_EQ(En(Utc(2024, 3, 24, 12, 0), now), "1 week ago");
  EXPECT_EQ(Fr(Utc(2024, 3, 18, 12, 0), now), "il y a 1 semaine");   // 13 days
  EXPECT_EQ(Fr(Utc(2024, 3, 17, 12, 0), now), "il y a 2 semaines");  // 14 days
  EXPECT_EQ(En(Utc(2024, 3, 10, 12, 0), now), "3 weeks ago");
  EXPECT_EQ(Fr(Utc(2024, 3, 2, 0, 0), now), "il y a 4 semaines");  // 29 days
  EXPECT_EQ(En(Utc(2024, 3, 2, 0, 0), now), "4 weeks ago");
}

TEST(RelativeTimeTest, FromThirtyDaysTheDate) {
  const TimestampMs now = Utc(2024, 3, 31, 9, 0);
  EXPECT_EQ(Fr(Utc(2024, 3, 1, 23, 59), now), "le 1er mars 2024 à 23:59");  // 30 days
  EXPECT_EQ(En(Utc(2024, 3, 1, 23, 59), now), "on 1 March 2024 at 23:59");
  EXPECT_EQ(Fr(Utc(2024, 3, 1, 9, 5), Utc(2024, 5, 2)), "le 1er mars 2024 à 09:05");
  EXPECT_EQ(En(Utc(2024, 3, 1, 9, 5), Utc(2024, 5, 2)), "on 1 March 2024 at 09:05");
  EXPECT_EQ(Fr(Utc(2024, 2, 12, 17, 55), now), "le 12 février 2024 à 17:55");
  EXPECT_EQ(En(Utc(2019, 12, 2, 8, 0), now), "on 2 December 2019 at 08:00");
  EXPECT_EQ(Fr(Utc(2023, 8, 11, 0, 0), now), "le 11 août 2023 à 00:00");
}

// --- Time zones ---

TEST(RelativeTimeTest, MidnightInLagosIsNotMidnightInUtc) {
  // Africa/Lagos is UTC+1 all year. 21:00 UTC on the 1st is 22:00 in Lagos; 23:30 UTC is
  // already 00:30 on the 2nd there.
  const TimestampMs now = Utc(2024, 3, 1, 23, 30);
  const TimestampMs t = Utc(2024, 3, 1, 21, 0);
  EXPECT_EQ(Fr(t, now, "UTC"), "il y a 2 heures");
  EXPECT_EQ(Fr(t, now, "Africa/Lagos"), "hier à 22:00");
  EXPECT_EQ(En(t, now, "Africa/Lagos"), "yesterday at 22:00");

  // The other way round: yesterday in UTC, today in Lagos.
  const TimestampMs t2 = Utc(2024, 3, 1, 23, 30);
  const TimestampMs now2 = Utc(2024, 3, 2, 1, 45);
  EXPECT_EQ(Fr(t2, now2, "UTC"), "hier à 23:30");
  EXPECT_EQ(Fr(t2, now2, "Africa/Lagos"), "il y a 2 heures");
}

TEST(RelativeTimeTest, DatesUseTheSiteZone) {
  const TimestampMs t = Utc(2024, 2, 29, 23, 30);  // 1 March 00:30 in Lagos
  const TimestampMs now = Utc(2024, 6, 1);
  EXPECT_EQ(Fr(t, now, "Africa/Lagos"), "le 1er mars 2024 à 00:30");
  EXPECT_EQ(Fr(t, now, "Africa/Dakar"), "le 29 février 2024 à 23:30");
  EXPECT_EQ(FullDateTime(t, Lang::kFr, "Africa/Lagos"), "1er mars 2024 à 00:30");
  EXPECT_EQ(FullDateTime(t, Lang::kEn, "Africa/Lagos"), "1 March 2024 at 00:30");
}

TEST(RelativeTimeTest, ParisSpringForward) {
  // 31 March 2024: 02:00 CET becomes 03:00 CEST (01:00 UTC).
  // 23:30 CET on the 30th (22:30 UTC) seen at 03:30 CEST on the 31st (01:30 UTC).
  EXPECT_EQ(Fr(Utc(2024, 3, 30, 22, 30), Utc(2024, 3, 31, 1, 30), "Europe/Paris"), "hier à 23:30");
  // 00:30 CET (23:30 UTC on the 30th) to 04:30 CEST (02:30 UTC): 3 real hours, 4 on the wall.
  EXPECT_EQ(Fr(Utc(2024, 3, 30, 23, 30), Utc(2024, 3, 31, 2, 30), "Europe/Paris"),
            "il y a 3 heures");
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 31, 0, 59), Lang::kFr, "Europe/Paris"),
            "31 mars 2024 à 01:59");
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 31, 1, 0), Lang::kFr, "Europe/Paris"),
            "31 mars 2024 à 03:00");
  EXPECT_EQ(FullDateTime(Utc(2024, 7, 14, 12, 0), Lang::kEn, "Europe/Paris"),
            "14 July 2024 at 14:00");
  EXPECT_EQ(FullDateTime(Utc(2024, 1, 14, 12, 0), Lang::kEn, "Europe/Paris"),
            "14 January 2024 at 13:00");
}

TEST(RelativeTimeTest, ParisFallBackDayHas25Hours) {
  // 27 October 2024: 03:00 CEST becomes 02:00 CET (01:00 UTC). Local midnight is 22:00 UTC
  // on the 26th and 23:59 CET is 22:59 UTC on the 27th: the same local day, 24 h 59 apart.
  EXPECT_EQ(Fr(Utc(2024, 10, 26, 22, 0), Utc(2024, 10, 27, 22, 59), "Europe/Paris"),
            "il y a 24 heures");
  // One minute later it is the 28th in Paris.
  EXPECT_EQ(Fr(Utc(2024, 10, 26, 22, 0), Utc(2024, 10, 27, 23, 0), "Europe/Paris"), "hier à 00:00");
  // The repeated hour: 02:30 CEST then 02:30 CET.
  EXPECT_EQ(FullDateTime(Utc(2024, 10, 27, 0, 30), Lang::kFr, "Europe/Paris"),
            "27 octobre 2024 à 02:30");
  EXPECT_EQ(FullDateTime(Utc(2024, 10, 27, 1, 30), Lang::kFr, "Europe/Paris"),
            "27 octobre 2024 à 02:30");
}

TEST(RelativeTimeTest, UnknownZoneIsUtc) {
  const TimestampMs t = Utc(2024, 3, 1, 21, 0);
  const TimestampMs now = Utc(2024, 3, 1, 23, 30);
  EXPECT_EQ(Fr(t, now, "Mars/Olympus_Mons"), "il y a 2 heures");
  EXPECT_EQ(Fr(t, now, ""), "il y a 2 heures");
  EXPECT_EQ(FullDateTime(t, Lang::kFr, "Not/AZone"), "1er mars 2024 à 21:00");
  EXPECT_EQ(FullDateTime(t, Lang::kFr, std::string(5000, 'x')), "1er mars 2024 à 21:00");
}

TEST(RelativeTimeTest, ExtremeTimestampsDoNotCrash) {
  constexpr TimestampMs kMin = std::numeric_limits<TimestampMs>::min();
  constexpr TimestampMs kMax = std::numeric_limits<TimestampMs>::max();
  EXPECT_FALSE(Fr(kMin, kMax, "Europe/Paris").empty());
  EXPECT_EQ(Fr(kMax, kMin), "à l'instant");
  EXPECT_FALSE(FullDateTime(kMin, Lang::kEn, "Africa/Lagos").empty());
  EXPECT_FALSE(FullDateTime(kMax, Lang::kFr, "Africa/Lagos").empty());
  EXPECT_FALSE(Iso8601(kMin).empty());
  EXPECT_FALSE(Iso8601(kMax).empty());
}

TEST(RelativeTimeTest, ManyThreadsManyZones) {
  const std::vector<std::string> zones = {"UTC", "Africa/Lagos", "Europe/Paris", "Africa/Dakar",
                                          "Nowhere/Special"};
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 500; ++k) {
        const std::string& zone = zones[(i + k) % zones.size()];
        if (FullDateTime(Utc(2024, 7, 14, 12, 0), Lang::kFr, zone).empty()) ++failures[i];
        const std::string expected = zone == "Europe/Paris"   ? "14 juillet 2024 à 14:00"
                                     : zone == "Africa/Lagos" ? "14 juillet 2024 à 13:00"
                                                              : "14 juillet 2024 à 12:00";
        if (FullDateTime(Utc(2024, 7, 14, 12, 0), Lang::kFr, zone) != expected) ++failures[i];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const int f : failures) EXPECT_EQ(f, 0);
}

TEST(FullDateTimeTest, AllMonths) {
  const char* fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                      "July",    "August",   "September", "October", "November", "December"};
  for (unsigned m = 1; m <= 12; ++m) {
    const TimestampMs t = Utc(2025, m, 15, 7, 3);
    EXPECT_EQ(FullDateTime(t, Lang::kFr, "UTC"), "15 " + std::string(fr[m - 1]) + " 2025 à 07:03");
    EXPECT_EQ(FullDateTime(t, Lang::kEn, "UTC"), "15 " + std::string(en[m - 1]) + " 2025 at 07:03");
    EXPECT_EQ(FullDateTime(Utc(2025, m, 1, 0, 0), Lang::kFr, "UTC"),
              "1er " + std::string(fr[m - 1]) + " 2025 à 00:00");
  }
}

TEST(FullDateTimeTest, OnlyTheFirstTakesEr) {
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 2, 9, 5), Lang::kFr, "UTC"), "2 mars 2024 à 09:05");
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 11, 9, 5), Lang::kFr, "UTC"), "11 mars 2024 à 09:05");
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 21, 9, 5), Lang::kFr, "UTC"), "21 mars 2024 à 09:05");
  EXPECT_EQ(FullDateTime(Utc(2024, 3, 31, 23, 59), Lang::kFr, "UTC"), "31 mars 2024 à 23:59");
}

TEST(FullDateTimeTest, BeforeTheEpoch) {
  EXPECT_EQ(FullDateTime(Utc(1960, 4, 4, 10, 0), Lang::kFr, "UTC"), "4 avril 1960 à 10:00");
  EXPECT_EQ(FullDateTime(-1, Lang::kEn, "UTC"), "31 December 1969 at 23:59");
}

// --- Accept-Language ---

TEST(LangFromAcceptLanguageTest, DefaultIsFrench) {
  EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("de-DE,de;q=0.9"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("*"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("wo, ff, bm"), Lang::kFr);
}

TEST(LangFromAcceptLanguageTest, BrowserHeaders) {
  EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9,fr;q=0.8"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("fr-SN,fr;q=0.9,wo;q=0.8,en;q=0.7"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en-GB"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.5"), Lang::kEn);
}

TEST(LangFromAcceptLanguageTest, QValuesDecide) {
  EXPECT_EQ(LangFromAcceptLanguage("fr;q=0.5, en;q=0.6"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.5, fr;q=0.6"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.001, fr;q=0"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0"), Lang::kFr);  // en refused
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0, fr;q=0"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.0, fr;q=0.1"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("fr-FR;q=0.2, fr;q=0.9, en;q=0.8"), Lang::kFr);  // best fr
  EXPECT_EQ(LangFromAcceptLanguage("en;q=1.000, fr;q=0.999"), Lang::kEn);
  // Only three decimals count: 0.9999 is 0.999, a tie, and the first listed wins.
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.999, fr;q=0.9999"), Lang::kEn);
}

TEST(LangFromAcceptLanguageTest, EqualQFollowsOrder) {
  EXPECT_EQ(LangFromAcceptLanguage("fr, en"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en, fr"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.5, fr;q=0.5"), Lang::kEn);
}

TEST(LangFromAcceptLanguageTest, Wildcard) {
  EXPECT_EQ(LangFromAcceptLanguage("fr;q=0, *"), Lang::kEn);  // anything but French
  EXPECT_EQ(LangFromAcceptLanguage("*;q=0.5, en"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("de, *;q=0.1"), Lang::kFr);
}

TEST(LangFromAcceptLanguageTest, CaseAndSpacing) {
  EXPECT_EQ(LangFromAcceptLanguage("EN"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("En-gB"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("en_US"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("  en ; q = 0.8 ,\tfr ; q=0.7 "), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("en;Q=0.9,fr;q=0.8"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("fr;q=0.8;level=1, en;q=0.7"), Lang::kFr);
}

TEST(LangFromAcceptLanguageTest, OddInputs) {
  EXPECT_EQ(LangFromAcceptLanguage(",,,;;;==="), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("english"), Lang::kFr);             // not the tag "en"
  EXPECT_EQ(LangFromAcceptLanguage("enx, en-"), Lang::kEn);            // "en-" still names en
  EXPECT_EQ(LangFromAcceptLanguage("en;q=abc, fr;q=0.1"), Lang::kFr);  // malformed q: ignored
  EXPECT_EQ(LangFromAcceptLanguage("en;q=1.5"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=-1"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q="), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.5x"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=1.01"), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("en;;;"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage(std::string_view("en\0", 3)), Lang::kFr);
  EXPECT_EQ(LangFromAcceptLanguage("\xC3\xA9n, en"), Lang::kEn);
  std::string huge;
  for (int i = 0; i < 10000; ++i) huge += "xx;q=0.1,";
  EXPECT_EQ(LangFromAcceptLanguage(huge + "en"), Lang::kEn);
}

TEST(LangTest, ToString) {
  EXPECT_EQ(ToString(Lang::kFr), "fr");
  EXPECT_EQ(ToString(Lang::kEn), "en");
}

// --- RFC 3339 ---

TEST(Iso8601Test, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(Iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(Iso8601(1710266100000), "2024-03-12T17:55:00.000Z");
  EXPECT_EQ(Iso8601(Utc(2024, 2, 29, 23, 59, 59, 7)), "2024-02-29T23:59:59.007Z");
  EXPECT_EQ(Iso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(Iso8601(Utc(1, 1, 1)), "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(Iso8601(Utc(9999, 12, 31, 23, 59, 59, 999)), "9999-12-31T23:59:59.999Z");
}

TEST(ParseIso8601Test, Valid) {
  EXPECT_EQ(ParseIso8601("2024-03-12T17:55:00Z").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-12t17:55:00z").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-12T17:55:00.000Z").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-12T18:55:00+01:00").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-12T12:25:00-05:30").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-12T17:55:00-00:00").value(), 1710266100000);
  EXPECT_EQ(ParseIso8601("2024-03-13T00:55:00+07:00").value(), 1710266100000);  // next day
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00Z").value(), 0);
  EXPECT_EQ(ParseIso8601("1969-12-31T23:59:59.999Z").value(), -1);
  EXPECT_EQ(ParseIso8601("2024-02-29T00:00:00Z").value(), Utc(2024, 2, 29));
  EXPECT_EQ(ParseIso8601("2000-02-29T00:00:00Z").value(), Utc(2000, 2, 29));
  EXPECT_EQ(ParseIso8601("0000-01-01T00:00:00Z").value(), Utc(0, 1, 1));
  EXPECT_EQ(ParseIso8601("9999-12-31T23:59:59.999+23:59").value(),
            Utc(9999, 12, 31, 23, 59, 59, 999) - 23 * kHour - 59 * kMinute);
}

TEST(ParseIso8601Test, Fractions) {
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00.5Z").value(), 500);
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00.05Z").value(), 50);
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00.123Z").value(), 123);
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00.123999999Z").value(), 123);  // truncated
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:01.000000000000000000001Z").value(), 1000);
}

TEST(ParseIso8601Test, LeapSecondIsTheNextSecond) {
  EXPECT_EQ(ParseIso8601("2016-12-31T23:59:60Z").value(), Utc(2017, 1, 1));
}

TEST(ParseIso8601Test, RoundTrip) {
  for (const TimestampMs t : {TimestampMs{0}, TimestampMs{-1}, TimestampMs{1710266100123},
                              Utc(2038, 1, 19, 3, 14, 8), Utc(1900, 3, 1, 12), Utc(2400, 2, 29)}) {
    const Result<TimestampMs> r = ParseIso8601(Iso8601(t));
    ASSERT_TRUE(r.ok()) << Iso8601(t);
    EXPECT_EQ(r.value(), t);
  }
}

TEST(ParseIso8601Test, Invalid) {
  for (const std::string_view s : {
           "",
           "2024",
           "2024-03-12",
           "17:55:00Z",
           "2024-03-12T17:55Z",     // seconds are required
           "2024-03-12T17:55:00",   // offset is required
           "2024-03-12 17:55:00Z",  // space instead of T
           "2024-03-12T17:55:00 Z",
           " 2024-03-12T17:55:00Z",
           "2024-03-12T17:55:00Z ",
           "2024-03-12T17:55:00Zx",
           "2024-3-12T17:55:00Z",
           "2024-03-1T17:55:00Z",
           "24-03-12T17:55:00Z",
           "+2024-03-12T17:55:00Z",
           "20240312T175500Z",  // ISO 8601 basic format, not RFC 3339
           "2024-03-12T17:55:00.Z",
           "2024-03-12T17:55:00,5Z",
           "2024-03-12T17:55:00.5.5Z",
           "2024-00-12T17:55:00Z",
           "2024-13-12T17:55:00Z",
           "2024-03-00T17:55:00Z",
           "2024-03-32T17:55:00Z",
           "2024-04-31T17:55:00Z",
           "2023-02-29T17:55:00Z",
           "1900-02-29T17:55:00Z",
           "2024-03-12T24:00:00Z",
           "2024-03-12T17:60:00Z",
           "2024-03-12T17:55:61Z",
           "2024-03-12T17:55:00+01",
           "2024-03-12T17:55:00+0100",
           "2024-03-12T17:55:00+1:00",
           "2024-03-12T17:55:00+24:00",
           "2024-03-12T17:55:00+01:60",
           "2024-03-12T17:55:00UTC",
           "2024-03-12T17:55:00+01:00Z",
           "2024-03-12T-7:55:00Z",
           "2024-03-12T17:55:00\xEF\xBC\xBA",  // FULLWIDTH Z
           "\xEF\xBC\x92"
           "024-03-12T17:55:00Z",  // FULLWIDTH DIGIT TWO
       }) {
    const Result<TimestampMs> r = ParseIso8601(s);
    EXPECT_FALSE(r.ok()) << "'" << s << "'";
    if (!r.ok()) {
      EXPECT_EQ(r.error(), Error::kInvalidArgument);
    }
  }
  EXPECT_FALSE(ParseIso8601(std::string_view("2024-03-12T17:55:00Z\0", 21)).ok());
}

// --- Zones ---

TEST(IsKnownTimeZoneTest, IanaZones) {
  EXPECT_TRUE(IsKnownTimeZone("UTC"));
  EXPECT_TRUE(IsKnownTimeZone("Africa/Dakar"));
  EXPECT_TRUE(IsKnownTimeZone("Africa/Abidjan"));
  EXPECT_TRUE(IsKnownTimeZone("Africa/Lagos"));
  EXPECT_TRUE(IsKnownTimeZone("Africa/Douala"));
  EXPECT_TRUE(IsKnownTimeZone("Europe/Paris"));
  EXPECT_TRUE(IsKnownTimeZone("America/Port-au-Prince"));
}

TEST(IsKnownTimeZoneTest, UnknownOrCustom) {
  EXPECT_FALSE(IsKnownTimeZone(""));
  EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus_Mons"));
  EXPECT_FALSE(IsKnownTimeZone("Etc/Unknown"));
  EXPECT_FALSE(IsKnownTimeZone("GMT+01:00"));  // an ICU custom zone, not an IANA name
  EXPECT_FALSE(IsKnownTimeZone("Africa/Dakar "));
  EXPECT_FALSE(IsKnownTimeZone(std::string_view("Africa/Dakar\0x", 14)));
  EXPECT_FALSE(IsKnownTimeZone(std::string(1000, 'A')));
  EXPECT_FALSE(IsKnownTimeZone("\xFF\xFE"));
}

}  // namespace
}  // namespace palabre::text
