// Builders for the moderation ClientFrames (hearth/v1/moderation.proto), beside requests.h.
#pragma once

#include <cstdint>
#include <string>

#include "hearth/v1/frames.pb.h"

namespace hearth::client::requests {

using hearth::v1::ClientFrame;

ClientFrame report_message(std::uint64_t message_id, hearth::v1::ReportReason reason, std::string note = {});
ClientFrame list_queue(std::uint64_t room_id = 0, bool subscribe = false, bool include_resolved = false,
                       std::uint32_t limit = 0);
ClientFrame claim_item(std::uint64_t item_id);
ClientFrame release_item(std::uint64_t item_id);
ClientFrame resolve_item(std::uint64_t item_id, hearth::v1::ModerationAction action, std::string reason = {},
                         std::uint32_t duration_minutes = 0, bool also_remove = false);
ClientFrame list_rules(std::uint64_t room_id);
ClientFrame add_rule(std::uint64_t room_id, std::string pattern, hearth::v1::FilterAction action);
ClientFrame remove_rule(std::uint64_t rule_id, std::string reason = {});
ClientFrame set_room_policy(std::uint64_t room_id, const hearth::v1::RoomPolicy& policy);
// room_id 0 with SANCTION_BAN: the server ban.
ClientFrame lift_sanction(std::uint64_t room_id, std::string handle, hearth::v1::SanctionKind kind,
                          std::string reason = {});
ClientFrame list_audit(std::uint64_t room_id, std::uint64_t before_record_id = 0, std::uint32_t limit = 0);

}  // namespace hearth::client::requests
