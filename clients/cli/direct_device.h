// This profile's device for end-to-end direct messages: registers it on first use, keeps its
// keys, sessions and received messages in the local state file, and does the two things a
// device does — open what arrives, and encrypt what is sent for every device that should get it.
// Every operation takes the state file's lock for its whole length (device_state_file.h).
// Key changes: the identity keys first seen for a person are trusted; any different or new key
// later is shown and blocks sending to them until the user accepts it (safety-number --accept).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/cli/cli_context.h"
#include "clients/cli/device_state.pb.h"
#include "clients/client/connection.h"

namespace hearth::cli {

class DirectDevice {
 public:
  // Opens the logged-in account's device (registering it and publishing keys on first use),
  // attaches `connection` to it and tops up its one-time prekeys. Prints why and returns
  // nullptr (exit code in `exit_code`) on failure.
  static std::unique_ptr<DirectDevice> open(CliContext& cli, client::Connection& connection, int& exit_code);

  std::uint64_t device_id() const { return device_id_; }
  const std::string& handle() const { return handle_; }

  // Fetches, opens, stores and acknowledges everything queued for this device; returns the new
  // messages, oldest first. nullopt (after printing why) if the server refused.
  std::optional<std::vector<hearth::client::StoredMessage>> sync();
  // Opens, stores and acknowledges one pushed message; nullopt if it was seen already.
  std::optional<hearth::client::StoredMessage> receive(const hearth::v1::DirectMessage& message);
  // Encrypts `text` for every device of `peer` and this account's other devices, and sends it.
  // Returns an exit code (printing what went wrong).
  int send(const std::string& peer, const std::string& text);
  // Records a delivery receipt and acknowledges it to the server; true if the message was ours
  // and not marked yet.
  bool mark_delivered(std::uint64_t dm_id);

  // The stored conversation with `peer`, oldest first (at most `limit`, the newest).
  std::vector<hearth::client::StoredMessage> conversation(const std::string& peer, std::size_t limit) const;
  // Everyone with a stored conversation, with their newest message.
  std::vector<hearth::client::StoredMessage> latest_per_peer() const;

  // The safety number of this account and `peer` over the keys accepted for them (refreshing
  // what the server lists first, so changes show). `changed` tells whether keys wait for accept.
  struct SafetyNumber {
    std::string digits;
    bool verified = false;
    std::vector<std::string> changes;  // one line per new or different key
  };
  std::optional<SafetyNumber> safety_number(const std::string& peer);
  // Accepts the changed keys of `peer` (and marks the number verified if `verified`).
  bool accept_keys(const std::string& peer, bool verified);

 private:
  DirectDevice(CliContext& cli, client::Connection& connection, std::filesystem::path path, std::string handle)
      : cli_(cli), connection_(connection), path_(std::move(path)), handle_(std::move(handle)) {}

  struct Locked;  // the lock, the loaded state and the parsed keys of one operation
  std::optional<Locked> lock() const;
  bool save(Locked& locked) const;

  bool register_device(int& exit_code);
  bool attach_and_top_up(int& exit_code);
  // Lists `peer`'s devices and notes their identity keys; false (printed) on refusal.
  bool refresh_devices(Locked& locked, const std::string& peer, std::vector<hearth::v1::DeviceInfo>& devices);
  // One attempt at sending; DEVICES_CHANGED is returned as kRetry.
  int send_once(const std::string& peer, const std::string& text);

  CliContext& cli_;
  client::Connection& connection_;
  std::filesystem::path path_;
  std::string handle_;
  std::uint64_t device_id_ = 0;
};

}  // namespace hearth::cli
