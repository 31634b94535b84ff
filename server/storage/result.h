// Storage outcomes as values (no exceptions cross the storage interface).
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace hearth::storage {

enum class Status {
  kOk,
  kNotFound,       // the row the operation needs does not exist
  kAlreadyExists,  // a unique key (handle, room name, membership) is taken
  kForbidden,      // the row exists but the caller may not change it (e.g. someone else's message)
  kConflict,       // the caller's view is out of date (e.g. a user's device list changed); re-read, retry
  kLimitReached,   // a per-user or per-device cap (queued direct messages, devices, prekeys) is reached
  kFull,           // the database or the disk is full (SQLITE_FULL); nothing was committed
  kUnavailable,    // storage is shutting down or could not be reached; nothing was committed
  kInternal,       // anything else; nothing was committed
};

const char* to_string(Status status);

template <typename T>
class Result {
 public:
  Result(T value) : status_(Status::kOk), value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(status) {}                          // NOLINT: implicit by design

  bool ok() const { return status_ == Status::kOk; }
  Status status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

struct Done {};  // the value of operations that only succeed or fail

}  // namespace hearth::storage
