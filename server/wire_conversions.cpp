#include "server/wire_conversions.h"

namespace hearth::server {

hearth::v1::Role to_wire(storage::Role role) {
  switch (role) {
    case storage::Role::kMember: return hearth::v1::ROLE_MEMBER;
    case storage::Role::kCoach: return hearth::v1::ROLE_COACH;
    case storage::Role::kAdmin: return hearth::v1::ROLE_ADMIN;
  }
  return hearth::v1::ROLE_UNSPECIFIED;
}

hearth::v1::UserInfo to_wire(const storage::UserRecord& user) {
  hearth::v1::UserInfo info;
  info.set_user_id(user.id);
  info.set_handle(user.handle);
  info.set_role(to_wire(user.role));
  info.set_created_at_ms(user.created_at_ms);
  return info;
}

hearth::v1::RoomMessage to_wire(const storage::MessageRecord& message) {
  hearth::v1::RoomMessage out;
  out.set_room_id(message.room_id);
  out.set_seq(message.seq);
  out.set_message_id(message.id);
  out.mutable_author()->set_user_id(message.author_id);
  out.mutable_author()->set_handle(message.author_handle);
  out.set_text(message.text);
  out.set_sent_at_ms(message.sent_at_ms);
  out.set_edited_at_ms(message.edited_at_ms);
  out.set_deleted(message.deleted);
  out.set_removed_by_moderator(message.removed_by_moderator);
  return out;
}

hearth::v1::UserRef user_ref(std::uint64_t user_id, const std::string& handle) {
  hearth::v1::UserRef ref;
  ref.set_user_id(user_id);
  ref.set_handle(handle);
  return ref;
}

hearth::v1::Event edited_event(const storage::MessageRecord& message) {
  hearth::v1::Event event;
  auto* change = event.mutable_message_edited();
  change->set_room_id(message.room_id);
  change->set_message_id(message.id);
  change->set_seq(message.seq);
  change->set_text(message.text);
  change->set_edited_at_ms(message.edited_at_ms);
  return event;
}

}  // namespace hearth::server
