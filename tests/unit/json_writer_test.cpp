// JsonWriter: the streaming writer must print exactly what
// nlohmann::json::dump(2, ' ', false, error_handler_t::replace) prints for
// the same document, since it replaced nlohmann in the assessment renderer
// and stored assessments are compared byte for byte.
#include "codec/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "core/date.hpp"
#include "test_support.hpp"

namespace mn::codec {
namespace {

using nlohmann::json;

std::string nlohmann_dump(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

// Writes a nlohmann tree through JsonWriter (its objects iterate in sorted
// key order, as the writer's contract asks).
void write(JsonWriter& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      out.begin_object();
      for (const auto& [key, member] : value.items()) {
        out.key(key);
        write(out, member);
      }
      out.end_object();
      return;
    case json::value_t::array:
      out.begin_array();
      for (const json& element : value) write(out, element);
      out.end_array();
      return;
    case json::value_t::string:
      out.string(value.get_ref<const std::string&>());
      return;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      out.integer(value.get<std::int64_t>());
      return;
    case json::value_t::number_float:
      out.number(value.get<double>());
      return;
    case json::value_t::boolean:
      out.boolean(value.get<bool>());
      return;
    default:
      out.null();
      return;
  }
}

std::string written(const json& value) {
  JsonWriter out(16);  // small, so that the buffer has to grow
  write(out, value);
  return out.finish();
}

std::string written_string(std::string_view text) {
  JsonWriter out;
  out.string(text);
  return out.finish();
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(written_string("plain text / slash"), "\"plain text / slash\"");
  EXPECT_EQ(written_string("say \"hi\" \\ bye"), R"("say \"hi\" \\ bye")");
  EXPECT_EQ(written_string("\b\t\n\f\r"), R"("\b\t\n\f\r")");
  EXPECT_EQ(written_string(std::string_view("\0\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(written_string("\x7f"), "\"\x7f\"");  // DEL is not escaped
  EXPECT_EQ(written_string(""), "\"\"");
}

TEST(JsonWriter, KeepsUtf8AsItIs) {
  EXPECT_EQ(written_string("Müller, 日本, 😀"), "\"Müller, 日本, 😀\"");
}

TEST(JsonWriter, ReplacesMalformedUtf8AsNlohmannDoes) {
  const char* const cases[] = {
      "\x80",              // a continuation byte alone
      "a\xc3",             // cut short at the end
      "\xc3(",             // a lead byte without its continuation
      "\xe2\x82(x",        // three-byte sequence cut short
      "\xed\xa0\x80",      // a surrogate
      "\xf0\x9f\x98",      // four-byte sequence cut short at the end
      "\xf4\x90\x80\x80",  // above U+10FFFF
      "\xc0\xaf",          // overlong
      "\xe0\x80\xaf",      // overlong
      "\xff\xfe",          // never valid
      "ok\xf0\x9f\x98\x80ok\x9f and a long plain tail after it",
  };
  for (const char* text : cases) {
    EXPECT_EQ(written_string(text), nlohmann_dump(json(text)))
        << json(text).dump(-1, ' ', true, json::error_handler_t::replace);
  }
  EXPECT_EQ(written_string("\x80"), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(written_string("\xc3("), "\"\xEF\xBF\xBD(\"");
}

// Every byte followed by each byte at a boundary of the escapes and of
// UTF-8's ranges (lead bytes, and the second bytes that E0, ED, F0 and F4
// narrow).
TEST(JsonWriter, EveryByteBeforeEachBoundaryByteAsNlohmannPrintsIt) {
  const unsigned char boundaries[] = {0x00, 0x1f, 0x20, '"',  '\\', 'a',  0x7f, 0x80,
                                      0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
                                      0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  for (int first = 0; first < 256; ++first) {
    for (unsigned char second : boundaries) {
      const std::string text{static_cast<char>(first), static_cast<char>(second)};
      ASSERT_EQ(written_string(text), nlohmann_dump(json(text))) << first << " " << int{second};
    }
  }
}

// Random byte strings, drawn mostly from the bytes that matter (ASCII, quotes,
// control characters, UTF-8 lead and continuation bytes) at every length
// around the writer's eight-byte steps.
TEST(JsonWriter, RandomTextAsNlohmannPrintsIt) {
  std::mt19937 random(20261127);
  const std::string interesting =
      "aZ \"\\/\n\t\x01\x1f\x7f\x80\xbf\xc2\xc3\xdf\xe0\xe2\xed\xef\xf0\xf4\xf5\xff";
  for (int run = 0; run < 20000; ++run) {
    const std::size_t length = random() % 40;
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
      text += random() % 3 == 0 ? static_cast<char>(random() % 256)
                                : interesting[random() % interesting.size()];
    }
    ASSERT_EQ(written_string(text), nlohmann_dump(json(text))) << run;
  }
}

TEST(JsonWriter, NestsAndIndentsAsNlohmannDoes) {
  const json document = json::parse(R"({
    "empty_object": {}, "empty_array": [], "nested": [[], [{}], [1, [2, [3]]]],
    "object": {"b": {"c": {"d": [true, false, null]}}, "a": "text"},
    "list": [{"x": 1}, {"y": []}, "s", -7]
  })");
  EXPECT_EQ(written(document), nlohmann_dump(document));
  EXPECT_EQ(written(json::object()), "{}");
  EXPECT_EQ(written(json::array()), "[]");
  EXPECT_EQ(written(json("top")), "\"top\"");
  EXPECT_EQ(written(json::parse(R"({"a": [1, {}]})")), "{\n  \"a\": [\n    1,\n    {}\n  ]\n}");
}

TEST(JsonWriter, DeepNestingGrowsTheBuffer) {
  json document = "leaf";
  for (int depth = 0; depth < 60; ++depth)
    document = depth % 2 == 0 ? json::array({document, depth}) : json{{"key", document}};
  EXPECT_EQ(written(document), nlohmann_dump(document));
}

TEST(JsonWriter, NumbersAsNlohmannPrintsThem) {
  const std::int64_t integers[] = {0,
                                   1,
                                   -1,
                                   42,
                                   std::numeric_limits<std::int64_t>::max(),
                                   std::numeric_limits<std::int64_t>::min()};
  for (std::int64_t value : integers) EXPECT_EQ(written(json(value)), json(value).dump()) << value;
  const double doubles[] = {0.0,
                            -0.0,
                            1.0,
                            0.1,
                            -2.5,
                            1e100,
                            1e-7,
                            123456.789,
                            1e15,
                            1e16,
                            1e17,
                            3.0e-5,
                            5e-324,
                            0.3,
                            1.0 / 3,
                            2.0 / 3,
                            1.7976931348623157e308,
                            100.0,
                            90.0};
  for (double value : doubles) EXPECT_EQ(written(json(value)), json(value).dump()) << value;
  EXPECT_EQ(written(json(std::nan(""))), "null");
  EXPECT_EQ(written(json(std::numeric_limits<double>::infinity())), "null");
  std::mt19937_64 random(7);
  for (int run = 0; run < 2000; ++run) {
    double value = 0;
    const std::uint64_t bits = random();
    std::memcpy(&value, &bits, sizeof value);
    ASSERT_EQ(written(json(value)), json(value).dump()) << bits;
  }
}

TEST(JsonWriter, FieldsAreKeysWithValues) {
  JsonWriter out;
  out.begin_object();
  out.field("a", "text");
  out.field("b", 3);
  out.key("c");
  out.boolean(true);
  out.end_object();
  EXPECT_EQ(out.finish(), "{\n  \"a\": \"text\",\n  \"b\": 3,\n  \"c\": true\n}");
}

// The renderer streams its document; parsing it and printing it again with
// nlohmann must give the same bytes (keys in order, same indentation and
// escapes) for every clinical case.
TEST(AssessmentJsonWriter, EveryCaseReadsAsNlohmannWouldPrintIt) {
  int rendered = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::source_dir() / "tests/cases")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream stream(entry.path());
    const json body = json::parse(stream);
    const json cases = body.is_array() ? body : json::array({body});
    for (const json& one : cases) {
      if (!one.contains("intake") || one.contains("error")) continue;
      auto intake = parse_intake(testing::knowledge(), one["intake"].dump());
      if (!intake.ok()) continue;
      const auto today = core::parse_date(one.value("today", std::string("2026-11-27")));
      const core::Assessment assessment = core::assess(testing::knowledge(), *intake, *today);
      const std::string text = assessment_to_json(testing::knowledge(), *intake, assessment);
      ASSERT_EQ(text, nlohmann_dump(json::parse(text)) + "\n") << entry.path();
      ++rendered;
    }
  }
  EXPECT_GT(rendered, 300);
}

}  // namespace
}  // namespace mn::codec
