// Writes the seed corpus for client_frame_fuzzer: real frames of the common request kinds, built
// the way the clients build them, plus a few broken ones that start the fuzzer at each kind of
// fault the decoders must refuse.
// Run from the repository root: build/dev/tests/fuzz/make_seed_corpus tests/fuzz/corpus/client_frame
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "clients/client/direct_requests.h"
#include "clients/client/requests.h"
#include "protocol/frame_codec.h"

namespace {

namespace requests = hearth::client::requests;
using Seed = std::pair<std::string, std::string>;  // file name, bytes

hearth::v1::DirectCopy direct_copy(std::uint64_t device_id) {
  hearth::v1::DirectCopy copy;
  copy.set_device_id(device_id);
  copy.set_envelope(std::string(120, static_cast<char>(device_id)));  // opaque to the server
  return copy;
}

hearth::v1::PublishKeysRequest device_upload() {
  hearth::v1::PublishKeysRequest upload;
  upload.set_device_name("laptop");
  upload.set_identity_signing_key(std::string(32, '\x11'));
  upload.set_identity_dh_key(std::string(32, '\x22'));
  upload.set_identity_dh_signature(std::string(64, '\x33'));
  upload.mutable_signed_prekey()->set_id(1);
  upload.mutable_signed_prekey()->set_public_key(std::string(32, '\x44'));
  upload.mutable_signed_prekey()->set_signature(std::string(64, '\x55'));
  for (std::uint32_t id = 1; id <= 3; ++id) {
    auto* prekey = upload.add_one_time_prekeys();
    prekey->set_id(id);
    prekey->set_public_key(std::string(32, static_cast<char>(id)));
  }
  return upload;
}

std::vector<Seed> real_frames() {
  const std::pair<const char*, hearth::v1::ClientFrame> frames[] = {
      {"register", requests::register_account("ann", "a calm and quiet evening", "ABCD-EFGH-JKMN-PQRS")},
      {"login", requests::login("ann", "a calm and quiet evening", "laptop")},
      {"authenticate", requests::authenticate(std::string(32, '\x07'))},
      {"who_am_i", requests::who_am_i()},
      {"create_invite", requests::create_invite(hearth::v1::ROLE_COACH, 48)},
      {"list_rooms", requests::list_rooms()},
      {"create_room", requests::create_room("tuesday-evening", "a weekly circle", true)},
      {"join_room", requests::join_room(3, "ABCD-EFGH-JKMN-PQRS")},
      {"send_message", requests::send_message(3, "hello, circle \xe2\x9d\xa4")},
      {"delete_message", requests::delete_message(12)},
      {"history_after", requests::history_after(3, 41, 100)},
      {"logout", requests::logout()},
      {"send_direct", requests::send_direct("bob", 2, {direct_copy(3), direct_copy(4)})},
      {"fetch_bundles", requests::fetch_bundles("bob")},
      {"ack_direct", requests::ack_direct(2, {17, 18, 19})},
      {"publish_keys", requests::publish_keys(device_upload())},
      {"ask_sponsor_code", requests::ask_sponsor_by_invite("ABCD-EFGH-JKMN-PQRS")},
  };
  std::vector<Seed> seeds;
  std::uint32_t id = 1;
  for (auto [name, frame] : frames) {
    frame.set_request_id(id++);
    seeds.emplace_back(name, hearth::protocol::encode_client_frame(frame));
  }
  return seeds;
}

std::vector<Seed> broken_frames(const std::string& send_message) {
  const std::string id_only("\x08\x05", 2);  // request_id 5 and no body
  std::string groups;                        // 17 unknown groups: one past the nesting limit
  for (int i = 0; i < 17; ++i) groups = "\x9b\x06" + groups + "\x9c\x06";  // field 99 start/end
  return {
      {"empty_body", id_only},
      {"garbage", std::string("\xff\xff\xff\xff\x0f", 5)},
      {"truncated", send_message.substr(0, send_message.size() - 3)},
      {"invalid_utf8", hearth::protocol::encode_client_frame(requests::send_message(3, "bad \xc3\x28"))},
      {"too_deep", id_only + groups},
      {"wrong_wire_type", std::string("\x0a\x01\x01", 3)},  // request_id sent length-delimited
      {"unknown_field", send_message + std::string("\x9a\x06\x03" "abc", 5)},  // field 99, 3 bytes
  };
}

// Two length-prefixed ServerFrames: the fuzzer runs the clients' batch decoder on its input too.
Seed server_batch() {
  hearth::v1::ServerFrame response;
  response.mutable_response()->set_request_id(1);
  response.mutable_response()->mutable_ok();
  hearth::v1::ServerFrame event;
  event.mutable_event()->mutable_message_posted()->set_seq(2);
  event.mutable_event()->mutable_message_posted()->set_text("hi");
  std::string batch;
  hearth::protocol::append_server_frame(response, batch);
  hearth::protocol::append_server_frame(event, batch);
  return {"server_batch", batch};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || !std::filesystem::is_directory(argv[1])) {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIRECTORY (an existing directory)\n";
    return 2;
  }
  hearth::protocol::quiet_protobuf_parse_logs();  // the invalid_utf8 seed is invalid on purpose
  std::vector<Seed> seeds = real_frames();
  const std::string send_message =
      std::find_if(seeds.begin(), seeds.end(), [](const Seed& seed) { return seed.first == "send_message"; })
          ->second;
  for (auto& seed : broken_frames(send_message)) seeds.push_back(std::move(seed));
  seeds.push_back(server_batch());
  for (const auto& [name, bytes] : seeds) {
    std::ofstream(std::filesystem::path(argv[1]) / name, std::ios::binary) << bytes;
  }
  std::cout << "wrote " << seeds.size() << " seeds to " << argv[1] << "\n";
  return 0;
}
