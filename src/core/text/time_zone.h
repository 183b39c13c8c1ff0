// TimeZone: an IANA time zone (ICU) for local calendar arithmetic — the offset from UTC at an
// instant, the local day of an instant, the first instant of a local day — with daylight
// saving time handled by ICU, so days of 23 or 25 hours come out right.
//
// ICU zones are slow to create (zone data is parsed): each name is created once per process
// and shared (at most 256 names kept; others are created for the object that asks), so a
// TimeZone is cheap to build and copy. Build one per request or report, not one per instant.
// An unknown name is UTC. Thread-safe: ICU zones are safe for concurrent const use.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace palabre::text {

class TimeZone {
 public:
  explicit TimeZone(std::string_view name);

  // Offset of local time from UTC at instant `t`, in ms (DST included).
  std::int64_t OffsetMs(TimestampMs t) const;
  // The local calendar day of `t`: days since 1970-01-01, in local time.
  std::int64_t LocalDay(TimestampMs t) const;
  // The first instant of local day `day` (its local midnight; the offset in force then).
  TimestampMs DayStart(std::int64_t day) const;

  struct Zone;  // the shared ICU zone (time_zone.cc)

 private:
  std::shared_ptr<const Zone> zone_;  // null: UTC
};

// "YYYY-MM-DD" of day number `day` (days since 1970-01-01).
std::string DateOfDay(std::int64_t day);

}  // namespace palabre::text
