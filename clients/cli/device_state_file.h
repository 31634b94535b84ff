// Where and how `hearth` keeps a device's end-to-end state (device_state.proto):
// device-HANDLE[-PROFILE].state beside the credentials, 0600 from its first byte, replaced
// atomically. Every change happens under an exclusive lock on a sibling .lock file, so a
// `hearth dm --live` and a `hearth dm` in another terminal never both advance one ratchet from
// the same state (which would make messages undecryptable).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "clients/cli/device_state.pb.h"

namespace hearth::cli {

std::filesystem::path device_state_path(const std::string& handle, const std::string& profile);

class DeviceStateLock {
 public:
  // Waits up to a few seconds for the lock; nullopt (with `error`) if another process keeps it.
  static std::optional<DeviceStateLock> acquire(const std::filesystem::path& state_path, std::string& error);
  DeviceStateLock(DeviceStateLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DeviceStateLock& operator=(DeviceStateLock&&) = delete;
  ~DeviceStateLock();

 private:
  explicit DeviceStateLock(int fd) : fd_(fd) {}
  int fd_;
};

// nullopt when there is no file yet; `error` set (and nullopt) when it exists but cannot be read.
std::optional<hearth::client::DeviceState> load_device_state(const std::filesystem::path& path, std::string& error);
// Durable when it returns true: written to a temporary file, fsynced, renamed over `path`, and
// the directory fsynced. Whatever goes to the network after it (an envelope sealed with the
// saved ratchet) can never be followed, after a crash, by the older state.
bool save_device_state(const std::filesystem::path& path, const hearth::client::DeviceState& state, std::string& error);

}  // namespace hearth::cli
