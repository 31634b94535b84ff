// Who hears about moderation, and how: live queue events for the coaches and admins who
// subscribed, crisis alerts for every online coach of the room and every online admin, and
// private notices (warnings, mutes, report outcomes, crisis resources) for one member's
// connections. Thread-safe (one mutex for the subscriber list).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "hearth/v1/events.pb.h"
#include "server/storage/moderation_records.h"

namespace hearth::server {

class Session;
struct ServerContext;

class ModerationNotifier {
 public:
  explicit ModerationNotifier(ServerContext& context) : context_(context) {}

  // `session` (a coach or admin) gets QueueItemChanged events from now until it closes.
  void subscribe(const std::shared_ptr<Session>& session);

  // To every subscriber who may see the item.
  void item_changed(const storage::ItemRecord& item);
  // To every online coach of the item's room and every online admin, subscribed or not.
  void crisis_alert(const storage::ItemRecord& item);
  // To every connection of `user_id`.
  void notify_user(std::uint64_t user_id, const hearth::v1::Event& event);

 private:
  // Whether the account behind `session` may see items of `room_id` now.
  bool may_see(const Session& session, std::uint64_t room_id) const;

  ServerContext& context_;
  std::mutex mutex_;
  std::vector<std::weak_ptr<Session>> subscribers_;
};

}  // namespace hearth::server
