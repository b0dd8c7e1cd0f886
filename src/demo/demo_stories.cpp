// The demo people, one story each: what they answered at the intake, how
// their ratings move over the weeks and when they went to a session. The
// curves are chosen so that each journal, read by the adaptation rules of
// knowledge/progress.yaml, leads to the decision its story names
// (tests/unit/demo_people_test.cpp checks that it does).
#include <initializer_list>

#include "demo/demo_people.hpp"

namespace mn::demo::detail {

namespace {

using core::Region;
using core::Style;

// Sessions on the given days at one local time; the days follow the plan
// that assessing the intake on day 0 gives (first session on day 3).
std::vector<StorySession> sessions_on(std::initializer_list<int> days, int minute_of_day,
                                      Style style, int minutes, const std::string& therapist,
                                      int pressure) {
  std::vector<StorySession> sessions;
  for (int day : days) {
    sessions.push_back({day, minute_of_day, style, minutes, therapist, pressure, std::nullopt});
  }
  return sessions;
}

constexpr int at_time(int hour, int minute) { return hour * 60 + minute; }

// Chronic lower back pain and stiffness that ease over three months of
// weekly, then two-weekly sessions: a lasting, meaningful improvement.
Story ada() {
  Story story;
  story.display_name = "Ada Demo";
  story.time_zone = "Europe/Berlin";
  story.utc_offset_minutes = 60;
  story.story = "Lower-back pain that improves over three months: the plan tapers.";
  story.intake_json = R"({
  "age": 46,
  "goals": ["pain_relief", "mobility"],
  "pain_areas": [{"region": "lower_back", "intensity": 7, "weeks": 30, "localized": true}],
  "knots": true,
  "limited_motion": true,
  "motion_limits_daily_life": true,
  "repetitive_strain": "none",
  "posture": ["pelvic_tilt"],
  "return_to_activity": false,
  "stress": 5,
  "anxiety": 3,
  "sleep_quality": 5,
  "generalized_tension": false,
  "wants_mental_rest": false,
  "new_to_massage": false,
  "in_mental_health_care": false,
  "conditions": ["lower back pain"],
  "medications": ["none"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "firm",
  "sessions_per_month_max": 4,
  "budget_per_session": 100,
  "notes": "Sitting at my desk all day makes it worse. Mornings are stiff."
})";
  story.intake_minute_of_day = at_time(19, 40);
  story.days = 96;
  story.seed = 0xADA0001;
  story.pain = {{Region::lower_back, {{0, 7}, {10, 6.8}, {30, 5.5}, {55, 4}, {75, 3.2}, {96, 3}}}};
  story.activities = {{"tying my shoelaces", {{0, 3}, {60, 7}, {96, 8}}},
                      {"sitting through a film", {{0, 4}, {96, 8}}},
                      {"carrying the shopping home", {{0, 3}, {96, 7}}}};
  story.stress = {{0, 5}, {96, 4}};
  story.sleep = {{0, 5}, {96, 7}};
  story.sessions = sessions_on({3, 10, 17, 24, 31, 38, 52, 66, 94}, at_time(17, 30),
                               Style::therapeutic, 60, "Jonas Beispiel", 4);
  story.notes = {
      {1, "Back stiff until I have moved around for an hour."},
      {5, "Tender where she worked, but in a good way."},
      {18, "Took the stairs at the station without stopping."},
      {40, "Walked to work and back twice this week."},
      {62, "Carried the shopping home in one go."},
      {80, "Sat through a whole film without getting up."},
      {90, "Most days I hardly think about my back."},
  };
  return story;
}

// A desk worker whose neck and shoulders stay where they were: sessions
// every two weeks, and at the review point nothing has clearly changed.
Story bram() {
  Story story;
  story.display_name = "Bram Example";
  story.time_zone = "America/New_York";
  story.utc_offset_minutes = -300;
  story.story = "Neck and shoulders of a desk worker on a plateau: a review with the clinic team.";
  story.intake_json = R"({
  "age": 38,
  "goals": ["pain_relief", "posture"],
  "pain_areas": [
    {"region": "neck", "intensity": 5, "weeks": 20, "localized": true},
    {"region": "shoulders", "intensity": 4, "weeks": 20, "localized": true}
  ],
  "knots": true,
  "limited_motion": true,
  "motion_limits_daily_life": false,
  "repetitive_strain": "work",
  "posture": ["forward_head", "rounded_shoulders"],
  "return_to_activity": false,
  "stress": 5,
  "anxiety": 4,
  "sleep_quality": 6,
  "generalized_tension": false,
  "wants_mental_rest": false,
  "new_to_massage": true,
  "in_mental_health_care": false,
  "conditions": ["stiff neck"],
  "medications": ["none"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "medium",
  "sessions_per_month_max": 2,
  "budget_per_session": 110
})";
  story.intake_minute_of_day = at_time(12, 30);
  story.days = 84;
  story.seed = 0xB4A40002;
  story.noise = 0.7;
  story.pain = {{Region::neck, {{0, 5}, {20, 4.6}, {84, 4.6}}},
                {Region::shoulders, {{0, 4.3}, {84, 4.3}}}};
  story.activities = {{"sitting through a meeting", {{0, 4}, {84, 4.4}}},
                      {"checking the blind spot when driving", {{0, 5}, {84, 5.3}}},
                      {"carrying my laptop bag", {{0, 6}, {84, 6}}}};
  story.stress = {{0, 5}, {84, 5.3}};
  story.sleep = {{0, 6}, {84, 6}};
  story.sessions = sessions_on({3, 17, 31, 45, 59}, at_time(12, 15), Style::therapeutic, 60,
                               "Rosa Placeholder", 3);
  story.notes = {
      {2, "Neck stiff by 3 pm, worse on days full of video calls."},
      {19, "Looser for two days after the session, then back to normal."},
      {33, "Same as ever by Wednesday."},
      {47, "Tried the stretches from the therapist; hard to remember at my desk."},
      {61, "Honestly no different from when I started."},
      {75, "Quarter-end crunch, long hours at the laptop."},
  };
  return story;
}

