#include "server/moderation_notifier.h"

#include "protocol/frame_codec.h"
#include "server/moderation_wire.h"
#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

namespace {

protocol::SharedFrame event_frame(const hearth::v1::Event& event) {
  hearth::v1::ServerFrame frame;
  *frame.mutable_event() = event;
  return protocol::make_shared_frame(frame);
}

}  // namespace

void ModerationNotifier::subscribe(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const std::weak_ptr<Session>& weak) {
    auto held = weak.lock();
    return !held || held->closed() || held == session;
  });
  subscribers_.push_back(session);
}

bool ModerationNotifier::may_see(const Session& session, std::uint64_t room_id) const {
  // The identity is set once, before authenticated() turns true (release/acquire).
  if (!session.authenticated()) return false;
  const Identity* identity = session.identity();
  if (identity == nullptr) return false;
  if (identity->is_admin()) return true;
  auto room = context_.rooms.find(room_id);
  return room && room->is_coach(identity->user_id);
}

void ModerationNotifier::item_changed(const storage::ItemRecord& item) {
  hearth::v1::Event event;
  *event.mutable_queue_item_changed()->mutable_item() = to_wire(item);
  const protocol::SharedFrame frame = event_frame(event);
  std::vector<std::shared_ptr<Session>> recipients;
  {
    std::lock_guard lock(mutex_);
    for (const auto& weak : subscribers_) {
      if (auto session = weak.lock(); session && !session->closed()) recipients.push_back(std::move(session));
    }
  }
  for (const auto& session : recipients) {
    if (may_see(*session, item.room_id)) session->send(frame);
  }
}

void ModerationNotifier::crisis_alert(const storage::ItemRecord& item) {
  hearth::v1::Event event;
  *event.mutable_crisis_alert()->mutable_item() = to_wire(item);
  const protocol::SharedFrame frame = event_frame(event);
  // Admins anywhere and the room's coaches, whichever rooms they are looking at.
  for (const auto& session : context_.sessions.every_connection()) {
    if (session->authenticated() && !session->closed() && may_see(*session, item.room_id)) session->send(frame);
  }
}

void ModerationNotifier::notify_user(std::uint64_t user_id, const hearth::v1::Event& event) {
  const protocol::SharedFrame frame = event_frame(event);
  for (const auto& session : context_.sessions.of_user(user_id)) session->send(frame);
}

}  // namespace hearth::server
