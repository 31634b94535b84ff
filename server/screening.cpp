#include "server/screening.h"

#include <algorithm>
#include <limits>

#include "server/clock.h"
#include "server/log.h"
#include "server/room.h"
#include "server/send_keys.h"
#include "server/server_context.h"
#include "server/validation.h"

namespace hearth::server {

namespace {

std::uint32_t clamp_ms(std::int64_t ms) {
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(ms, 0, std::numeric_limits<std::uint32_t>::max()));
}

void open_item(ServerContext& context, moderation::ItemKind kind, const storage::MessageRecord& message,
               const std::string& why) {
  context.moderation_store.open_item(
      kind, message, why, now_ms(), [&context, kind](storage::Result<storage::ItemRecord> item) {
        if (!item.ok()) {
          // The message is delivered; only its review item is lost. Loud, because a crisis
          // without an alert is the failure that matters most here.
          log::error("moderation.item_not_opened", {{"kind", moderation::to_string(kind)},
                                                    {"status", storage::to_string(item.status())}});
          return;
        }
        context.moderation.open_items.fetch_add(1);
        context.notifier.item_changed(item.value());
        if (kind == moderation::ItemKind::kCrisis) context.notifier.crisis_alert(item.value());
      });
}

// Replies with the refusal the verdict means (ban, mute, slow mode, block) and records a block
// in the audit log. Returns true if it refused.
bool reply_if_refused(ServerContext& context, const Reply& reply, const moderation::ScreenResult& screen,
                      std::uint64_t room_id, std::uint64_t author_id, std::int64_t now_ms) {
  using moderation::ScreenVerdict;
  switch (screen.verdict) {
    case ScreenVerdict::kRefuseBanned:
      reply.error(hearth::v1::FORBIDDEN, screen.to_sender);
      return true;
    case ScreenVerdict::kRefuseMuted:
      reply.error(hearth::v1::FORBIDDEN, screen.to_sender, clamp_ms(screen.retry_after_ms));
      return true;
    case ScreenVerdict::kRefuseSlowMode:
      reply.error(hearth::v1::RATE_LIMITED, screen.to_sender, clamp_ms(screen.retry_after_ms));
      return true;
    case ScreenVerdict::kBlock: {
      moderation::AuditRecord audit;
      audit.at_ms = now_ms;
      audit.action = moderation::AuditAction::kMessageBlocked;
      audit.room_id = room_id;
      audit.target_id = author_id;
      audit.detail = screen.for_coaches;
      context.moderation_store.append_audit(std::move(audit), [](storage::Result<storage::Done>) {});
      reply.error(hearth::v1::BLOCKED_BY_FILTER, screen.to_sender);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

std::optional<moderation::ScreenResult> screen_post(ServerContext& context, const Reply& reply, const Room& room,
                                                    const Identity& identity, const std::string& text,
                                                    std::int64_t now_ms) {
  if (!room.is_member(identity.user_id)) {
    reply.error(hearth::v1::FORBIDDEN, "join this room before writing in it");
    return std::nullopt;
  }
  bool too_large = false;
  if (auto problem = check_message_text(text, context.config.max_message_bytes, too_large); !problem.empty()) {
    reply.error(too_large ? hearth::v1::TOO_LARGE : hearth::v1::INVALID_ARGUMENT, problem);
    return std::nullopt;
  }
  const bool staff = identity.is_admin() || room.is_coach(identity.user_id);
  moderation::ScreenResult screen = moderation::screen_message(
      *context.moderation.watchlist(), room.id(), context.moderation.policy(room.id()),
      context.moderation.poster(room.id(), identity.user_id, staff, room.joined_at(identity.user_id), now_ms), text,
      now_ms);
  if (reply_if_refused(context, reply, screen, room.id(), identity.user_id, now_ms)) return std::nullopt;
  context.moderation.record_posting(room.id(), identity.user_id, now_ms);
  return screen;
}

void hold_for_review(ServerContext& context, const Reply& reply, storage::MessageRecord message,
                     const moderation::ScreenResult& screen, std::optional<storage::SendKeyRecord> key) {
  const auto announce = [&context, reply, to_sender = screen.to_sender](const storage::ItemRecord& item) {
    context.moderation.open_items.fetch_add(1);
    reply.error(hearth::v1::HELD_FOR_REVIEW, to_sender);
    context.notifier.item_changed(item);
  };
  const std::int64_t now = now_ms();
  if (!key) {
    context.moderation_store.hold_message(std::move(message), screen.for_coaches, now,
                                          [reply, announce](storage::Result<storage::ItemRecord> item) {
                                            if (!item.ok()) return reply.storage_error(item.status());
                                            announce(item.value());
                                          });
    return;
  }
  context.moderation_store.hold_message_once(
      std::move(*key), std::move(message), screen.for_coaches, now, now - kSendKeyWindowMs,
      [&context, reply, announce](storage::Result<storage::KeyedWrite<storage::ItemRecord>> held) {
        if (!held.ok()) return reply_keyed_send_error(reply, held.status());
        if (held->repeat) return answer_earlier_send(reply, held->send, context.config.crisis_resources);
        announce(held->written);
      });
}

void follow_up_delivery(ServerContext& context, const storage::MessageRecord& message,
                        const moderation::ScreenResult& screen) {
  if (screen.verdict == moderation::ScreenVerdict::kDeliverAsCrisis) {
    hearth::v1::Event event;
    auto* resources = event.mutable_crisis_resources();
    resources->set_room_id(message.room_id);
    resources->set_message_id(message.id);
    resources->set_text(context.config.crisis_resources);
    context.notifier.notify_user(message.author_id, event);
    open_item(context, moderation::ItemKind::kCrisis, message, screen.for_coaches);
  } else if (screen.verdict == moderation::ScreenVerdict::kDeliverAndFlag) {
    open_item(context, moderation::ItemKind::kFlag, message, screen.for_coaches);
  }
}

}  // namespace hearth::server
