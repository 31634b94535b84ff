// Private to the DirectDevice sources: the state of one locked operation, and conversions
// between the wire's byte strings and clients/e2e's types.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "clients/cli/device_state_file.h"
#include "clients/cli/direct_device.h"
#include "clients/e2e/device_keys.h"
#include "clients/e2e/session.h"
#include "hearth/v1/direct.pb.h"

namespace hearth::cli {

struct DirectDevice::Locked {
  DeviceStateLock file_lock;
  hearth::client::DeviceState state;
  std::optional<e2e::DeviceKeys> keys;  // absent until the device is registered
};

inline std::span<const std::uint8_t> as_bytes(const std::string& value) {
  return {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()};
}

template <typename Container>
std::string to_string_bytes(const Container& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The public half of `keys` as an upload; `with_identity_name` for a new device.
hearth::v1::PublishKeysRequest publish_request(const e2e::DeviceKeys& keys, std::uint64_t device_id,
                                               const std::string& name, bool new_device);
void add_prekey(hearth::v1::PublishKeysRequest& upload, const e2e::OneTimePrekeyPublic& prekey);
e2e::RemoteBundle to_remote_bundle(const hearth::v1::KeyBundle& bundle);

}  // namespace hearth::cli
