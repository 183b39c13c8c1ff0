// Clock: where palabre reads the time. Code under test uses FakeClock, never the system clock.
//
// Timestamps are UTC, milliseconds since the Unix epoch (int64). SystemClock and FakeClock are
// thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace palabre {

using TimestampMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimestampMs NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimestampMs NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimestampMs start = 1'700'000'000'000) : now_(start) {}
  TimestampMs NowMs() const override { return now_.load(); }
  void Set(TimestampMs t) { now_.store(t); }
  void AdvanceMs(std::int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<TimestampMs> now_;
};

}  // namespace palabre
