// DirectDevice: safety numbers and accepting changed keys.
#include <map>

#include "clients/cli/contact_keys.h"
#include "clients/cli/direct_device_internal.h"
#include "clients/e2e/safety_number.h"

namespace hearth::cli {

namespace {

// The keys the server lists now for `handle`: what the other person sees on their side, so the
// numbers match when nobody is in between, changed keys included.
std::vector<e2e::Bytes> current_keys(const DeviceState& state, const std::string& handle) {
  std::map<std::uint64_t, std::string> by_device;
  if (const Contact* contact = find_contact(state, handle)) {
    for (const auto& device : contact->devices()) by_device[device.device_id()] = device.identity_signing_key();
    for (const auto& device : contact->changed()) by_device[device.device_id()] = device.identity_signing_key();
  }
  std::vector<e2e::Bytes> keys;
  for (const auto& [id, key] : by_device) keys.emplace_back(key.begin(), key.end());
  return keys;
}

}  // namespace

std::optional<DirectDevice::SafetyNumber> DirectDevice::safety_number(const std::string& peer) {
  auto locked = lock();
  if (!locked) return std::nullopt;
  std::vector<hearth::v1::DeviceInfo> theirs, mine;
  if (!refresh_devices(*locked, peer, theirs) || !refresh_devices(*locked, handle_, mine)) return std::nullopt;
  if (!save(*locked)) return std::nullopt;
  SafetyNumber number;
  std::vector<e2e::Bytes> my_keys = current_keys(locked->state, handle_);
  my_keys.emplace_back(locked->keys->identity_signing_key().begin(), locked->keys->identity_signing_key().end());
  number.digits = e2e::safety_number(handle_, my_keys, peer, current_keys(locked->state, peer));
  const Contact* contact = find_contact(locked->state, peer);
  number.verified = contact != nullptr && contact->verified();
  for (const std::string& who : {peer, handle_}) {
    if (const Contact* changed = find_contact(locked->state, who)) {
      for (const auto& device : changed->changed()) {
        number.changes.push_back((who == handle_ ? std::string("your account") : who) + ": device #" +
                                 std::to_string(device.device_id()) + " has a key you have not accepted");
      }
    }
  }
  return number;
}

bool DirectDevice::accept_keys(const std::string& peer, bool verified) {
  auto locked = lock();
  if (!locked) return false;
  accept_changes(locked->state, peer, verified);
  return save(*locked);
}

}  // namespace hearth::cli
