#pragma once

#include <chrono>

#include "store/records.hpp"

namespace mn::store {

// Where the store and the CLI read the time. Tests pass a fixed clock so that
// "in the future" and recorded times are reproducible.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Seconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Seconds now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Seconds now) : now_(now) {}
  Seconds now() const override { return now_; }
  void set(Seconds now) { now_ = now; }

 private:
  Seconds now_;
};

}  // namespace mn::store
