#include "server/request_router.h"

#include "server/handlers.h"
#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

using Body = hearth::v1::ClientFrame::BodyCase;

namespace {

bool is_pre_authentication(Body body) {
  return body == Body::kAuthenticate || body == Body::kRegister || body == Body::kLogin;
}

}  // namespace

void dispatch_request(ServerContext& context, const std::shared_ptr<Session>& session,
                      hearth::v1::ClientFrame&& frame) {
  const Reply reply(session, frame.request_id(), context.metrics);
  const Body body = frame.body_case();
  const Identity* identity = session->identity();

  if (is_pre_authentication(body)) {
    if (identity != nullptr) {
      reply.error(hearth::v1::INVALID_ARGUMENT, "this connection is already authenticated");
      return;
    }
    // One at a time per connection: each may cost a password hash.
    if (session->auth_in_progress) {
      reply.error(hearth::v1::INVALID_ARGUMENT,
                  "an authentication is already in progress on this connection: wait for its answer");
      return;
    }
    session->auth_in_progress = true;
    if (body == Body::kRegister) handle_register(context, reply, *frame.mutable_register_());
    else if (body == Body::kLogin) handle_login(context, reply, *frame.mutable_login());
    else handle_authenticate(context, reply, frame.authenticate());
    return;
  }
  if (identity == nullptr) {
    reply.error(hearth::v1::UNAUTHENTICATED,
                "authenticate first: send authenticate, login or register");
    return;
  }

  switch (body) {
    case Body::kLogout: return handle_logout(context, reply, *identity);
    case Body::kWhoAmI: return handle_who_am_i(context, reply, *identity);
    case Body::kCreateInvite: return handle_create_invite(context, reply, *identity, frame.create_invite());
    case Body::kCreateRoom: return handle_create_room(context, reply, *identity, frame.create_room());
    case Body::kAssignCoach: return handle_assign_coach(context, reply, *identity, frame.assign_coach());
    case Body::kListRooms: return handle_list_rooms(context, reply, *identity);
    case Body::kJoinRoom: return handle_join_room(context, reply, *identity, frame.join_room());
    case Body::kLeaveRoom: return handle_leave_room(context, reply, *identity, frame.leave_room());
    case Body::kCreateRoomInvite:
      return handle_create_room_invite(context, reply, *identity, frame.create_room_invite());
    case Body::kListMembers: return handle_list_members(context, reply, *identity, frame.list_members());
    case Body::kSendMessage: return handle_send_message(context, reply, *identity, *frame.mutable_send_message());
    case Body::kEditMessage: return handle_edit_message(context, reply, *identity, *frame.mutable_edit_message());
    case Body::kDeleteMessage: return handle_delete_message(context, reply, *identity, frame.delete_message());
    case Body::kHistory: return handle_history(context, reply, *identity, frame.history());
    case Body::kReportMessage: return handle_report_message(context, reply, *identity, frame.report_message());
    case Body::kListQueue: return handle_list_queue(context, reply, *identity, frame.list_queue());
    case Body::kClaimItem: return handle_claim_item(context, reply, *identity, frame.claim_item());
    case Body::kReleaseItem: return handle_release_item(context, reply, *identity, frame.release_item());
    case Body::kResolveItem: return handle_resolve_item(context, reply, *identity, frame.resolve_item());
    case Body::kListRules: return handle_list_rules(context, reply, *identity, frame.list_rules());
    case Body::kAddRule: return handle_add_rule(context, reply, *identity, frame.add_rule());
    case Body::kRemoveRule: return handle_remove_rule(context, reply, *identity, frame.remove_rule());
    case Body::kSetRoomPolicy: return handle_set_room_policy(context, reply, *identity, frame.set_room_policy());
    case Body::kListAudit: return handle_list_audit(context, reply, *identity, frame.list_audit());
    case Body::kLiftSanction: return handle_lift_sanction(context, reply, *identity, frame.lift_sanction());
    case Body::kPublishKeys: return handle_publish_keys(context, reply, *identity, frame.publish_keys());
    case Body::kListDevices: return handle_list_devices(context, reply, *identity, frame.list_devices());
    case Body::kRemoveDevice: return handle_remove_device(context, reply, *identity, frame.remove_device());
    case Body::kFetchBundles: return handle_fetch_bundles(context, reply, *identity, frame.fetch_bundles());
    case Body::kSendDirect: return handle_send_direct(context, reply, *identity, *frame.mutable_send_direct());
    case Body::kAttachDevice: return handle_attach_device(context, reply, *identity, frame.attach_device());
    case Body::kFetchDirect: return handle_fetch_direct(context, reply, *identity, frame.fetch_direct());
    case Body::kAckDirect: return handle_ack_direct(context, reply, *identity, frame.ack_direct());
    case Body::kListDirectRequests: return handle_list_direct_requests(context, reply, *identity);
    case Body::kAnswerDirectRequest:
      return handle_answer_direct_request(context, reply, *identity, frame.answer_direct_request());
    case Body::kBlockUser: return handle_block_user(context, reply, *identity, frame.block_user());
    case Body::kListContacts: return handle_list_contacts(context, reply, *identity, frame.list_contacts());
    case Body::kCreateSponsorInvite: return handle_create_sponsor_invite(context, reply, *identity);
    case Body::kAskSponsor: return handle_ask_sponsor(context, reply, *identity, frame.ask_sponsor());
    case Body::kAnswerSponsorship: return handle_answer_sponsorship(context, reply, *identity, frame.answer_sponsorship());
    case Body::kEndSponsorship: return handle_end_sponsorship(context, reply, *identity, frame.end_sponsorship());
    case Body::kListSponsorships: return handle_list_sponsorships(context, reply, *identity);
    default:
      reply.error(hearth::v1::INVALID_ARGUMENT, "unsupported request");
  }
}

}  // namespace hearth::server
