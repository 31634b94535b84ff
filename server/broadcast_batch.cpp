#include "server/broadcast_batch.h"

#include "server/room.h"

namespace hearth::server {

namespace {

thread_local BroadcastBatch* t_current = nullptr;

// A room's gathered frames are delivered early once they pass this: one frame must stay far
// below a connection's outbound cap (4 MiB by default), or a batch of large messages would cut
// every member off as a slow consumer.
constexpr std::size_t kMaxGatheredBytes = 64 * 1024;

}  // namespace

BroadcastBatch::BroadcastBatch() : previous_(t_current) { t_current = this; }

BroadcastBatch::~BroadcastBatch() {
  t_current = previous_;
  for (Pending& pending : pending_) deliver(pending);
}

BroadcastBatch* BroadcastBatch::current() { return t_current; }

void BroadcastBatch::add(const std::shared_ptr<Room>& room, const protocol::SharedFrame& frame) {
  auto [it, fresh] = index_.try_emplace(room.get(), pending_.size());
  if (fresh) pending_.push_back(Pending{room, {}, 0});
  Pending& pending = pending_[it->second];
  if (!pending.frames.empty() && pending.frames.size() + frame->size() > kMaxGatheredBytes) deliver(pending);
  pending.frames.append(*frame);
  ++pending.events;
}

void BroadcastBatch::deliver(Pending& pending) {
  if (pending.events == 0) return;
  pending.room->deliver(std::make_shared<const std::string>(std::move(pending.frames)), pending.events);
  pending.frames = {};
  pending.events = 0;
}

}  // namespace hearth::server