// A gardener whose lower back improves for weeks, then flares after heavy
// work: worse than at the start, sharp pain and soreness lasting days.
Story chiara() {
  Story story;
  story.display_name = "Chiara Sample";
  story.time_zone = "Australia/Sydney";
  story.utc_offset_minutes = 600;
  story.story =
      "Lower back and hips improve, then flare with sharp pain and long soreness: stop and "
      "contact a provider.";
  story.intake_json = R"({
  "age": 57,
  "goals": ["pain_relief", "mobility"],
  "pain_areas": [
    {"region": "lower_back", "intensity": 5, "weeks": 16, "localized": true},
    {"region": "hips", "intensity": 4, "weeks": 10, "localized": true}
  ],
  "knots": true,
  "limited_motion": true,
  "motion_limits_daily_life": true,
  "repetitive_strain": "none",
  "return_to_activity": true,
  "stress": 4,
  "sleep_quality": 6,
  "new_to_massage": false,
  "conditions": ["none"],
  "medications": ["paracetamol when needed"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "firm",
  "budget_per_session": 120,
  "notes": "I garden most days and want to keep doing it."
})";
  story.intake_minute_of_day = at_time(14, 0);
  story.days = 70;
  story.seed = 0xC41A0003;
  story.pain = {{Region::lower_back, {{0, 5}, {35, 3}, {60, 3}, {64, 4.5}, {67, 7.2}, {70, 7.6}}},
                {Region::hips, {{0, 4}, {35, 2.5}, {60, 2.5}, {67, 5}, {70, 5}}}};
  story.activities = {
      {"kneeling to weed the vegetable beds", {{0, 3}, {35, 6}, {60, 6}, {67, 2}, {70, 2}}},
      {"lifting a full watering can", {{0, 4}, {35, 7}, {60, 7}, {67, 3}, {70, 3}}}};
  story.stress = {{0, 4}, {60, 3}, {70, 6}};
  story.sleep = {{0, 6}, {60, 7}, {70, 4}};
  story.sessions = sessions_on({3, 10, 17, 24, 31, 38, 52, 66}, at_time(11, 0), Style::therapeutic,
                               60, "Liam Instance", 3);
  story.sessions.back().soreness_hours = 60;
  story.sharp_pain_day = 68;
  story.notes = {
      {4, "Sore for a day, then easier to bend."},
      {26, "Weeded the whole front bed on my knees."},
      {45, "Feels like my old self in the garden."},
      {61, "Spent the weekend shifting mulch. Back aching again."},
      {68, "Sharp stabbing pain low on the left when I bent to pick up the watering can."},
      {69, "Still sore from the last session, longer than ever before."},
  };
  return story;
}

// Stress and poor sleep, fortnightly relaxation sessions: stress eases and
// sleep improves for weeks on end, which for a relaxation course is the
// lasting improvement that spaces the sessions out.
Story dev() {
  Story story;
  story.display_name = "Dev Placeholder";
  story.time_zone = "UTC";
  story.utc_offset_minutes = 0;
  story.story =
      "Stress and poor sleep ease with fortnightly relaxation sessions and stay better: the plan "
      "tapers.";
  story.intake_json = R"({
  "age": 31,
  "goals": ["stress_relief", "sleep", "mental_rest"],
  "pain_areas": [],
  "knots": false,
  "limited_motion": false,
  "stress": 8,
  "anxiety": 7,
  "sleep_quality": 3,
  "generalized_tension": true,
  "wants_mental_rest": true,
  "new_to_massage": true,
  "in_mental_health_care": false,
  "conditions": ["none"],
  "medications": ["melatonin"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "medium",
  "sessions_per_month_max": 2,
  "budget_per_session": 80,
  "notes": "Work has been relentless; I lie awake going over the day."
})";
  story.intake_minute_of_day = at_time(21, 0);
  story.days = 75;
  story.seed = 0xDE50004;
  story.noise = 0.7;
  // Calmer weeks come first; what he can do picks up only in the last ten
  // days.
  story.activities = {{"concentrating through an afternoon at work", {{0, 4.5}, {62, 5}, {75, 7}}},
                      {"switching off in the evening", {{0, 4}, {62, 4.5}, {75, 6.5}}},
                      {"an evening out with friends", {{0, 5}, {62, 5.5}, {75, 7.5}}}};
  story.stress = {{0, 8}, {75, 4}};
  story.sleep = {{0, 3}, {75, 6.5}};
  story.sessions = sessions_on({3, 17, 31, 45, 59, 73}, at_time(18, 0), Style::relaxation, 45,
                               "Noor Fictive", 3);
  story.notes = {
      {4, "Slept right through for the first time in weeks."},
      {22, "Deadline week. Jaw clenched all day."},
      {38, "Went for a walk at lunch instead of eating at my desk."},
      {60, "Calmer on Sunday evenings than I used to be."},
  };
  return story;
}

