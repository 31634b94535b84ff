// Reports and the review queue: report a message, list (and subscribe to) the queue, claim,
// release and resolve items. Storage decides each transition atomically (see
// server/storage/sqlite_review_queue.cpp); what it changes outside storage is
// resolution_effects.h.
#include <algorithm>

#include "server/clock.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/moderation_wire.h"
#include "server/resolution_effects.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/validation.h"

namespace hearth::server {

namespace {

constexpr std::size_t kMaxNoteBytes = 500;
constexpr std::uint32_t kDefaultQueuePage = 50;
constexpr std::uint32_t kMaxQueuePage = 200;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::uint32_t kDefaultMuteMinutes = 60;
constexpr std::uint32_t kMaxSanctionMinutes = 365 * 24 * 60;

bool is_staff_role(const Identity& identity) { return identity.role != storage::Role::kMember; }

// Replies with the state machine's refusal; true if there was one.
bool reply_refusal(const Reply& reply, const moderation::Decision& decision) {
  if (decision.ok()) return false;
  reply.error(decision.refusal == moderation::Decision::Refusal::kForbidden ? hearth::v1::FORBIDDEN
                                                                            : hearth::v1::INVALID_ARGUMENT,
              decision.why);
  return true;
}

void reply_item(const Reply& reply, const storage::ItemRecord& item) {
  hearth::v1::Response response;
  *response.mutable_queue_item()->mutable_item() = to_wire(item);
  reply.send(std::move(response));
}

// Loads the item, works out who the caller is to its room, and hands both to `act`.
template <typename Act>
void with_item(ServerContext& context, const Reply& reply, const Identity& identity, std::uint64_t item_id, Act act) {
  if (!is_staff_role(identity)) {
    return reply.error(hearth::v1::FORBIDDEN, "only coaches and admins handle the review queue");
  }
  context.moderation_store.find_item(
      item_id, [&context, reply, identity, act = std::move(act)](storage::Result<storage::ItemRecord> item) {
        if (item.status() == storage::Status::kNotFound) return reply.error(hearth::v1::NOT_FOUND, "no such queue item");
        if (!item.ok()) return reply.storage_error(item.status());
        auto room = context.rooms.find(item->room_id);
        const moderation::Moderator who{identity.user_id, identity.is_admin(),
                                        room && room->is_coach(identity.user_id)};
        if (!who.admin && !who.coach_of_room) return reply.error(hearth::v1::NOT_FOUND, "no such queue item");
        act(item.value(), who);
      });
}

// What a claim or release answers, and who hears of it.
storage::Callback<storage::ItemTransition> answer_taking(ServerContext& context, const Reply& reply) {
  return [&context, reply](storage::Result<storage::ItemTransition> taken) {
    if (!taken.ok()) return reply.storage_error(taken.status());
    if (reply_refusal(reply, taken->decision)) return;
    reply_item(reply, taken->item);
    context.notifier.item_changed(taken->item);
  };
}

}  // namespace

void handle_report_message(ServerContext& context, const Reply& reply, const Identity& identity,
                           const hearth::v1::ReportMessageRequest& request) {
  if (request.reason() < hearth::v1::REPORT_HARASSMENT || request.reason() > hearth::v1::REPORT_OTHER) {
    return reply.error(hearth::v1::INVALID_ARGUMENT,
                       "give a reason: harassment, crosstalk, breaks anonymity, spam, crisis concern or other");
  }
  if (request.note().size() > kMaxNoteBytes) {
    return reply.error(hearth::v1::TOO_LARGE, "a report's note is at most 500 bytes");
  }
  context.moderation_store.find_message(
      request.message_id(),
      [&context, reply, identity, reason = request.reason(), note = request.note()](
          storage::Result<storage::MessageRecord> message) {
        if (message.status() == storage::Status::kNotFound) {
          return reply.error(hearth::v1::NOT_FOUND, "no such message (or it was already removed)");
        }
        if (!message.ok()) return reply.storage_error(message.status());
        auto room = context.rooms.find(message->room_id);
        if (!room || (!room->is_member(identity.user_id) && !identity.is_admin())) {
          return reply.error(hearth::v1::NOT_FOUND, "no such message (or it was already removed)");
        }
        if (message->author_id == identity.user_id) {
          return reply.error(hearth::v1::INVALID_ARGUMENT, "you cannot report your own message; delete it instead");
        }
        const std::int64_t now = now_ms();
        storage::ReportRecord report{identity.user_id, identity.handle, static_cast<int>(reason), note, now};
        context.moderation_store.report_message(
            message.value(), std::move(report),
            [&context, reply, reporter = identity.user_id, now](storage::Result<storage::ItemRecord> item) {
              if (!item.ok()) return reply.storage_error(item.status());
              const bool opened_now = item->opened_at_ms == now && item->reports.size() == 1 &&
                                      item->reports[0].reporter_id == reporter;
              if (opened_now) context.moderation.open_items.fetch_add(1);
              hearth::v1::Response response;
              response.mutable_report()->set_item_id(item->id);
              reply.send(std::move(response));
              context.notifier.item_changed(item.value());
            });
      });
}

void handle_list_queue(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::ListQueueRequest& request) {
  if (!is_staff_role(identity)) {
    return reply.error(hearth::v1::FORBIDDEN, "only coaches and admins see the review queue");
  }
  if (request.limit() > kMaxQueuePage) return reply.error(hearth::v1::TOO_LARGE, "a queue page holds at most 200 items");
  storage::ItemQuery query;
  query.include_resolved = request.include_resolved();
  query.limit = request.limit() == 0 ? kDefaultQueuePage : request.limit();
  if (request.room_id() != 0) {
    auto room = context.rooms.find(request.room_id());
    if (!room) return reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(request.room_id()));
    if (!identity.is_admin() && !room->is_coach(identity.user_id)) {
      return reply.error(hearth::v1::FORBIDDEN, "you do not coach this room");
    }
    query.room_ids.push_back(room->id());
  } else if (!identity.is_admin()) {
    for (const auto& room : context.rooms.rooms_of(identity.user_id)) {
      if (room->is_coach(identity.user_id)) query.room_ids.push_back(room->id());
    }
  }
  if (request.subscribe()) context.notifier.subscribe(reply.session());
  if (!identity.is_admin() && query.room_ids.empty()) {
    hearth::v1::Response empty;
    empty.mutable_queue();
    return reply.send(std::move(empty));  // a coach of no room yet
  }
  context.moderation_store.list_items(query, [reply](storage::Result<std::vector<storage::ItemRecord>> items) {
    if (!items.ok()) return reply.storage_error(items.status());
    hearth::v1::Response response;
    auto* queue = response.mutable_queue();  // set even when empty: the answer is "no items"
    for (const auto& item : items.value()) *queue->add_items() = to_wire(item);
    reply.send(std::move(response));
  });
}

