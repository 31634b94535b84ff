// Filter rules, room policies and the audit log. Admins look after the server's rules and every
// room; a room's coaches after their room. Rule changes take effect for the next message.
#include "moderation/watch_pattern.h"
#include "server/clock.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/moderation_wire.h"
#include "server/server_context.h"

namespace hearth::server {

namespace {

constexpr std::size_t kMaxReasonBytes = 500;
constexpr std::uint32_t kDefaultAuditPage = 50;
constexpr std::uint32_t kMaxAuditPage = 500;

// Whether `identity` looks after the rules and log of `room_id` (0: the server's). Replies and
// returns false if not.
bool may_moderate(ServerContext& context, const Reply& reply, const Identity& identity, std::uint64_t room_id) {
  if (room_id == 0) {
    if (identity.is_admin()) return true;
    reply.error(hearth::v1::FORBIDDEN, "only admins look after the server-wide rules and log; give a room_id");
    return false;
  }
  auto room = context.rooms.find(room_id);
  if (!room) {
    reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(room_id));
    return false;
  }
  if (identity.is_admin() || room->is_coach(identity.user_id)) return true;
  reply.error(hearth::v1::FORBIDDEN, "only this room's coaches and admins look after its moderation");
  return false;
}

}  // namespace

void handle_list_rules(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::ListRulesRequest& request) {
  if (!may_moderate(context, reply, identity, request.room_id())) return;
  hearth::v1::Response response;
  auto* rules = response.mutable_rules();  // set even when empty
  for (const auto& rule : context.moderation.rules_for(request.room_id())) *rules->add_rules() = to_wire(rule);
  reply.send(std::move(response));
}

void handle_add_rule(ServerContext& context, const Reply& reply, const Identity& identity,
                     const hearth::v1::AddRuleRequest& request) {
  if (!may_moderate(context, reply, identity, request.room_id())) return;
  const auto action = from_wire(request.action());
  if (!action) return reply.error(hearth::v1::INVALID_ARGUMENT, "a rule's action is crisis, block, hold or flag");
  std::string problem;
  if (!moderation::WatchPattern::compile(request.pattern(), &problem)) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, problem);
  }
  storage::FilterRuleRecord rule;
  rule.rule.room_id = request.room_id();
  rule.rule.pattern = request.pattern();
  rule.rule.action = *action;
  rule.created_by = identity.user_id;
  rule.created_at_ms = now_ms();
  context.moderation_store.add_filter_rule(
      std::move(rule), [&context, reply, handle = identity.handle](storage::Result<storage::FilterRuleRecord> added) {
        if (!added.ok()) return reply.storage_error(added.status());
        added->created_by_handle = handle;
        context.moderation.add_rule(added.value());
        log::info("moderation.rule_added", {{"rule", added->rule.rule_id}, {"room", added->rule.room_id}});
        hearth::v1::Response response;
        *response.mutable_rule()->mutable_rule() = to_wire(added.value());
        reply.send(std::move(response));
      });
}

void handle_remove_rule(ServerContext& context, const Reply& reply, const Identity& identity,
                        const hearth::v1::RemoveRuleRequest& request) {
  const auto rule = context.moderation.rule(request.rule_id());
  if (!rule) return reply.error(hearth::v1::NOT_FOUND, "no rule with id " + std::to_string(request.rule_id()));
  if (!may_moderate(context, reply, identity, rule->rule.room_id)) return;
  if (request.reason().size() > kMaxReasonBytes) return reply.error(hearth::v1::TOO_LARGE, "a reason is at most 500 bytes");
  context.moderation_store.remove_filter_rule(
      request.rule_id(), identity.user_id, request.reason(), now_ms(),
      [&context, reply](storage::Result<storage::FilterRuleRecord> removed) {
        if (removed.status() == storage::Status::kNotFound) return reply.error(hearth::v1::NOT_FOUND, "that rule was already removed");
        if (!removed.ok()) return reply.storage_error(removed.status());
        context.moderation.remove_rule(removed->rule.rule_id);
        log::info("moderation.rule_removed", {{"rule", removed->rule.rule_id}, {"room", removed->rule.room_id}});
        reply.ok();
      });
}

void handle_set_room_policy(ServerContext& context, const Reply& reply, const Identity& identity,
                            const hearth::v1::SetRoomPolicyRequest& request) {
  if (request.room_id() == 0) return reply.error(hearth::v1::INVALID_ARGUMENT, "give the room_id whose policy to set");
  if (!may_moderate(context, reply, identity, request.room_id())) return;
  moderation::RoomPolicy policy;
  policy.premoderate_first_messages = request.policy().premoderate_first_messages();
  policy.links_after_member_hours = request.policy().links_after_member_hours();
  policy.slow_mode_seconds = request.policy().slow_mode_seconds();
  if (policy.premoderate_first_messages > moderation::RoomPolicy::kMaxPremoderated ||
      policy.links_after_member_hours > moderation::RoomPolicy::kMaxLinkHours ||
      policy.slow_mode_seconds > moderation::RoomPolicy::kMaxSlowModeSeconds) {
    return reply.error(hearth::v1::INVALID_ARGUMENT,
                       "at most 100 pre-moderated messages, 2160 hours for links and 3600 seconds of slow mode");
  }
  context.moderation_store.set_room_policy(
      request.room_id(), policy, identity.user_id, now_ms(),
      [&context, reply, policy, room_id = request.room_id(), viewer = identity.user_id](storage::Result<storage::Done> done) {
        if (!done.ok()) return reply.storage_error(done.status());
        context.moderation.set_policy(room_id, policy);
        hearth::v1::Response response;
        if (auto room = context.rooms.find(room_id)) *response.mutable_room()->mutable_room() = room_info(context, *room, viewer);
        reply.send(std::move(response));
      });
}

void handle_list_audit(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::ListAuditRequest& request) {
  if (!may_moderate(context, reply, identity, request.room_id())) return;
  if (request.limit() > kMaxAuditPage) return reply.error(hearth::v1::TOO_LARGE, "an audit page holds at most 500 records");
  storage::AuditQuery query;
  query.room_id = request.room_id();
  query.before_record_id = request.before_record_id();
  query.limit = request.limit() == 0 ? kDefaultAuditPage : request.limit();
  context.moderation_store.list_audit(query, [reply](storage::Result<storage::AuditPage> page) {
    if (!page.ok()) return reply.storage_error(page.status());
    hearth::v1::Response response;
    auto* audit = response.mutable_audit();
    for (const auto& record : page->records) *audit->add_records() = to_wire(record);
    audit->set_has_more(page->has_more);
    reply.send(std::move(response));
  });
}

}  // namespace hearth::server
