// Records of the end-to-end direct-message side of storage: the key directory, the relay of
// ciphertexts per device, contacts, message requests, blocks and sponsorships.
// The server never holds a private key or a plaintext: every key here is public, and every
// `envelope` is an opaque ciphertext (clients/e2e/README.md) that storage neither parses nor logs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearth::storage {

// One device's published keys. Byte strings are raw (32-byte keys, 64-byte signatures).
struct DeviceRecord {
  std::uint64_t device_id = 0;
  std::uint64_t user_id = 0;
  std::string name;                    // chosen by the user ("laptop"), shown in device lists
  std::string identity_signing_key;    // Ed25519 public key
  std::string identity_dh_key;         // X25519 public key, signed by identity_signing_key
  std::string identity_dh_signature;
  std::uint32_t signed_prekey_id = 0;
  std::string signed_prekey;           // X25519 public key
  std::string signed_prekey_signature;
  std::int64_t created_at_ms = 0;
  std::int64_t signed_prekey_at_ms = 0;  // when the signed prekey was last rotated
  std::uint32_t one_time_prekeys_left = 0;
};

struct OneTimePrekeyRecord {
  std::uint32_t key_id = 0;
  std::string public_key;  // X25519
};

// Uploads a device's keys: a new device (device_id == 0) or an existing one of `user_id`
// (rotating its signed prekey and/or topping up one-time prekeys).
struct PublishKeysRequest {
  std::uint64_t user_id = 0;
  DeviceRecord keys;  // device_id 0: register a new device
  std::vector<OneTimePrekeyRecord> one_time_prekeys;
  std::uint32_t max_devices_per_user = 10;
  std::uint32_t max_one_time_prekeys = 200;  // per device, stored at once
  std::int64_t now_ms = 0;
};

struct PublishKeysResult {
  DeviceRecord device;  // as stored now, one_time_prekeys_left filled
  bool created = false;
};

// What an initiator needs to open a session with one device. Each one-time prekey is handed out
// once: the read that returns it deletes it in the same transaction.
struct DeviceBundle {
  DeviceRecord device;  // one_time_prekeys_left: what is left after this hand-out
  std::optional<OneTimePrekeyRecord> one_time_prekey;  // none when the device's stock is empty
};

// How many one-time prekeys one requester may take from one device: at most `per_requester`
// in any `window_ms` (0: no limit). Past it a bundle carries the signed prekey alone.
struct PrekeyAllowance {
  std::uint32_t per_requester = 3;
  std::int64_t window_ms = 24 * 3600 * 1000;
  std::int64_t now_ms = 0;
};

// The ciphertexts of one direct message: one per recipient device and one per other device of
// the sender (each device has its own session, so each copy is a different ciphertext).
struct DirectCopy {
  std::uint64_t device_id = 0;
  std::string envelope;
};

struct DirectSendRequest {
  std::uint64_t sender_id = 0;
  std::uint64_t sender_device_id = 0;
  std::uint64_t recipient_id = 0;
  std::vector<DirectCopy> copies;
  std::uint32_t max_queued_per_device = 1000;  // per recipient device, delivered and unacknowledged
  std::uint32_t max_request_messages = 20;     // a non-contact's messages waiting as a request
  std::int64_t now_ms = 0;
};

// Why a direct message was or was not accepted, decided inside the send's transaction.
enum class DirectRoute : int {
  kDevicesChanged = 0,  // nothing stored: the copies do not match the devices (expected_devices)
  kDelivered = 1,       // the sender is a contact: queued for every device
  kRequest = 2,         // not a contact but shares a room: the recipient's copies wait as a request
};

