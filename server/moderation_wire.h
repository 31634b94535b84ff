// Moderation records to hearth.v1 messages and back (see wire_conversions.h for the rest).
#pragma once

#include <optional>

#include "hearth/v1/moderation.pb.h"
#include "hearth/v1/types.pb.h"
#include "moderation/room_policy.h"
#include "server/storage/moderation_records.h"

namespace hearth::server {

hearth::v1::QueueItem to_wire(const storage::ItemRecord& item);
hearth::v1::FilterRule to_wire(const storage::FilterRuleRecord& rule);
hearth::v1::AuditRecord to_wire(const moderation::AuditRecord& record);
hearth::v1::RoomPolicy to_wire(const moderation::RoomPolicy& policy);

// nullopt for UNSPECIFIED and values this server does not know.
std::optional<moderation::WatchAction> from_wire(hearth::v1::FilterAction action);
std::optional<moderation::Resolution> from_wire(hearth::v1::ModerationAction action);

}  // namespace hearth::server