// A runner's knee improves while a work deadline drives stress up and
// sleep down: relaxation sessions are added to the therapeutic plan.
Story emi() {
  Story story;
  story.display_name = "Emi Fiction";
  story.time_zone = "Asia/Tokyo";
  story.utc_offset_minutes = 540;
  story.story =
      "A runner's knee pain improves while stress and sleep get worse: relaxation sessions are "
      "added.";
  story.intake_json = R"({
  "age": 29,
  "goals": ["pain_relief", "sport_performance"],
  "pain_areas": [{"region": "knees", "intensity": 6, "weeks": 12, "localized": true}],
  "knots": false,
  "limited_motion": true,
  "motion_limits_daily_life": false,
  "repetitive_strain": "sport",
  "return_to_activity": true,
  "stress": 4,
  "anxiety": 3,
  "sleep_quality": 7,
  "generalized_tension": false,
  "wants_mental_rest": false,
  "new_to_massage": false,
  "conditions": ["runners knee"],
  "medications": ["none"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "firm",
  "budget_per_session": 100,
  "notes": "Training for a half marathon in the spring."
})";
  story.intake_minute_of_day = at_time(13, 0);
  story.days = 63;
  story.seed = 0xE310005;
  story.pain = {{Region::knees, {{0, 6}, {63, 3}}}};
  story.activities = {{"running 10 km", {{0, 3}, {63, 7}}},
                      {"going down stairs", {{0, 5}, {63, 8}}},
                      {"kneeling on the floor", {{0, 4}, {63, 7}}}};
  story.stress = {{0, 4}, {25, 4.5}, {63, 7.2}};
  story.sleep = {{0, 7}, {25, 6.5}, {63, 4}};
  story.sessions = sessions_on({3, 10, 17, 24, 31, 38, 52}, at_time(10, 30), Style::therapeutic, 60,
                               "Kenta Dummy", 4);
  story.notes = {
      {12, "Easy 5 km with no knee pain at all."},
      {30, "New project at work, first late night this week."},
      {41, "Knee fine on the long run, but I lay awake until 2."},
      {55, "Skipped two runs, too tired after work."},
  };
  return story;
}

// An older man on a blood thinner: his safety screen asks for light pressure,
// and two weeks in it is too early to judge.
Story farid() {
  Story story;
  story.display_name = "Farid Mock";
  story.time_zone = "America/Los_Angeles";
  story.utc_offset_minutes = -480;
  story.story =
      "Stiff shoulders while taking Eliquis, a blood thinner: light pressure only, and two weeks "
      "in it is too early to judge.";
  story.intake_json = R"({
  "age": 71,
  "goals": ["mobility", "pain_relief"],
  "pain_areas": [{"region": "shoulders", "intensity": 5, "weeks": 26, "localized": true}],
  "knots": true,
  "limited_motion": true,
  "motion_limits_daily_life": true,
  "repetitive_strain": "none",
  "stress": 3,
  "sleep_quality": 6,
  "new_to_massage": true,
  "conditions": ["atrial fibrillation"],
  "medications": ["Eliquis 5 mg twice a day", "metoprolol"],
  "surgery_weeks_ago": null,
  "unexplained_severe_pain": false,
  "pregnant": false,
  "pressure_preference": "light",
  "sessions_per_month_max": 4,
  "notes": "Reaching the top shelf is hard with this shoulder."
})";
  story.intake_minute_of_day = at_time(11, 0);
  story.days = 13;
  story.seed = 0xFA410006;
  story.pain = {{Region::shoulders, {{0, 5}, {13, 4.6}}}};
  story.activities = {{"reaching the top shelf", {{0, 3}, {13, 3.5}}},
                      {"putting on a jacket", {{0, 5}, {13, 5.3}}}};
  story.stress = {{0, 3}, {13, 3}};
  story.sleep = {{0, 6}, {13, 6}};
  story.sessions =
      sessions_on({3, 10}, at_time(10, 0), Style::therapeutic, 60, "Grace Sampleton", 2);
  story.notes = {
      {4, "No bruising after the session; she kept it gentle."},
      {11, "Shoulder a little easier putting my coat on."},
  };
  return story;
}

}  // namespace

std::vector<Story> demo_stories() { return {ada(), bram(), chiara(), dev(), emi(), farid()}; }

}  // namespace mn::demo::detail
