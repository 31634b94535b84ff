// Lifting a mute or a ban before it ends: the same people who may impose it (the room's coaches
// and admins; admins alone for the server ban), recorded in the audit log, told to the member.
#include "server/clock.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/server_context.h"

namespace hearth::server {

namespace {

constexpr std::size_t kMaxReasonBytes = 500;

hearth::v1::Event lifted_notice(hearth::v1::NoticeKind kind, std::uint64_t room_id, std::string text) {
  hearth::v1::Event event;
  auto* notice = event.mutable_moderation_notice();
  notice->set_kind(kind);
  notice->set_room_id(room_id);
  notice->set_text(std::move(text));
  return event;
}

std::string room_label(const Room* room) {
  if (room == nullptr) return "this server";
  std::string label = "#";  // appended, not "#" + name(): see clients/cli/output.cpp's numbered()
  label += room->name();
  return label;
}

}  // namespace

void handle_lift_sanction(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::LiftSanctionRequest& request) {
  if (request.kind() != hearth::v1::SANCTION_MUTE && request.kind() != hearth::v1::SANCTION_BAN) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "kind must be mute or ban");
  }
  if (request.reason().size() > kMaxReasonBytes) return reply.error(hearth::v1::TOO_LARGE, "a reason is at most 500 bytes");
  const bool mute = request.kind() == hearth::v1::SANCTION_MUTE;
  std::shared_ptr<Room> room;
  if (request.room_id() == 0) {
    if (mute) return reply.error(hearth::v1::INVALID_ARGUMENT, "a mute is in a room: give its room_id");
    if (!identity.is_admin()) return reply.error(hearth::v1::FORBIDDEN, "only admins lift a ban from the server");
  } else {
    room = context.rooms.find(request.room_id());
    if (!room) return reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(request.room_id()));
    if (!identity.is_admin() && !room->is_coach(identity.user_id)) {
      return reply.error(hearth::v1::FORBIDDEN, "only the room's coaches and admins lift a mute or ban");
    }
  }

  storage::LiftRequest lift;
  lift.kind = mute ? storage::SanctionKind::kMute : storage::SanctionKind::kRoomBan;
  lift.room_id = request.room_id();
  lift.handle = request.handle();
  lift.actor_id = identity.user_id;
  lift.reason = request.reason();
  lift.now_ms = now_ms();
  context.moderation_store.lift_sanction(
      lift, [&context, reply, lift, room](storage::Result<storage::LiftedSanction> lifted) {
        if (!lifted.ok()) return reply.storage_error(lifted.status());
        const bool mute = lift.kind == storage::SanctionKind::kMute;
        const std::string where = room_label(room.get());
        using Outcome = storage::LiftedSanction::Outcome;
        if (lifted->outcome == Outcome::kNoSuchMember) {
          return reply.error(hearth::v1::NOT_FOUND, "no member called " + lift.handle);
        }
        if (lifted->outcome == Outcome::kNotInForce) {
          return reply.error(hearth::v1::NOT_FOUND, lifted->handle + " is not " + (mute ? "muted in " : "banned from ") +
                                                        where + " now");
        }
        if (room) context.moderation.lift_sanction(lift.kind, lift.room_id, lifted->user_id);
        log::info("moderation.sanction_lifted", {{"room", lift.room_id}, {"user", lifted->user_id},
                                                 {"by", lift.actor_id}, {"mute", mute ? 1 : 0}});
        reply.ok();
        const std::string because = lift.reason.empty() ? "" : " Reason: " + lift.reason;
        context.notifier.notify_user(
            lifted->user_id,
            mute ? lifted_notice(hearth::v1::NOTICE_MUTE_LIFTED, lift.room_id,
                                 "A coach lifted your mute in " + where + "; you can write again." + because)
                 : lifted_notice(hearth::v1::NOTICE_BAN_LIFTED, lift.room_id,
                                 "Your ban from " + where + " was lifted; you may " +
                                     (room ? "join the room again." : "log in again.") + because));
      });
}

}  // namespace hearth::server
