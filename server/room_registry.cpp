#include "server/room_registry.h"

namespace hearth::server {

void RoomRegistry::load(const std::vector<storage::RoomRecord>& rooms,
                        const std::vector<storage::MembershipRecord>& memberships,
                        Metrics& metrics) {
  for (const auto& record : rooms) add_room(record, metrics);
  for (const auto& membership : memberships) {
    if (auto room = find(membership.room_id)) add_member(*room, membership);
  }
}

std::shared_ptr<Room> RoomRegistry::add_room(const storage::RoomRecord& record, Metrics& metrics) {
  auto room = std::make_shared<Room>(record, metrics);
  std::lock_guard lock(mutex_);
  by_id_[record.id] = room;
  by_name_[record.name] = room;
  return room;
}

std::shared_ptr<Room> RoomRegistry::find(std::uint64_t room_id) const {
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(room_id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Room>> RoomRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Room>> out;
  out.reserve(by_name_.size());
  for (const auto& [name, room] : by_name_) out.push_back(room);
  return out;
}

std::vector<std::shared_ptr<Room>> RoomRegistry::rooms_of(std::uint64_t user_id) const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Room>> out;
  auto it = rooms_of_user_.find(user_id);
  if (it == rooms_of_user_.end()) return out;
  for (std::uint64_t room_id : it->second) {
    if (auto room = by_id_.find(room_id); room != by_id_.end()) out.push_back(room->second);
  }
  return out;
}

bool RoomRegistry::add_member(Room& room, const storage::MembershipRecord& membership) {
  {
    std::lock_guard lock(mutex_);
    rooms_of_user_[membership.user_id].insert(room.id());
  }
  return room.add_member(membership);
}

void RoomRegistry::remove_member(Room& room, std::uint64_t user_id) {
  room.detach_user(user_id);
  room.remove_member(user_id);
  std::lock_guard lock(mutex_);
  if (auto it = rooms_of_user_.find(user_id); it != rooms_of_user_.end()) {
    it->second.erase(room.id());
    if (it->second.empty()) rooms_of_user_.erase(it);
  }
}

}  // namespace hearth::server
