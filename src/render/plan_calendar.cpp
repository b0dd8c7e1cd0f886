#include "render/plan_calendar.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

#include "core/style.hpp"

namespace mn::render {

namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype day_of(core::Date date) {
  const std::chrono::year_month_day day(date);
  icaltimetype time = icaltime_null_date();
  time.year = static_cast<int>(day.year());
  time.month = static_cast<int>(static_cast<unsigned>(day.month()));
  time.day = static_cast<int>(static_cast<unsigned>(day.day()));
  return time;
}

// The evening before an all-day event: its start (midnight) less six hours.
icalcomponent* evening_before(const char* text) {
  icalcomponent* alarm = icalcomponent_new_valarm();
  icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icaltriggertype trigger{};
  trigger.time = icaltime_null_time();
  trigger.duration = icaldurationtype_from_int(-6 * 60 * 60);
  icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
  icalcomponent_add_property(alarm, icalproperty_new_description(text));
  return alarm;
}

icalcomponent* all_day_event(const std::string& uid, icaltimetype stamp, core::Date date,
                             const std::string& summary, const char* reminder) {
  icalcomponent* event = icalcomponent_new_vevent();
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, icalproperty_new_dtstart(day_of(date)));
  icalcomponent_add_property(event, icalproperty_new_dtend(day_of(date + std::chrono::days{1})));
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  icalcomponent_add_component(event, evening_before(reminder));
  return event;
}

}  // namespace

std::string plan_calendar(const core::Plan& plan, std::string_view uid_prefix, std::int64_t stamp) {
  const Component calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(),
                             icalproperty_new_prodid("-//Massage Navigator//Plan//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  const icaltimetype stamped =
      icaltime_from_timet_with_zone(static_cast<time_t>(stamp), 0, icaltimezone_get_utc_timezone());
  const std::string prefix(uid_prefix);
  if (!plan.on_hold) {
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
      const core::PlannedSession& session = plan.sessions[i];
      const std::string summary =
          "Massage session: " + std::string(core::style_name(session.style)) + ", " +
          std::to_string(session.minutes) + " minutes";
      icalcomponent_add_component(
          calendar.get(),
          all_day_event(
              prefix + "-session-" + std::to_string(i + 1) + "@massage-navigator", stamped,
              session.date, summary,
              "Massage session tomorrow. Afterwards, note how you feel in your journal."));
    }
    if (plan.review_on) {
      icalcomponent_add_component(
          calendar.get(), all_day_event(prefix + "-review@massage-navigator", stamped,
                                        *plan.review_on, "Review the massage plan",
                                        "Tomorrow: look at your progress and review the plan."));
    }
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string result(text);
  std::free(text);  // NOLINT(cppcoreguidelines-no-malloc): libical allocates with malloc
  return result;
}

}  // namespace mn::render
