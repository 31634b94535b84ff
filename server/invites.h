// Invite codes: how long they live and how one is issued. Shared by server and room invites.
#pragma once

#include <cstdint>

#include "server/reply.h"
#include "server/storage/records.h"

namespace hearth::server {

// Invites live 72 hours unless asked otherwise: long enough to pass on at a meeting,
// short enough that a lost code soon stops working.
inline constexpr std::uint32_t kDefaultInviteHours = 72;
inline constexpr std::uint32_t kMaxInviteHours = 720;

inline bool invite_hours_valid(std::uint32_t valid_hours) { return valid_hours <= kMaxInviteHours; }

// The expiry, in ms since the epoch, of an invite made now; 0 hours means the default.
std::int64_t invite_expiry_ms(std::uint32_t valid_hours);

struct ServerContext;

// Mints a code for `invite` (its expiry already set), stores its hash and answers `reply` with
// the code: the only time the code exists outside the person's hands.
void issue_invite(ServerContext& context, const Reply& reply, const storage::InviteRecord& invite);

}  // namespace hearth::server
