// The storage side of moderation: filter rules, room policies, held messages, the review
// queue, sanctions and the audit log. Same contract as Store (store.h): asynchronous, callbacks
// on a storage thread, mutations applied in submission order and durable before their callback.
// Every mutation that is a moderation action appends its audit record in the same transaction,
// so the log cannot miss an action that happened, nor record one that did not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage/moderation_records.h"
#include "server/storage/result.h"
#include "server/storage/store.h"

namespace hearth::storage {


class ModerationStore {
 public:
  virtual ~ModerationStore() = default;

  // --- filter rules and room policy ---------------------------------------------------------
  // Every rule in force (including the shipped crisis phrases), oldest first.
  virtual void list_filter_rules(Callback<std::vector<FilterRuleRecord>> done) = 0;
  virtual void add_filter_rule(FilterRuleRecord rule, Callback<FilterRuleRecord> done) = 0;
  // kNotFound if there is no such rule in force.
  virtual void remove_filter_rule(std::uint64_t rule_id, std::uint64_t actor_id, std::string reason,
                                  std::int64_t now_ms, Callback<FilterRuleRecord> done) = 0;
  virtual void set_room_policy(std::uint64_t room_id, moderation::RoomPolicy policy, std::uint64_t actor_id,
                               std::int64_t now_ms, Callback<Done> done) = 0;
  // Every room's policy (rooms without one are left out).
  virtual void list_room_policies(
      Callback<std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>> done) = 0;

  // --- what the screen decided about a message ---------------------------------------------
  // Stores a message that may not be delivered yet and opens its held item. A held edit has
  // `message.id` set to the delivered message it would change and `message.edited_at_ms` to that
  // message's edit time as loaded; approving it changes that message's text (a new message gets
  // the room's next seq instead).
  virtual void hold_message(MessageRecord message, std::string why, std::int64_t now_ms,
                            Callback<ItemRecord> done) = 0;
  // hold_message of a new message sent under an idempotency key, with the same rules as
  // Store::append_message_once (`send` is recorded as held in the same transaction).
  virtual void hold_message_once(SendKeyRecord send, MessageRecord message, std::string why, std::int64_t now_ms,
                                 std::int64_t since_ms, Callback<KeyedWrite<ItemRecord>> done) = 0;
  // Opens a crisis or flag item on a delivered message.
  virtual void open_item(moderation::ItemKind kind, MessageRecord message, std::string why, std::int64_t now_ms,
                         Callback<ItemRecord> done) = 0;
  // Only an audit record (a blocked message leaves nothing else behind).
  virtual void append_audit(moderation::AuditRecord record, Callback<Done> done) = 0;

  // --- reports and the queue -----------------------------------------------------------------
  // kNotFound for an unknown or deleted message.
  virtual void find_message(std::uint64_t message_id, Callback<MessageRecord> done) = 0;
  // Adds a report to the message's unresolved item about its current text, or opens one (a flag
  // item becomes a report item: reports rank higher). A member reporting the same message again
  // updates their report.
  virtual void report_message(MessageRecord message, ReportRecord report, Callback<ItemRecord> done) = 0;
  virtual void find_item(std::uint64_t item_id, Callback<ItemRecord> done) = 0;
  // Most urgent first: unresolved items by kind then age, then (if asked) the newest resolved.
  virtual void list_items(ItemQuery query, Callback<std::vector<ItemRecord>> done) = 0;
  // Apply moderation::claim / release / resolve to the item as stored now, and the resolution's
  // effects (delivering, removing, sanctions) in the same transaction.
  virtual void claim_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms,
                          std::int64_t lease_ms, Callback<ItemTransition> done) = 0;
  virtual void release_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms,
                            Callback<ItemTransition> done) = 0;
  virtual void resolve_item(std::uint64_t item_id, moderation::Moderator who, ResolveRequest request,
                            std::int64_t now_ms, Callback<ItemTransition> done) = 0;

  // --- sanctions, activity, audit -----------------------------------------------------------
  // Mutes and room bans in force at `now_ms` (lifted ones left out).
  virtual void list_sanctions(std::int64_t now_ms, Callback<std::vector<SanctionRecord>> done) = 0;
  // Ends the member's mute or ban in force now, with its audit record, in one transaction. No
  // such member, or nothing in force, changes nothing (and is no error: see the outcome).
  virtual void lift_sanction(LiftRequest request, Callback<LiftedSanction> done) = 0;
  virtual void list_member_activity(Callback<std::vector<MemberActivity>> done) = 0;
  virtual void list_audit(AuditQuery query, Callback<AuditPage> done) = 0;
  virtual void count_open_items(Callback<std::uint64_t> done) = 0;
};

}  // namespace hearth::storage
