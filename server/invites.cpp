#include "server/invites.h"

#include "server/clock.h"
#include "server/log.h"
#include "server/secrets.h"
#include "server/server_context.h"

namespace hearth::server {

std::int64_t invite_expiry_ms(std::uint32_t valid_hours) {
  const std::uint32_t hours = valid_hours == 0 ? kDefaultInviteHours : valid_hours;
  return now_ms() + std::int64_t{hours} * 3'600'000;
}

void issue_invite(ServerContext& context, const Reply& reply, const storage::InviteRecord& invite) {
  std::string code = new_invite_code();
  context.store.create_invite(
      hash_invite_code(code), invite, now_ms(),
      [reply, code](storage::Result<storage::InviteRecord> created) {
        if (!created.ok()) return reply.storage_error(created.status());
        hearth::v1::Response response;
        response.mutable_invite()->set_code(code);
        response.mutable_invite()->set_expires_at_ms(created->expires_at_ms);
        reply.send(std::move(response));
        log::info("invite.created", {{"by", created->created_by}, {"room", created->room_id},
                                     {"role", static_cast<int>(created->role)}});
      });
}

}  // namespace hearth::server
