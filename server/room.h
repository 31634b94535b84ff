// One room in memory: its settings, its members (a mirror of what storage has committed) and
// the connections of its members that are online now, to which it fans events out.
// Thread-safe: one mutex guards everything; events are serialized once, outside the lock, and
// the shared bytes are appended to every online member's queue under it (no per-recipient
// serialization, no per-recipient post).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hearth/v1/events.pb.h"
#include "hearth/v1/types.pb.h"
#include "protocol/frame_codec.h"
#include "server/storage/records.h"

namespace hearth::server {

class Session;
struct Metrics;

class Room : public std::enable_shared_from_this<Room> {
 public:
  Room(storage::RoomRecord record, Metrics& metrics);

  std::uint64_t id() const { return id_; }
  std::string name() const;
  bool closed() const;

  bool is_member(std::uint64_t user_id) const;
  bool is_coach(std::uint64_t user_id) const;
  std::int64_t joined_at(std::uint64_t user_id) const;  // 0 for non-members
  // Mirrors a committed membership change. Returns true if the user was not a member before.
  bool add_member(const storage::MembershipRecord& membership);
  void remove_member(std::uint64_t user_id);
  std::vector<hearth::v1::MemberInfo> members() const;
  hearth::v1::RoomInfo info(std::uint64_t viewer_id) const;

  // Mirrors a committed message's seq (called in commit order).
  void set_last_seq(std::uint64_t seq);

  // Starts/stops delivering this room's events to `session` (of member `user`). The first
  // connection of a user to come and the last to go announce presence to the room.
  void attach(const std::shared_ptr<Session>& session, const hearth::v1::UserRef& user);
  void detach(const Session* session, std::uint64_t user_id);
  // Detaches every connection of `user_id` (they left the room).
  void detach_user(std::uint64_t user_id);

  // Serializes `event` once and queues it to every attached connection, or, inside a storage
  // batch, hands it to the BroadcastBatch (rooms are made with make_shared).
  void broadcast(const hearth::v1::Event& event);
  // Queues already-serialized `frames` (holding `events` events) to every attached connection.
  void deliver(const protocol::SharedFrame& frames, std::size_t events);

 private:
  struct Member {
    std::string handle;
    bool coach = false;
    std::int64_t joined_at_ms = 0;
    std::vector<std::shared_ptr<Session>> connections;  // online connections of this member
  };
  void broadcast_locked(const hearth::v1::Event& event);
  void deliver_locked(const protocol::SharedFrame& bytes, std::size_t events = 1);
  hearth::v1::Event presence_event(std::uint64_t user_id, const std::string& handle, bool online) const;

  const std::uint64_t id_;
  Metrics& metrics_;
  mutable std::mutex mutex_;
  storage::RoomRecord record_;
  std::map<std::uint64_t, Member> members_;
  // Every attached connection, flat, for the fan-out loop.
  std::vector<std::shared_ptr<Session>> online_;
  std::uint32_t online_users_ = 0;
};

}  // namespace hearth::server
