// format_utc / parse_utc: the ISO 8601 UTC times of stored records, exports
// and the journal CSV.
#include "codec/utc_time.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace mn::codec {
namespace {

// 2026-11-27T20:15:00Z, computed by hand: 20,784 days after 1970-01-01.
constexpr std::int64_t kExample = 20784LL * 86400 + 20 * 3600 + 15 * 60;

TEST(UtcTime, FormatsWithZ) {
  EXPECT_EQ(format_utc(kExample), "2026-11-27T20:15:00Z");
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(951782400), "2000-02-29T00:00:00Z");
}

TEST(UtcTime, FormatClampsToFourDigitYears) {
  EXPECT_EQ(format_utc(std::numeric_limits<std::int64_t>::max()), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(std::numeric_limits<std::int64_t>::min()), "0000-01-01T00:00:00Z");
}

TEST(UtcTime, ParsesZAndOffsets) {
  EXPECT_EQ(parse_utc("2026-11-27T20:15:00Z"), kExample);
  EXPECT_EQ(parse_utc("2026-11-27T21:15:00+01:00"), kExample);
  EXPECT_EQ(parse_utc("2026-11-27T15:45:00-04:30"), kExample);
  EXPECT_EQ(parse_utc("2026-11-28T01:45:00+05:30"), kExample);
  EXPECT_EQ(parse_utc("2026-11-27T20:15:00+00:00"), kExample);
  EXPECT_EQ(parse_utc("2026-11-27T20:15:00-00:00"), kExample);
  EXPECT_EQ(parse_utc("2026-11-28T14:15:00+18:00"), kExample);
  EXPECT_EQ(parse_utc("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(parse_utc("2024-02-29T00:00:00Z"), 1709164800);
}

TEST(UtcTime, RejectsWhatIsNotAMoment) {
  for (const char* text : {
           "",
           "2026-11-27",
           "2026-11-27 20:15:00Z",    // space for T
           "2026-11-27t20:15:00Z",    // lower-case t
           "2026-11-27T20:15:00z",    // lower-case z
           "2026-11-27T20:15:00",     // no zone
           "2026-11-27T20:15Z",       // no seconds
           "2026-11-27T20:15:00.5Z",  // fractions
           "2026-02-30T10:00:00Z",    // no such day
           "2025-02-29T10:00:00Z",    // not a leap year
           "2026-13-01T10:00:00Z",
           "2026-11-27T24:00:00Z",  // hour 24
           "2026-11-27T23:60:00Z",
           "2026-11-27T23:59:60Z",  // leap second
           "2026-11-27T20:15:00+1:00",
           "2026-11-27T20:15:00+01",
           "2026-11-27T20:15:00+0100",
           "2026-11-27T20:15:00+01:60",
           "2026-11-27T20:15:00+18:01",
           "2026-11-27T20:15:00+19:00",
           "2026-11-27T20:15:00 +01:00",
           " 2026-11-27T20:15:00Z",
           "2026-11-27T20:15:00Z ",
           "+2026-11-27T20:15:00Z",
           "2026-1x-27T20:15:00Z",
           "2026-11-27T2x:15:00Z",
       }) {
    EXPECT_EQ(parse_utc(text), std::nullopt) << text;
  }
}

TEST(UtcTime, RoundTripsEverySecondOfRandomYears) {
  std::mt19937_64 random(20261127);
  // 0000-01-01 to 9999-12-31, the range format_utc writes.
  std::uniform_int_distribution<std::int64_t> time(-62167219200LL, 253402300799LL);
  for (int i = 0; i < 5000; ++i) {
    const std::int64_t moment = time(random);
    const std::string text = format_utc(moment);
    ASSERT_EQ(text.size(), 20U) << text;
    EXPECT_EQ(parse_utc(text), moment) << text;
  }
}

}  // namespace
}  // namespace mn::codec
