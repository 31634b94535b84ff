// Room messages: send (screen, durable commit, then fan-out), edit, delete, history.
// Storage invokes mutation callbacks in commit order, so a room's events leave in seq order.
#include <chrono>

#include "server/clock.h"
#include "server/handlers.h"
#include "server/screening.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/validation.h"
#include "server/wire_conversions.h"

namespace hearth::server {

namespace {

constexpr std::uint32_t kDefaultHistoryPage = 50;
constexpr std::uint32_t kMaxHistoryPage = 500;

// Edits and deletes name only the message: map storage's answers to what the author should see.
void reply_message_change_error(const Reply& reply, storage::Status status, const char* verb) {
  if (status == storage::Status::kNotFound) {
    return reply.error(hearth::v1::NOT_FOUND, "no such message (or it was already deleted)");
  }
  if (status == storage::Status::kForbidden) {
    return reply.error(hearth::v1::FORBIDDEN, std::string("you can ") + verb + " only your own messages");
  }
  reply.storage_error(status);
}

}  // namespace

void handle_send_message(ServerContext& context, const Reply& reply, const Identity& identity,
                         hearth::v1::SendMessageRequest& request) {
  auto room = context.rooms.find(request.room_id());
  if (!room) return reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(request.room_id()));
  const std::int64_t now = now_ms();
  const auto screen = screen_post(context, reply, *room, identity, request.text(), now);
  if (!screen) return;
  if (screen->verdict == moderation::ScreenVerdict::kHold) {
    storage::MessageRecord held;
    held.room_id = room->id();
    held.author_id = identity.user_id;
    held.author_handle = identity.handle;
    held.text = std::move(*request.mutable_text());
    held.sent_at_ms = now;
    return hold_for_review(context, reply, std::move(held), *screen);
  }

  const auto submitted = std::chrono::steady_clock::now();
  context.store.append_message(
      room->id(), identity.user_id, std::move(*request.mutable_text()), now,
      [&context, reply, room, submitted, screen = *screen, handle = identity.handle](
          storage::Result<storage::MessageRecord> stored) {
        if (!stored.ok()) return reply.storage_error(stored.status());
        context.metrics.commit_latency.observe(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - submitted)
                .count()));
        context.metrics.messages_stored.fetch_add(1, std::memory_order_relaxed);
        storage::MessageRecord& message = stored.value();
        message.author_handle = handle;
        room->set_last_seq(message.seq);
        context.moderation.record_delivered(message.room_id, message.author_id);

        hearth::v1::Response response;
        auto* sent = response.mutable_sent();
        sent->set_room_id(message.room_id);
        sent->set_message_id(message.id);
        sent->set_seq(message.seq);
        sent->set_sent_at_ms(message.sent_at_ms);
        if (screen.verdict == moderation::ScreenVerdict::kDeliverAsCrisis) {
          sent->set_crisis_resources(context.config.crisis_resources);
        }
        reply.send(std::move(response));

        hearth::v1::Event event;
        *event.mutable_message_posted() = to_wire(message);
        room->broadcast(event);
        follow_up_delivery(context, message, screen);
      });
}

void handle_edit_message(ServerContext& context, const Reply& reply, const Identity& identity,
                         hearth::v1::EditMessageRequest& request) {
  // The new text passes the screen of the room the message is in: find which room first.
  context.moderation_store.find_message(
      request.message_id(),
      [&context, reply, identity, text = std::move(*request.mutable_text())](
          storage::Result<storage::MessageRecord> found) mutable {
        if (!found.ok()) return reply_message_change_error(reply, found.status(), "edit");
        if (found->author_id != identity.user_id) return reply_message_change_error(reply, storage::Status::kForbidden, "edit");
        auto room = context.rooms.find(found->room_id);
        if (!room) return reply_message_change_error(reply, storage::Status::kNotFound, "edit");
        const std::int64_t now = now_ms();
        const auto screen = screen_post(context, reply, *room, identity, text, now);
        if (!screen) return;
        if (screen->verdict == moderation::ScreenVerdict::kHold) {
          // The room keeps the old text until a coach approves; the item holds the new one.
          storage::MessageRecord held = std::move(found.value());
          held.text = std::move(text);
          return hold_for_review(context, reply, std::move(held), *screen);
        }
        context.store.edit_message(
            found->id, identity.user_id, std::move(text), now,
            [&context, reply, screen = *screen](storage::Result<storage::MessageRecord> edited) {
              if (!edited.ok()) return reply_message_change_error(reply, edited.status(), "edit");
              reply.ok();
              if (auto room = context.rooms.find(edited->room_id)) room->broadcast(edited_event(edited.value()));
              follow_up_delivery(context, edited.value(), screen);
            });
      });
}

void handle_delete_message(ServerContext& context, const Reply& reply, const Identity& identity,
                           const hearth::v1::DeleteMessageRequest& request) {
  context.store.delete_message(
      request.message_id(), identity.user_id,
      [&context, reply](storage::Result<storage::MessageRecord> deleted) {
        if (!deleted.ok()) return reply_message_change_error(reply, deleted.status(), "delete");
        reply.ok();
        if (auto room = context.rooms.find(deleted->room_id)) {
          hearth::v1::Event event;
          auto* tombstone = event.mutable_message_deleted();
          tombstone->set_room_id(deleted->room_id);
          tombstone->set_message_id(deleted->id);
          tombstone->set_seq(deleted->seq);
          room->broadcast(event);
        }
      });
}

void handle_history(ServerContext& context, const Reply& reply, const Identity& identity,
                    const hearth::v1::HistoryRequest& request) {
  auto room = context.rooms.find(request.room_id());
  if (!room) return reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(request.room_id()));
  if (!identity.is_admin() && !room->is_member(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN, "only members of this room read its history");
  }
  if (request.after_seq() != 0 && request.before_seq() != 0) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "give after_seq or before_seq, not both");
  }
  if (request.limit() > kMaxHistoryPage) {
    return reply.error(hearth::v1::TOO_LARGE, "a history page holds at most 500 messages");
  }
  storage::HistoryQuery query;
  query.room_id = room->id();
  query.after_seq = request.after_seq();
  query.before_seq = request.before_seq();
  query.limit = request.limit() == 0 ? kDefaultHistoryPage : request.limit();
  context.store.history(query, [reply](storage::Result<storage::HistoryPage> page) {
    if (!page.ok()) return reply.storage_error(page.status());
    hearth::v1::Response response;
    auto* history = response.mutable_history();
    for (const auto& message : page->messages) *history->add_messages() = to_wire(message);
    history->set_has_more(page->has_more);
    history->set_last_seq(page->last_seq);
    reply.send(std::move(response));
  });
}

}  // namespace hearth::server
