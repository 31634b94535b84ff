// Private to the DirectDevice sources: the state of one locked operation, and conversions
// between the wire's byte strings and clients/e2e's types.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "clients/cli/device_state_file.h"
#include "clients/cli/direct_device.h"
#include "clients/client/e2e_wire.h"
#include "clients/e2e/device_keys.h"
#include "clients/e2e/session.h"
#include "hearth/v1/direct.pb.h"

namespace hearth::cli {

struct DirectDevice::Locked {
  DeviceStateLock file_lock;
  hearth::client::DeviceState state;
  std::optional<e2e::DeviceKeys> keys;  // absent until the device is registered
};

using client::add_one_time_prekey;
using client::key_upload;
using client::remote_bundle;
// The CLI's names for client::byte_span / client::byte_string.
inline std::span<const std::uint8_t> as_bytes(const std::string& value) { return client::byte_span(value); }
template <typename Container>
std::string to_string_bytes(const Container& bytes) {
  return client::byte_string(bytes);
}

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hearth::cli
