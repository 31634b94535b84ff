#include "server/direct_lookup.h"

#include "server/server_context.h"

namespace hearth::server {

void reply_no_such_user(const Reply& reply, const std::string& handle) {
  // The words also name the innocent reading (no device yet), the one a blocked person is
  // meant to draw, and the one that helps everyone else.
  reply.error(hearth::v1::NOT_FOUND,
              "no member called \"" + handle + "\" you can write to (or they have no device for direct messages yet)");
}

void with_user(ServerContext& context, const Reply& reply, const std::string& handle,
               std::function<void(storage::UserRecord)> next, std::string unknown) {
  auto refuse = [reply, handle, unknown] {
    if (unknown.empty()) return reply_no_such_user(reply, handle);
    reply.error(hearth::v1::NOT_FOUND, unknown);
  };
  if (handle.empty() || handle.size() > 64) return refuse();
  context.store.find_user_by_handle(handle, [reply, refuse, next = std::move(next)](
                                                storage::Result<storage::UserRecord> user) {
    if (user.status() == storage::Status::kNotFound) return refuse();
    if (!user.ok()) return reply.storage_error(user.status());
    next(std::move(user.value()));
  });
}

}  // namespace hearth::server
