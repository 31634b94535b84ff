// Between the wire's key messages (hearth/v1/direct.proto) and clients/e2e's types: what a
// device uploads to the key directory, and the bundle it gets back as X3DH wants it.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "clients/e2e/device_keys.h"
#include "clients/e2e/x3dh.h"
#include "hearth/v1/direct.pb.h"

namespace hearth::client {

// The public half of `keys` as an upload for device `device_id` (0: a new device called `name`),
// with every unused one-time prekey if `with_one_time_prekeys`.
hearth::v1::PublishKeysRequest key_upload(const e2e::DeviceKeys& keys, std::uint64_t device_id, const std::string& name,
                                          bool with_one_time_prekeys);
void add_one_time_prekey(hearth::v1::PublishKeysRequest& upload, const e2e::OneTimePrekeyPublic& prekey);
e2e::RemoteBundle remote_bundle(const hearth::v1::KeyBundle& bundle);

// Raw bytes held in a protobuf `bytes` field (a std::string) and back.
inline std::span<const std::uint8_t> byte_span(const std::string& value) {
  return {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()};
}
template <typename Container>
std::string byte_string(const Container& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace hearth::client
