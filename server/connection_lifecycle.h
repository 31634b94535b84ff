// What happens to the shared state when a connection authenticates and when it goes away.
// Both run on the session's strand.
#pragma once

#include <memory>

#include "server/identity.h"

namespace hearth::server {

class Session;
struct ServerContext;

// Registers `session` as `identity` (per-account cap permitting), attaches it to the rooms of
// the account and marks it authenticated. Returns false, changing nothing, over the cap.
bool admit_authenticated(ServerContext& context, const std::shared_ptr<Session>& session,
                         Identity identity);

// Undoes admit_authenticated for a closing connection (no-op if it never authenticated).
void release_connection(ServerContext& context, Session& session);

}  // namespace hearth::server
