// Shared helpers for the e2e tests: a bundle as the key directory would hand it out, and bytes
// from text.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "clients/e2e/device_keys.h"
#include "clients/e2e/x3dh.h"

namespace hearth::e2e::test {

inline std::vector<std::uint8_t> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

inline std::vector<std::uint8_t> vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

// The bundle a directory would serve for `keys`, with its first one-time prekey when asked.
inline RemoteBundle bundle_of(const DeviceKeys& keys, bool with_one_time_prekey = true) {
  RemoteBundle bundle;
  bundle.identity_signing_key = vec(keys.identity_signing_key());
  bundle.identity_dh_key = vec(keys.identity_dh_key());
  bundle.identity_dh_signature = vec(keys.identity_dh_signature());
  const auto spk = keys.signed_prekey();
  bundle.signed_prekey_id = spk.id;
  bundle.signed_prekey = vec(spk.public_key);
  bundle.signed_prekey_signature = vec(spk.signature);
  const auto one_time = keys.one_time_prekeys();
  if (with_one_time_prekey && !one_time.empty()) {
    bundle.one_time_prekey_id = one_time.front().id;
    bundle.one_time_prekey = vec(one_time.front().public_key);
  }
  return bundle;
}

}  // namespace hearth::e2e::test
