#include "server/resolution_effects.h"

#include "protocol/limits.h"
#include "server/log.h"
#include "server/membership_mirror.h"
#include "server/server_context.h"
#include "server/session.h"
#include "server/wire_conversions.h"

namespace hearth::server {

namespace {

using moderation::Resolution;

hearth::v1::Event notice(hearth::v1::NoticeKind kind, const storage::ItemRecord& item, std::string text,
                         std::int64_t until_ms = 0) {
  hearth::v1::Event event;
  auto* out = event.mutable_moderation_notice();
  out->set_kind(kind);
  out->set_room_id(item.room_id);
  out->set_message_id(item.message.id);
  out->set_text(std::move(text));
  out->set_until_ms(until_ms);
  return event;
}

std::string room_name(ServerContext& context, std::uint64_t room_id) {
  auto room = context.rooms.find(room_id);
  if (!room) return "the room";
  std::string name = "#";  // appended, not "#" + name(): see clients/cli/output.cpp's numbered()
  name += room->name();
  return name;
}

// Reports never vanish silently: every reporter hears how their report ended.
void tell_reporters(ServerContext& context, const storage::ItemRecord& item, Resolution resolution) {
  std::string outcome;
  switch (resolution) {
    case Resolution::kRemove: outcome = "and removed the message"; break;
    case Resolution::kDismiss: outcome = "and took no action"; break;
    case Resolution::kEscalate: return;  // not over yet
    default: outcome = "and acted on it"; break;
  }
  const std::string text = "A coach reviewed your report of a message in " + room_name(context, item.room_id) + " " +
                           outcome + ". Thank you for looking out for the room.";
  for (const auto& report : item.reports) {
    context.notifier.notify_user(report.reporter_id, notice(hearth::v1::NOTICE_REPORT_OUTCOME, item, text));
  }
}

void tell_author(ServerContext& context, const storage::ItemTransition& transition, const storage::ResolveRequest& request) {
  const storage::ItemRecord& item = transition.item;
  const std::uint64_t author = item.message.author_id;
  const std::string where = room_name(context, item.room_id);
  const std::string because = request.reason.empty() ? "" : " Reason: " + request.reason;
  switch (request.resolution) {
    case Resolution::kApprove:
      context.notifier.notify_user(author, notice(hearth::v1::NOTICE_HELD_MESSAGE_APPROVED, item,
                                                  item.edit_of != 0
                                                      ? "A coach approved your edit in " + where + "; the room sees the new text now."
                                                      : "A coach approved your message in " + where + "; the room can see it now."));
      break;
    case Resolution::kWarn:
      context.notifier.notify_user(author, notice(hearth::v1::NOTICE_WARNING, item,
                                                  "A coach in " + where + " sent you a warning: " +
                                                      (request.reason.empty() ? "please mind the room's guidelines." : request.reason)));
      break;
    case Resolution::kMute:
      context.notifier.notify_user(author, notice(hearth::v1::NOTICE_MUTED, item,
                                                  "A coach muted you in " + where + "; you can still read along." + because,
                                                  transition.sanction ? transition.sanction->until_ms : 0));
      break;
    case Resolution::kKick:
      context.notifier.notify_user(author, notice(hearth::v1::NOTICE_KICKED, item,
                                                  "A coach removed you from " + where + "." + because));
      break;
    case Resolution::kBanRoom:
    case Resolution::kBanServer: {
      const std::int64_t until = request.resolution == Resolution::kBanServer ? transition.server_ban_until_ms
                                 : transition.sanction                         ? transition.sanction->until_ms
                                                                               : 0;
      const std::string from = request.resolution == Resolution::kBanServer ? "this server" : where;
      context.notifier.notify_user(author, notice(hearth::v1::NOTICE_BANNED, item, "You have been banned from " + from + "." + because,
                                                  until == moderation::kForever ? 0 : until));
      break;
    }
    default:
      break;
  }
  if (request.resolution == Resolution::kRemove && item.review.kind == moderation::ItemKind::kHeld) {
    context.notifier.notify_user(author, notice(hearth::v1::NOTICE_HELD_MESSAGE_REMOVED, item,
                                                "A coach reviewed your held " + std::string(item.edit_of != 0 ? "edit" : "message") +
                                                    " in " + where +
                                                    " and did not post it." + because));
  }
}

}  // namespace

void apply_transition_effects(ServerContext& context, const storage::ItemTransition& transition,
                              const storage::ResolveRequest& request) {
  const storage::ItemRecord& item = transition.item;
  auto room = context.rooms.find(item.room_id);
  if (transition.delivered && room) {
    room->set_last_seq(transition.delivered->seq);
    context.moderation.record_delivered(item.room_id, transition.delivered->author_id);
    hearth::v1::Event event;
    *event.mutable_message_posted() = to_wire(*transition.delivered);
    room->broadcast(event);
  }
  if (transition.edited && room) room->broadcast(edited_event(*transition.edited));
  if (transition.removed && room) {
    hearth::v1::Event event;
    auto* tombstone = event.mutable_message_deleted();
    tombstone->set_room_id(item.room_id);
    tombstone->set_message_id(transition.removed->id);
    tombstone->set_seq(transition.removed->seq);
    tombstone->set_removed_by_moderator(true);
    room->broadcast(event);
  }
  if (transition.sanction) context.moderation.add_sanction(*transition.sanction);
  if (item.review.state == moderation::ItemState::kResolved) context.moderation.open_items.fetch_sub(1);

  tell_author(context, transition, request);
  if (transition.left_room && room) {
    mirror_leave(context, *room, user_ref(item.message.author_id, item.message.author_handle));
  }
  if (transition.server_ban_until_ms != 0) {
    for (const auto& session : context.sessions.of_user(item.message.author_id)) {
      session->close(protocol::close_code::kBanned, "this account was banned by the moderators");
    }
  }
  if (item.review.state == moderation::ItemState::kResolved && !item.reports.empty()) {
    tell_reporters(context, item, request.resolution);
  }
  context.notifier.item_changed(item);
  log::info("moderation.item_changed", {{"item", item.id},
                                        {"room", item.room_id},
                                        {"state", moderation::to_string(item.review.state)}});
}

}  // namespace hearth::server
