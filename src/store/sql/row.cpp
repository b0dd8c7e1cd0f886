#include <string>

#include "store/sql/connection.hpp"

namespace mn::store::sql {

namespace {

const Value& column_value(const Row& row, std::size_t column) {
  if (column >= row.values.size()) {
    throw DatabaseError(DatabaseError::Kind::other, "column " + std::to_string(column) +
                                                        ": no such column (the row has " +
                                                        std::to_string(row.values.size()) + ")");
  }
  return row.values[column];
}

const char* type_name(const Value& value) {
  switch (value.index()) {
    case 0:
      return "null";
    case 1:
      return "an integer";
    case 2:
      return "a real";
    default:
      return "text";
  }
}

[[noreturn]] void mismatch(std::size_t column, const char* expected, const Value& found) {
  throw DatabaseError(DatabaseError::Kind::other, "column " + std::to_string(column) +
                                                      ": expected " + expected + ", found " +
                                                      type_name(found));
}

}  // namespace

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<std::monostate>(column_value(*this, column));
}

std::int64_t Row::integer(std::size_t column) const {
  const Value& value = column_value(*this, column);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  mismatch(column, "an integer", value);
}

double Row::real(std::size_t column) const {
  const Value& value = column_value(*this, column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  // SQLite hands back a whole number from a NUMERIC column or an expression
  // as an integer, and a query may reasonably read an integer as a real.
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    return static_cast<double>(*integer);
  }
  mismatch(column, "a real", value);
}

const std::string& Row::text(std::size_t column) const {
  const Value& value = column_value(*this, column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  mismatch(column, "text", value);
}

}  // namespace mn::store::sql
