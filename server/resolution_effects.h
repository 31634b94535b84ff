// What a committed queue transition changes outside storage: the room's view (an approved
// message delivered in sequence, a tombstone, a member gone), the in-memory sanctions, the
// author's and reporters' private notices, the live queue, and for a server ban the end of the
// author's connections.
#pragma once

#include "server/storage/moderation_records.h"

namespace hearth::server {

struct ServerContext;

void apply_transition_effects(ServerContext& context, const storage::ItemTransition& transition,
                              const storage::ResolveRequest& request);

}  // namespace hearth::server
