#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/intake.hpp"
#include "core/journal.hpp"
#include "core/style.hpp"

namespace mn::demo {

// A session the person went to.
struct DemoSession {
  std::int64_t time = 0;  // UTC, seconds since 1970-01-01
  core::Style style = core::Style::therapeutic;
  int minutes = 60;
  std::string therapist;
  int pressure = 3;  // Walton level 1..5 that was used
};

// An invented person with months of journal, for a new database to show
// what the program does over time.
struct DemoPerson {
  std::string display_name;  // invented, clearly fictional
  std::string time_zone;     // IANA name
  std::string story;         // one line: what this person's journal shows
  std::string intake_json;   // intake v1 (docs/intake.md), answered at the start
  std::int64_t intake_time = 0;
  std::vector<DemoSession> sessions;        // in time order
  std::vector<core::JournalEntry> journal;  // in time order
};

// The demo people as of `now` (UTC seconds): each intake lies weeks or
// months back and each journal ends on the person's local day before `now`.
// Deterministic: the same `now` always gives the same people, whatever the
// standard library (no clock, no std::random_device and none of the
// library's distributions, whose results differ between implementations).
// Pure; depends on the core's types only.
std::vector<DemoPerson> demo_people(std::int64_t now);

namespace detail {

// How a story is told, read by the generator (demo_people.cpp) and written
// per person in demo_stories.cpp. Days count local calendar days from the
// intake (day 0); the journal covers days 1..days, so its last day is the
// day before `now`.

// A rating over the days: straight lines between points, flat before the
// first and after the last.
struct Point {
  double day = 0;
  double value = 0;
};
using Curve = std::vector<Point>;

struct StoryPain {
  core::Region region = core::Region::lower_back;
  Curve curve;
};

struct StoryActivity {
  std::string name;  // the person's own PSFS activity
  Curve curve;
};

struct StorySession {
  int day = 0;
  int minute_of_day = 0;  // local
  core::Style style = core::Style::therapeutic;
  int minutes = 60;
  std::string therapist;
  int pressure = 3;
  // Hours of soreness the person notes afterwards; unset: a typical amount
  // for the style, drawn from the story's dice.
  std::optional<double> soreness_hours;
};

struct StoryNote {
  int day = 0;  // written in the first entry on or after this day
  std::string text;
};

struct Story {
  std::string display_name;
  std::string time_zone;
  // The zone's standard offset: the core has no time-zone database, and an
  // hour of daylight saving still leaves entries at plausible local hours.
  int utc_offset_minutes = 0;
  std::string story;
  std::string intake_json;
  int intake_minute_of_day = 0;  // local
  int days = 0;                  // length of the journal
  std::uint64_t seed = 0;
  double noise = 0.8;           // largest day-to-day wobble of a rating, in points
  double skip_chance = 0.1;     // of a day without any entry
  double evening_chance = 0.4;  // of a second entry in the evening
  std::vector<StoryPain> pain;
  std::vector<StoryActivity> activities;
  Curve stress;
  Curve sleep;
  std::vector<StorySession> sessions;
  std::vector<StoryNote> notes;
  std::optional<int> sharp_pain_day;  // the morning entry of that day reports sharp pain
};

// The stories, in the order the people are listed.
std::vector<Story> demo_stories();

}  // namespace detail
}  // namespace mn::demo
