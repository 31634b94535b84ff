#include "server/moderation_wire.h"

#include "server/wire_conversions.h"

namespace hearth::server {

hearth::v1::QueueItem to_wire(const storage::ItemRecord& item) {
  hearth::v1::QueueItem out;
  out.set_item_id(item.id);
  out.set_kind(static_cast<hearth::v1::QueueItemKind>(item.review.kind));
  out.set_state(static_cast<hearth::v1::QueueItemState>(item.review.state));
  out.set_room_id(item.room_id);
  *out.mutable_message() = to_wire(item.message);
  out.set_why(item.why);
  out.set_edit_of_message_id(item.edit_of);
  for (const auto& report : item.reports) {
    auto* wire = out.add_reports();
    *wire->mutable_reporter() = user_ref(report.reporter_id, report.reporter_handle);
    wire->set_reason(static_cast<hearth::v1::ReportReason>(report.reason));
    wire->set_note(report.note);
    wire->set_reported_at_ms(report.reported_at_ms);
  }
  if (item.review.claimed_by != 0) {
    *out.mutable_claimed_by() = user_ref(item.review.claimed_by, item.claimed_by_handle);
    out.set_lease_expires_at_ms(item.review.lease_expires_ms);
  }
  out.set_escalated(item.review.escalated);
  if (item.review.state == moderation::ItemState::kResolved) {
    out.set_resolution(static_cast<hearth::v1::ModerationAction>(item.review.resolution));
    *out.mutable_resolved_by() = user_ref(item.review.resolved_by, item.resolved_by_handle);
    out.set_resolution_reason(item.resolution_reason);
    out.set_resolved_at_ms(item.resolved_at_ms);
  }
  out.set_opened_at_ms(item.opened_at_ms);
  return out;
}

hearth::v1::FilterRule to_wire(const storage::FilterRuleRecord& rule) {
  hearth::v1::FilterRule out;
  out.set_rule_id(rule.rule.rule_id);
  out.set_room_id(rule.rule.room_id);
  out.set_pattern(rule.rule.pattern);
  out.set_action(static_cast<hearth::v1::FilterAction>(rule.rule.action));
  *out.mutable_created_by() = user_ref(rule.created_by, rule.created_by_handle);
  out.set_created_at_ms(rule.created_at_ms);
  return out;
}

hearth::v1::AuditRecord to_wire(const moderation::AuditRecord& record) {
  hearth::v1::AuditRecord out;
  out.set_record_id(record.record_id);
  out.set_at_ms(record.at_ms);
  *out.mutable_actor() = user_ref(record.actor_id, record.actor_handle);
  out.set_action(static_cast<hearth::v1::AuditAction>(record.action));
  out.set_room_id(record.room_id);
  if (record.target_id != 0) *out.mutable_target() = user_ref(record.target_id, record.target_handle);
  out.set_message_id(record.message_id);
  out.set_item_id(record.item_id);
  out.set_rule_id(record.rule_id);
  out.set_detail(record.detail);
  return out;
}

hearth::v1::RoomPolicy to_wire(const moderation::RoomPolicy& policy) {
  hearth::v1::RoomPolicy out;
  out.set_premoderate_first_messages(policy.premoderate_first_messages);
  out.set_links_after_member_hours(policy.links_after_member_hours);
  out.set_slow_mode_seconds(policy.slow_mode_seconds);
  return out;
}

std::optional<moderation::WatchAction> from_wire(hearth::v1::FilterAction action) {
  switch (action) {
    case hearth::v1::FILTER_CRISIS: return moderation::WatchAction::kCrisis;
    case hearth::v1::FILTER_BLOCK: return moderation::WatchAction::kBlock;
    case hearth::v1::FILTER_HOLD: return moderation::WatchAction::kHold;
    case hearth::v1::FILTER_FLAG: return moderation::WatchAction::kFlag;
    default: return std::nullopt;
  }
}

std::optional<moderation::Resolution> from_wire(hearth::v1::ModerationAction action) {
  if (action < hearth::v1::ACTION_APPROVE || action > hearth::v1::ACTION_ESCALATE) return std::nullopt;
  return static_cast<moderation::Resolution>(action);
}

}  // namespace hearth::server
