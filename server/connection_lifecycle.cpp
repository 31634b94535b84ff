#include "server/connection_lifecycle.h"

#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

bool admit_authenticated(ServerContext& context, const std::shared_ptr<Session>& session,
                         Identity identity) {
  if (session->closed()) return true;  // gone while the credentials were checked: nothing to admit
  if (!context.sessions.add(session, identity.user_id, identity.token_hash,
                            context.config.max_connections_per_account)) {
    return false;
  }
  hearth::v1::UserRef user;
  user.set_user_id(identity.user_id);
  user.set_handle(identity.handle);
  session->set_identity(std::move(identity));
  context.metrics.connections_authenticated.fetch_add(1, std::memory_order_relaxed);
  for (const auto& room : context.rooms.rooms_of(user.user_id())) room->attach(session, user);
  return true;
}

void release_connection(ServerContext& context, Session& session) {
  context.sessions.untrack(session.id());
  const Identity* identity = session.identity();
  if (identity == nullptr) return;
  context.sessions.remove(&session, identity->user_id, identity->token_hash);
  context.metrics.connections_authenticated.fetch_sub(1, std::memory_order_relaxed);
  for (const auto& room : context.rooms.rooms_of(identity->user_id)) {
    room->detach(&session, identity->user_id);
  }
}

}  // namespace hearth::server
