// Requests about the caller's own account: logout, whoami, server invites.
#include "server/clock.h"
#include "server/handlers.h"
#include "server/invites.h"
#include "server/log.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/wire_conversions.h"

namespace hearth::server {

void handle_logout(ServerContext& context, const Reply& reply, const Identity& identity) {
  context.store.revoke_token(identity.token_hash, [&context, reply, token_hash = identity.token_hash](
                                                      storage::Result<storage::Done> result) {
    if (!result.ok()) return reply.storage_error(result.status());
    reply.ok();
    // Every socket that authenticated with this token goes, this one after its response.
    for (const auto& session : context.sessions.with_token(token_hash)) {
      session->close(protocol::close_code::kTokenRevoked, "logged out");
    }
  });
}

void handle_who_am_i(ServerContext& context, const Reply& reply, const Identity& identity) {
  context.store.find_user(identity.user_id, [&context, reply](storage::Result<storage::UserRecord> user) {
    if (!user.ok()) return reply.storage_error(user.status());
    hearth::v1::Response response;
    auto* who = response.mutable_who_am_i();
    *who->mutable_user() = to_wire(user.value());
    for (const auto& room : context.rooms.rooms_of(user->id)) who->add_room_ids(room->id());
    reply.send(std::move(response));
  });
}

void handle_create_invite(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::CreateInviteRequest& request) {
  const hearth::v1::Role wanted =
      request.role() == hearth::v1::ROLE_UNSPECIFIED ? hearth::v1::ROLE_MEMBER : request.role();
  if (!hearth::v1::Role_IsValid(wanted)) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "unknown role");
  }
  if (identity.role == storage::Role::kMember) {
    return reply.error(hearth::v1::FORBIDDEN, "only coaches and admins can invite people");
  }
  if (identity.role == storage::Role::kCoach && wanted != hearth::v1::ROLE_MEMBER) {
    return reply.error(hearth::v1::FORBIDDEN, "coaches can invite members only");
  }
  if (!invite_hours_valid(request.valid_hours())) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "an invite is valid for at most 720 hours");
  }
  storage::InviteRecord invite;
  invite.role = static_cast<storage::Role>(wanted);
  invite.created_by = identity.user_id;
  invite.expires_at_ms = invite_expiry_ms(request.valid_hours());
  issue_invite(context, reply, invite);
}

}  // namespace hearth::server
