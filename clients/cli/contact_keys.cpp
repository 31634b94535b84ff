#include "clients/cli/contact_keys.h"

#include <algorithm>
#include <set>

namespace hearth::cli {

namespace {

using hearth::client::KnownDevice;

std::string short_key(const std::string& key) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (std::size_t i = 0; i < key.size() && i < 4; ++i) {
    hex += digits[static_cast<unsigned char>(key[i]) >> 4];
    hex += digits[static_cast<unsigned char>(key[i]) & 15];
  }
  return hex;
}

const KnownDevice* find_device(const google::protobuf::RepeatedPtrField<KnownDevice>& devices, std::uint64_t id) {
  for (const auto& device : devices) {
    if (device.device_id() == id) return &device;
  }
  return nullptr;
}

void add_known(google::protobuf::RepeatedPtrField<KnownDevice>* devices, const ListedDevice& device) {
  KnownDevice* known = devices->Add();
  known->set_device_id(device.device_id);
  known->set_identity_signing_key(device.identity_signing_key);
}

bool first_sight(const Contact& contact) { return contact.devices().empty() && contact.changed().empty(); }

bool pending(const Contact& contact, const ListedDevice& seen) {
  const KnownDevice* changed = find_device(contact.changed(), seen.device_id);
  return changed != nullptr && changed->identity_signing_key() == seen.identity_signing_key;
}

}  // namespace

Contact& contact_of(DeviceState& state, const std::string& handle) {
  for (auto& contact : *state.mutable_contacts()) {
    if (contact.handle() == handle) return contact;
  }
  Contact* contact = state.add_contacts();
  contact->set_handle(handle);
  return *contact;
}

const Contact* find_contact(const DeviceState& state, const std::string& handle) {
  for (const auto& contact : state.contacts()) {
    if (contact.handle() == handle) return &contact;
  }
  return nullptr;
}

std::vector<std::string> note_device(DeviceState& state, const std::string& handle, const ListedDevice& seen) {
  Contact& contact = contact_of(state, handle);
  if (first_sight(contact)) {
    add_known(contact.mutable_devices(), seen);  // trust on first use
    return {};
  }
  const KnownDevice* known = find_device(contact.devices(), seen.device_id);
  if (known != nullptr && known->identity_signing_key() == seen.identity_signing_key) return {};
  if (pending(contact, seen)) return {};
  add_known(contact.mutable_changed(), seen);
  contact.set_verified(false);
  const std::string key = short_key(seen.identity_signing_key);
  if (known != nullptr) {
    return {handle + "'s device #" + std::to_string(seen.device_id) + " has a NEW identity key (" + key + "…)"};
  }
  return {handle + " has a NEW device #" + std::to_string(seen.device_id) + " (key " + key + "…)"};
}

std::vector<std::string> note_devices(DeviceState& state, const std::string& handle,
                                      const std::vector<ListedDevice>& listed) {
  std::vector<std::string> changes;
  std::set<std::uint64_t> present;
  Contact& contact = contact_of(state, handle);
  // Trust on first use covers every device listed the first time, not just the first one.
  const bool trust_all = first_sight(contact);
  for (const auto& device : listed) {
    present.insert(device.device_id);
    if (trust_all) {
      add_known(contact.mutable_devices(), device);
      continue;
    }
    for (auto& line : note_device(state, handle, device)) changes.push_back(std::move(line));
  }
  auto gone = [&](const KnownDevice& device) { return present.count(device.device_id()) == 0; };
  auto* devices = contact.mutable_devices();
  devices->erase(std::remove_if(devices->begin(), devices->end(), gone), devices->end());
  auto* changed = contact.mutable_changed();
  changed->erase(std::remove_if(changed->begin(), changed->end(), gone), changed->end());
  auto* sessions = state.mutable_sessions();
  sessions->erase(std::remove_if(sessions->begin(), sessions->end(),
                                 [&](const PeerSession& session) {
                                   return session.handle() == handle && present.count(session.device_id()) == 0;
                                 }),
                  sessions->end());
  return changes;
}

bool has_pending_changes(const DeviceState& state, const std::string& handle) {
  const Contact* contact = find_contact(state, handle);
  return contact != nullptr && !contact->changed().empty();
}

bool is_accepted(const DeviceState& state, const std::string& handle, const ListedDevice& device) {
  const Contact* contact = find_contact(state, handle);
  if (contact == nullptr) return false;
  const KnownDevice* known = find_device(contact->devices(), device.device_id);
  return known != nullptr && known->identity_signing_key() == device.identity_signing_key;
}

void accept_changes(DeviceState& state, const std::string& handle, bool verified) {
  Contact& contact = contact_of(state, handle);
  for (const auto& change : contact.changed()) {
    bool replaced = false;
    for (auto& device : *contact.mutable_devices()) {
      if (device.device_id() == change.device_id()) {
        device.set_identity_signing_key(change.identity_signing_key());
        replaced = true;
      }
    }
    if (!replaced) *contact.add_devices() = change;
  }
  contact.clear_changed();
  contact.set_verified(verified);
}

PeerSession* find_session(DeviceState& state, const std::string& handle, std::uint64_t device_id) {
  for (auto& session : *state.mutable_sessions()) {
    if (session.handle() == handle && session.device_id() == device_id) return &session;
  }
  return nullptr;
}

PeerSession& session_of(DeviceState& state, const std::string& handle, std::uint64_t device_id) {
  if (PeerSession* session = find_session(state, handle, device_id); session != nullptr) return *session;
  PeerSession* session = state.add_sessions();
  session->set_handle(handle);
  session->set_device_id(device_id);
  return *session;
}

}  // namespace hearth::cli
