#pragma once
// Result<T>: a value or an error message. g++ 12 in C++20 mode has no
// std::expected; fallible calls return this instead of bool + out-parameter.

#include <string>
#include <utility>
#include <variant>

namespace collab {

/// The error half of a Result: a message meant for a person.
struct Error {
  std::string message;
};

/// Either a T or an Error. Test with ok() (or bool), then read value() or error().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const std::string& error() const { return std::get<Error>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

inline Error fail(std::string message) { return Error{std::move(message)}; }

}  // namespace collab
