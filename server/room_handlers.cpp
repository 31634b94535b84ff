// Rooms and membership: create, assign coaches, list, join, leave, invite, members.
// Membership changes are committed first, then mirrored into the in-memory registry.
#include "server/clock.h"
#include "server/handlers.h"
#include "server/invites.h"
#include "server/log.h"
#include "server/membership_mirror.h"
#include "server/moderation_wire.h"
#include "server/secrets.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/validation.h"
#include "server/wire_conversions.h"

namespace hearth::server {

namespace {

constexpr std::size_t kMaxTopicBytes = 280;

std::shared_ptr<Room> find_room_or_reply(ServerContext& context, const Reply& reply,
                                         std::uint64_t room_id) {
  auto room = context.rooms.find(room_id);
  if (!room) reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(room_id));
  return room;
}

void reply_room(const ServerContext& context, const Reply& reply, const Room& room, std::uint64_t viewer) {
  hearth::v1::Response response;
  *response.mutable_room()->mutable_room() = room_info(context, room, viewer);
  reply.send(std::move(response));
}


}  // namespace

void handle_create_room(ServerContext& context, const Reply& reply, const Identity& identity,
                        const hearth::v1::CreateRoomRequest& request) {
  if (!identity.is_admin()) return reply.error(hearth::v1::FORBIDDEN, "only admins create rooms");
  if (auto problem = check_room_name(request.name()); !problem.empty()) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, problem);
  }
  if (request.topic().size() > kMaxTopicBytes) {
    return reply.error(hearth::v1::TOO_LARGE, "a topic has at most 280 bytes");
  }
  const bool closed = request.visibility() == hearth::v1::ROOM_CLOSED;
  context.store.create_room(
      request.name(), request.topic(), closed, now_ms(),
      [&context, reply, admin = identity.user_id](storage::Result<storage::RoomRecord> created) {
        if (created.status() == storage::Status::kAlreadyExists) {
          return reply.error(hearth::v1::ALREADY_EXISTS, "a room with that name exists");
        }
        if (!created.ok()) return reply.storage_error(created.status());
        auto room = context.rooms.add_room(created.value(), context.metrics);
        log::info("room.created", {{"room", room->id()}, {"by", admin}});
        reply_room(context, reply, *room, admin);
      });
}

void handle_assign_coach(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::AssignCoachRequest& request) {
  if (!identity.is_admin()) return reply.error(hearth::v1::FORBIDDEN, "only admins assign coaches");
  auto room = find_room_or_reply(context, reply, request.room_id());
  if (!room) return;
  context.store.find_user_by_handle(
      request.handle(), [&context, reply, room, remove = request.remove()](
                            storage::Result<storage::UserRecord> user) {
        if (user.status() == storage::Status::kNotFound) {
          return reply.error(hearth::v1::NOT_FOUND, "no account with that handle");
        }
        if (!user.ok()) return reply.storage_error(user.status());
        if (user->role == storage::Role::kMember) {
          return reply.error(hearth::v1::FORBIDDEN,
                             "only accounts with the coach or admin role can coach a room");
        }
        context.store.add_member(
            room->id(), user->id, !remove, std::string(), now_ms(),
            [&context, reply, room](storage::Result<storage::MembershipRecord> membership) {
              if (!membership.ok()) return reply.storage_error(membership.status());
              mirror_join(context, *room, membership.value());
              log::info("room.coach_assignment", {{"room", room->id()}, {"user", membership->user_id},
                                                  {"coach", membership->coach ? 1 : 0}});
              reply.ok();
            });
      });
}

void handle_list_rooms(ServerContext& context, const Reply& reply, const Identity& identity) {
  hearth::v1::Response response;
  auto* rooms = response.mutable_rooms();
  for (const auto& room : context.rooms.all()) {
    hearth::v1::RoomInfo info = room_info(context, *room, identity.user_id);
    if (info.visibility() == hearth::v1::ROOM_CLOSED && !info.joined() && !identity.is_admin()) continue;
    *rooms->add_rooms() = std::move(info);
  }
  reply.send(std::move(response));
}

