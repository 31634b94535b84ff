#include "tests/integration/e2e_test_device.h"

#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

namespace hearth::testing {

namespace v1 = hearth::v1;

std::string as_string(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

e2e::Bytes as_bytes(const std::string& bytes) {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()),
          reinterpret_cast<const std::uint8_t*>(bytes.data()) + bytes.size()};
}

v1::PublishKeysRequest publish_request(const e2e::DeviceKeys& keys, const std::string& name, std::uint64_t device_id) {
  return client::key_upload(keys, device_id, name, true);
}

v1::Error expect_error(const v1::Response& response, v1::ErrorCode code) {
  INFO(response.ShortDebugString());
  REQUIRE(response.has_error());
  REQUIRE(response.error().code() == code);
  return response.error();
}

E2eDevice::E2eDevice(TestClient& client, std::string handle, std::string name, std::size_t prekeys)
    : client_(&client), handle_(std::move(handle)), keys_(e2e::DeviceKeys::generate(prekeys)) {
  const auto published = client_->call(requests::publish_keys(publish_request(keys_, name)));
  INFO(published.ShortDebugString());
  REQUIRE(published.has_device());
  REQUIRE(published.device().created());
  REQUIRE(published.device().device().one_time_prekeys_left() == prekeys);
  id_ = published.device().device().device_id();
  REQUIRE(id_ != 0);
}

v1::DeviceAttachedResult E2eDevice::attach() {
  const auto attached = client_->call(requests::attach_device(id_));
  INFO(attached.ShortDebugString());
  REQUIRE(attached.has_device_attached());
  return attached.device_attached();
}

std::vector<std::uint64_t> E2eDevice::device_ids(const std::string& handle) {
  const auto listed = client_->call(requests::list_devices(handle));
  INFO(listed.ShortDebugString());
  REQUIRE(listed.has_devices());
  std::vector<std::uint64_t> ids;
  for (const auto& device : listed.devices().devices()) {
    if (device.device_id() != id_) ids.push_back(device.device_id());
  }
  return ids;
}

void E2eDevice::open_session(const v1::KeyBundle& bundle) {
  auto session = e2e::Session::initiate(keys_, remote_bundle(bundle));
  INFO(e2e::to_string(session.ok() ? e2e::E2eError::kInvalidSize : session.error()));
  REQUIRE(session.ok());
  sessions_.insert_or_assign(bundle.device().device_id(), std::move(session.value()));
}

void E2eDevice::open_sessions(const std::string& handle, const std::vector<std::uint64_t>& devices) {
  if (std::all_of(devices.begin(), devices.end(), [&](std::uint64_t id) { return has_session_with(id); })) return;
  const auto fetched = client_->call(requests::fetch_bundles(handle));
  INFO(fetched.ShortDebugString());
  REQUIRE(fetched.has_bundles());
  for (const auto& bundle : fetched.bundles().bundles()) {
    const std::uint64_t device = bundle.device().device_id();
    if (device != id_ && !has_session_with(device)) open_session(bundle);
  }
}

std::vector<v1::DirectCopy> E2eDevice::encrypt_for(const std::string& recipient, const std::string& text) {
  const auto theirs = device_ids(recipient);
  const auto mine = device_ids(handle_);
  open_sessions(recipient, theirs);
  open_sessions(handle_, mine);
  std::vector<v1::DirectCopy> copies;
  for (const auto& ids : {theirs, mine}) {
    for (std::uint64_t device : ids) {
      auto session = sessions_.find(device);
      REQUIRE(session != sessions_.end());
      auto envelope = session->second.encrypt(as_bytes(text));
      REQUIRE(envelope.ok());
      v1::DirectCopy copy;
      copy.set_device_id(device);
      copy.set_envelope(as_string(envelope.value()));
      copies.push_back(std::move(copy));
    }
  }
  return copies;
}

v1::Response E2eDevice::send_copies(const std::string& recipient, std::vector<v1::DirectCopy> copies) {
  return client_->call(requests::send_direct(recipient, id_, std::move(copies)));
}

v1::Response E2eDevice::send(const std::string& recipient, const std::string& text) {
  return send_copies(recipient, encrypt_for(recipient, text));
}

v1::DirectSentResult E2eDevice::send_ok(const std::string& recipient, const std::string& text) {
  const auto sent = send(recipient, text);
  INFO(sent.ShortDebugString());
  REQUIRE(sent.has_direct_sent());
  REQUIRE(sent.direct_sent().dm_id() != 0);
  return sent.direct_sent();
}

