// Committed membership changes, mirrored into memory: the room registry, the online
// connections attached to the room, and the event the room hears.
#pragma once

#include "hearth/v1/types.pb.h"
#include "server/storage/records.h"

namespace hearth::server {

class Room;
struct ServerContext;

// The account's online connections start receiving the room's events, and the room hears that
// someone joined (if they were not a member already).
void mirror_join(ServerContext& context, Room& room, const storage::MembershipRecord& membership);
// The account's connections stop receiving the room's events, and the room hears they left.
void mirror_leave(ServerContext& context, Room& room, const hearth::v1::UserRef& user);

}  // namespace hearth::server
