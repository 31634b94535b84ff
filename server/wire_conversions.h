// Storage records to hearth.v1 messages, in one place so every handler speaks alike.
#pragma once

#include "hearth/v1/events.pb.h"
#include "hearth/v1/types.pb.h"
#include "server/storage/records.h"

namespace hearth::server {

hearth::v1::Role to_wire(storage::Role role);
hearth::v1::UserInfo to_wire(const storage::UserRecord& user);
hearth::v1::RoomMessage to_wire(const storage::MessageRecord& message);
// The message_edited event for a message whose new text is stored (by its author or by a
// coach approving a held edit).
hearth::v1::Event edited_event(const storage::MessageRecord& message);
hearth::v1::UserRef user_ref(std::uint64_t user_id, const std::string& handle);

}  // namespace hearth::server
