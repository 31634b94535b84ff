// A test-side direct-message device: real keys (hearth_e2e), published to the key directory of
// the account a TestClient is logged in as; sessions opened from fetched bundles; copies
// encrypted for every device the server expects; what arrives decrypted. With it the direct
// message tests read like stories: ann's phone sends, bob's laptop receives.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "clients/client/direct_requests.h"
#include "clients/client/e2e_wire.h"
#include "clients/e2e/e2e.h"
#include "tests/integration/test_users.h"

namespace hearth::testing {

namespace e2e = hearth::e2e;

std::string as_string(std::span<const std::uint8_t> bytes);
e2e::Bytes as_bytes(const std::string& bytes);

// The public parts of `keys` as an upload: a new device (device_id 0, named `name`) or an update
// of `device_id`, with every unused one-time prekey.
hearth::v1::PublishKeysRequest publish_request(const e2e::DeviceKeys& keys, const std::string& name,
                                               std::uint64_t device_id = 0);
// A fetched bundle as the e2e library takes it.
using client::remote_bundle;

// REQUIREs that `response` is an error with `code`; returns it.
hearth::v1::Error expect_error(const hearth::v1::Response& response, hearth::v1::ErrorCode code);

class E2eDevice {
 public:
  // Fresh keys with `prekeys` one-time prekeys, published as a new device of the account
  // `client` is logged in as (`handle`). REQUIREs success.
  E2eDevice(TestClient& client, std::string handle, std::string name = "phone", std::size_t prekeys = 20);

  std::uint64_t id() const { return id_; }
  const std::string& handle() const { return handle_; }
  e2e::DeviceKeys& keys() { return keys_; }
  TestClient& client() { return *client_; }
  // Speaks through another connection from now on (after a reconnect).
  void use(TestClient& client) { client_ = &client; }

  // Attaches this device to its connection (pushes start); REQUIREs success.
  hearth::v1::DeviceAttachedResult attach();

  // One copy of `text` per device of `recipient` and per other device of our own, each
  // encrypted in its session (opened from freshly fetched bundles where there is none).
  std::vector<hearth::v1::DirectCopy> encrypt_for(const std::string& recipient, const std::string& text);
  hearth::v1::Response send_copies(const std::string& recipient, std::vector<hearth::v1::DirectCopy> copies);
  hearth::v1::Response send(const std::string& recipient, const std::string& text);
  // send(), REQUIRing that it was stored.
  hearth::v1::DirectSentResult send_ok(const std::string& recipient, const std::string& text);

  // One page of what is queued for this device; REQUIREs a DirectMessagesResult.
  std::vector<hearth::v1::DirectMessage> fetch(std::uint64_t after_dm_id = 0, std::uint32_t limit = 0);
  // Decrypts a copy meant for this device (a prekey message starts a session); a failure
  // changes nothing.
  e2e::Result<std::string> decrypt(const hearth::v1::DirectMessage& message);
  void ack(const std::vector<std::uint64_t>& dm_ids);
  // Fetches everything queued, REQUIREs each copy to decrypt, acknowledges them all, and returns
  // the texts in dm id order.
  std::vector<std::string> receive_all();
  // Waits for `count` DirectMessage events pushed to this device on its connection.
  std::vector<hearth::v1::DirectMessage> wait_pushed(std::size_t count, std::chrono::milliseconds timeout = 10s);

  // Opens a session from a bundle fetched by the test itself (no fetch of our own).
  void open_session(const hearth::v1::KeyBundle& bundle);
  bool has_session_with(std::uint64_t device_id) const { return sessions_.count(device_id) != 0; }

 private:
  std::vector<std::uint64_t> device_ids(const std::string& handle);
  void open_sessions(const std::string& handle, const std::vector<std::uint64_t>& devices);

  TestClient* client_;
  std::string handle_;
  e2e::DeviceKeys keys_;
  std::uint64_t id_ = 0;
  std::map<std::uint64_t, e2e::Session> sessions_;  // by remote device id
};

// `sponsee` asks `sponsor_handle` (whom they share a room with) to sponsor them and `sponsor`
// accepts: the two are contacts from then on. Returns the sponsorship id.
std::uint64_t sponsor(TestClient& sponsee, TestClient& sponsor, const std::string& sponsor_handle);

// The most common cast of the direct-message tests: ann and bob, members of `community`'s room,
// ann sponsored by bob, each with a phone. Tests take the parts by name:
//   SponsoredPhones phones(community);
//   auto& [ann, bob, ann_phone, bob_phone] = phones;
struct SponsoredPhones {
  explicit SponsoredPhones(Community& community);
  std::unique_ptr<TestClient> ann;
  std::unique_ptr<TestClient> bob;
  E2eDevice ann_phone;
  E2eDevice bob_phone;
};

// The database of a (stopped) server's data directory, read-only: rows in `table`.
std::int64_t count_rows(const std::filesystem::path& data_dir, const std::string& table);

// Every byte of every file under `dir` (the database with its -wal and -shm, and the rest).
std::string read_all_files(const std::filesystem::path& dir);

}  // namespace hearth::testing
