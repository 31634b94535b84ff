#include "clients/client/requests.h"

namespace hearth::client::requests {

ClientFrame register_account(std::string handle, std::string password, std::string invite_code) {
  ClientFrame frame;
  auto* body = frame.mutable_register_();
  body->set_handle(std::move(handle));
  body->set_password(std::move(password));
  body->set_invite_code(std::move(invite_code));
  return frame;
}

ClientFrame login(std::string handle, std::string password, std::string device_name) {
  ClientFrame frame;
  auto* body = frame.mutable_login();
  body->set_handle(std::move(handle));
  body->set_password(std::move(password));
  body->set_device_name(std::move(device_name));
  return frame;
}

ClientFrame authenticate(std::string token) {
  ClientFrame frame;
  frame.mutable_authenticate()->set_token(std::move(token));
  return frame;
}

ClientFrame logout() {
  ClientFrame frame;
  frame.mutable_logout();
  return frame;
}

ClientFrame who_am_i() {
  ClientFrame frame;
  frame.mutable_who_am_i();
  return frame;
}

ClientFrame create_invite(hearth::v1::Role role, std::uint32_t valid_hours) {
  ClientFrame frame;
  frame.mutable_create_invite()->set_role(role);
  frame.mutable_create_invite()->set_valid_hours(valid_hours);
  return frame;
}

ClientFrame create_room(std::string name, std::string topic, bool closed) {
  ClientFrame frame;
  auto* body = frame.mutable_create_room();
  body->set_name(std::move(name));
  body->set_topic(std::move(topic));
  body->set_visibility(closed ? hearth::v1::ROOM_CLOSED : hearth::v1::ROOM_OPEN);
  return frame;
}

ClientFrame assign_coach(std::uint64_t room_id, std::string handle, bool remove) {
  ClientFrame frame;
  auto* body = frame.mutable_assign_coach();
  body->set_room_id(room_id);
  body->set_handle(std::move(handle));
  body->set_remove(remove);
  return frame;
}

ClientFrame list_rooms() {
  ClientFrame frame;
  frame.mutable_list_rooms();
  return frame;
}

ClientFrame join_room(std::uint64_t room_id, std::string invite_code) {
  ClientFrame frame;
  frame.mutable_join_room()->set_room_id(room_id);
  frame.mutable_join_room()->set_invite_code(std::move(invite_code));
  return frame;
}

ClientFrame leave_room(std::uint64_t room_id) {
  ClientFrame frame;
  frame.mutable_leave_room()->set_room_id(room_id);
  return frame;
}

ClientFrame create_room_invite(std::uint64_t room_id, std::uint32_t valid_hours) {
  ClientFrame frame;
  frame.mutable_create_room_invite()->set_room_id(room_id);
  frame.mutable_create_room_invite()->set_valid_hours(valid_hours);
  return frame;
}

ClientFrame list_members(std::uint64_t room_id) {
  ClientFrame frame;
  frame.mutable_list_members()->set_room_id(room_id);
  return frame;
}

ClientFrame send_message(std::uint64_t room_id, std::string text, std::string idempotency_key) {
  ClientFrame frame;
  frame.mutable_send_message()->set_room_id(room_id);
  frame.mutable_send_message()->set_text(std::move(text));
  frame.mutable_send_message()->set_idempotency_key(std::move(idempotency_key));
  return frame;
}

ClientFrame edit_message(std::uint64_t message_id, std::string text) {
  ClientFrame frame;
  frame.mutable_edit_message()->set_message_id(message_id);
  frame.mutable_edit_message()->set_text(std::move(text));
  return frame;
}

ClientFrame delete_message(std::uint64_t message_id) {
  ClientFrame frame;
  frame.mutable_delete_message()->set_message_id(message_id);
  return frame;
}

namespace {
ClientFrame history(std::uint64_t room_id, std::uint64_t after, std::uint64_t before, std::uint32_t limit) {
  ClientFrame frame;
  auto* body = frame.mutable_history();
  body->set_room_id(room_id);
  body->set_after_seq(after);
  body->set_before_seq(before);
  body->set_limit(limit);
  return frame;
}
}  // namespace

ClientFrame history_after(std::uint64_t room_id, std::uint64_t after_seq, std::uint32_t limit) {
  return history(room_id, after_seq, 0, limit);
}

ClientFrame history_before(std::uint64_t room_id, std::uint64_t before_seq, std::uint32_t limit) {
  return history(room_id, 0, before_seq, limit);
}

ClientFrame history_latest(std::uint64_t room_id, std::uint32_t limit) { return history(room_id, 0, 0, limit); }

}  // namespace hearth::client::requests
