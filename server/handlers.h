// Request handlers, one per ClientFrame body. Each runs on the session's strand, validates what
// it can without I/O, and finishes on a storage or hashing thread through its Reply.
// `identity` is the authenticated caller (the router has checked it is set, except for the
// pre-authentication handlers).
#pragma once

#include "hearth/v1/frames.pb.h"
#include "server/identity.h"
#include "server/reply.h"

namespace hearth::server {

struct ServerContext;

// auth_handlers.cpp — allowed before authentication
void handle_register(ServerContext&, const Reply&, hearth::v1::RegisterRequest&);
void handle_login(ServerContext&, const Reply&, hearth::v1::LoginRequest&);
void handle_authenticate(ServerContext&, const Reply&, const hearth::v1::AuthenticateRequest&);
// account_handlers.cpp
void handle_logout(ServerContext&, const Reply&, const Identity&);
void handle_who_am_i(ServerContext&, const Reply&, const Identity&);
void handle_create_invite(ServerContext&, const Reply&, const Identity&,
                          const hearth::v1::CreateInviteRequest&);
// room_handlers.cpp
void handle_create_room(ServerContext&, const Reply&, const Identity&, const hearth::v1::CreateRoomRequest&);
void handle_assign_coach(ServerContext&, const Reply&, const Identity&, const hearth::v1::AssignCoachRequest&);
void handle_list_rooms(ServerContext&, const Reply&, const Identity&);
void handle_join_room(ServerContext&, const Reply&, const Identity&, const hearth::v1::JoinRoomRequest&);
void handle_leave_room(ServerContext&, const Reply&, const Identity&, const hearth::v1::LeaveRoomRequest&);
void handle_create_room_invite(ServerContext&, const Reply&, const Identity&,
                               const hearth::v1::CreateRoomInviteRequest&);
void handle_list_members(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListMembersRequest&);
// message_handlers.cpp
void handle_send_message(ServerContext&, const Reply&, const Identity&, hearth::v1::SendMessageRequest&);
void handle_edit_message(ServerContext&, const Reply&, const Identity&, hearth::v1::EditMessageRequest&);
void handle_delete_message(ServerContext&, const Reply&, const Identity&, const hearth::v1::DeleteMessageRequest&);
void handle_history(ServerContext&, const Reply&, const Identity&, const hearth::v1::HistoryRequest&);

}  // namespace hearth::server
