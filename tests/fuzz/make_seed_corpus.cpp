// Writes the seed corpus for client_frame_fuzzer: one real frame of each common request kind.
// Run: make_seed_corpus tests/fuzz/corpus/client_frame
#include <filesystem>
#include <fstream>
#include <iostream>

#include "clients/client/requests.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIRECTORY\n";
    return 2;
  }
  namespace requests = hearth::client::requests;
  const std::pair<const char*, hearth::v1::ClientFrame> seeds[] = {
      {"register", requests::register_account("ann", "a calm and quiet evening", "ABCD-EFGH-JKMN-PQRS")},
      {"login", requests::login("ann", "a calm and quiet evening", "laptop")},
      {"authenticate", requests::authenticate(std::string(32, '\x07'))},
      {"who_am_i", requests::who_am_i()},
      {"list_rooms", requests::list_rooms()},
      {"create_room", requests::create_room("tuesday-evening", "a weekly circle", true)},
      {"join_room", requests::join_room(3, "ABCD-EFGH-JKMN-PQRS")},
      {"list_members", requests::list_members(3)},
      {"send_message", requests::send_message(3, "hello, circle \xe2\x9d\xa4")},
      {"edit_message", requests::edit_message(12, "edited")},
      {"delete_message", requests::delete_message(12)},
      {"history_after", requests::history_after(3, 41, 100)},
      {"history_before", requests::history_before(3, 41, 100)},
      {"logout", requests::logout()},
  };
  std::uint32_t id = 1;
  for (auto [name, frame] : seeds) {
    frame.set_request_id(id++);
    std::ofstream(std::filesystem::path(argv[1]) / name, std::ios::binary) << frame.SerializeAsString();
  }
  std::ofstream(std::filesystem::path(argv[1]) / "garbage", std::ios::binary) << std::string("\xff\xff\xff\xff\x0f", 5);
  std::ofstream(std::filesystem::path(argv[1]) / "empty_body", std::ios::binary) << std::string("\x08\x05", 2);
  return 0;
}