std::vector<v1::DirectMessage> E2eDevice::fetch(std::uint64_t after_dm_id, std::uint32_t limit) {
  const auto fetched = client_->call(requests::fetch_direct(id_, after_dm_id, limit));
  INFO(fetched.ShortDebugString());
  REQUIRE(fetched.has_direct_messages());
  return {fetched.direct_messages().messages().begin(), fetched.direct_messages().messages().end()};
}

e2e::Result<std::string> E2eDevice::decrypt(const v1::DirectMessage& message) {
  const auto envelope = as_bytes(message.envelope());
  auto session = sessions_.find(message.sender_device_id());
  if (session != sessions_.end()) {
    // Decrypt on a copy: the stored session changes only when this succeeds.
    e2e::Session trial = session->second;
    auto plain = trial.decrypt(envelope);
    if (plain.ok()) {
      session->second = std::move(trial);
      return as_string(plain.value());
    }
    if (plain.error() != e2e::E2eError::kSessionMismatch) return plain.error();
  }
  // No session yet, or the sender started a new one: a prekey message opens it.
  auto accepted = e2e::Session::accept(keys_, envelope);
  if (!accepted.ok()) return accepted.error();
  sessions_.insert_or_assign(message.sender_device_id(), std::move(accepted->session));
  return as_string(accepted->plaintext);
}

void E2eDevice::ack(const std::vector<std::uint64_t>& dm_ids) {
  const auto acked = client_->call(requests::ack_direct(id_, dm_ids));
  INFO(acked.ShortDebugString());
  REQUIRE(acked.has_ok());
}

std::vector<std::string> E2eDevice::receive_all() {
  std::vector<std::string> texts;
  std::vector<std::uint64_t> ids;
  std::uint64_t after = 0;
  for (;;) {
    const auto page = fetch(after);
    if (page.empty()) break;
    for (const auto& message : page) {
      REQUIRE(message.device_id() == id_);
      REQUIRE(message.dm_id() > after);
      after = message.dm_id();
      auto text = decrypt(message);
      INFO(e2e::to_string(text.ok() ? e2e::E2eError::kInvalidSize : text.error()));
      REQUIRE(text.ok());
      texts.push_back(text.value());
      ids.push_back(message.dm_id());
    }
  }
  if (!ids.empty()) ack(ids);
  return texts;
}

std::vector<v1::DirectMessage> E2eDevice::wait_pushed(std::size_t count, std::chrono::milliseconds timeout) {
  std::vector<v1::DirectMessage> pushed;
  const bool arrived = eventually(
      [&] {
        pushed.clear();
        for (const auto& event : client_->events()) {
          if (event.has_direct_message() && event.direct_message().device_id() == id_) {
            pushed.push_back(event.direct_message());
          }
        }
        return pushed.size() >= count;
      },
      timeout);
  INFO("pushed " << pushed.size() << " of " << count);
  REQUIRE(arrived);
  return pushed;
}

namespace {

// `sponsee` once `sponsor` sponsors them: lets the sponsorship come before the phones in
// SponsoredPhones' member initializers.
TestClient& sponsored(TestClient& sponsee, TestClient& sponsor, const std::string& sponsor_handle) {
  hearth::testing::sponsor(sponsee, sponsor, sponsor_handle);
  return sponsee;
}

}  // namespace

SponsoredPhones::SponsoredPhones(Community& community)
    : ann(community.member("ann")),
      bob(community.member("bob")),
      ann_phone(sponsored(*ann, *bob, "bob"), "ann"),
      bob_phone(*bob, "bob") {}

std::uint64_t sponsor(TestClient& sponsee, TestClient& sponsor, const std::string& sponsor_handle) {
  const auto asked = sponsee.call(requests::ask_sponsor(sponsor_handle));
  INFO(asked.ShortDebugString());
  REQUIRE(asked.has_sponsorship());
  const std::uint64_t id = asked.sponsorship().sponsorship().sponsorship_id();
  const auto accepted = sponsor.call(requests::answer_sponsorship(id, true));
  INFO(accepted.ShortDebugString());
  REQUIRE(accepted.has_sponsorship());
  REQUIRE(accepted.sponsorship().sponsorship().state() == v1::SPONSORSHIP_ACTIVE);
  return id;
}

std::int64_t count_rows(const std::filesystem::path& data_dir, const std::string& table) {
  const std::string uri = "file:" + (data_dir / "hearth.db").string() + "?mode=ro";
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  INFO(uri << ": " << (db ? sqlite3_errmsg(db) : "no memory"));
  if (opened != SQLITE_OK) sqlite3_close(db);
  REQUIRE(opened == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const std::string sql = "SELECT count(*) FROM " + table;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  std::int64_t count = -1;
  if (prepared == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  REQUIRE(count >= 0);
  return count;
}

std::string read_all_files(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

}  // namespace hearth::testing