void handle_join_room(ServerContext& context, const Reply& reply, const Identity& identity,
                      const hearth::v1::JoinRoomRequest& request) {
  auto room = find_room_or_reply(context, reply, request.room_id());
  if (!room) return;
  if (room->is_member(identity.user_id)) return reply_room(context, reply, *room, identity.user_id);
  if (context.moderation.banned_until(room->id(), identity.user_id, now_ms()) != 0) {
    return reply.error(hearth::v1::FORBIDDEN, "you have been banned from this room");
  }
  const bool needs_invite = room->closed() && !identity.is_admin();
  if (needs_invite && request.invite_code().empty()) {
    return reply.error(hearth::v1::FORBIDDEN, "this room is closed: joining needs a room invite code");
  }
  std::string invite_hash = needs_invite ? hash_invite_code(request.invite_code()) : std::string();
  context.store.add_member(
      room->id(), identity.user_id, false, std::move(invite_hash), now_ms(),
      [&context, reply, room, user_id = identity.user_id](
          storage::Result<storage::MembershipRecord> membership) {
        if (membership.status() == storage::Status::kNotFound) {
          return reply.error(hearth::v1::NOT_FOUND,
                             "that room invite code is unknown, already used, expired or for another room");
        }
        if (!membership.ok()) return reply.storage_error(membership.status());
        mirror_join(context, *room, membership.value());
        log::info("room.joined", {{"room", room->id()}, {"user", user_id}});
        reply_room(context, reply, *room, user_id);
      });
}

void handle_leave_room(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::LeaveRoomRequest& request) {
  auto room = find_room_or_reply(context, reply, request.room_id());
  if (!room) return;
  if (!room->is_member(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN, "you are not a member of this room");
  }
  if (room->is_coach(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN,
                       "you coach this room: an admin ends the assignment first");
  }
  context.store.remove_member(
      room->id(), identity.user_id,
      [&context, reply, room, user = user_ref(identity.user_id, identity.handle)](
          storage::Result<storage::Done> removed) {
        if (!removed.ok()) return reply.storage_error(removed.status());
        mirror_leave(context, *room, user);
        log::info("room.left", {{"room", room->id()}, {"user", user.user_id()}});
        reply.ok();
      });
}

void handle_create_room_invite(ServerContext& context, const Reply& reply, const Identity& identity,
                               const hearth::v1::CreateRoomInviteRequest& request) {
  auto room = find_room_or_reply(context, reply, request.room_id());
  if (!room) return;
  if (!identity.is_admin() && !room->is_coach(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN, "only admins and this room's coaches invite to it");
  }
  if (!room->closed()) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "this room is open: anyone registered can join it");
  }
  if (!invite_hours_valid(request.valid_hours())) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "an invite is valid for at most 720 hours");
  }
  storage::InviteRecord invite;
  invite.role = storage::Role::kMember;
  invite.room_id = room->id();
  invite.created_by = identity.user_id;
  invite.expires_at_ms = invite_expiry_ms(request.valid_hours());
  issue_invite(context, reply, invite);
}

void handle_list_members(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::ListMembersRequest& request) {
  auto room = find_room_or_reply(context, reply, request.room_id());
  if (!room) return;
  if (!identity.is_admin() && !room->is_member(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN, "only members of this room see who is in it");
  }
  hearth::v1::Response response;
  for (auto& member : room->members()) *response.mutable_members()->add_members() = std::move(member);
  reply.send(std::move(response));
}

hearth::v1::RoomInfo room_info(const ServerContext& context, const Room& room, std::uint64_t viewer) {
  hearth::v1::RoomInfo info = room.info(viewer);
  *info.mutable_policy() = to_wire(context.moderation.policy(room.id()));
  return info;
}

}  // namespace hearth::server
