#include "clients/cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <ctime>
#include <iostream>

namespace hearth::cli {

namespace {

std::string local_time(std::int64_t ms, const char* format = "%H:%M") {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, format, &local);
  return text;
}

// "#12". Built by appending: GCC 12 at -O2 gives a false -Wrestrict warning for "#" + a
// temporary string.
std::string numbered(std::uint64_t seq) {
  std::string out = "#";
  out += std::to_string(seq);
  return out;
}

}  // namespace

std::string format_time(std::int64_t ms) { return local_time(ms, "%Y-%m-%d %H:%M"); }

void Output::json_line(const google::protobuf::Message& message) const {
  std::string text;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &text, options);
  std::cout << text << std::endl;
}

void Output::say(const std::string& line) const {
  if (!json_) std::cout << line << std::endl;
}

void Output::message(const hearth::v1::RoomMessage& message) const {
  if (json_) return json_line(message);
  std::string line = "#";
  line += std::to_string(message.seq()) + " " + local_time(message.sent_at_ms()) + " " + message.author().handle() + ": ";
  if (message.deleted()) line += message.removed_by_moderator() ? "(removed by a coach)" : "(message deleted)";
  else line += message.text() + (message.edited_at_ms() != 0 ? "  (edited)" : "");
  std::cout << line << std::endl;
}

void Output::event(const hearth::v1::Event& event) const {
  if (json_) return json_line(event);
  if (event.has_message_edited()) {
    say(numbered(event.message_edited().seq()) + " edited: " + event.message_edited().text());
  } else if (event.has_message_deleted()) {
    say(numbered(event.message_deleted().seq()) +
        (event.message_deleted().removed_by_moderator() ? " was removed by a coach" : " was deleted"));
  } else if (event.has_member_joined()) {
    say("* " + event.member_joined().user().handle() + " joined the room");
  } else if (event.has_member_left()) {
    say("* " + event.member_left().user().handle() + " left the room");
  } else if (event.has_disconnecting()) {
    say("* the server is closing this connection: " + event.disconnecting().reason());
  } else if (event.has_crisis_resources()) {
    say("* Only you can see this. " + event.crisis_resources().text());
  } else if (event.has_moderation_notice()) {
    say("* From the coaches (only you can see this): " + event.moderation_notice().text());
  } else if (event.has_crisis_alert()) {
    say("!! CRISIS: someone may be in danger. " + queue_item_line(event.crisis_alert().item()));
  } else if (event.has_queue_item_changed()) {
    say("queue: " + queue_item_line(event.queue_item_changed().item()));
  }
}

std::string queue_item_line(const hearth::v1::QueueItem& item) {
  std::string kind = hearth::v1::QueueItemKind_Name(item.kind()).substr(5);     // ITEM_CRISIS -> CRISIS
  std::string state = hearth::v1::QueueItemState_Name(item.state()).substr(5);  // ITEM_OPEN -> OPEN
  std::string line = "item " + std::to_string(item.item_id()) + " [" + kind + ", " + state +
                     (item.escalated() ? ", escalated" : "") + "] room " + std::to_string(item.room_id()) + " ";
  const auto& message = item.message();
  if (message.seq() != 0) {
    line += numbered(message.seq()) + " ";
  } else {
    line += item.edit_of_message_id() != 0 ? "(held edit of message " + std::to_string(item.edit_of_message_id()) + ") "
                                           : std::string("(held) ");
  }
  // The item's own copy of the words under review, kept even if the author deleted them since.
  line += message.author().handle() + ":";
  if (!message.text().empty()) line += " \"" + message.text() + "\"";
  if (message.deleted()) line += message.removed_by_moderator() ? " (removed)" : " (deleted by its author)";
  if (!item.why().empty()) line += " — " + item.why();
  for (const auto& report : item.reports()) {
    line += "; reported by " + report.reporter().handle() + " (" +
            hearth::v1::ReportReason_Name(report.reason()).substr(7) + (report.note().empty() ? "" : ": " + report.note()) + ")";
  }
  if (item.state() == hearth::v1::ITEM_CLAIMED) {
    line += "; claimed by " + item.claimed_by().handle() + " until " + local_time(item.lease_expires_at_ms());
  }
  if (item.state() == hearth::v1::ITEM_RESOLVED) {
    line += "; " + hearth::v1::ModerationAction_Name(item.resolution()).substr(7) + " by " + item.resolved_by().handle();
    if (!item.resolution_reason().empty()) line += " (" + item.resolution_reason() + ")";
  }
  return line;
}

int Output::refused(const hearth::v1::Response& response) const {
  const auto& error = response.error();
  std::cerr << "hearth: " << hearth::v1::ErrorCode_Name(error.code()) << ": " << error.message();
  if (error.retry_after_ms() > 0) std::cerr << " (retry in " << (error.retry_after_ms() + 999) / 1000 << " s)";
  std::cerr << std::endl;
  if (json_) json_line(response);
  return kRefused;
}

}  // namespace hearth::cli
