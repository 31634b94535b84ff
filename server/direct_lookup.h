// What the direct-message handlers share: naming another account by handle, and the one answer
// every "you cannot write to them" gets.
#pragma once

#include <functional>
#include <string>

#include "server/reply.h"
#include "server/storage/records.h"

namespace hearth::server {

struct ServerContext;

// The same words for an unknown handle, a block and someone out of reach, so an answer never
// tells whether one was blocked.
void reply_no_such_user(const Reply& reply, const std::string& handle);

// Looks `handle` up and calls `next` (on a storage thread) with the account; replies NOT_FOUND
// with `unknown` (empty: reply_no_such_user's words) when there is none, or the storage error.
void with_user(ServerContext& context, const Reply& reply, const std::string& handle,
               std::function<void(storage::UserRecord)> next, std::string unknown = {});

}  // namespace hearth::server
