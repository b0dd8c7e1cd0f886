#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mn::codec {

// Writes a JSON document as it goes, without building a tree, in exactly the
// bytes nlohmann::json::dump(2, ' ', false, error_handler_t::replace) prints
// for the same document: two-space indentation, `"key": value`, empty
// containers as {} and [], text kept as UTF-8 with quotes, backslashes and
// control characters escaped, and each malformed UTF-8 sequence replaced by
// U+FFFD.
//
// nlohmann prints an object's keys in sorted (byte) order; to match it the
// caller writes them in that order. Inside an object every value follows a
// key(); every begin_* is closed by its end_* before finish(); nesting is at
// most 64 deep. These are preconditions, asserted in debug builds.
//
// Not thread-safe; one writer per document.
class JsonWriter {
 public:
  // Reserves `expected_size` bytes up front; the buffer grows as needed.
  explicit JsonWriter(std::size_t expected_size = 4096);

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  void key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t value);
  // Printed as nlohmann prints a double ("1.0", "0.1", "1e+100"; NaN and
  // infinities as null).
  void number(double value);
  void boolean(bool value);
  void null();

  // `"name": value` in one call, for the common case.
  void field(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void field(std::string_view name, const char* text) { field(name, std::string_view(text)); }
  void field(std::string_view name, int value) {
    key(name);
    integer(value);
  }

  // The document written so far (all containers closed); the writer is left
  // empty.
  std::string finish();

 private:
  static constexpr int kMaxDepth = 64;

  // Room for `bytes` more bytes at end_; returns where to write them.
  char* reserve(std::size_t bytes);
  void append(std::string_view text);
  // ",\n" or "\n" and the indentation before an element of the open container.
  void separate();
  void before_value();
  void begin(char bracket);
  void end(char bracket);

  // buffer_[0, end_) is the document; the rest is room to write into.
  std::string buffer_;
  std::size_t end_ = 0;
  int depth_ = 0;
  std::uint64_t nonempty_ = 0;  // bit d: the container open at depth d has an element
  std::uint64_t objects_ = 0;   // bit d: the container open at depth d is an object
  bool after_key_ = false;
};

}  // namespace mn::codec
