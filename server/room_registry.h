// Every room in memory, by id and by name, and which rooms each account belongs to.
// Loaded once from storage at start; afterwards changed only after storage commits.
// Thread-safe (one mutex for the maps; each Room guards itself).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/room.h"
#include "server/storage/records.h"

namespace hearth::server {

class RoomRegistry {
 public:
  // Replaces the contents with what storage holds. Called once, before serving.
  void load(const std::vector<storage::RoomRecord>& rooms,
            const std::vector<storage::MembershipRecord>& memberships, Metrics& metrics);

  std::shared_ptr<Room> add_room(const storage::RoomRecord& record, Metrics& metrics);
  std::shared_ptr<Room> find(std::uint64_t room_id) const;
  std::vector<std::shared_ptr<Room>> all() const;  // ordered by name
  std::vector<std::shared_ptr<Room>> rooms_of(std::uint64_t user_id) const;

  // Mirror committed membership changes into the room and the per-account index.
  // add_member returns true if the account was not a member before.
  bool add_member(Room& room, const storage::MembershipRecord& membership);
  void remove_member(Room& room, std::uint64_t user_id);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Room>> by_id_;
  std::map<std::string, std::shared_ptr<Room>> by_name_;
  std::unordered_map<std::uint64_t, std::set<std::uint64_t>> rooms_of_user_;
};

}  // namespace hearth::server
