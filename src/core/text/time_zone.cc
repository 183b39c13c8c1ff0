#include "core/text/time_zone.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <functional>
#include <unordered_map>

#include "core/thread_annotations.h"

namespace palabre::text {

struct TimeZone::Zone {
  std::unique_ptr<const icu::TimeZone> icu;
};

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Zones created once per name and shared; entries are never removed.
class ZoneCache {
 public:
  std::shared_ptr<const TimeZone::Zone> Get(std::string_view name) {
    if (name.size() > kMaxNameBytes) return nullptr;  // no IANA name is this long: UTC
    {
      ReaderMutexLock lock(mu_);
      const auto it = zones_.find(name);
      if (it != zones_.end()) return it->second;
    }
    // An unknown ID gives ICU's "Etc/Unknown" zone, which has offset 0: UTC, as promised.
    auto zone = std::make_shared<TimeZone::Zone>();
    zone->icu.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())))));
    if (zone->icu == nullptr) return nullptr;
    WriterMutexLock lock(mu_);
    if (zones_.size() >= kMaxZones) return zone;  // odd caller: do not grow forever
    return zones_.try_emplace(std::string(name), std::move(zone)).first->second;
  }

 private:
  static constexpr std::size_t kMaxZones = 256;
  static constexpr std::size_t kMaxNameBytes = 256;
  SharedMutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const TimeZone::Zone>, StringHash,
                     std::equal_to<>>
      zones_ GUARDED_BY(mu_);
};

ZoneCache& Zones() {
  static ZoneCache* const cache = new ZoneCache();  // never destroyed: used until exit
  return *cache;
}

}  // namespace

TimeZone::TimeZone(std::string_view name) : zone_(Zones().Get(name)) {}

std::int64_t TimeZone::OffsetMs(TimestampMs t) const {
  if (zone_ == nullptr) return 0;
  std::int32_t raw = 0;
  std::int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->icu->getOffset(static_cast<UDate>(t), false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return static_cast<std::int64_t>(raw) + dst;
}

std::int64_t TimeZone::LocalDay(TimestampMs t) const {
  TimestampMs local = 0;
  if (__builtin_add_overflow(t, OffsetMs(t), &local)) local = t;
  return FloorDiv(local, kDayMs);
}

TimestampMs TimeZone::DayStart(std::int64_t day) const {
  // Local midnight as if it were UTC, moved by the offset in force near it, then by the offset
  // at that instant (the one in force at local midnight, changes happen at night, not at 0:00).
  const TimestampMs midnight = day * kDayMs;
  const TimestampMs guess = midnight - OffsetMs(midnight);
  return midnight - OffsetMs(guess);
}

std::string DateOfDay(std::int64_t z) {
  // H. Hinnant's civil_from_days.
  z += 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

}  // namespace palabre::text
