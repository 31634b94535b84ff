// The rules for whose keys a device trusts, as pure functions over the local DeviceState:
// the keys first seen for a person are accepted (trust on first use); a key that differs for a
// known device, or a device that appears later, is recorded as a change and blocks sending to
// that person until the user accepts it; a device that disappears is simply forgotten (a gone
// key can read nothing new).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "clients/cli/device_state.pb.h"

namespace hearth::cli {

using hearth::client::Contact;
using hearth::client::DeviceState;
using hearth::client::PeerSession;

struct ListedDevice {
  std::uint64_t device_id = 0;
  std::string identity_signing_key;  // raw 32 bytes
};

Contact& contact_of(DeviceState& state, const std::string& handle);
const Contact* find_contact(const DeviceState& state, const std::string& handle);

// Notes what the server lists for `handle` now. Returns one line per change found now (a new
// device, a different key). Sessions with devices no longer listed are dropped.
std::vector<std::string> note_devices(DeviceState& state, const std::string& handle,
                                      const std::vector<ListedDevice>& listed);
// Notes one key seen in a message (a prekey message names its sender's identity). Returns a
// line if it is a change.
std::vector<std::string> note_device(DeviceState& state, const std::string& handle, const ListedDevice& seen);

// True while `handle` has changed keys that the user has not accepted.
bool has_pending_changes(const DeviceState& state, const std::string& handle);
// True if this exact key is accepted for this device of `handle`.
bool is_accepted(const DeviceState& state, const std::string& handle, const ListedDevice& device);
// Accepts every pending change of `handle`; the old verification no longer holds unless
// `verified` says the new safety number was compared too.
void accept_changes(DeviceState& state, const std::string& handle, bool verified);

PeerSession* find_session(DeviceState& state, const std::string& handle, std::uint64_t device_id);
PeerSession& session_of(DeviceState& state, const std::string& handle, std::uint64_t device_id);

}  // namespace hearth::cli
