// The generator behind the demo people: turns each story of demo_stories.cpp
// into dated sessions and journal entries with a day-to-day wobble.
#include "demo/demo_people.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace mn::demo {

namespace {

using detail::Curve;
using detail::Story;
using detail::StorySession;

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr int kMinutesPerDay = 1440;

// SplitMix64 (Steele, Lea and Flood 2014): a few lines of integer arithmetic,
// so the people come out the same with every compiler and standard library,
// which std::*_distribution does not promise.
class Dice {
 public:
  explicit Dice(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  // In [0, 1), from the top 53 bits (exact in a double).
  double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
  bool chance(double probability) { return unit() < probability; }
  int between(int low, int high) {
    const std::uint64_t span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<int>(next() % span);
  }
  // In (-amplitude, amplitude), most often near 0 (the sum of two uniforms).
  double wobble(double amplitude) { return (unit() + unit() - 1.0) * amplitude; }

 private:
  std::uint64_t state_;
};

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  if (value % divisor != 0 && (value < 0) != (divisor < 0)) --quotient;
  return quotient;
}

double value_at(const Curve& curve, double day) {
  if (curve.empty()) return 0;
  if (day <= curve.front().day) return curve.front().value;
  for (std::size_t p = 1; p < curve.size(); ++p) {
    const detail::Point& from = curve[p - 1];
    const detail::Point& to = curve[p];
    if (day <= to.day) {
      const double share = (day - from.day) / (to.day - from.day);
      return from.value + (to.value - from.value) * share;
    }
  }
  return curve.back().value;
}

class Teller {
 public:
  Teller(const Story& story, std::int64_t now) : story_(story), now_(now), dice_(story.seed) {
    offset_ = story.utc_offset_minutes * kSecondsPerMinute;
    const std::int64_t local_today = floor_div(now + offset_, kSecondsPerDay);
    day0_ = (local_today - story.days - 1) * kSecondsPerDay - offset_;
  }

  DemoPerson tell() {
    DemoPerson person;
    person.display_name = story_.display_name;
    person.time_zone = story_.time_zone;
    person.story = story_.story;
    person.intake_json = story_.intake_json;
    person.intake_time = at(0, story_.intake_minute_of_day);
    add_sessions(person);
    for (int day = 1; day <= story_.days; ++day) add_day(day, person.journal);
    return person;
  }

 private:
  struct Soreness {
    int day = 0;  // reported from this day on
    double hours = 0;
  };

  std::int64_t at(int day, int minute_of_day) const {
    return day0_ + day * kSecondsPerDay + minute_of_day * kSecondsPerMinute;
  }

  double typical_soreness(core::Style style) {
    // Deep work leaves a day or two of tenderness (the article); a
    // relaxation session hardly any.
    if (style == core::Style::relaxation) return std::round(dice_.unit() * 8);
    return 12 + std::round(dice_.unit() * 30);
  }

  void add_sessions(DemoPerson& person) {
    for (const StorySession& session : story_.sessions) {
      const double hours =
          session.soreness_hours ? *session.soreness_hours : typical_soreness(session.style);
      const std::int64_t time = at(session.day, session.minute_of_day);
      if (session.day > story_.days || time > now_) continue;
      person.sessions.push_back(
          {time, session.style, session.minutes, session.therapist, session.pressure});
      // Written down the morning after it wore off.
      const int days_sore = static_cast<int>(std::ceil(hours / 24));
      soreness_.push_back({session.day + days_sore + 1, hours});
    }
  }

  int rating(const Curve& curve, double day) {
    const double value = value_at(curve, day) + dice_.wobble(story_.noise);
    return static_cast<int>(std::clamp(std::lround(value), 0L, 10L));
  }

  void add_pain(core::JournalEntry& entry, double day) {
    for (const detail::StoryPain& pain : story_.pain) {
      entry.pain.at(static_cast<std::size_t>(pain.region)) = rating(pain.curve, day);
    }
  }

  // The notes and soreness due by `day` that no entry has carried yet.
  void add_pending(core::JournalEntry& entry, int day) {
    while (next_note_ < story_.notes.size() && story_.notes[next_note_].day <= day) {
      if (!entry.notes.empty()) entry.notes += ' ';
      entry.notes += story_.notes[next_note_++].text;
    }
    while (next_soreness_ < soreness_.size() && soreness_[next_soreness_].day <= day) {
      entry.soreness_hours = soreness_[next_soreness_++].hours;
    }
  }

  void add_day(int day, std::vector<core::JournalEntry>& journal) {
    const bool flare = story_.sharp_pain_day == day;
    if (dice_.chance(story_.skip_chance) && !flare) return;

    // Morning: how the night was, pain, the person's activities, stress.
    core::JournalEntry morning;
    const int morning_minute = 6 * 60 + 30 + dice_.between(0, 150);
    const double morning_day = day + static_cast<double>(morning_minute) / kMinutesPerDay;
    morning.time = at(day, morning_minute);
    add_pain(morning, morning_day);
    for (const detail::StoryActivity& activity : story_.activities) {
      morning.activities.push_back({activity.name, rating(activity.curve, morning_day)});
    }
    if (!story_.stress.empty()) morning.stress = rating(story_.stress, morning_day);
    if (!story_.sleep.empty()) morning.sleep_quality = rating(story_.sleep, morning_day);
    morning.sharp_pain = flare;
    add_pending(morning, day);
    journal.push_back(std::move(morning));

    // Some evenings: pain and stress at the end of the day.
    if (!dice_.chance(story_.evening_chance)) return;
    core::JournalEntry evening;
    const int evening_minute = 20 * 60 + dice_.between(0, 150);
    const double evening_day = day + static_cast<double>(evening_minute) / kMinutesPerDay;
    evening.time = at(day, evening_minute);
    add_pain(evening, evening_day);
    if (!story_.stress.empty()) evening.stress = rating(story_.stress, evening_day);
    journal.push_back(std::move(evening));
  }

  const Story& story_;
  std::int64_t now_;
  Dice dice_;
  std::int64_t offset_ = 0;
  std::int64_t day0_ = 0;  // UTC time of the local midnight that starts day 0
  std::vector<Soreness> soreness_;
  std::size_t next_note_ = 0;
  std::size_t next_soreness_ = 0;
};

}  // namespace

std::vector<DemoPerson> demo_people(std::int64_t now) {
  std::vector<DemoPerson> people;
  for (const Story& story : detail::demo_stories()) people.push_back(Teller(story, now).tell());
  return people;
}

}  // namespace mn::demo
