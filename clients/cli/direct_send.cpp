// DirectDevice: sending. One message becomes one ciphertext per device — each of the
// recipient's and each of this account's other devices — in sessions opened from the key
// directory's bundles when there are none yet. Nothing is sent while someone's keys changed and
// the user has not accepted the change.
#include <iostream>
#include <set>

#include "clients/cli/contact_keys.h"
#include "clients/cli/direct_device_internal.h"
#include "clients/client/direct_requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

constexpr int kRetry = -1;
// Room for the envelope's header inside the server's 4096-byte envelope limit.
constexpr std::size_t kMaxDirectTextBytes = 3500;

std::vector<ListedDevice> listed(const std::vector<hearth::v1::DeviceInfo>& devices, std::uint64_t skip) {
  std::vector<ListedDevice> out;
  for (const auto& device : devices) {
    if (device.device_id() != skip) out.push_back({device.device_id(), device.identity_signing_key()});
  }
  return out;
}

// Whether `stored` is a usable session with exactly the accepted identity of that device.
bool session_matches(const std::string& stored, const std::string& identity_signing_key) {
  if (stored.empty()) return false;
  auto session = e2e::Session::parse(as_bytes(stored));
  return session && to_string_bytes(session->remote_identity_signing_key()) == identity_signing_key;
}

}  // namespace

bool DirectDevice::refresh_devices(Locked& locked, const std::string& peer, std::vector<hearth::v1::DeviceInfo>& devices) {
  const auto response = connection_.call(requests::list_devices(peer == handle_ ? std::string() : peer));
  if (response.has_error()) {
    cli_.out.refused(response);
    return false;
  }
  devices.assign(response.devices().devices().begin(), response.devices().devices().end());
  for (const auto& line : note_devices(locked.state, peer, listed(devices, device_id_))) {
    std::cerr << "hearth: warning: " << line << "\n";
  }
  return true;
}

int DirectDevice::send(const std::string& peer, const std::string& text) {
  if (text.size() > kMaxDirectTextBytes) {
    std::cerr << "hearth: a direct message is at most " << kMaxDirectTextBytes << " bytes; this one has " << text.size() << "\n";
    return kUsage;
  }
  if (peer == handle_) {
    std::cerr << "hearth: your other devices get a copy of everything you send; write to someone else\n";
    return kUsage;
  }
  const int first = send_once(peer, text);
  return first == kRetry ? send_once(peer, text) : first;
}

int DirectDevice::send_once(const std::string& peer, const std::string& text) {
  auto locked = lock();
  if (!locked) return kRefused;
  std::vector<hearth::v1::DeviceInfo> theirs, mine;
  if (!refresh_devices(*locked, peer, theirs) || !refresh_devices(*locked, handle_, mine)) {
    save(*locked);
    return kRefused;
  }
  if (!save(*locked)) return kRefused;
  for (const std::string& who : {peer, handle_}) {
    if (has_pending_changes(locked->state, who)) {
      std::cerr << "hearth: not sent: " << (who == handle_ ? "your own account's" : who + "'s")
                << " keys changed. Compare safety numbers (in person or by phone), then accept them:\n"
                << "  hearth safety-number " << who << "            # compare\n"
                << "  hearth safety-number " << who << " --accept   # then send again\n";
      return kRefused;
    }
  }
  if (theirs.empty()) {
    std::cerr << "hearth: not sent: " << peer << " has no device for direct messages yet (each terminal gets one "
                 "when they log in with hearth); try again later\n";
    return kRefused;
  }
  // Sessions first: one bundle fetch per person who has a device without a usable session.
  struct Target {
    std::string handle;
    hearth::v1::DeviceInfo device;
  };
  std::vector<Target> targets;
  for (const auto& device : theirs) targets.push_back({peer, device});
  for (const auto& device : mine) {
    if (device.device_id() != device_id_) targets.push_back({handle_, device});
  }
  std::set<std::string> need_bundles;
  for (const auto& target : targets) {
    const PeerSession* session = find_session(locked->state, target.handle, target.device.device_id());
    if (session == nullptr || !session_matches(session->current(), target.device.identity_signing_key())) {
      need_bundles.insert(target.handle);
    }
  }
  for (const auto& who : need_bundles) {
    const auto bundles = connection_.call(requests::fetch_bundles(who));
    if (bundles.has_error()) return cli_.out.refused(bundles);
    for (const auto& bundle : bundles.bundles().bundles()) {
      const ListedDevice device{bundle.device().device_id(), bundle.device().identity_signing_key()};
      PeerSession& session = session_of(locked->state, who, device.device_id);
      if (session_matches(session.current(), device.identity_signing_key)) continue;
      if (!is_accepted(locked->state, who, device)) continue;  // listed meanwhile: the send will say DEVICES_CHANGED
      auto opened = e2e::Session::initiate(*locked->keys, remote_bundle(bundle));
      if (!opened) {
        std::cerr << "hearth: not sent: " << who << "'s device #" << device.device_id << " offered keys that do not verify ("
                  << e2e::to_string(opened.error()) << ")\n";
        return kRefused;
      }
      session.set_previous(session.current());
      session.set_current(to_string_bytes(opened->serialize()));
    }
  }
  std::vector<hearth::v1::DirectCopy> copies;
  for (const auto& target : targets) {
    PeerSession* stored = find_session(locked->state, target.handle, target.device.device_id());
    if (stored == nullptr || !session_matches(stored->current(), target.device.identity_signing_key())) {
      return kRetry;  // its bundle did not come: the device list moved under us
    }
    auto session = e2e::Session::parse(as_bytes(stored->current()));
    auto envelope = session ? session->encrypt(as_bytes(text)) : e2e::Result<e2e::Bytes>(session.error());
    if (!envelope) {
      std::cerr << "hearth: could not encrypt (" << e2e::to_string(envelope.error()) << ")\n";
      return kRefused;
    }
    stored->set_current(to_string_bytes(session->serialize()));
    hearth::v1::DirectCopy& copy = copies.emplace_back();
    copy.set_device_id(target.device.device_id());
    copy.set_envelope(to_string_bytes(*envelope));
  }
  // The ratchets moved: durable before anything leaves, so no crash can roll a session back
  // behind a sent envelope and make the next message reuse its key and nonce (README "Save
  // before sending"; tests/integration/cli_direct_crash_test.cpp kills us at each save).
  if (!save(*locked)) return kRefused;
  const auto sent = connection_.call(requests::send_direct(peer, device_id_, std::move(copies)));
  if (sent.has_error()) {
    if (sent.error().code() == hearth::v1::DEVICES_CHANGED) return kRetry;
    return cli_.out.refused(sent);
  }
  hearth::client::StoredMessage stored;
  stored.set_dm_id(sent.direct_sent().dm_id());
  stored.set_peer(peer);
  stored.set_outgoing(true);
  stored.set_text(text);
  stored.set_sent_at_ms(sent.direct_sent().sent_at_ms());
  *locked->state.add_messages() = stored;
  if (!save(*locked)) return kRefused;
  if (cli_.out.json()) {
    cli_.out.json_line(sent.direct_sent());
  } else if (sent.direct_sent().request()) {
    cli_.out.say("Sent, end-to-end encrypted. " + peer + " has not accepted you as a contact yet: it waits as a "
                 "message request until they do.");
  } else {
    cli_.out.say("Sent, end-to-end encrypted (dm " + std::to_string(sent.direct_sent().dm_id()) + ").");
  }
  return kOk;
}

}  // namespace hearth::cli