// send_direct's value when its status is kOk. (A Result carries no value with an error status,
// so a device mismatch is a kOk value with route kDevicesChanged, and nothing stored.)
struct DirectSendResult {
  std::uint64_t dm_id = 0;
  std::int64_t sent_at_ms = 0;
  DirectRoute route = DirectRoute::kDelivered;
  // kDevicesChanged: the device ids the copies must cover now (the recipient's devices, then the
  // sender's other devices), so the client can fetch the missing bundles and drop the gone.
  std::vector<std::uint64_t> expected_devices;
  // Otherwise: which of the copies were the recipient's (held when route is kRequest), and the
  // copies themselves, handed back once stored so the caller can push them to online devices.
  std::vector<std::uint64_t> recipient_devices;
  std::vector<DirectCopy> copies;
};

// One queued ciphertext for one device.
struct DirectDelivery {
  std::uint64_t dm_id = 0;
  std::uint64_t device_id = 0;        // the device this copy is for
  std::uint64_t sender_id = 0;
  std::string sender_handle;
  std::uint64_t sender_device_id = 0;
  std::uint64_t recipient_id = 0;     // the conversation's other side for the sender's own copies
  std::string recipient_handle;
  std::string envelope;
  std::int64_t sent_at_ms = 0;
};

// A device acknowledged these: they are deleted. A message whose last copy is gone leaves no
// row. `sender_id`/`recipient_id` let the server send a delivery receipt.
struct DirectAck {
  std::uint64_t dm_id = 0;
  std::uint64_t sender_id = 0;
  std::uint64_t recipient_id = 0;
  std::uint64_t device_id = 0;  // the device that acknowledged
};

// A delivery receipt waiting for one device of the sender: the recipient's device `by_device_id`
// acknowledged message `dm_id`. Each of the sender's devices gets one per message (for the
// first recipient device that acknowledges), kept until that device acknowledges the receipt,
// so a sender offline at the time learns of it when it fetches.
struct DirectReceipt {
  std::uint64_t dm_id = 0;
  std::uint64_t recipient_id = 0;
  std::string recipient_handle;
  std::uint64_t by_device_id = 0;
};

// What fetch_direct finds for a device: a page of its queue and its waiting receipts.
struct DirectPage {
  std::vector<DirectDelivery> messages;
  std::vector<DirectReceipt> receipts;
};

// A stranger's messages waiting for the recipient's answer.
struct DirectRequestRecord {
  std::uint64_t from_id = 0;
  std::string from_handle;
  std::uint32_t messages = 0;
  std::int64_t first_at_ms = 0;
  std::int64_t last_at_ms = 0;
};

enum class RequestAnswer : int { kAccept = 1, kDecline = 2, kBlock = 3 };

// Whether `from` may write to `to`, as send_direct would decide it now.
enum class DirectReach : int {
  kUnreachable = 0,  // unknown, blocked (either way), or no contact and no shared room
  kContact = 1,
  kRequest = 2,
};

struct ContactRecord {
  std::uint64_t user_id = 0;
  std::string handle;
  std::int64_t since_ms = 0;
};

enum class SponsorshipState : int { kPending = 1, kActive = 2, kDeclined = 3, kEnded = 4 };

struct SponsorshipRecord {
  std::uint64_t id = 0;
  std::uint64_t sponsor_id = 0;
  std::string sponsor_handle;
  std::uint64_t sponsee_id = 0;
  std::string sponsee_handle;
  SponsorshipState state = SponsorshipState::kPending;
  bool via_invite = false;
  std::int64_t asked_at_ms = 0;
  std::int64_t answered_at_ms = 0;
  std::int64_t ended_at_ms = 0;
  std::uint64_t ended_by = 0;
  // An ask from someone the sponsor blocks, made during the block and not answered (pending or
  // withdrawn): the sponsor neither sees nor hears of it while the block lasts, and the sponsee
  // sees an ordinary ask, so it tells them nothing about the block.
  bool hidden_from_sponsor = false;
};

// What answering a request or blocking changed that the people involved must hear of.
struct ContactChange {
  std::vector<DirectDelivery> released;         // held copies an accept made fetchable
  std::vector<SponsorshipRecord> sponsorships;  // open sponsorships a block closed
};

}  // namespace hearth::storage