void handle_claim_item(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::ClaimItemRequest& request) {
  with_item(context, reply, identity, request.item_id(), [&context, reply](const storage::ItemRecord& item, moderation::Moderator who) {
    const std::int64_t lease_ms = std::int64_t{context.config.claim_lease_minutes} * kMinuteMs;
    context.moderation_store.claim_item(item.id, who, now_ms(), lease_ms, answer_taking(context, reply));
  });
}

void handle_release_item(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::ReleaseItemRequest& request) {
  with_item(context, reply, identity, request.item_id(), [&context, reply](const storage::ItemRecord& item, moderation::Moderator who) {
    context.moderation_store.release_item(item.id, who, now_ms(), answer_taking(context, reply));
  });
}

void handle_resolve_item(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::ResolveItemRequest& request) {
  const auto resolution = from_wire(request.action());
  if (!resolution) {
    return reply.error(hearth::v1::INVALID_ARGUMENT,
                       "action must be approve, remove, dismiss, warn, mute, kick, ban_room, ban_server or escalate");
  }
  if (request.reason().size() > kMaxNoteBytes) return reply.error(hearth::v1::TOO_LARGE, "a reason is at most 500 bytes");
  if (request.duration_minutes() > kMaxSanctionMinutes) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "a mute or ban lasts at most a year (or, for bans, 0: for good)");
  }
  storage::ResolveRequest resolve;
  resolve.resolution = *resolution;
  resolve.reason = request.reason();
  resolve.also_remove = request.also_remove();
  std::uint32_t minutes = request.duration_minutes();
  if (*resolution == moderation::Resolution::kMute && minutes == 0) minutes = kDefaultMuteMinutes;
  resolve.duration_ms = std::int64_t{minutes} * kMinuteMs;
  with_item(context, reply, identity, request.item_id(),
            [&context, reply, resolve](const storage::ItemRecord& item, moderation::Moderator who) {
              context.moderation_store.resolve_item(
                  item.id, who, resolve, now_ms(),
                  [&context, reply, resolve](storage::Result<storage::ItemTransition> resolved) {
                    if (!resolved.ok()) return reply.storage_error(resolved.status());
                    if (reply_refusal(reply, resolved->decision)) return;
                    // The effects first: once the coach reads the answer, a banned member's
                    // next join is refused and a kicked one is out of the room.
                    apply_transition_effects(context, resolved.value(), resolve);
                    reply_item(reply, resolved->item);
                  });
            });
}

}  // namespace hearth::server
