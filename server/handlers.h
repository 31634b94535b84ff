// Request handlers, one per ClientFrame body. Each runs on the session's strand, validates what
// it can without I/O, and finishes on a storage or hashing thread through its Reply.
// `identity` is the authenticated caller (the router has checked it is set, except for the
// pre-authentication handlers).
#pragma once

#include "hearth/v1/frames.pb.h"
#include "server/identity.h"
#include "server/reply.h"

namespace hearth::server {

class Room;
struct ServerContext;

// A room as `viewer` sees it, its moderation policy included (room_handlers.cpp).
hearth::v1::RoomInfo room_info(const ServerContext& context, const Room& room, std::uint64_t viewer);

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
// moderation_handlers.cpp
void handle_report_message(ServerContext&, const Reply&, const Identity&, const hearth::v1::ReportMessageRequest&);
void handle_list_queue(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListQueueRequest&);
void handle_claim_item(ServerContext&, const Reply&, const Identity&, const hearth::v1::ClaimItemRequest&);
void handle_release_item(ServerContext&, const Reply&, const Identity&, const hearth::v1::ReleaseItemRequest&);
void handle_resolve_item(ServerContext&, const Reply&, const Identity&, const hearth::v1::ResolveItemRequest&);
// moderation_sanction_handlers.cpp
void handle_lift_sanction(ServerContext&, const Reply&, const Identity&, const hearth::v1::LiftSanctionRequest&);
// moderation_rule_handlers.cpp
void handle_list_rules(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListRulesRequest&);
void handle_add_rule(ServerContext&, const Reply&, const Identity&, const hearth::v1::AddRuleRequest&);
void handle_remove_rule(ServerContext&, const Reply&, const Identity&, const hearth::v1::RemoveRuleRequest&);
void handle_set_room_policy(ServerContext&, const Reply&, const Identity&, const hearth::v1::SetRoomPolicyRequest&);
void handle_list_audit(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListAuditRequest&);
// key_directory_handlers.cpp
void handle_publish_keys(ServerContext&, const Reply&, const Identity&, const hearth::v1::PublishKeysRequest&);
void handle_list_devices(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListDevicesRequest&);
void handle_remove_device(ServerContext&, const Reply&, const Identity&, const hearth::v1::RemoveDeviceRequest&);
void handle_fetch_bundles(ServerContext&, const Reply&, const Identity&, const hearth::v1::FetchBundlesRequest&);
// direct_relay_handlers.cpp
void handle_send_direct(ServerContext&, const Reply&, const Identity&, hearth::v1::SendDirectRequest&);
void handle_attach_device(ServerContext&, const Reply&, const Identity&, const hearth::v1::AttachDeviceRequest&);
void handle_fetch_direct(ServerContext&, const Reply&, const Identity&, const hearth::v1::FetchDirectRequest&);
void handle_ack_direct(ServerContext&, const Reply&, const Identity&, const hearth::v1::AckDirectRequest&);
// contact_handlers.cpp
void handle_list_direct_requests(ServerContext&, const Reply&, const Identity&);
void handle_answer_direct_request(ServerContext&, const Reply&, const Identity&,
                                  const hearth::v1::AnswerDirectRequestRequest&);
void handle_block_user(ServerContext&, const Reply&, const Identity&, const hearth::v1::BlockUserRequest&);
void handle_list_contacts(ServerContext&, const Reply&, const Identity&, const hearth::v1::ListContactsRequest&);
// sponsorship_handlers.cpp
void handle_create_sponsor_invite(ServerContext&, const Reply&, const Identity&);
void handle_ask_sponsor(ServerContext&, const Reply&, const Identity&, const hearth::v1::AskSponsorRequest&);
void handle_answer_sponsorship(ServerContext&, const Reply&, const Identity&,
                               const hearth::v1::AnswerSponsorshipRequest&);
void handle_end_sponsorship(ServerContext&, const Reply&, const Identity&, const hearth::v1::EndSponsorshipRequest&);
void handle_list_sponsorships(ServerContext&, const Reply&, const Identity&);

}  // namespace hearth::server
