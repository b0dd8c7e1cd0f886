#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mn {

// An expected failure at a boundary: a stable machine-readable code, the place
// it happened (a field path such as "pain_areas[0].intensity", or
// "file:line:column" for knowledge-base files) and a message for a person.
struct Error {
  std::string code;
  std::string where;
  std::string message;

  // "where: message", the form printed by the CLI and shown in the web form.
  std::string describe() const { return where.empty() ? message : where + ": " + message; }
};

// A value or an Error. Errors are values at boundaries (see README,
// "Errors"); exceptions are reserved for I/O and broken invariants.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !ok().
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace mn
