// Status and Result<T>: how core, store, moderation and service report failure.
//
// No exception crosses a palabre module header: a fallible function returns a Status (or a
// Result<T>, a T or a Status) and callers must look at it ([[nodiscard]]). A Status carries one
// closed Error value (core/error.h) and a message for logs; the message is internal detail and
// is never sent to a client as is. Value types; cheap to move; not thread-safe to mutate.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

#include "core/error.h"

namespace palabre {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Error error, std::string message) : error_(error), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return error_ == Error::kOk; }
  Error error() const { return error_; }
  const std::string& message() const { return message_; }
  // "text_too_long: 4001 > 4000 characters".
  std::string ToString() const;

  // For call sites that deliberately drop a Status (best-effort clean-up).
  void IgnoreError() const {}

 private:
  Error error_ = Error::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result built from an OK Status");
  }
  Result(Error error, std::string message) : v_(Status(error, std::move(message))) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The failure, or OK.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  Error error() const { return ok() ? Error::kOk : std::get<Status>(v_).error(); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Returns early from the enclosing function with the Status if it is not OK.
#define PALABRE_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::palabre::Status palabre_status_ = (expr);        \
    if (!palabre_status_.ok()) return palabre_status_; \
  } while (0)

}  // namespace palabre
