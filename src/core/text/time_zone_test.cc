#include "core/text/time_zone.h"

#include <gtest/gtest.h>

namespace palabre::text {
namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// 2024-03-31, the day Europe/Paris moves to summer time (01:00 UTC), and 2024-10-27, the day it
// moves back (01:00 UTC).
constexpr std::int64_t kMarch31 = 19813;
constexpr std::int64_t kOctober27 = 20023;

TEST(TimeZone, DaysAreNumberedFromTheEpoch) {
  EXPECT_EQ(DateOfDay(0), "1970-01-01");
  EXPECT_EQ(DateOfDay(kMarch31), "2024-03-31");
  EXPECT_EQ(DateOfDay(kOctober27), "2024-10-27");
  EXPECT_EQ(DateOfDay(-1), "1969-12-31");
  EXPECT_EQ(DateOfDay(19782), "2024-02-29");
}

TEST(TimeZone, ParisOffsetFollowsDaylightSavingTime) {
  const TimeZone paris("Europe/Paris");
  const TimestampMs change = kMarch31 * kDayMs + kHourMs;  // 01:00 UTC
  EXPECT_EQ(paris.OffsetMs(change - 1), kHourMs);
  EXPECT_EQ(paris.OffsetMs(change), 2 * kHourMs);
  const TimestampMs back = kOctober27 * kDayMs + kHourMs;
  EXPECT_EQ(paris.OffsetMs(back - 1), 2 * kHourMs);
  EXPECT_EQ(paris.OffsetMs(back), kHourMs);
}

TEST(TimeZone, ParisLocalDaysAroundTheChanges) {
  const TimeZone paris("Europe/Paris");
  // 23:30 UTC on the 30th is 00:30 on the 31st in Paris (UTC+1).
  EXPECT_EQ(paris.LocalDay(kMarch31 * kDayMs - kHourMs / 2), kMarch31);
  EXPECT_EQ(paris.LocalDay(kMarch31 * kDayMs - kHourMs - 1), kMarch31 - 1);
  // The day of the change has 23 hours: it starts at 23:00 UTC, the next at 22:00 UTC.
  EXPECT_EQ(paris.DayStart(kMarch31), kMarch31 * kDayMs - kHourMs);
  EXPECT_EQ(paris.DayStart(kMarch31 + 1), (kMarch31 + 1) * kDayMs - 2 * kHourMs);
  EXPECT_EQ(paris.DayStart(kMarch31 + 1) - paris.DayStart(kMarch31), 23 * kHourMs);
  // The day it moves back has 25 hours.
  EXPECT_EQ(paris.DayStart(kOctober27), kOctober27 * kDayMs - 2 * kHourMs);
  EXPECT_EQ(paris.DayStart(kOctober27 + 1) - paris.DayStart(kOctober27), 25 * kHourMs);
  // Each day's start belongs to that day, the instant before to the previous one.
  for (std::int64_t d = kMarch31 - 1; d <= kMarch31 + 1; ++d) {
    EXPECT_EQ(paris.LocalDay(paris.DayStart(d)), d);
    EXPECT_EQ(paris.LocalDay(paris.DayStart(d) - 1), d - 1);
  }
}

TEST(TimeZone, AbidjanIsUtcAllYear) {
  const TimeZone abidjan("Africa/Abidjan");
  for (const std::int64_t day : {kMarch31, kOctober27, std::int64_t{0}}) {
    EXPECT_EQ(abidjan.OffsetMs(day * kDayMs + kHourMs), 0);
    EXPECT_EQ(abidjan.DayStart(day), day * kDayMs);
    EXPECT_EQ(abidjan.LocalDay(day * kDayMs), day);
    EXPECT_EQ(abidjan.LocalDay(day * kDayMs - 1), day - 1);
  }
}

TEST(TimeZone, AnUnknownZoneIsUtc) {
  for (const char* name : {"Mars/Olympus_Mons", "", "not a zone"}) {
    const TimeZone zone(name);
    EXPECT_EQ(zone.OffsetMs(kMarch31 * kDayMs + 2 * kHourMs), 0) << name;
    EXPECT_EQ(zone.DayStart(kMarch31), kMarch31 * kDayMs) << name;
  }
  EXPECT_EQ(TimeZone(std::string(300, 'x')).OffsetMs(0), 0);
}

}  // namespace
}  // namespace palabre::text
