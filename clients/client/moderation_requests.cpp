#include "clients/client/moderation_requests.h"

namespace hearth::client::requests {

ClientFrame report_message(std::uint64_t message_id, hearth::v1::ReportReason reason, std::string note) {
  ClientFrame frame;
  auto* body = frame.mutable_report_message();
  body->set_message_id(message_id);
  body->set_reason(reason);
  body->set_note(std::move(note));
  return frame;
}

ClientFrame list_queue(std::uint64_t room_id, bool subscribe, bool include_resolved, std::uint32_t limit) {
  ClientFrame frame;
  auto* body = frame.mutable_list_queue();
  body->set_room_id(room_id);
  body->set_subscribe(subscribe);
  body->set_include_resolved(include_resolved);
  body->set_limit(limit);
  return frame;
}

ClientFrame claim_item(std::uint64_t item_id) {
  ClientFrame frame;
  frame.mutable_claim_item()->set_item_id(item_id);
  return frame;
}

ClientFrame release_item(std::uint64_t item_id) {
  ClientFrame frame;
  frame.mutable_release_item()->set_item_id(item_id);
  return frame;
}

ClientFrame resolve_item(std::uint64_t item_id, hearth::v1::ModerationAction action, std::string reason,
                         std::uint32_t duration_minutes, bool also_remove) {
  ClientFrame frame;
  auto* body = frame.mutable_resolve_item();
  body->set_item_id(item_id);
  body->set_action(action);
  body->set_reason(std::move(reason));
  body->set_duration_minutes(duration_minutes);
  body->set_also_remove(also_remove);
  return frame;
}

ClientFrame list_rules(std::uint64_t room_id) {
  ClientFrame frame;
  frame.mutable_list_rules()->set_room_id(room_id);
  return frame;
}

ClientFrame add_rule(std::uint64_t room_id, std::string pattern, hearth::v1::FilterAction action) {
  ClientFrame frame;
  auto* body = frame.mutable_add_rule();
  body->set_room_id(room_id);
  body->set_pattern(std::move(pattern));
  body->set_action(action);
  return frame;
}

ClientFrame remove_rule(std::uint64_t rule_id, std::string reason) {
  ClientFrame frame;
  auto* body = frame.mutable_remove_rule();
  body->set_rule_id(rule_id);
  body->set_reason(std::move(reason));
  return frame;
}

ClientFrame set_room_policy(std::uint64_t room_id, const hearth::v1::RoomPolicy& policy) {
  ClientFrame frame;
  auto* body = frame.mutable_set_room_policy();
  body->set_room_id(room_id);
  *body->mutable_policy() = policy;
  return frame;
}

ClientFrame list_audit(std::uint64_t room_id, std::uint64_t before_record_id, std::uint32_t limit) {
  ClientFrame frame;
  auto* body = frame.mutable_list_audit();
  body->set_room_id(room_id);
  body->set_before_record_id(before_record_id);
  body->set_limit(limit);
  return frame;
}

ClientFrame lift_sanction(std::uint64_t room_id, std::string handle, hearth::v1::SanctionKind kind,
                          std::string reason) {
  ClientFrame frame;
  auto* body = frame.mutable_lift_sanction();
  body->set_room_id(room_id);
  body->set_handle(std::move(handle));
  body->set_kind(kind);
  body->set_reason(std::move(reason));
  return frame;
}

}  // namespace hearth::client::requests
