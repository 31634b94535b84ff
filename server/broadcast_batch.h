// Gathers the room events that one storage batch produces, so that each online member of a room
// gets them as one queued frame instead of one per event: with 34 messages per commit and 100
// members online that is 100 queue pushes instead of 3,400. Events are still serialized once,
// and a room's events keep their commit order.
// Lives on the storage writer thread, around one batch's completions (storage::BatchScope);
// Room::broadcast finds it through current(). The gathered frames are queued from the writer
// thread itself: handing them to a network thread instead (one posted handler per batch) cost
// a third of the fan-out throughput and gained no latency.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "protocol/frame_codec.h"

namespace hearth::server {

class Room;

class BroadcastBatch {
 public:
  BroadcastBatch();   // becomes this thread's current batch
  ~BroadcastBatch();  // delivers everything held, in order
  BroadcastBatch(const BroadcastBatch&) = delete;
  BroadcastBatch& operator=(const BroadcastBatch&) = delete;

  // The batch open on this thread, or nullptr: events are then delivered at once.
  static BroadcastBatch* current();

  // Holds serialized event `frame` for `room`'s online members.
  void add(const std::shared_ptr<Room>& room, const protocol::SharedFrame& frame);

 private:
  struct Pending {
    std::shared_ptr<Room> room;
    std::string frames;  // serialized frames, concatenated: a valid server batch
    std::size_t events = 0;
  };
  static void deliver(Pending& pending);

  BroadcastBatch* const previous_;
  std::vector<Pending> pending_;
  std::unordered_map<const Room*, std::size_t> index_;  // room -> its entry in pending_
};

}  // namespace hearth::server
