#include "server/membership_mirror.h"

#include "server/server_context.h"
#include "server/wire_conversions.h"

namespace hearth::server {

void mirror_join(ServerContext& context, Room& room, const storage::MembershipRecord& membership) {
  const bool newly = context.rooms.add_member(room, membership);
  const hearth::v1::UserRef user = user_ref(membership.user_id, membership.handle);
  if (newly) {
    hearth::v1::Event event;
    event.mutable_member_joined()->set_room_id(room.id());
    *event.mutable_member_joined()->mutable_user() = user;
    room.broadcast(event);
  }
  for (const auto& session : context.sessions.of_user(membership.user_id)) room.attach(session, user);
}

void mirror_leave(ServerContext& context, Room& room, const hearth::v1::UserRef& user) {
  context.rooms.remove_member(room, user.user_id());
  hearth::v1::Event event;
  event.mutable_member_left()->set_room_id(room.id());
  *event.mutable_member_left()->mutable_user() = user;
  room.broadcast(event);
}

}  // namespace hearth::server
