// Room messages: send (screen, durable commit, then fan-out; with an idempotency key, at most
// once per key: send_keys.h), edit, delete, history.
// Storage invokes mutation callbacks in commit order, so a room's events leave in seq order.
#include <chrono>
#include <memory>
#include <optional>

#include "server/clock.h"
#include "server/handlers.h"
#include "server/room.h"
#include "server/screening.h"
#include "server/send_keys.h"
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

// Screens and stores (or holds) a new message, recording `key` with it if given. The answer
// comes after the commit; then the room hears of it and the screen's follow-up runs.
void send_new(ServerContext& context, const Reply& reply, const Identity& identity, const std::shared_ptr<Room>& room,
              std::string text, std::optional<storage::SendKeyRecord> key) {
  const std::int64_t now = now_ms();
  if (key) key->sent_at_ms = key->created_at_ms = now;
  const auto screen = screen_post(context, reply, *room, identity, text, now);
  if (!screen) return;
  if (screen->verdict == moderation::ScreenVerdict::kHold) {
    storage::MessageRecord held;
    held.room_id = room->id();
    held.author_id = identity.user_id;
    held.author_handle = identity.handle;
    held.text = std::move(text);
    held.sent_at_ms = now;
    return hold_for_review(context, reply, std::move(held), *screen, std::move(key));
  }

  const bool crisis = screen->verdict == moderation::ScreenVerdict::kDeliverAsCrisis;
  const auto submitted = std::chrono::steady_clock::now();
  const auto announce = [&context, reply, room, submitted, crisis, screen = *screen, handle = identity.handle](
                            storage::MessageRecord& message) {
    context.metrics.commit_latency.observe(static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - submitted).count()));
    context.metrics.messages_stored.fetch_add(1, std::memory_order_relaxed);
    message.author_handle = handle;
    room->set_last_seq(message.seq);
    context.moderation.record_delivered(message.room_id, message.author_id);
    reply_sent(reply, message, crisis ? context.config.crisis_resources : std::string());

    hearth::v1::Event event;
    *event.mutable_message_posted() = to_wire(message);
    room->broadcast(event);
    follow_up_delivery(context, message, screen);
  };
  if (!key) {
    context.store.append_message(room->id(), identity.user_id, std::move(text), now,
                                 [reply, announce](storage::Result<storage::MessageRecord> stored) {
                                   if (!stored.ok()) return reply.storage_error(stored.status());
                                   announce(stored.value());
                                 });
    return;
  }
  key->outcome = crisis ? storage::SendOutcome::kStoredWithCrisis : storage::SendOutcome::kStored;
  context.store.append_message_once(
      std::move(*key), std::move(text), now - kSendKeyWindowMs,
      [&context, reply, announce](storage::Result<storage::KeyedWrite<storage::MessageRecord>> stored) {
        if (!stored.ok()) return reply_keyed_send_error(reply, stored.status());
        // Another connection of the account won the race with this key: its answer, not a copy.
        if (stored->repeat) return answer_earlier_send(reply, stored->send, context.config.crisis_resources);
        announce(stored->written);
      });
}

}  // namespace

void handle_send_message(ServerContext& context, const Reply& reply, const Identity& identity,
                         hearth::v1::SendMessageRequest& request) {
  // The key's shape first: a malformed one costs nothing but this check.
  std::string& key = *request.mutable_idempotency_key();
  if (!key.empty() && !is_valid_send_key(key)) {
    return reply.error(hearth::v1::INVALID_ARGUMENT,
                       "an idempotency_key is 1 to 64 printable ASCII characters, without spaces");
  }
  auto room = context.rooms.find(request.room_id());
  if (!room) return reply.error(hearth::v1::NOT_FOUND, "no room with id " + std::to_string(request.room_id()));
  if (key.empty()) return send_new(context, reply, identity, room, std::move(*request.mutable_text()), std::nullopt);

  // A repeat is answered to members only: someone removed from the room since learns nothing
  // of what became of the message (and a ban or mute since does not undo what was stored).
  if (!room->is_member(identity.user_id)) {
    return reply.error(hearth::v1::FORBIDDEN, "join this room before writing in it");
  }
  const std::int64_t now = now_ms();
  storage::SendKeyRecord send = new_send_key(identity.user_id, std::move(key), room->id(), request.text(), now);
  // Looked up before the screen, so that a repeat is not screened again: slow mode would refuse
  // the retry of a message that is already stored. The writer checks again (append_message_once).
  context.store.find_earlier_send(
      send, now - kSendKeyWindowMs,
      [&context, reply, identity, room, send, text = std::move(*request.mutable_text())](
          storage::Result<storage::SendKeyRecord> earlier) mutable {
        if (earlier.ok()) return answer_earlier_send(reply, earlier.value(), context.config.crisis_resources);
        if (earlier.status() != storage::Status::kNotFound) return reply_keyed_send_error(reply, earlier.status());
        send_new(context, reply, identity, room, std::move(text), std::move(send));
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
